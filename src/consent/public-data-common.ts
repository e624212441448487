import { ValidationError } from '../errors/kinds.ts';
import type { Dataset } from '../tags/dataset.ts';
import { andThen } from './awaitable.ts';
import { NONE } from './decision.ts';
import { parseDuration, shiftByDuration } from './duration.ts';
import type { Engine } from './engine.ts';
import { type Grant, grantStateAt } from './grant.ts';
import type { ShareDecision, TermInput } from './public-data-types.ts';
import { type Obligation, obligation, type Reason, reason } from './reason.ts';
import { S, SHARE_FIELD, SO } from './share-reasons.ts';
import type { Awaitable } from './store.ts';
import { zonedIso } from './time-zone.ts';

// What the public-data operations (S-*) share: dataset lookup, terms, field
// reasons, gates and the state of a grant. Each takes what it needs explicitly.

/**
 * An instant as ISO 8601 UTC.
 *
 * @param ms - epoch milliseconds
 * @returns the ISO text
 */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A field-level S-* reason from its template.
 *
 * @param template - the template's name
 * @param name - the field
 * @param message - overrides the template's message
 * @param article - overrides the template's article
 * @returns the reason
 */
export function shareField(
  template: keyof typeof SHARE_FIELD,
  name: string,
  message?: string,
  article?: string,
): Reason {
  const [effect, rule, a, code, m] = SHARE_FIELD[template];
  return reason(effect, rule, article ?? a, code, message ?? m, name);
}

/**
 * A denied share decision.
 *
 * @param reasons - why
 * @param obligations - what still applies
 * @returns the decision
 */
export function denyShare(
  reasons: readonly Reason[],
  obligations: readonly Obligation[] = NONE,
): ShareDecision {
  return { allowed: false, allowedFields: NONE, reasons, obligations };
}

/**
 * The catalog's public dataset of a reference, or the reason to deny.
 *
 * @param engine - the engine (its catalog)
 * @param ref - the dataset reference
 * @returns the dataset schema, or the reason it cannot be used
 */
export function datasetOf(
  engine: Pick<Engine, 'catalog'>,
  ref: { readonly id: string; readonly version?: string | undefined },
): Dataset | Reason {
  if (engine.catalog === undefined) return S.catalogRequired;
  const schema = engine.catalog.get(ref.id, ref.version);
  if (schema === undefined) return S.unknownDataset;
  if (schema.domain !== 'public' && schema.domain !== 'government') return S.notPublicData;
  return schema;
}

/**
 * One `unknown-field` reason per name the dataset does not have.
 *
 * @param schema - the dataset
 * @param names - the requested names
 * @returns the reasons (empty when every name is known)
 */
export function unknownFields(schema: Dataset, names: readonly string[]): Reason[] {
  const known = new Set(schema.fields.map((f) => f.name));
  return names.filter((n) => !known.has(n)).map((n) => shareField('unknownField', n));
}

/**
 * A grant's term: start (default `at`) and end or duration, in the engine's zone.
 *
 * @param engine - the engine (zone and offset)
 * @param input - the term
 * @param at - the instant the grant is made, epoch milliseconds
 * @returns the term, or undefined when it ends before it starts
 * @throws {ValidationError} `ambiguous-term` (end and duration) or `term-required` (neither)
 */
export function grantTerm(
  engine: Pick<Engine, 'zone' | 'offsetMinutes'>,
  input: TermInput,
  at: number,
): { start: string; end: string } | undefined {
  const start =
    input.start === undefined ? iso(at) : zonedIso(input.start, engine.zone, 'term.start');
  let end = input.end === undefined ? undefined : zonedIso(input.end, engine.zone, 'term.end');
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

/**
 * The `objection-pending` obligation when an objection to the data is open (S-OBJECTION).
 *
 * @param engine - the engine (its store)
 * @param schema - the dataset
 * @param names - the fields allowed
 * @returns the obligations
 */
export function pendingObjections(
  engine: Pick<Engine, 'store'>,
  schema: Dataset,
  names: readonly string[],
): Awaitable<Obligation[]> {
  return andThen(engine.store.objectionsOf(schema.id), (list) =>
    list.some((o) => o.events.length === 1 && (o.field === undefined || names.includes(o.field)))
      ? [SO.objectionPending]
      : [],
  );
}

/**
 * The S-DEVELOP usage-report obligation.
 *
 * @param due - when the report is due, epoch milliseconds
 * @param authority - whom to report to
 * @returns the obligation
 */
export function usageReportDue(due: number, authority: Grant['authority']): Obligation {
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

/**
 * The S-DEVELOP source-label obligation.
 *
 * @param schema - the dataset
 * @param acquired - when the data was acquired (ISO 8601)
 * @returns the obligation
 */
export function sourceLabel(schema: Dataset, acquired: string): Obligation {
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
/**
 * Why a field may not be opened (S-OPEN, G-GRADE-GATES), if it may not.
 *
 * @param f - the field
 * @returns the reason, or undefined when nothing bars opening it
 */
export function openingGate(f: Dataset['fields'][number]): Reason | undefined {
  if (f.grade === 'core' || f.grade === 'important') return shareField('neverOpened', f.name);
  if (f.piCategory !== undefined && f.openAfter !== 'anonymization')
    return shareField('personalNotAnonymized', f.name);
  return undefined;
}

/**
 * The obligation to anonymize a field before opening it.
 *
 * @param name - the field
 * @returns the obligation
 */
export function anonymizeFirst(name: string): Obligation {
  return obligation(
    SO.anonymizeBeforeOpening.rule,
    SO.anonymizeBeforeOpening.article,
    SO.anonymizeBeforeOpening.code,
    SO.anonymizeBeforeOpening.message,
    { text: name },
  );
}

/**
 * The reason a closed field (不予开放) is withheld, with its legal basis.
 *
 * @param f - the field
 * @returns the reason
 */
export function closedField(f: Dataset['fields'][number]): Reason {
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

/**
 * Why a grant does not allow use at an instant (suspended, terminated, pending, ended).
 *
 * @param grant - the grant
 * @param at - epoch milliseconds
 * @returns the reasons and obligations, or undefined when the grant is active
 */
export function grantStateReasons(
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
