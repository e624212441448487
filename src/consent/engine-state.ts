import type { CompiledConsent, NoticeState, SubjectConsents } from './compiled-consent.ts';
import type { ConsentRecord } from './consent-record.ts';
import { FIELD, type FieldReasonName } from './decide-reasons.ts';
import type { EvalContext } from './evaluate.ts';
import type { PurposeTaxonomy } from './purposes.ts';
import { type Obligation, type Reason, reason } from './reason.ts';
import type { ConsentStore } from './store.ts';
import type { SubjectDirectory, SubjectInfo, SubjectRecord } from './subject.ts';

// A cached subject is both the SubjectInfo and the SubjectConsents decide()
// reads: with 100,000 subjects decide() is bound by cache misses, so every
// object hop saved on the way to the consent numbers counts.
/** One cached subject: its info, its compiled consents and the records they came from. */
interface SubjectEntry extends SubjectInfo, SubjectConsents {
  id: string;
  reaches14: number;
  guardians: ReadonlySet<string> | undefined;
  count: number;
  num: Float64Array;
  blocks: number;
  consents: readonly CompiledConsent[];
  aux: (readonly string[] | Obligation | undefined)[];
  readonly records: readonly ConsentRecord[];
  version: number;
  /** The subject record the info was read from. */
  record: SubjectRecord | undefined;
}

/** What the engine's operations share: the store, the caches and the evaluation context. */
export interface EngineState {
  readonly store: ConsentStore;
  readonly taxonomy: PurposeTaxonomy;
  readonly offsetMinutes: number;
  /** Most subjects cached; 0 disables the cache. */
  readonly cacheSize: number;
  readonly readSubject: (record: SubjectRecord) => SubjectInfo;
  readonly directory: SubjectDirectory | undefined;
  readonly subjects: Map<string, SubjectEntry>;
  readonly notices: Map<string, NoticeState>;
  /** Notice states by index, as `evalContext.notices`. */
  readonly noticeStates: NoticeState[];
  readonly evalContext: EvalContext;
  /** Bumped by every consent change; a load that raced one is not cached. */
  epoch: number;
}

/**
 * Makes the per-field reason lookup of an engine: reasons are built once per
 * template and field and cached (bounded, since field names come from callers).
 *
 * @returns the lookup
 */
export function fieldReasonCache(): (template: FieldReasonName, field: string) => Reason {
  const fieldReasons = new Map<FieldReasonName, Map<string, Reason>>();
  return (template, field) => {
    let byField = fieldReasons.get(template);
    if (byField === undefined) {
      byField = new Map();
      fieldReasons.set(template, byField);
    }
    let r = byField.get(field);
    if (r === undefined) {
      const [effect, rule, article, code, message] = FIELD[template];
      r = reason(effect, rule, article, code, message, field);
      if (byField.size < 65_536) byField.set(field, r);
    }
    return r;
  };
}
