// A plain reference of decide()'s consent evaluation, written from the rules
// (REGULATIONS.md C-*) over the stored records, with no packing, interning,
// bit masks or caches. The property test compares the fast path with it.
//
// Scope: requests whose fields are field tags (no catalog, so no C-NO-DUP),
// subjects with a `YYYY-MM-DD` birth date or none, a fixed-offset zone.

import { add, type Duration } from 'date-fns';
import type {
  ConsentRecord,
  FieldTag,
  Notice,
  Purpose,
  PurposeTaxonomy,
  SubjectRecord,
} from '../../src/consent/index.ts';
import { parseDuration } from '../../src/core/duration.ts';
import { WallDate } from '../../src/core/wall-date.ts';
import { isSensitive } from '../../src/tags/pi-category.ts';

/** What the reference needs of a request (times already epoch ms). */
export interface ReferenceRequest {
  readonly subject: SubjectRecord | undefined;
  readonly purpose: string;
  readonly processing: string;
  readonly fields: readonly FieldTag[];
  readonly recipient?: string | undefined;
  readonly crossBorder?: boolean | undefined;
  readonly legalBasis?: string | undefined;
  readonly handler?: string | undefined;
  readonly needed?:
    | { readonly fields?: readonly string[]; readonly categories?: readonly string[] }
    | undefined;
  readonly collectedAt?: number | undefined;
  readonly at: number;
}

/** The world the request is decided in. */
export interface ReferenceWorld {
  readonly taxonomy: PurposeTaxonomy;
  /** Every published notice version. */
  readonly notices: readonly Notice[];
  /** The subject's consent records, in store order. */
  readonly consents: readonly ConsentRecord[];
  readonly offsetMinutes: number;
}

/** The outcome compared with decide(): reason names, not reason objects. */
export interface ReferenceOutcome {
  readonly allowed: boolean;
  readonly allowedFields: readonly string[];
  /** Each reason's name in decide-reasons.ts (`name:field` for a field, `basis:<basis>`), in order. */
  readonly reasons: readonly string[];
  /** Each obligation's name (`deleteBy@<due>` for a delete-by date), in order. */
  readonly obligations: readonly string[];
  readonly legalBasis: string | undefined;
  readonly consents: readonly string[];
}

const PROVIDING = new Set(['provide', 'share', 'trade']);
const DISCLOSING = new Set(['disclose', 'open']);

type State = 'active' | 'pending' | 'expired' | 'withdrawn' | 'revoked' | 'refused';

/**
 * Decides a request the plain way.
 *
 * @param world - taxonomy, notices, consents, zone offset
 * @param request - the request
 * @returns the outcome
 */
export function referenceDecide(
  world: ReferenceWorld,
  request: ReferenceRequest,
): ReferenceOutcome {
  const purpose = world.taxonomy.get(request.purpose);
  if (purpose === undefined) return denied(['unknownPurpose']);
  const subject = request.subject;
  if (subject === undefined) return denied(['unknownSubject']);
  const at = request.at;
  const fields = request.fields;
  const isPi = (f: FieldTag) => f.piCategory !== undefined;
  const basis = request.legalBasis ?? 'consent';

  // C-MINIMUM: keep only the PI fields the purpose (and the caller) needs.
  const needs = purpose.needs;
  const needed = request.needed;
  const undeclared = needs === undefined && needed === undefined;
  const wants = (n: { fields?: readonly string[]; categories?: readonly string[] }, f: FieldTag) =>
    (n.fields ?? []).includes(f.name) || (n.categories ?? []).includes(f.piCategory as string);
  const kept = new Set<FieldTag>();
  const staticReasons: string[] = [];
  let withheld = false;
  for (const f of fields) {
    if (!isPi(f)) kept.add(f);
    else if (
      !undeclared &&
      (needs === undefined || wants(needs, f)) &&
      (needed === undefined || wants(needed, f))
    ) {
      kept.add(f);
    } else {
      withheld = true;
      if (!undeclared) staticReasons.push(`notNeeded:${f.name}`);
    }
  }
  if (undeclared && withheld) staticReasons.push('needsUndeclared');
  else if (!withheld) staticReasons.push('minimumMet');
  const keptFields = fields.filter((f) => kept.has(f)).map((f) => f.name);

  const covering = world.consents.filter((c) => covers(c.purposes, request.purpose));
  if (request.processing === 'delete') {
    const reasons = [...staticReasons, 'deletionAllowed'];
    if (covering.some((c) => stateOf(c, at) === 'withdrawn')) {
      reasons.push('deleteAfterWithdrawal');
    }
    return outcome(keptFields, reasons, [], undefined, []);
  }
  if (!fields.some(isPi)) {
    return outcome(keptFields, ['noPersonalInformation', ...staticReasons], [], undefined, []);
  }

  const turns14 = fourteenthBirthday(subject, world.offsetMinutes);
  const minorData = fields.some((f) => f.piCategory === 'minor-under-14');
  const minor: 'yes' | 'no' | 'unknown' =
    minorData || at < turns14 ? 'yes' : Number.isNaN(turns14) ? 'unknown' : 'no';
  const sensitiveField = (f: FieldTag) =>
    isPi(f) && (isSensitive(f.piCategory as never) || f.sensitive === true);
  const sensitive = minor !== 'no' || fields.some((f) => kept.has(f) && sensitiveField(f));
  const providing = PROVIDING.has(request.processing);
  const disclosing = DISCLOSING.has(request.processing);
  const crossBorder = request.crossBorder === true;

  if (basis !== 'consent') {
    return otherBasis(world, request, purpose, basis, staticReasons, keptFields, {
      minor,
      sensitive,
      assess: providing || disclosing || crossBorder,
    });
  }

  // PIPL Art. 13 ¶1(1): consent.
  const reasons = ['basisConsent', ...staticReasons];
  const keptPi = fields.some((f) => kept.has(f) && isPi(f));
  const checked = fields.filter((f) => kept.has(f) || (!keptPi && isPi(f)));
  const mine = covering.filter(
    (c) => request.handler === undefined || c.handler.id === request.handler,
  );
  if (mine.length === 0) return denied([...reasons, 'noConsent']);

  const ok = new Set<string>();
  const worst = new Map<string, number>(); // field → closest failure (higher is closer)
  const used: ConsentRecord[] = [];
  let fewestFailures: string[] | undefined;
  let latestInactive: { state: State; givenAt: number } | undefined;
  let anyPassed = false;
  let firstUsedEnd = Number.NaN;
  for (const c of mine) {
    const givenAt = Date.parse((c.events[0] as ConsentRecord['events'][number]).at);
    const state = stateOf(c, at);
    if (state !== 'active') {
      if (latestInactive === undefined || givenAt >= latestInactive.givenAt) {
        latestInactive = { state, givenAt };
      }
      continue;
    }
    const notice = noticeAt(world.notices, c, at);
    const failures: string[] = [];
    if (!c.processing.includes(request.processing as never)) failures.push('processing');
    else if (
      notice === undefined ||
      !notice.processing.includes(request.processing as never) ||
      !notice.purposes.some((p) => covers([p], request.purpose))
    ) {
      failures.push('notice');
    }
    if (
      providing ||
      (request.recipient !== undefined &&
        request.recipient !== c.handler.id &&
        request.processing !== 'entrust')
    ) {
      if (!c.separate.provide) failures.push('sep-provide');
      else if (request.recipient === undefined) failures.push('no-recipient');
      else if (!c.recipients.some((r) => r.id === request.recipient)) failures.push('recipient');
    }
    if (disclosing && !c.separate.disclose) failures.push('sep-public');
    if (crossBorder && !c.separate.crossBorder) failures.push('sep-xborder');
    if (c.givenBy.role === 'guardian') {
      if (subject.guardians !== undefined && !subject.guardians.includes(c.givenBy.id)) {
        failures.push('guardian-unregistered');
      }
    } else if (minor === 'yes') failures.push('minor-guardian');
    else if (minor === 'unknown') failures.push('minor-unknown');
    else if (givenAt < turns14) failures.push('minor-by-minor');
    const end = retentionEnd(world, request, purpose, c, givenAt);
    if (at >= end) failures.push('retention');
    if (failures.length > 0) {
      if (fewestFailures === undefined || failures.length < fewestFailures.length) {
        fewestFailures = failures;
      }
      continue;
    }
    anyPassed = true;
    let coversAField = false;
    for (const f of checked) {
      if (!isPi(f)) {
        ok.add(f.name);
        continue;
      }
      let failure = 0;
      if (!c.piCategories.includes(f.piCategory as never)) failure = 1;
      else if (notice === undefined || !notice.piCategories.includes(f.piCategory as never)) {
        failure = 2;
      } else if ((minor !== 'no' || sensitiveField(f)) && !c.separate.sensitive) failure = 3;
      if (failure === 0) {
        ok.add(f.name);
        coversAField = true;
      } else worst.set(f.name, Math.max(worst.get(f.name) ?? 0, failure));
    }
    if (coversAField) {
      if (used.length === 0) firstUsedEnd = end;
      used.push(c);
    }
  }

  const fieldFailure = (f: FieldTag) =>
    `${['notNeeded', 'categoryNotConsented', 'categoryNoticeChanged', 'sensitiveMissing'][worst.get(f.name) ?? 0]}:${f.name}`;
  if (used.length === 0) {
    if (anyPassed) {
      for (const f of checked) if ((worst.get(f.name) ?? 0) > 0) reasons.push(fieldFailure(f));
      return denied(reasons);
    }
    if (fewestFailures !== undefined) {
      const order = FAILURE_ORDER.filter(([name]) => fewestFailures?.includes(name));
      return denied(
        [...reasons, ...order.map(([, code]) => code)],
        fewestFailures.includes('retention') ? ['deleteNow'] : [],
      );
    }
    const state = (latestInactive as { state: State }).state;
    return denied([...reasons, INACTIVE[state]], state === 'withdrawn' ? ['stopAndDelete'] : []);
  }

  const obligations: string[] = [];
  let sensitiveAllowed = false;
  for (const f of checked) {
    if (ok.has(f.name)) {
      if (kept.has(f) && isPi(f) && (sensitiveField(f) || minor !== 'no')) sensitiveAllowed = true;
    } else reasons.push(fieldFailure(f));
  }
  reasons.push('consentValid');
  let assess = false;
  if (sensitiveAllowed) {
    reasons.push('sepSensitiveGiven');
    obligations.push('notifySensitive');
    assess = true;
  }
  const toOwnHandler =
    request.recipient !== undefined && used.some((c) => c.handler.id === request.recipient);
  if (
    providing ||
    (request.recipient !== undefined && request.processing !== 'entrust' && !toOwnHandler)
  ) {
    reasons.push('sepProvideGiven');
    obligations.push('recipientBound');
    assess = true;
  }
  if (disclosing) {
    reasons.push('sepPublicGiven');
    assess = true;
  }
  if (crossBorder) {
    reasons.push('sepXborderGiven');
    assess = true;
  }
  if (minor === 'yes') reasons.push('minorGuardianGiven');
  reasons.push('withinRetention');
  obligations.push(`deleteBy@${new Date(firstUsedEnd).toISOString()}`);
  if (assess) obligations.push('impactAssessment');
  const allowed = fields.filter((f) => kept.has(f) && ok.has(f.name)).map((f) => f.name);
  return outcome(
    allowed,
    reasons,
    obligations,
    'consent',
    used.map((c) => c.id),
  );
}

const FAILURE_ORDER: readonly (readonly [string, string])[] = [
  ['processing', 'processingNotConsented'],
  ['notice', 'noticeChanged'],
  ['sep-provide', 'sepProvideMissing'],
  ['no-recipient', 'recipientRequired'],
  ['recipient', 'recipientNotNamed'],
  ['sep-public', 'sepPublicMissing'],
  ['sep-xborder', 'sepXborderMissing'],
  ['minor-guardian', 'minorGuardianRequired'],
  ['minor-by-minor', 'minorGivenByMinor'],
  ['minor-unknown', 'minorAgeUnknown'],
  ['guardian-unregistered', 'minorGuardianUnregistered'],
  ['retention', 'retentionEnded'],
];

const INACTIVE: Readonly<Record<State, string>> = {
  active: 'noConsent',
  pending: 'consentPending',
  expired: 'consentExpired',
  withdrawn: 'consentWithdrawn',
  revoked: 'consentRevoked',
  refused: 'consentRefused',
};

function otherBasis(
  world: ReferenceWorld,
  request: ReferenceRequest,
  purpose: Purpose,
  basis: string,
  staticReasons: readonly string[],
  keptFields: readonly string[],
  facts: { minor: 'yes' | 'no' | 'unknown'; sensitive: boolean; assess: boolean },
): ReferenceOutcome {
  if (!purpose.bases.some((b) => b.basis === basis)) {
    return denied(['basisNotAllowed', ...staticReasons]);
  }
  const reasons = [`basis:${basis}`, ...staticReasons];
  const obligations: string[] = [];
  if (purpose.retention !== undefined && request.collectedAt !== undefined) {
    const end = addCivil(request.collectedAt, parseDuration(purpose.retention, 'r'), world);
    if (request.at >= end) return denied([...reasons, 'retentionEnded'], ['deleteNow']);
    reasons.push('withinRetention');
    obligations.push(`deleteBy@${new Date(end).toISOString()}`);
  }
  let assess = facts.assess;
  if (facts.sensitive) {
    reasons.push('sepSensitiveNotRequired');
    obligations.push('notifySensitive');
    assess = true;
  }
  if (facts.minor === 'yes') {
    reasons.push('minorOtherBasis');
    obligations.push('minorRules');
  }
  obligations.push('notifySubject');
  if (assess) obligations.push('impactAssessment');
  return outcome(keptFields, reasons, obligations, basis, []);
}

/** A consent (or notice) to `granted` covers `requested` and its descendants. */
function covers(granted: readonly string[], requested: string): boolean {
  return granted.some((g) => requested === g || requested.startsWith(`${g}.`));
}

/** The state of a consent at an instant, from its events and validity. */
function stateOf(c: ConsentRecord, at: number): State {
  let last: ConsentRecord['events'][number] | undefined;
  let until = c.validity.until === undefined ? Infinity : Date.parse(c.validity.until);
  for (const event of c.events) {
    if (Date.parse(event.at) > at) break;
    last = event;
    if (event.type === 'renewed' && event.until !== undefined) until = Date.parse(event.until);
  }
  if (last === undefined) return 'pending';
  if (last.type !== 'given' && last.type !== 'renewed') return last.type;
  if (at < Date.parse(c.validity.from)) return 'pending';
  if (at >= until) return 'expired';
  return 'active';
}

/** C-NOTICE: the latest version published by `at`, or before any, the version the subject saw. */
function noticeAt(notices: readonly Notice[], c: ConsentRecord, at: number): Notice | undefined {
  const versions = notices
    .filter((n) => n.id === c.notice.id)
    .sort((a, b) => Number(a.version) - Number(b.version));
  const published = versions.filter((n) => Date.parse(n.publishedAt) <= at);
  return published[published.length - 1] ?? versions.find((n) => n.version === c.notice.version);
}

/** C-RETENTION: the notice's period from collection (or consent), capped by the purpose's. */
function retentionEnd(
  world: ReferenceWorld,
  request: ReferenceRequest,
  purpose: Purpose,
  c: ConsentRecord,
  givenAt: number,
): number {
  const from = request.collectedAt ?? givenAt;
  const own = addCivil(from, parseDuration(c.retention, 'r'), world);
  if (purpose.retention === undefined) return own;
  return Math.min(own, addCivil(from, parseDuration(purpose.retention, 'r'), world));
}

/** The instant from which a subject is 14 (the day after the 14th birthday), NaN when unknown. */
function fourteenthBirthday(subject: SubjectRecord, offsetMinutes: number): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(subject.birthDate ?? '');
  if (match === null) return Number.NaN;
  const year = Number(match[1]) + 14;
  const month = Number(match[2]) - 1;
  let day = Number(match[3]);
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  if (day > last) day = last;
  return Date.UTC(year, month, day + 1) - offsetMinutes * 60_000;
}

function addCivil(ms: number, duration: Duration, world: ReferenceWorld): number {
  const shift = world.offsetMinutes * 60_000;
  return add(new WallDate(ms + shift), duration).getTime() - shift;
}

function outcome(
  allowedFields: readonly string[],
  reasons: readonly string[],
  obligations: readonly string[],
  legalBasis: string | undefined,
  consents: readonly string[],
): ReferenceOutcome {
  if (allowedFields.length === 0) return denied(reasons, obligations);
  return { allowed: true, allowedFields, reasons, obligations, legalBasis, consents };
}

function denied(reasons: readonly string[], obligations: readonly string[] = []): ReferenceOutcome {
  return {
    allowed: false,
    allowedFields: [],
    reasons,
    obligations,
    legalBasis: undefined,
    consents: [],
  };
}
