import { PolicyError } from '../errors/kinds.ts';
import type { Dataset } from '../tags/dataset.ts';
import type { PolicyDocument } from './policy-schema.ts';
import {
  createRowRunner,
  type PlanStep,
  type RejectHandling,
  type RowTransformer,
} from './row-runner.ts';
import type { FieldPlan } from './types.ts';

/** A record: field name → value. */
export type DataRecord = Readonly<Record<string, unknown>>;

/** A compiled policy, ready to transform records. */
export interface Transformer {
  /** The validated policy document. */
  readonly policy: PolicyDocument;
  /** The applied profile, if any. */
  readonly profile: string | undefined;
  /** The policy digest for provenance: `sha-256:…` or `sm3:…` (the keyring's suite) over RFC 8785 JSON. */
  readonly digest: string;
  /** The dataset schema. */
  readonly dataset: Dataset;
  /** Output field names, in dataset order. */
  readonly columns: readonly string[];
  /** What happens to each dataset field. */
  readonly fields: readonly FieldPlan[];
  /** True when no transform needs a batch (shuffle) or an asynchronous vault (tokenize). */
  readonly synchronous: boolean;
  /**
   * Transforms one record; resolves to undefined when the record was quarantined.
   * @param record - the input record (fields outside the dataset are dropped)
   * @param row - the row number for the rejects channel (default 1)
   */
  record(record: DataRecord, row?: number): Promise<Record<string, unknown> | undefined>;
  /** {@link Transformer.record} for policies without tokenize and shuffle. */
  recordSync(record: DataRecord, row?: number): Record<string, unknown> | undefined;
  /** Transforms records in batches, in order, pulling input only as output is consumed. */
  records(
    input: Iterable<DataRecord> | AsyncIterable<DataRecord>,
  ): AsyncGenerator<Record<string, unknown>, void, undefined>;
  /** A Web Streams TransformStream of records (runs in Node, browsers, Deno, Bun). */
  stream(): TransformStream<DataRecord, Record<string, unknown>>;
  /** A runner over value arrays in a given column layout: the allocation-light path for files. */
  rows(layout: readonly string[]): RowTransformer;
}

/** The parts {@link createTransformer} assembles. */
export interface TransformerParts {
  readonly policy: PolicyDocument;
  readonly profile: string | undefined;
  readonly digest: string;
  readonly dataset: Dataset;
  readonly steps: readonly PlanStep[];
  readonly fields: readonly FieldPlan[];
  readonly required: ReadonlySet<number>;
  readonly rejects: RejectHandling;
  readonly batchSize: number;
}

/** Assembles the record, stream and row APIs over compiled steps. */
export function createTransformer(parts: TransformerParts): Transformer {
  const names = parts.dataset.fields.map((field) => field.name);
  const columns = Object.freeze(parts.steps.map((step) => step.name));
  const hasBatch = parts.steps.some((step) => step.kind === 'batch');
  const runnerFor = (layout: readonly string[]) =>
    createRowRunner(parts.steps, names, parts.required, layout, parts.rejects);
  // Records are read by dataset field name; fields absent from a record are undefined.
  const own = createRowRunner(parts.steps, names, new Set(), names, parts.rejects);
  const toRow = (record: DataRecord): unknown[] => {
    if (record === null || typeof record !== 'object') {
      throw new PolicyError('a record must be an object', { reason: 'not-a-record' });
    }
    return names.map((name) => (Object.hasOwn(record, name) ? record[name] : undefined));
  };
  const toRecord = (row: readonly unknown[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) out[columns[i] as string] = row[i];
    return out;
  };
  const single = () => {
    if (hasBatch) {
      throw new PolicyError('shuffle permutes within a batch: use records() or stream()', {
        reason: 'needs-batch',
      });
    }
  };
  const runBatch = async function* (
    batch: DataRecord[],
    firstRow: number,
  ): AsyncGenerator<Record<string, unknown>> {
    const out = await own.batch(batch.map(toRow), firstRow);
    for (const row of out) yield toRecord(row);
  };
  return Object.freeze({
    policy: parts.policy,
    profile: parts.profile,
    digest: parts.digest,
    dataset: parts.dataset,
    columns,
    fields: Object.freeze([...parts.fields]),
    synchronous: own.synchronous && !hasBatch,
    async record(record: DataRecord, row = 1) {
      single();
      const [out] = await own.batch([toRow(record)], row);
      return out === undefined ? undefined : toRecord(out);
    },
    recordSync(record: DataRecord, row = 1) {
      single();
      const [out] = own.batchSync([toRow(record)], row);
      return out === undefined ? undefined : toRecord(out);
    },
    async *records(input: Iterable<DataRecord> | AsyncIterable<DataRecord>) {
      let batch: DataRecord[] = [];
      let firstRow = 1;
      for await (const record of input) {
        batch.push(record);
        if (batch.length >= parts.batchSize) {
          yield* runBatch(batch, firstRow);
          firstRow += batch.length;
          batch = [];
        }
      }
      if (batch.length > 0) yield* runBatch(batch, firstRow);
    },
    stream() {
      let batch: DataRecord[] = [];
      let firstRow = 1;
      const flush = async (
        controller: TransformStreamDefaultController<Record<string, unknown>>,
      ) => {
        const current = batch;
        batch = [];
        for await (const record of runBatch(current, firstRow)) controller.enqueue(record);
        firstRow += current.length;
      };
      return new TransformStream<DataRecord, Record<string, unknown>>({
        async transform(record, controller) {
          batch.push(record);
          if (batch.length >= parts.batchSize) await flush(controller);
        },
        async flush(controller) {
          if (batch.length > 0) await flush(controller);
        },
      });
    },
    rows: runnerFor,
  });
}
