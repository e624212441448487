import {
  type ClassCounter,
  createClassCounter,
  type SerializedClassCounts,
} from '../anonymity/class-counts.ts';
import type { FieldTag } from '../consent/fields.ts';
import type { DataRecord } from '../deidentify/transformer.ts';
import { TransformError, ValidationError } from '../errors/kinds.ts';
import type { CompiledRelease } from './compile.ts';
import { type ContentDigest, createContentDigest } from './content-digest.ts';
import { deniedError } from './denied.ts';
import { resolveHeader } from './plan.ts';
import type { ProtectOptions, ProtectReject, RecordSink } from './protect-options.ts';
import type { ReleasePlan } from './release-plan.ts';
import { streamSubjects } from './subject-stream.ts';

/** What stage `run` produced: counts, digests and class statistics of the staged output. */
export interface RunResult {
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly rejected: number;
  readonly excluded: number;
  /** The first rejects (at most 1,000), without values. */
  readonly rejects: readonly ProtectReject[];
  /** Input columns that match no dataset field, dropped. */
  readonly extraColumns: readonly string[];
  readonly inputDigest: string;
  readonly outputDigest: string;
  /** Equivalence-class counts over the dataset's quasi-identifiers (undefined when it declares none). */
  readonly counts: SerializedClassCounts | undefined;
  /** How many released rows had their subject digests filed (with `subjects`). */
  readonly subjectsFiled?: number | undefined;
  /**
   * Class counts of the admitted input over the quasi-identifiers (a gated
   * release: what a suggestion generalizes), and whether they cover every
   * admitted row (fewer than 200,000 classes).
   */
  readonly input?:
    | { readonly counts: SerializedClassCounts; readonly complete: boolean }
    | undefined;
}

/** Input classes a gated release counts before it stops (and makes no suggestion). */
export const INPUT_CLASS_LIMIT = 200_000;

/** Collects rejects for a run: counts them, keeps the first 1,000, enforces the threshold. */
export interface RejectTally {
  /** Called by the transformer for every rejected value. */
  readonly handle: (reject: ProtectReject) => void;
  readonly count: () => number;
  readonly first: () => readonly ProtectReject[];
  /** Throws when the rejects exceed the plan's threshold for `rows` rows read. */
  readonly check: (rows: number) => void;
}

const MAX_KEPT = 1000;

/**
 * A reject tally for a plan: `fail` mode throws on the first reject; in
 * `quarantine` mode rejects are counted, passed to `onReject`, and the run
 * fails once they exceed `maxRejects` (default 0).
 *
 * @param plan - the release plan (its reject threshold)
 * @param mode - `fail` or `quarantine`
 * @param onReject - receives every reject in quarantine mode
 * @returns the tally
 */
export function createRejectTally(
  plan: ReleasePlan,
  mode: 'fail' | 'quarantine',
  onReject?: (reject: ProtectReject) => void,
): RejectTally {
  let count = 0;
  const kept: ProtectReject[] = [];
  const limit = plan.maxRejects;
  const check = (rows: number) => {
    const allowed = 'count' in limit ? limit.count : Math.floor(limit.share * rows);
    if (count > allowed) {
      throw new TransformError(
        `${count} row${count === 1 ? ' was' : 's were'} rejected, more than the ${'count' in limit ? `${limit.count} allowed` : `${(limit.share * 100).toFixed(2)}% allowed of ${rows} rows read`} (maxRejects); nothing was released`,
        { reason: 'too-many-rejects', path: 'maxRejects', details: { rejected: count, rows } },
      );
    }
  };
  return {
    handle(reject) {
      count++;
      if (kept.length < MAX_KEPT) kept.push(reject);
      if (mode === 'fail') {
        throw new TransformError(
          `row ${reject.row}, field ${reject.field} (rule ${reject.rule}) was rejected`,
          {
            reason: reject.reason,
            path: reject.field,
            details: { row: reject.row, field: reject.field, rule: reject.rule },
          },
        );
      }
      onReject?.(reject);
      if ('count' in limit) check(Number.POSITIVE_INFINITY);
    },
    count: () => count,
    first: () => kept,
    check,
  };
}

/**
 * The attributes a release counts per class: the dataset's quasi-identifiers,
 * then the sensitive attributes its requirements name.
 *
 * @param plan - the release plan
 * @param columns - the output columns
 * @returns quasi-identifiers and sensitive attributes to count, or undefined when the dataset declares none
 * @throws {ValidationError} when a requirement names an attribute the output lacks
 */
export function countedAttributes(
  plan: ReleasePlan,
  columns: readonly string[],
): { quasiIdentifiers: readonly string[]; sensitive: readonly string[] } | undefined {
  if (plan.quasiIdentifiers.length === 0) return undefined;
  const requirements = plan.requirements;
  const listed = [requirements?.lDiversity ?? [], requirements?.tCloseness ?? []].flat() as {
    attribute: string;
  }[];
  const sensitive = [...new Set(listed.map((r) => r.attribute))];
  for (const name of sensitive) {
    if (!columns.includes(name)) {
      throw new ValidationError(
        `anonymity requirement names ${name}, which the policy does not output`,
        {
          path: 'anonymity',
          reason: 'unknown-field',
        },
      );
    }
  }
  return { quasiIdentifiers: plan.quasiIdentifiers, sensitive };
}

/**
 * Stage `run` for records: reads the input (renaming aliased columns),
 * applies per-subject consent, transforms, digests input and output, counts
 * equivalence classes, and stages the output in the sink. Nothing is
 * committed here.
 *
 * @param plan - the release plan
 * @param compiled - the compiled release
 * @param options - input, sink, consent, columns
 * @param tally - the reject tally the transformer reports to
 * @returns counts, digests and class statistics
 * @throws {InputError} when the input lacks a needed column
 * @throws {ConsentError} when a subject's consent denies the processing (onDenied `stop`)
 * @throws {TransformError} when rejects exceed the threshold
 */
export async function runRecords(
  plan: ReleasePlan,
  compiled: CompiledRelease,
  options: Pick<ProtectOptions, 'input' | 'consent' | 'columns' | 'actor'>,
  sink: RecordSink,
  tally: RejectTally,
  subjects?: {
    readonly field: string;
    readonly digest: (subject: string) => Uint8Array;
    readonly rejected: ReadonlySet<number>;
    readonly onDigests: (digests: Uint8Array) => Promise<void> | void;
  },
): Promise<RunResult> {
  const algorithm = 'sha-256';
  const inputDigest = createContentDigest(algorithm);
  const outputDigest = createContentDigest(algorithm);
  const attributes = countedAttributes(plan, compiled.columns);
  const counter =
    attributes === undefined
      ? undefined
      : createClassCounter(attributes.quasiIdentifiers, attributes.sensitive);
  const needed = neededFields(plan, compiled, options.consent?.subjectField);
  const state = { rowsIn: 0, rowsOut: 0, excluded: 0, extra: [] as readonly string[] };
  // Digests of admitted rows wait until their row is released (filed) or rejected.
  const filing =
    subjects === undefined
      ? undefined
      : streamSubjects(subjects.digest, subjects.rejected, subjects.onDigests);
  const onAdmit =
    subjects === undefined
      ? undefined
      : (record: DataRecord) => {
          const subject = record[subjects.field];
          if (typeof subject !== 'string' || subject.length === 0) {
            throw new ValidationError(
              `row ${state.rowsIn}: ${subjects.field} (the subject id) is missing`,
              { path: 'subjects.field', reason: 'missing-subject' },
            );
          }
          filing?.admit(subject);
        };
  const admitted = admit(plan, compiled, options, needed, inputDigest, state, onAdmit);
  // A gated release counts its input too, so that a failed gate can propose a generalization.
  const input =
    plan.requirements === undefined || plan.quasiIdentifiers.length === 0
      ? undefined
      : { counter: createClassCounter(plan.quasiIdentifiers, []), complete: true };
  async function* sampled(): AsyncGenerator<DataRecord> {
    const values: string[] = new Array<string>(plan.quasiIdentifiers.length);
    for await (const record of admitted) {
      if (input?.complete === true) {
        if (input.counter.classes >= INPUT_CLASS_LIMIT) input.complete = false;
        else {
          plan.quasiIdentifiers.forEach((name, i) => {
            values[i] = Object.hasOwn(record, name) ? String(record[name] ?? '') : '*';
          });
          input.counter.add(values);
        }
      }
      yield record;
    }
  }
  const transformed = compiled.transformer.records(input === undefined ? admitted : sampled());
  async function* counted(): AsyncGenerator<Record<string, unknown>> {
    for await (const record of transformed) {
      state.rowsOut++;
      outputDigest.add(record);
      if (counter !== undefined && attributes !== undefined)
        countRecord(counter, attributes, record);
      if (filing !== undefined) await filing.released();
      yield record;
    }
  }
  await sink.write(counted(), compiled.columns);
  tally.check(state.rowsIn);
  const subjectsFiled = await filing?.finish();
  return {
    rowsIn: state.rowsIn,
    rowsOut: state.rowsOut,
    rejected: tally.count(),
    excluded: state.excluded,
    rejects: tally.first(),
    extraColumns: state.extra,
    inputDigest: inputDigest.finish(),
    outputDigest: outputDigest.finish(),
    counts: counter?.serialize(),
    ...(subjectsFiled === undefined ? {} : { subjectsFiled }),
    ...(input === undefined
      ? {}
      : { input: { counts: input.counter.serialize(), complete: input.complete } }),
  };
}

/** Fields the input must have: everything the policy outputs, and the consent subject field. */
export function neededFields(
  plan: ReleasePlan,
  compiled: CompiledRelease,
  subjectField: string | undefined,
): readonly string[] {
  const names = compiled.transformer.fields
    .filter((field) => field.outcome !== 'dropped')
    .map((field) => field.field);
  if (subjectField !== undefined && !names.includes(subjectField)) {
    if (!plan.dataset.fields.some((field) => field.name === subjectField)) {
      throw new ValidationError(
        `consent.subjectField ${subjectField} is not a field of dataset ${plan.dataset.id}`,
        { path: 'consent.subjectField', reason: 'unknown-field' },
      );
    }
    names.push(subjectField);
  }
  return names;
}

const scratch: string[] = [];
function countRecord(
  counter: ClassCounter,
  attributes: { quasiIdentifiers: readonly string[]; sensitive: readonly string[] },
  record: Record<string, unknown>,
): void {
  let i = 0;
  for (const name of attributes.quasiIdentifiers) {
    // A quasi-identifier the policy drops is suppressed for everyone.
    const value = record[name];
    scratch[i++] = value === undefined ? '*' : String(value ?? '');
  }
  for (const name of attributes.sensitive) scratch[i++] = String(record[name] ?? '');
  scratch.length = i;
  counter.add(scratch);
}

/** Reads the input, checks its columns once, renames aliases, digests it and applies per-subject consent. */
async function* admit(
  plan: ReleasePlan,
  compiled: CompiledRelease,
  options: Pick<ProtectOptions, 'input' | 'consent' | 'columns' | 'actor'>,
  needed: readonly string[],
  digest: ContentDigest,
  state: { rowsIn: number; excluded: number; extra: readonly string[] },
  onAdmit?: (record: DataRecord) => void,
): AsyncGenerator<DataRecord> {
  let rename: ((record: DataRecord) => DataRecord) | undefined;
  let checked = false;
  const check = (header: readonly string[]) => {
    const resolved = resolveHeader(plan.dataset, header, needed);
    state.extra = resolved.extra;
    const pairs = Object.entries(resolved.aliased);
    if (pairs.length > 0) {
      rename = (record) => {
        const out: Record<string, unknown> = { ...record };
        for (const [column, field] of pairs) {
          out[field] = out[column];
          delete out[column];
        }
        return out;
      };
    }
    checked = true;
  };
  if (options.columns !== undefined) check(options.columns);
  const consent = options.consent;
  const prepared =
    consent === undefined
      ? undefined
      : consent.decider.prepare({
          purpose: plan.purpose,
          processing: plan.processing,
          fields: consentFields(plan, compiled),
          legalBasis: plan.legalBasis,
          ...(plan.recipient === undefined ? {} : { recipient: plan.recipient }),
          handler: plan.actor,
        });
  const consentFieldNames =
    consent === undefined ? [] : consentFields(plan, compiled).map((field) => field.name);
  const onDenied = consent?.onDenied ?? 'stop';
  for await (const input of options.input) {
    if (!checked) check(Object.keys(input ?? {}));
    state.rowsIn++;
    digest.add(input);
    const record = rename === undefined ? input : rename(input);
    if (prepared !== undefined && consent !== undefined) {
      const subject = record[consent.subjectField];
      if (typeof subject !== 'string' || subject.length === 0) {
        throw new ValidationError(
          `row ${state.rowsIn}: ${consent.subjectField} (the subject id) is missing`,
          {
            path: consent.subjectField,
            reason: 'missing-subject',
          },
        );
      }
      const decision = await prepared.decide(subject);
      const allowed =
        decision.allowed &&
        consentFieldNames.every((name) => decision.allowedFields.includes(name));
      if (!allowed) {
        if (onDenied === 'exclude') {
          state.excluded++;
          continue;
        }
        throw deniedError(
          `row ${state.rowsIn}: consent does not allow this processing`,
          decision.reasons,
        );
      }
    }
    onAdmit?.(record);
    yield record;
  }
  if (!checked) check(needed);
}

function consentFields(plan: ReleasePlan, compiled: CompiledRelease): FieldTag[] {
  return plan.dataset.fields
    .filter((field) => compiled.columns.includes(field.name))
    .map((field) => ({
      name: field.name,
      ...(field.piCategory === undefined ? {} : { piCategory: field.piCategory }),
      ...(field.sensitive ? { sensitive: true } : {}),
    }));
}
