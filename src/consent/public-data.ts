import { z } from 'zod';
import { assertRecord } from '../core/assert.ts';
import { deepFreeze } from '../core/deep-freeze.ts';
import { parseArgument } from '../core/parse.ts';
import { Id, PartyRef, PurposeId } from '../core/refs.ts';
import { StoreError, ValidationError } from '../errors/kinds.ts';
import type { DatasetSchema } from '../tags/dataset.ts';
import { Processing } from '../tags/vocabulary.ts';
import { andThen } from './awaitable.ts';
import { NONE } from './decision.ts';
import { parseDuration, shiftByDuration } from './duration.ts';
import type { DutyDefinition, Engine } from './engine.ts';
import { GRANT_SCHEMA, type Grant, type GrantEvent, grantStateAt } from './grant.ts';
import { OBJECTION_SCHEMA, type Objection } from './objection.ts';
import type {
  GrantChange,
  GrantDecision,
  GrantInput,
  GrantUseRequest,
  MisuseReport,
  ObjectionInput,
  OpenRequest,
  ShareDecision,
  ShareGrantRequest,
  ShareRequest,
  TermInput,
} from './public-data-types.ts';
import { type Obligation, obligation, type Reason, reason } from './reason.ts';
import type { SafeResult } from './safe-result.ts';
import { S, SHARE_FIELD, SO } from './share-reasons.ts';
import type { Awaitable } from './store.ts';
import { LocalDateTime, zonedIso } from './time-zone.ts';

type Out<M, T> = M extends 'sync' ? T : Promise<T>;

/** The public-data half of a decider (S-* rules), sync or async. */
export interface PublicDataApi<M extends 'sync' | 'async'> {
  /** May this department get these fields of this dataset for its duty? (S-TYPES, S-REQUEST, S-PURPOSE) */
  decideShare(request: ShareRequest): Out<M, ShareDecision>;
  /** decideShare, and when allowed, store a share grant for the allowed fields and term. */
  grantShare(request: ShareGrantRequest): Out<M, GrantDecision>;
  /** Grants opening on application (S-OPEN), development (S-DEVELOP) or authorized operation (S-AUTH-TERM). */
  issueGrant(input: GrantInput): Out<M, GrantDecision>;
  /** May the grantee do this with granted data? (S-PURPOSE, S-SUSPEND, S-DEVELOP, S-AUTH-TERM) */
  decideGrantUse(request: GrantUseRequest): Out<M, ShareDecision>;
  /** May this requester get these opened fields? (S-OPEN) */
  decideOpen(request: OpenRequest): Out<M, ShareDecision>;
  /** Like decideShare(), but returns `{ ok: false, error }` instead of throwing on programming misuse. */
  safeDecideShare(request: ShareRequest): Out<M, SafeResult<ShareDecision>>;
  /** Like decideOpen(), but returns `{ ok: false, error }` instead of throwing on programming misuse. */
  safeDecideOpen(request: OpenRequest): Out<M, SafeResult<ShareDecision>>;
  /** Like decideGrantUse(), but returns `{ ok: false, error }` instead of throwing on programming misuse. */
  safeDecideGrantUse(request: GrantUseRequest): Out<M, SafeResult<ShareDecision>>;
  /** Records misuse: the grant is suspended until corrected, terminated after the deadline (S-SUSPEND). */
  reportMisuse(grant: string, report: MisuseReport): Out<M, Grant>;
  /** Records the correction of misuse: the grant resumes. */
  recordCorrection(grant: string, change: GrantChange): Out<M, Grant>;
  terminateGrant(grant: string, change: GrantChange): Out<M, Grant>;
  /** Records a developer's usage report (S-DEVELOP). */
  reportUsage(grant: string, change: GrantChange): Out<M, Grant>;
  /** Records an objection to shared or opened data (S-OBJECTION). */
  recordObjection(input: ObjectionInput): Out<M, Objection>;
  /** Records how an objection was handled (a quality error is `corrected`). */
  handleObjection(
    id: string,
    change: GrantChange & { readonly outcome: 'corrected' | 'upheld' | 'rejected' },
  ): Out<M, Objection>;
  /** Records the feedback given to the objector. */
  feedBackObjection(id: string, change: GrantChange): Out<M, Objection>;
}

const DatasetArg = z.strictObject({ id: Id, version: z.string().min(1).max(64).optional() });
const Names = z.array(z.string().min(1).max(128)).min(1).max(10_000);
// Requests that decideX() answers: an empty list is a deniable request, not misuse.
const AskedNames = z.array(z.string().min(1).max(128)).max(10_000);
const Instant = z.union([LocalDateTime, z.number(), z.date()]).optional();
const Term = z.strictObject({
  start: LocalDateTime.optional(),
  end: LocalDateTime.optional(),
  duration: z.string().max(64).optional(),
});
const Duty = z.strictObject({
  id: Id,
  law: z.string().max(500),
  scope: z.array(
    z.strictObject({ dataset: Id, fields: z.array(z.string().min(1).max(128)).optional() }),
  ),
});
const ShareArg = z.strictObject({
  dataset: DatasetArg.optional(),
  fields: AskedNames,
  requester: PartyRef.optional(),
  requesterRole: z.enum(['public-management', 'public-service', 'public-utility']).optional(),
  duty: z.union([z.string().max(256), Duty]).optional(),
  scenario: z.string().max(2000).optional(),
  commitment: z
    .object({
      authenticity: z.boolean().optional(),
      security: z.boolean().optional(),
      compliance: z.boolean().optional(),
    })
    .optional(),
  purpose: PurposeId.optional(),
  at: Instant,
  id: Id.optional(),
  term: Term.optional(),
});
const GrantArg = z.strictObject({
  id: Id.optional(),
  kind: z.enum(['open', 'develop', 'authorized-operation']),
  dataset: DatasetArg,
  fields: Names,
  grantee: PartyRef,
  purpose: PurposeId,
  term: Term,
  approvedBy: PartyRef.optional(),
  authority: PartyRef.optional(),
  reportEvery: z.string().max(64).optional(),
  termJustification: z.string().max(2000).optional(),
  outputForms: z.array(z.string().min(1).max(64)).max(64).optional(),
  at: Instant,
});
const UseArg = z.strictObject({
  grant: z.string().max(256),
  actor: z.union([Id, PartyRef]),
  recipient: z.union([Id, PartyRef]).optional(),
  purpose: z.string().max(256),
  processing: Processing,
  fields: AskedNames,
  output: z.string().min(1).max(64).optional(),
  label: z.string().max(2000).optional(),
  derived: z.boolean().optional(),
  at: Instant,
});
const OpenArg = z.strictObject({
  dataset: DatasetArg.optional(),
  fields: AskedNames,
  requester: PartyRef,
  grant: Id.optional(),
  at: Instant,
});
const ChangeArg = z.strictObject({
  at: LocalDateTime.optional(),
  by: Id,
  note: z.string().max(500).optional(),
  correctBy: LocalDateTime.optional(),
  outcome: z.enum(['corrected', 'upheld', 'rejected']).optional(),
});
const ObjectionArg = z.strictObject({
  id: Id.optional(),
  dataset: Id,
  field: z.string().min(1).max(128).optional(),
  by: PartyRef,
  kind: z.enum(['quality', 'rights', 'other']),
  description: z.string().min(1).max(2000),
  at: LocalDateTime.optional(),
});

/** A request parsed for a decision: its data, or the reasons to deny it. */
type Asked<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly reasons: Reason[] };

/**
 * Parses a request that a decideX() answers. A non-object is programming
 * misuse and throws; a malformed part is a deniable request: one reason per
 * part, from `known` or S-REQUEST `malformed-request` naming the part (never its value).
 */
function parseAsked<T>(
  schema: z.ZodType<T>,
  value: unknown,
  known: Readonly<Record<string, Reason>>,
): Asked<T> {
  assertRecord(value, 'request');
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const keys: string[] = [];
  for (const issue of result.error.issues) {
    const named =
      issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0] ?? 'request')];
    for (const key of named) if (!keys.includes(key)) keys.push(key);
  }
  const reasons: Reason[] = [];
  for (const key of keys) {
    const r = Object.hasOwn(known, key) ? (known[key] as Reason) : malformed(key);
    if (!reasons.includes(r)) reasons.push(r);
  }
  return { ok: false, reasons };
}

function malformed(key: string): Reason {
  const name = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  return reason(
    'deny',
    'S-REQUEST',
    S.requestComplete.article,
    'malformed-request',
    `request.${name} is missing or malformed`,
  );
}

// The reason a malformed part of a request is denied with, by part.
const SHARE_PARTS: Readonly<Record<string, Reason>> = {
  dataset: S.unknownDataset,
  requester: S.requesterNotPublicBody,
  fields: S.fieldsMissing,
  scenario: S.scenarioMissing,
  commitment: S.commitmentMissing,
  duty: S.dutyMissing,
};
const OPEN_PARTS: Readonly<Record<string, Reason>> = {
  dataset: S.unknownDataset,
  fields: S.fieldsMissing,
};
const USE_PARTS: Readonly<Record<string, Reason>> = {
  grant: S.unknownGrant,
  actor: S.notGrantee,
  fields: S.fieldsMissing,
};

const TRANSFERS: ReadonlySet<string> = new Set(['provide', 'share', 'disclose', 'open', 'trade']);

/**
 * Builds the public-data methods over an engine.
 *
 * @param engine - the engine
 * @param wrap - turns an Awaitable into the facade's result (sync or promise)
 * @param safe - the same, as a non-throwing result
 * @returns the methods
 */
export function publicDataApi<M extends 'sync' | 'async'>(
  engine: Engine,
  wrap: <T>(run: () => Awaitable<T>) => Out<M, T>,
  safe: <T>(run: () => Awaitable<T>) => Out<M, SafeResult<T>>,
): PublicDataApi<M> {
  const iso = (ms: number) => new Date(ms).toISOString();
  // Dates and offset-less times are read in the engine's zone, stored with its offset.
  const zoned = (text: string, name: string) => zonedIso(text, engine.zone, name);
  const field = (
    template: keyof typeof SHARE_FIELD,
    name: string,
    message?: string,
    article?: string,
  ): Reason => {
    const [effect, rule, a, code, m] = SHARE_FIELD[template];
    return reason(effect, rule, article ?? a, code, message ?? m, name);
  };
  const deny = (reasons: readonly Reason[], obligations: readonly Obligation[] = NONE) => ({
    allowed: false,
    allowedFields: NONE,
    reasons,
    obligations,
  });

  function dataset(ref: { id: string; version?: string | undefined }): DatasetSchema | Reason {
    if (engine.catalog === undefined) return S.catalogRequired;
    const schema = engine.catalog.get(ref.id, ref.version);
    if (schema === undefined) return S.unknownDataset;
    if (schema.domain !== 'public' && schema.domain !== 'government') return S.notPublicData;
    return schema;
  }

  function unknownFields(schema: DatasetSchema, names: readonly string[]): Reason[] {
    const known = new Set(schema.fields.map((f) => f.name));
    return names.filter((n) => !known.has(n)).map((n) => field('unknownField', n));
  }

  function term(input: TermInput, at: number): { start: string; end: string } | undefined {
    const start = input.start === undefined ? iso(at) : zoned(input.start, 'term.start');
    let end = input.end === undefined ? undefined : zoned(input.end, 'term.end');
    if (input.duration !== undefined) {
      if (end !== undefined) {
        throw new ValidationError('give term.end or term.duration, not both', {
          path: 'term',
          reason: 'ambiguous-term',
        });
      }
      end = iso(
        shiftByDuration(
          Date.parse(start),
          parseDuration(input.duration, 'term.duration'),
          engine.offsetMinutes,
        ),
      );
    }
    if (end === undefined) {
      throw new ValidationError('a grant needs term.end or term.duration', {
        path: 'term',
        reason: 'term-required',
      });
    }
    return Date.parse(end) > Date.parse(start) ? { start, end } : undefined;
  }

  function pendingObjections(
    schema: DatasetSchema,
    names: readonly string[],
  ): Awaitable<Obligation[]> {
    return andThen(engine.store.objectionsOf(schema.id), (list) =>
      list.some((o) => o.events.length === 1 && (o.field === undefined || names.includes(o.field)))
        ? [SO.objectionPending]
        : [],
    );
  }

  function share(
    request: ShareRequest,
  ): Awaitable<{ decision: ShareDecision; schema?: DatasetSchema; duty?: DutyDefinition }> {
    const asked = parseAsked(ShareArg, request, SHARE_PARTS);
    if (!asked.ok) return { decision: deny(asked.reasons) };
    const r = asked.data;
    engine.now(r.at, 'request.at');
    if (r.dataset === undefined) return { decision: deny([S.unknownDataset]) };
    const found = dataset(r.dataset);
    if (!('fields' in found)) return { decision: deny([found]) };
    const schema = found;
    // Requesters are public management and service bodies, public utilities included (Fujian Art. 49).
    const publicBody = r.requester?.kind === 'agency' || r.requesterRole !== undefined;
    if (r.requester === undefined || !publicBody || r.requester.kind === 'individual')
      return { decision: deny([S.requesterNotPublicBody]) };
    if (r.fields.length === 0) return { decision: deny([S.fieldsMissing]) };
    const unknown = unknownFields(schema, r.fields);
    if (unknown.length > 0) return { decision: deny(unknown) };
    const reasons: Reason[] = [];
    if (r.scenario === undefined || r.scenario.trim() === '') reasons.push(S.scenarioMissing);
    const c = r.commitment;
    if (c?.authenticity !== true || c.security !== true || c.compliance !== true) {
      reasons.push(S.commitmentMissing);
    }
    let duty: DutyDefinition | undefined;
    if (r.duty === undefined || (typeof r.duty === 'string' && r.duty.trim() === '')) {
      reasons.push(S.dutyMissing);
    } else if (typeof r.duty === 'string') {
      duty = engine.duties?.get(r.requester.id, r.duty);
      if (duty === undefined) reasons.push(S.dutyUnknown);
    } else if (engine.duties !== undefined) {
      duty = engine.duties.get(r.requester.id, r.duty.id);
      if (duty === undefined) reasons.push(S.dutyUnknown);
    } else if (r.duty.law.trim() === '') reasons.push(S.dutyMissing);
    else duty = r.duty;
    if (reasons.length > 0) return { decision: deny(reasons) };
    if (r.requester.kind !== 'agency') reasons.push(S.publicServiceBody);
    reasons.push(S.requestComplete);
    const scope = (duty as DutyDefinition).scope.find((s) => s.dataset === schema.id);
    const allowed: string[] = [];
    let conditional = false;
    const reviews: Obligation[] = [];
    let unconditional = false;
    for (const name of new Set(r.fields)) {
      const f = schema.fields.find((x) => x.name === name) as DatasetSchema['fields'][number];
      if (f.share === 'unconditional') {
        allowed.push(name);
        unconditional = true;
      } else if (f.share === 'conditional') {
        if (scope !== undefined && (scope.fields === undefined || scope.fields.includes(name))) {
          allowed.push(name);
          conditional = true;
        } else reasons.push(field('outsideDuty', name));
      } else {
        // 暂不共享 is temporary: it rests on a basis and is reviewed by a date.
        const review = f.shareReviewBy;
        reasons.push(
          reason(
            'withhold',
            'S-TYPES',
            `Fujian Art. 14; ${f.shareBasis ?? 'legal basis not recorded'}`,
            'not-shared',
            `the field is temporarily not shared (暂不共享); legal basis: ${f.shareBasis ?? 'not recorded'}; review due: ${review ?? 'no review date recorded'}`,
            name,
          ),
        );
        reviews.push(
          obligation(
            SO.reviewNotShared.rule,
            SO.reviewNotShared.article,
            SO.reviewNotShared.code,
            SO.reviewNotShared.message,
            review === undefined ? { text: name } : { due: review, text: name },
          ),
        );
      }
    }
    if (unconditional) reasons.push(S.unconditional);
    if (conditional) reasons.push(S.conditionalWithinDuty);
    if (allowed.length === 0)
      return { decision: deny(reasons, reviews), schema, duty: duty as DutyDefinition };
    reasons.push(S.dutyUseOnly);
    return andThen(pendingObjections(schema, allowed), (objections) => ({
      decision: {
        allowed: true,
        allowedFields: allowed,
        reasons,
        obligations: [SO.noOnwardTransfer, SO.recordSharing, ...reviews, ...objections],
      },
      schema,
      duty: duty as DutyDefinition,
    }));
  }

  function grantShare(request: ShareGrantRequest): Awaitable<GrantDecision> {
    const r = parseArgument(ShareArg, request, 'request');
    if (r.term === undefined) {
      throw new ValidationError('grantShare needs a term', {
        path: 'request.term',
        reason: 'term-required',
      });
    }
    const at = engine.now(r.at, 'request.at');
    const t = term(r.term, at);
    return andThen(share(request), ({ decision, schema, duty }) => {
      if (t === undefined)
        return { ...deny([...decision.reasons, S.invalidTerm]), grant: undefined };
      if (
        !decision.allowed ||
        schema === undefined ||
        duty === undefined ||
        r.requester === undefined ||
        r.scenario === undefined
      )
        return { ...decision, grant: undefined };
      const grant = deepFreeze<Grant>({
        schemaVersion: GRANT_SCHEMA,
        id: r.id ?? engine.newId('grant'),
        kind: 'share',
        dataset: { id: schema.id, version: schema.version },
        fields: [...decision.allowedFields],
        grantee: { ...r.requester },
        ...(schema.provider === undefined ? {} : { provider: { ...schema.provider } }),
        purpose: r.purpose ?? 'public-data.sharing',
        duty: { id: duty.id, law: duty.law },
        scenario: r.scenario,
        term: t,
        events: [{ type: 'issued', at: iso(at), by: schema.provider?.id ?? 'system' }],
      });
      return andThen(engine.store.putGrant(grant), () => ({ ...decision, grant }));
    });
  }

  function issueGrant(input: GrantInput): Awaitable<GrantDecision> {
    const r = parseArgument(GrantArg, input, 'grant');
    const at = engine.now(r.at, 'grant.at');
    if (!engine.taxonomy.has(r.purpose)) {
      throw new ValidationError(`grant purpose ${r.purpose} is not in the purpose taxonomy`, {
        path: 'grant.purpose',
        reason: 'unknown-purpose',
      });
    }
    const found = dataset(r.dataset);
    const none = (reasons: Reason[]): GrantDecision => ({ ...deny(reasons), grant: undefined });
    if (!('fields' in found)) return none([found]);
    const schema = found;
    const unknown = unknownFields(schema, r.fields);
    if (unknown.length > 0) return none(unknown);
    const t = term(r.term, at);
    if (t === undefined) return none([S.invalidTerm]);
    const reasons: Reason[] = [];
    const obligations: Obligation[] = [];
    let fields = [...new Set(r.fields)];
    if (r.kind === 'authorized-operation') {
      // Three years in principle: longer only with a recorded justification and approval.
      const limit = shiftByDuration(Date.parse(t.start), { years: 3 }, engine.offsetMinutes);
      const longer = Date.parse(t.end) > limit;
      const justified =
        r.termJustification !== undefined &&
        r.termJustification.trim() !== '' &&
        r.approvedBy !== undefined;
      if (longer && !justified) reasons.push(S.authTermExceeded);
      if (r.authority === undefined) reasons.push(S.operationAuthorityRequired);
      if (reasons.length > 0) return none(reasons);
      reasons.push(longer ? S.authTermApproved : S.authTermWithin);
      obligations.push(SO.outputsOnlyModels);
    } else {
      // Opening and development work on opened data: closed fields are withheld (S-OPEN).
      fields = fields.filter((name) => {
        const f = schema.fields.find((x) => x.name === name) as DatasetSchema['fields'][number];
        if (f.open === 'closed') {
          reasons.push(closedField(f));
          return false;
        }
        const gate = openingGate(f);
        if (gate === undefined) return true;
        reasons.push(gate);
        return false;
      });
      if (r.kind === 'open') {
        const provider = schema.provider;
        if (provider === undefined || r.approvedBy?.id !== provider.id)
          reasons.push(S.providerApprovalRequired);
        if (r.authority === undefined) reasons.push(S.authorityRequired);
        if (reasons.some((x) => x.effect === 'deny')) return none(reasons);
        reasons.push(S.openApproved);
      } else {
        // Secondary development is approved by the big-data authority (Fujian Art. 16).
        const authority = r.authority;
        if (
          authority === undefined ||
          (r.approvedBy !== undefined && r.approvedBy.id !== authority.id)
        ) {
          return none([...reasons, S.developApprovalRequired]);
        }
        reasons.push(S.developApproved);
        const every = r.reportEvery ?? 'P3M';
        const due = shiftByDuration(
          Date.parse(t.start),
          parseDuration(every, 'grant.reportEvery'),
          engine.offsetMinutes,
        );
        obligations.push(usageReportDue(due, authority), sourceLabel(schema, t.start));
      }
      if (fields.length === 0) return none(reasons);
    }
    obligations.push(SO.noOnwardTransfer, SO.recordSharing);
    const grant = deepFreeze<Grant>({
      schemaVersion: GRANT_SCHEMA,
      id: r.id ?? engine.newId('grant'),
      kind: r.kind,
      dataset: { id: schema.id, version: schema.version },
      fields,
      grantee: { ...r.grantee },
      ...(schema.provider === undefined ? {} : { provider: { ...schema.provider } }),
      ...(r.authority === undefined ? {} : { authority: { ...r.authority } }),
      purpose: r.purpose,
      term: t,
      ...(r.kind === 'develop' ? { reportEvery: r.reportEvery ?? 'P3M' } : {}),
      ...(r.kind === 'authorized-operation' && r.termJustification !== undefined
        ? { termJustification: r.termJustification }
        : {}),
      ...(r.kind === 'authorized-operation' && r.outputForms !== undefined
        ? { outputForms: [...new Set(r.outputForms)] }
        : {}),
      events: [
        { type: 'issued', at: iso(at), by: r.approvedBy?.id ?? r.authority?.id ?? 'system' },
      ],
    });
    return andThen(engine.store.putGrant(grant), () => ({
      allowed: true,
      allowedFields: fields,
      reasons,
      obligations,
      grant,
    }));
  }

  function usageReportDue(due: number, authority: Grant['authority']): Obligation {
    return obligation(
      'S-DEVELOP',
      'Fujian Art. 16',
      'usage-report',
      'report the use of the data to the big-data authority',
      {
        due: iso(due),
        text: `report to: ${authority === undefined ? 'the big-data authority' : (authority.name ?? authority.id)} (${authority?.id ?? 'not recorded'})`,
      },
    );
  }

  function sourceLabel(schema: DatasetSchema, acquired: string): Obligation {
    const source = schema.provider?.name ?? schema.provider?.id ?? schema.id;
    return obligation(
      'S-DEVELOP',
      'Fujian Art. 16',
      'source-label',
      'label data products with their source and acquisition date',
      {
        text: `Source: ${source}, dataset ${schema.id} v${schema.version}; acquired ${acquired.slice(0, 10)}`,
      },
    );
  }

  // S-OPEN, G-GRADE-GATES: core and important data are never opened; PI is
  // opened only when the catalog says it is published once anonymized.
  function openingGate(f: DatasetSchema['fields'][number]): Reason | undefined {
    if (f.grade === 'core' || f.grade === 'important') return field('neverOpened', f.name);
    if (f.piCategory !== undefined && f.openAfter !== 'anonymization')
      return field('personalNotAnonymized', f.name);
    return undefined;
  }

  function anonymizeFirst(name: string): Obligation {
    return obligation(
      SO.anonymizeBeforeOpening.rule,
      SO.anonymizeBeforeOpening.article,
      SO.anonymizeBeforeOpening.code,
      SO.anonymizeBeforeOpening.message,
      { text: name },
    );
  }

  function closedField(f: DatasetSchema['fields'][number]): Reason {
    return reason(
      'withhold',
      'S-OPEN',
      `Fujian Art. 15; ${f.openBasis ?? 'legal basis not recorded'}`,
      'closed',
      `the field is not opened; legal basis: ${f.openBasis ?? 'not recorded'}`,
      f.name,
    );
  }

  // Fujian Art. 33 governs persons and organizations, Art. 34 departments.
  function byParty(r: Reason, grant: Grant): Reason {
    const article = grant.grantee.kind === 'agency' ? 'Fujian Art. 34' : 'Fujian Art. 33';
    return article === r.article ? r : reason(r.effect, r.rule, article, r.code, r.message);
  }

  function stateReasons(
    grant: Grant,
    at: number,
  ): { reasons: Reason[]; obligations: Obligation[] } | undefined {
    const state = grantStateAt(grant, at);
    if (state === 'active') return undefined;
    if (state === 'suspended') {
      const report = [...grant.events].reverse().find((e) => e.type === 'misuse-reported');
      const due = report?.correctBy;
      const overdue = due !== undefined && at >= Date.parse(due);
      return {
        reasons: [byParty(overdue ? S.correctionOverdue : S.suspended, grant)],
        obligations: [
          due === undefined
            ? SO.correctMisuse
            : obligation(
                SO.correctMisuse.rule,
                SO.correctMisuse.article,
                SO.correctMisuse.code,
                SO.correctMisuse.message,
                { due },
              ),
        ],
      };
    }
    if (state === 'terminated') return { reasons: [byParty(S.terminated, grant)], obligations: [] };
    if (state === 'pending') return { reasons: [S.grantPending], obligations: [] };
    return {
      reasons: [grant.kind === 'authorized-operation' ? S.authTermEnded : S.grantExpired],
      obligations: [],
    };
  }

  function decideGrantUse(request: GrantUseRequest): Awaitable<ShareDecision> {
    const asked = parseAsked(UseArg, request, USE_PARTS);
    if (!asked.ok) return deny(asked.reasons);
    const r = asked.data;
    const at = engine.now(r.at, 'request.at');
    if (r.grant === '') return deny([S.unknownGrant]);
    if (r.fields.length === 0) return deny([S.fieldsMissing]);
    return andThen(engine.store.getGrant(r.grant), (grant) => {
      if (grant === undefined) return deny([S.unknownGrant]);
      const blocked = stateReasons(grant, at);
      if (blocked !== undefined) return deny(blocked.reasons, blocked.obligations);
      const actor = typeof r.actor === 'string' ? r.actor : r.actor.id;
      const recipient = typeof r.recipient === 'object' ? r.recipient.id : r.recipient;
      if (actor !== grant.grantee.id) return deny([S.notGrantee]);
      if (!engine.taxonomy.covers(grant.purpose, r.purpose)) return deny([S.otherPurpose]);
      const reasons: Reason[] = [];
      const obligations: Obligation[] = [];
      const transfer =
        (recipient !== undefined && recipient !== grant.grantee.id) || TRANSFERS.has(r.processing);
      if (grant.kind === 'develop') {
        const every = parseDuration(grant.reportEvery ?? 'P3M', 'grant.reportEvery');
        const last = [...grant.events]
          .reverse()
          .find(
            (e: GrantEvent) => e.type === 'usage-reported' || e.type === 'issued',
          ) as GrantEvent;
        const from = Math.max(Date.parse(last.at), Date.parse(grant.term.start));
        const due = shiftByDuration(from, every, engine.offsetMinutes);
        if (at > due) return deny([S.usageReportOverdue], [usageReportDue(due, grant.authority)]);
        obligations.push(usageReportDue(due, grant.authority));
        if (transfer) {
          if (r.output === 'raw' || (r.output === undefined && r.derived !== true))
            return deny([S.onwardTransfer]);
          const schema = engine.catalog?.get(grant.dataset.id, grant.dataset.version);
          const label =
            schema === undefined
              ? obligation(
                  'S-DEVELOP',
                  'Fujian Art. 16',
                  'source-label',
                  'label data products with their source and acquisition date',
                  {
                    text: `Source: ${grant.provider?.name ?? grant.provider?.id ?? grant.dataset.id}, dataset ${grant.dataset.id}; acquired ${grant.term.start.slice(0, 10)}`,
                  },
                )
              : sourceLabel(schema, grant.term.start);
          // Labels are checked: the product must carry the source-label text.
          if (r.label === undefined || !r.label.includes(label.text as string))
            return deny([S.labelMissing], [label]);
          reasons.push(S.productLabelled);
          obligations.push(label);
        }
      } else if (grant.kind === 'authorized-operation') {
        // Output forms are an open list: models and verification results, or forms the grant approves.
        const output = r.output;
        if (output === 'raw' || (transfer && output === undefined)) {
          return deny([S.authRawOutput], [SO.outputsOnlyModels]);
        }
        if (output === 'model' || output === 'verification-result') {
          reasons.push(S.authOutputAllowed);
        } else if (output !== undefined) {
          if (!(grant.outputForms ?? []).includes(output))
            return deny([S.authOutputNotApproved], [SO.outputsOnlyModels]);
          reasons.push(S.authOutputApproved);
        }
        obligations.push(SO.outputsOnlyModels);
      } else if (transfer) {
        return deny([
          r.derived === true || (r.output !== undefined && r.output !== 'raw')
            ? S.onwardTransferDerived
            : S.onwardTransfer,
        ]);
      }
      const scope = new Set(grant.fields);
      const allowed: string[] = [];
      for (const name of new Set(r.fields)) {
        if (scope.has(name)) allowed.push(name);
        else reasons.push(field('outsideScope', name));
      }
      if (allowed.length === 0) return deny(reasons, obligations);
      reasons.push(S.grantValid);
      if (grant.kind !== 'develop') obligations.push(SO.noOnwardTransfer);
      return { allowed: true, allowedFields: allowed, reasons, obligations };
    });
  }

  function decideOpen(request: OpenRequest): Awaitable<ShareDecision> {
    const asked = parseAsked(OpenArg, request, OPEN_PARTS);
    if (!asked.ok) return deny(asked.reasons);
    const r = asked.data;
    const at = engine.now(r.at, 'request.at');
    if (r.dataset === undefined) return deny([S.unknownDataset]);
    if (r.fields.length === 0) return deny([S.fieldsMissing]);
    const found = dataset(r.dataset);
    if (!('fields' in found)) return deny([found]);
    const schema = found;
    const unknown = unknownFields(schema, r.fields);
    if (unknown.length > 0) return deny(unknown);
    const grant: Awaitable<Grant | undefined> =
      r.grant === undefined ? undefined : engine.store.getGrant(r.grant);
    return andThen(grant, (g) => {
      const reasons: Reason[] = [];
      const obligations: Obligation[] = [];
      let approved: ReadonlySet<string> = new Set();
      if (r.grant !== undefined) {
        if (g === undefined) return deny([S.unknownGrant]);
        const blocked = stateReasons(g, at);
        if (blocked !== undefined) return deny(blocked.reasons, blocked.obligations);
        if (g.kind !== 'open' || g.dataset.id !== schema.id)
          return deny([S.providerApprovalRequired]);
        if (g.grantee.id !== r.requester.id) return deny([S.notGrantee]);
        approved = new Set(g.fields);
      }
      const allowed: string[] = [];
      let open = false;
      let applied = false;
      let apply = false;
      for (const name of new Set(r.fields)) {
        const f = schema.fields.find((x) => x.name === name) as DatasetSchema['fields'][number];
        // Checked again here: the catalog entry may come from an older or foreign catalog.
        const gate = f.open === 'closed' ? undefined : openingGate(f);
        if (gate !== undefined) {
          reasons.push(gate);
          continue;
        }
        if (f.open === 'open') {
          allowed.push(name);
          open = true;
        } else if (f.open === 'on-application') {
          if (approved.has(name)) {
            allowed.push(name);
            applied = true;
          } else {
            reasons.push(field('applicationRequired', name));
            apply = true;
          }
        } else reasons.push(closedField(f));
      }
      if (open) reasons.push(S.openUnconditional);
      if (applied) reasons.push(S.openApproved);
      for (const name of allowed) {
        const f = schema.fields.find((x) => x.name === name);
        if (f?.openAfter === 'anonymization') obligations.push(anonymizeFirst(name));
      }
      if (apply) obligations.push(SO.applyToProvider);
      if (applied) obligations.push(SO.noOnwardTransfer);
      if (allowed.length === 0) return deny(reasons, obligations);
      return andThen(pendingObjections(schema, allowed), (objections) => ({
        allowed: true,
        allowedFields: allowed,
        reasons,
        obligations: [...obligations, ...objections],
      }));
    });
  }

  function grantEvent(
    id: string,
    type: GrantEvent['type'],
    change: GrantChange & { correctBy?: string },
  ): Awaitable<Grant> {
    const c = parseArgument(ChangeArg, change, 'change');
    if (type === 'misuse-reported' && c.correctBy === undefined) {
      throw new ValidationError(
        'reported misuse needs correctBy, the deadline to correct (S-SUSPEND)',
        { path: 'change.correctBy', reason: 'deadline-required' },
      );
    }
    const event: GrantEvent = {
      type,
      at: c.at === undefined ? iso(engine.clock()) : zoned(c.at, 'change.at'),
      by: c.by,
      ...(type === 'misuse-reported' && c.correctBy !== undefined
        ? { correctBy: zoned(c.correctBy, 'change.correctBy') }
        : {}),
      ...(c.note === undefined ? {} : { note: c.note }),
    };
    return engine.store.appendGrantEvent(id, event);
  }

  function objectionEvent(
    id: string,
    type: 'handled' | 'fed-back',
    change: GrantChange & { outcome?: 'corrected' | 'upheld' | 'rejected' },
  ): Awaitable<Objection> {
    const c = parseArgument(ChangeArg, change, 'change');
    return engine.store.appendObjectionEvent(id, {
      type,
      at: c.at === undefined ? iso(engine.clock()) : zoned(c.at, 'change.at'),
      by: c.by,
      ...(type === 'handled' && c.outcome !== undefined ? { outcome: c.outcome } : {}),
      ...(c.note === undefined ? {} : { note: c.note }),
    });
  }

  function recordObjection(input: ObjectionInput): Awaitable<Objection> {
    const r = parseArgument(ObjectionArg, input, 'objection');
    const objection = deepFreeze<Objection>({
      schemaVersion: OBJECTION_SCHEMA,
      id: r.id ?? engine.newId('objection'),
      dataset: r.dataset,
      ...(r.field === undefined ? {} : { field: r.field }),
      by: { ...r.by },
      kind: r.kind,
      description: r.description,
      events: [
        {
          type: 'recorded',
          at: r.at === undefined ? iso(engine.clock()) : zoned(r.at, 'objection.at'),
          by: r.by.id,
        },
      ],
    });
    return andThen(engine.store.putObjection(objection), () => objection);
  }

  const known = (id: string) => {
    if (typeof id !== 'string' || id === '') {
      throw new StoreError('grant id must be a non-empty string', {
        path: 'id',
        reason: 'not-found',
      });
    }
    return id;
  };

  return {
    decideShare: (request) => wrap(() => andThen(share(request), (x) => x.decision)),
    grantShare: (request) => wrap(() => grantShare(request)),
    issueGrant: (input) => wrap(() => issueGrant(input)),
    decideGrantUse: (request) => wrap(() => decideGrantUse(request)),
    decideOpen: (request) => wrap(() => decideOpen(request)),
    safeDecideShare: (request) => safe(() => andThen(share(request), (x) => x.decision)),
    safeDecideOpen: (request) => safe(() => decideOpen(request)),
    safeDecideGrantUse: (request) => safe(() => decideGrantUse(request)),
    reportMisuse: (id, report) => wrap(() => grantEvent(known(id), 'misuse-reported', report)),
    recordCorrection: (id, change) => wrap(() => grantEvent(known(id), 'corrected', change)),
    terminateGrant: (id, change) => wrap(() => grantEvent(known(id), 'terminated', change)),
    reportUsage: (id, change) => wrap(() => grantEvent(known(id), 'usage-reported', change)),
    recordObjection: (input) => wrap(() => recordObjection(input)),
    handleObjection: (id, change) => wrap(() => objectionEvent(id, 'handled', change)),
    feedBackObjection: (id, change) => wrap(() => objectionEvent(id, 'fed-back', change)),
  };
}
