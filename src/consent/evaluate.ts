import { SEP_DISCLOSE, SEP_PROVIDE, SEP_SENSITIVE, SEP_XBORDER } from './bits.ts';
import {
  ACTIVE,
  type CompiledConsent,
  consentCovers,
  coversPurpose,
  EXPIRED,
  N_CATEGORIES,
  N_GIVEN,
  N_GUARDIAN,
  N_NOTICE,
  N_PROCESSING,
  N_RETENTION,
  N_SEPARATE,
  type NoticeMasks,
  type NoticeState,
  noticeVersionAt,
  PENDING,
  REFUSED,
  REVOKED,
  retentionDueOf,
  STRIDE,
  type SubjectConsents,
  stateAt,
  WITHDRAWN,
} from './compiled-consent.ts';
import { type FieldReasonName, O, R } from './decide-reasons.ts';
import { type Decision, makeDecision, NONE } from './decision.ts';
import { shiftByDuration } from './duration.ts';
import { type Obligation, obligation, type Reason, reason } from './reason.ts';
import type { CompiledRequest, FieldReasons } from './request.ts';
import type { SubjectInfo } from './subject.ts';

/** Shared state of an evaluator: caches and scratch buffers. Internal. */
export interface EvalContext {
  readonly fieldReason: FieldReasons;
  readonly offsetMinutes: number;
  /** Scratch: per-field best outcome across consents. */
  ok: Uint8Array;
  fail: Uint8Array;
  readonly dueCache: Map<number, Obligation>;
  readonly basisReasons: Map<string, Reason>;
  /** Every notice state, by index (consents refer to theirs by number). */
  readonly notices: readonly NoticeState[];
}

// Request-level failures of one consent, as bits; reasons are reported in this order.
const F_PROCESSING = 1;
const F_NOTICE = 2;
const F_SEP_PROVIDE = 4;
const F_NO_RECIPIENT = 8;
const F_RECIPIENT = 16;
const F_SEP_PUBLIC = 32;
const F_SEP_XBORDER = 64;
const F_MINOR_GUARDIAN = 128;
const F_MINOR_BY_MINOR = 256;
const F_MINOR_UNKNOWN = 512;
const F_GUARDIAN_UNREGISTERED = 1024;
const F_RETENTION = 2048;
const FLAG_REASONS: readonly (readonly [number, Reason])[] = [
  [F_PROCESSING, R.processingNotConsented],
  [F_NOTICE, R.noticeChanged],
  [F_SEP_PROVIDE, R.sepProvideMissing],
  [F_NO_RECIPIENT, R.recipientRequired],
  [F_RECIPIENT, R.recipientNotNamed],
  [F_SEP_PUBLIC, R.sepPublicMissing],
  [F_SEP_XBORDER, R.sepXborderMissing],
  [F_MINOR_GUARDIAN, R.minorGuardianRequired],
  [F_MINOR_BY_MINOR, R.minorGivenByMinor],
  [F_MINOR_UNKNOWN, R.minorAgeUnknown],
  [F_GUARDIAN_UNREGISTERED, R.minorGuardianUnregistered],
  [F_RETENTION, R.retentionEnded],
];

// Field-level failures, ranked: a higher value is closer to passing.
const FF_CATEGORY = 1;
const FF_NOTICE = 2;
const FF_SENSITIVE = 3;
const FIELD_FAIL: readonly FieldReasonName[] = [
  'notNeeded',
  'categoryNotConsented',
  'categoryNoticeChanged',
  'sensitiveMissing',
];

const MINOR_NO = 0;
const MINOR_YES = 1;
const MINOR_UNKNOWN = 2;

/**
 * Decides one compiled request for one subject at one instant over the
 * subject's compiled consents. Pure apart from the context's caches.
 *
 * @param ctx - the evaluation context
 * @param req - the compiled request
 * @param subject - the subject, or undefined when unknown
 * @param consents - the subject's compiled consents
 * @param at - epoch milliseconds
 * @returns the decision
 */
export function evaluate(
  ctx: EvalContext,
  req: CompiledRequest,
  subject: SubjectInfo | undefined,
  consents: SubjectConsents,
  at: number,
): Decision {
  const purpose = req.purpose;
  if (purpose === undefined) return deny([R.unknownPurpose]);
  const fields = req.fields;
  if (fields.unknown !== undefined) return deny([ctx.fieldReason('unknownField', fields.unknown)]);
  if (subject === undefined) return deny([R.unknownSubject]);
  const n = fields.names.length;
  const keep = req.keep;
  // The consent rules run over `check`; only `keep` fields can be allowed.
  const check = req.check;
  // Reasons go basis first, then the request's static (C-MINIMUM, C-NO-DUP) reasons.
  const reasons: Reason[] = [];
  const obligations: Obligation[] =
    req.staticObligations.length === 0 ? [] : req.staticObligations.slice();

  if (req.deleting) {
    append(reasons, req.staticReasons);
    reasons.push(R.deletionAllowed);
    for (let k = 0; k < consents.count; k++) {
      if (consentCovers(consents, k, purpose.ancestors) && stateAt(consents, k, at) === WITHDRAWN) {
        reasons.push(R.deleteAfterWithdrawal);
        break;
      }
    }
    return finish(fields.names, keep, undefined, n, reasons, obligations, undefined, NONE);
  }
  if (!req.pi) {
    reasons.push(R.noPersonalInformation);
    append(reasons, req.staticReasons);
    return finish(fields.names, keep, undefined, n, reasons, obligations, undefined, NONE);
  }

  const reaches14 = subject.reaches14;
  const minor =
    fields.minorData || at < reaches14
      ? MINOR_YES
      : !Number.isNaN(reaches14)
        ? MINOR_NO
        : MINOR_UNKNOWN;
  let sensitive = minor !== MINOR_NO;
  if (!sensitive) {
    for (let i = 0; i < n; i++) {
      if (keep[i] === 1 && fields.sensitive[i] === 1) {
        sensitive = true;
        break;
      }
    }
  }

  if (req.basis !== 'consent')
    return otherBasis(ctx, req, minor, sensitive, reasons, obligations, at);

  // Consent (PIPL Art. 13 ¶1(1)): find the consents that cover the purpose.
  reasons.push(R.basisConsent);
  append(reasons, req.staticReasons);
  if (ctx.ok.length < n) {
    ctx.ok = new Uint8Array(n * 2);
    ctx.fail = new Uint8Array(n * 2);
  }
  const ok = ctx.ok;
  const fail = ctx.fail;
  for (let i = 0; i < n; i++) {
    ok[i] = 0;
    fail[i] = 0;
  }
  let matched = 0;
  let used: readonly string[] | undefined;
  let bestFlags = 0;
  let bestCount = 99;
  let inactive = -1;
  let inactiveAt = -Infinity;
  let retentionDue: Obligation | undefined;
  let passed = false;
  const ancestors = purpose.ancestors;
  const procBit = req.procBit;
  const num = consents.num;
  for (let k = 0; k < consents.count; k++) {
    const base = consents.blocks + k * STRIDE;
    if (
      req.handler !== undefined &&
      (consents.consents[k] as CompiledConsent).handler !== req.handler
    ) {
      continue;
    }
    if (!consentCovers(consents, k, ancestors)) continue;
    matched++;
    const givenAt = num[base + N_GIVEN] as number;
    const state = stateAt(consents, k, at);
    if (state !== ACTIVE) {
      if (givenAt >= inactiveAt) {
        inactive = state;
        inactiveAt = givenAt;
      }
      continue;
    }
    // Judged against the notice version in force at `at` (C-NOTICE), never a later one.
    const versions = ctx.notices[num[base + N_NOTICE] as number] as NoticeState;
    const notice: NoticeMasks =
      at >= versions.currentFrom
        ? versions
        : noticeVersionAt(versions, at, (consents.consents[k] as CompiledConsent).noticeVersion);
    const separate = num[base + N_SEPARATE] as number;
    let flags = 0;
    if (((num[base + N_PROCESSING] as number) & procBit) === 0) flags |= F_PROCESSING;
    else if ((notice.processing & procBit) === 0 || !coversPurpose(notice.purposes, ancestors)) {
      flags |= F_NOTICE;
    }
    const recipient = req.recipient;
    if (
      req.providing ||
      (recipient !== undefined &&
        recipient !== (consents.consents[k] as CompiledConsent).handler &&
        !req.entrusting)
    ) {
      if ((separate & SEP_PROVIDE) === 0) flags |= F_SEP_PROVIDE;
      else if (recipient === undefined) flags |= F_NO_RECIPIENT;
      else if (!(consents.consents[k] as CompiledConsent).recipients.has(recipient)) {
        flags |= F_RECIPIENT;
      }
    }
    if (req.disclosing && (separate & SEP_DISCLOSE) === 0) flags |= F_SEP_PUBLIC;
    if (req.crossBorder && (separate & SEP_XBORDER) === 0) flags |= F_SEP_XBORDER;
    if (num[base + N_GUARDIAN] === 1) {
      const giver = (consents.consents[k] as CompiledConsent).giver;
      if (subject.guardians !== undefined && !subject.guardians.has(giver)) {
        flags |= F_GUARDIAN_UNREGISTERED;
      }
    } else if (minor === MINOR_YES) flags |= F_MINOR_GUARDIAN;
    else if (minor === MINOR_UNKNOWN) flags |= F_MINOR_UNKNOWN;
    else if (givenAt < reaches14) flags |= F_MINOR_BY_MINOR;
    const retentionEnd = retentionEndOf(ctx, req, consents, k);
    if (at >= retentionEnd) flags |= F_RETENTION;
    if (flags !== 0) {
      const count = bitCount(flags);
      if (count < bestCount) {
        bestCount = count;
        bestFlags = flags;
      }
      continue;
    }
    passed = true;
    const categories = num[base + N_CATEGORIES] as number;
    let any = false;
    for (let i = 0; i < n; i++) {
      if (check[i] !== 1) continue;
      const bit = fields.categories[i] as number;
      if (bit === 0) {
        ok[i] = 1;
        continue;
      }
      let f = 0;
      if ((categories & bit) === 0) f = FF_CATEGORY;
      else if ((notice.categories & bit) === 0) f = FF_NOTICE;
      else if (minor !== MINOR_NO || fields.sensitive[i] === 1) {
        if ((separate & SEP_SENSITIVE) === 0) f = FF_SENSITIVE;
      }
      if (f === 0) {
        ok[i] = 1;
        any = true;
      } else if (f > (fail[i] as number)) fail[i] = f;
    }
    if (any) {
      // One consent is the common case: share its frozen id list instead of allocating.
      const ids = consents.aux[2 * k] as readonly string[];
      if (used === undefined) used = ids;
      else {
        const next: string[] = [];
        for (let u = 0; u < used.length; u++) next.push(used[u] as string);
        next.push(ids[0] as string);
        used = next;
      }
      if (retentionDue === undefined) retentionDue = dueObligation(ctx, consents, k, retentionEnd);
    }
  }

  if (matched === 0) {
    reasons.push(R.noConsent);
    return deny(reasons, obligations);
  }
  if (used === undefined) {
    if (passed) {
      // A consent covers the request but none of its personal fields.
      for (let i = 0; i < n; i++) {
        if (check[i] === 1 && (fail[i] as number) > 0) {
          reasons.push(fieldFailure(ctx, fail[i] as number, fields.names[i] as string));
        }
      }
    } else if (bestCount !== 99) {
      for (const [flag, r] of FLAG_REASONS) if ((bestFlags & flag) !== 0) reasons.push(r);
      if ((bestFlags & F_RETENTION) !== 0) obligations.push(O.deleteNow);
    } else {
      reasons.push(inactiveReason(inactive));
      if (inactive === WITHDRAWN) obligations.push(O.stopAndDelete);
    }
    return deny(reasons, obligations);
  }

  // At least one consent passed: report withheld fields, then what passed.
  let allowedSensitive = false;
  for (let i = 0; i < n; i++) {
    if (check[i] !== 1) continue;
    if (ok[i] === 1) {
      if (
        keep[i] === 1 &&
        fields.categories[i] !== 0 &&
        (fields.sensitive[i] === 1 || minor !== MINOR_NO)
      ) {
        allowedSensitive = true;
      }
    } else {
      reasons.push(fieldFailure(ctx, fail[i] as number, fields.names[i] as string));
    }
  }
  reasons.push(R.consentValid);
  let assess = false;
  if (allowedSensitive) {
    reasons.push(R.sepSensitiveGiven);
    obligations.push(O.notifySensitive);
    assess = true;
  }
  if (
    req.providing ||
    (req.recipient !== undefined && !req.entrusting && !handlerIs(consents, used, req.recipient))
  ) {
    reasons.push(R.sepProvideGiven);
    obligations.push(O.recipientBound);
    assess = true;
  }
  if (req.disclosing) {
    reasons.push(R.sepPublicGiven);
    assess = true;
  }
  if (req.crossBorder) {
    reasons.push(R.sepXborderGiven);
    assess = true;
  }
  if (minor === MINOR_YES) reasons.push(R.minorGuardianGiven);
  reasons.push(R.withinRetention);
  if (retentionDue !== undefined) obligations.push(retentionDue);
  if (assess) obligations.push(O.impactAssessment);
  return finish(fields.names, keep, ok, n, reasons, obligations, 'consent', used);
}

function otherBasis(
  ctx: EvalContext,
  req: CompiledRequest,
  minor: number,
  sensitive: boolean,
  reasons: Reason[],
  obligations: Obligation[],
  at: number,
): Decision {
  const purpose = req.purpose as NonNullable<CompiledRequest['purpose']>;
  if ((purpose.basisMask & req.basisBit) === 0) {
    reasons.push(R.basisNotAllowed);
    append(reasons, req.staticReasons);
    return deny(reasons, obligations);
  }
  reasons.push(basisReason(ctx, req));
  append(reasons, req.staticReasons);
  if (purpose.retention !== undefined && !Number.isNaN(req.collectedAt)) {
    const end = shiftByDuration(req.collectedAt, purpose.retention, ctx.offsetMinutes);
    if (at >= end) {
      reasons.push(R.retentionEnded);
      obligations.push(O.deleteNow);
      return deny(reasons, obligations);
    }
    reasons.push(R.withinRetention);
    obligations.push(dueAt(ctx, end));
  }
  let assess = req.providing || req.disclosing || req.crossBorder;
  if (sensitive) {
    reasons.push(R.sepSensitiveNotRequired);
    obligations.push(O.notifySensitive);
    assess = true;
  }
  if (minor === MINOR_YES) {
    reasons.push(R.minorOtherBasis);
    obligations.push(O.minorRules);
  }
  obligations.push(O.notifySubject);
  if (assess) obligations.push(O.impactAssessment);
  const fields = req.fields;
  return finish(
    fields.names,
    req.keep,
    undefined,
    fields.names.length,
    reasons,
    obligations,
    req.basis,
    NONE,
  );
}

function finish(
  names: readonly string[],
  keep: Uint8Array,
  ok: Uint8Array | undefined,
  n: number,
  reasons: readonly Reason[],
  obligations: readonly Obligation[],
  basis: Decision['legalBasis'],
  consents: readonly string[],
): Decision {
  let count = 0;
  for (let i = 0; i < n; i++) if (keep[i] === 1 && (ok === undefined || ok[i] === 1)) count++;
  if (count === 0) return makeDecision(false, NONE, reasons, obligations, undefined, NONE);
  if (count === n) return makeDecision(true, names, reasons, obligations, basis, consents);
  const allowed = new Array<string>(count);
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (keep[i] === 1 && (ok === undefined || ok[i] === 1)) allowed[j++] = names[i] as string;
  }
  return makeDecision(true, allowed, reasons, obligations, basis, consents);
}

function append(to: Reason[], from: readonly Reason[]): void {
  for (let i = 0; i < from.length; i++) to.push(from[i] as Reason);
}

function fieldFailure(ctx: EvalContext, code: number, name: string): Reason {
  return ctx.fieldReason(FIELD_FAIL[code] as (typeof FIELD_FAIL)[number], name);
}

function deny(reasons: readonly Reason[], obligations: readonly Obligation[] = NONE): Decision {
  return makeDecision(false, NONE, reasons, obligations, undefined, NONE);
}

function inactiveReason(state: number): Reason {
  switch (state) {
    case WITHDRAWN:
      return R.consentWithdrawn;
    case REVOKED:
      return R.consentRevoked;
    case EXPIRED:
      return R.consentExpired;
    case REFUSED:
      return R.consentRefused;
    case PENDING:
      return R.consentPending;
    default:
      return R.noConsent;
  }
}

function retentionEndOf(
  ctx: EvalContext,
  req: CompiledRequest,
  s: SubjectConsents,
  k: number,
): number {
  const purpose = req.purpose as NonNullable<CompiledRequest['purpose']>;
  const retention = purpose.retention;
  const base = s.blocks + k * STRIDE;
  const own = s.num[base + N_RETENTION] as number;
  const givenAt = s.num[base + N_GIVEN] as number;
  if (Number.isNaN(req.collectedAt)) {
    if (retention === undefined) return own;
    // A purpose with its own (shorter) period: computed once per consent and purpose.
    const c = s.consents[k] as CompiledConsent;
    let byPurpose = c.byPurpose;
    if (byPurpose === undefined) {
      byPurpose = new Map();
      c.byPurpose = byPurpose;
    }
    let end = byPurpose.get(purpose.index);
    if (end === undefined) {
      end = Math.min(own, shiftByDuration(givenAt, retention, ctx.offsetMinutes));
      byPurpose.set(purpose.index, end);
    }
    return end;
  }
  // Counted from collection on the civil calendar: the notice's period, and the
  // purpose's if it declares one (not the consent's period moved by a fixed length).
  let end = shiftByDuration(
    req.collectedAt,
    (s.consents[k] as CompiledConsent).retention,
    ctx.offsetMinutes,
  );
  if (retention !== undefined) {
    end = Math.min(end, shiftByDuration(req.collectedAt, retention, ctx.offsetMinutes));
  }
  return end;
}

function dueObligation(ctx: EvalContext, s: SubjectConsents, k: number, end: number): Obligation {
  return end === s.num[s.blocks + k * STRIDE + N_RETENTION]
    ? retentionDueOf(s, k)
    : dueAt(ctx, end);
}

function dueAt(ctx: EvalContext, end: number): Obligation {
  let due = ctx.dueCache.get(end);
  if (due === undefined) {
    due = obligation(
      'C-RETENTION',
      'PIPL Arts. 19, 47',
      'delete-by',
      'delete the PI when its retention period ends',
      {
        due: new Date(end).toISOString(),
      },
    );
    if (ctx.dueCache.size > 4096) ctx.dueCache.clear();
    ctx.dueCache.set(end, due);
  }
  return due;
}

function basisReason(ctx: EvalContext, req: CompiledRequest): Reason {
  const purpose = req.purpose as NonNullable<CompiledRequest['purpose']>;
  // The version: extend() may give the purpose another law for the basis.
  const key = `${purpose.index}:${req.basis}:${req.taxonomyVersion}`;
  let r = ctx.basisReasons.get(key);
  if (r === undefined) {
    const law = purpose.laws.get(req.basis) as string;
    r = reason(
      'pass',
      'C-BASIS',
      `PIPL Art. 13; ${law}`,
      `basis-${req.basis}`,
      `processing rests on ${req.basis}, as ${law} allows for purpose ${purpose.purpose.id}; no consent is needed`,
    );
    ctx.basisReasons.set(key, r);
  }
  return r;
}

function handlerIs(consents: SubjectConsents, used: readonly string[], party: string): boolean {
  for (const c of consents.consents) if (c.handler === party && used.includes(c.id)) return true;
  return false;
}

function bitCount(x: number): number {
  let count = 0;
  for (let v = x; v !== 0; v &= v - 1) count++;
  return count;
}
