import { InputError, PolicyError, TransformError, ValidationError } from '../errors/kinds.ts';
import type { TransformTraits, ValueFunction, VaultRequest } from './types.ts';

/** One output column of a compiled policy. */
export interface PlanStep {
  /** Output field name. */
  readonly name: string;
  /** Dataset index of the field. */
  readonly index: number;
  /** The rule that chose the transform. */
  readonly rule: string;
  /** The transform type. */
  readonly type: string;
  readonly traits: TransformTraits;
  readonly kind: 'value' | 'batch' | 'async';
  readonly value: ValueFunction | undefined;
  readonly batch: ((column: unknown[]) => void) | undefined;
  readonly async: ((requests: readonly VaultRequest[]) => Promise<unknown[]>) | undefined;
}

/** A row that broke a transform's input contract, for the rejects channel. */
export interface Reject {
  /** 1-based row number in the input (data rows; a CSV header is not counted). */
  readonly row: number;
  /** The field whose value was rejected. */
  readonly field: string;
  /** The rule whose transform rejected it. */
  readonly rule: string;
  /** The stable reason code (e.g. `invalid-resident-id`, `not-a-date`). */
  readonly reason: string;
  /** The original record, for quarantine (it holds personal data: keep it protected). */
  readonly record: Readonly<Record<string, unknown>>;
}

/**
 * What happens to a row that breaks an input contract: `fail` (default)
 * throws a TransformError naming the row, field and reason; a function
 * receives the {@link Reject} and the row is left out of the output (quarantine).
 */
export type RejectHandling = 'fail' | ((reject: Reject) => void);

/** Runs a compiled policy on rows of values in a given column layout. */
export interface RowTransformer {
  /** The input column names this runner reads. */
  readonly layout: readonly string[];
  /** The output column names, in order. */
  readonly columns: readonly string[];
  /** True when no transform needs an asynchronous store ({@link RowTransformer.batchSync} works). */
  readonly synchronous: boolean;
  /**
   * Transforms a batch of rows (values in `layout` order); rejected rows are
   * left out. Rows are not modified.
   */
  batch(rows: readonly (readonly unknown[])[], firstRow: number): Promise<unknown[][]>;
  /** {@link RowTransformer.batch} for synchronous policies. */
  batchSync(rows: readonly (readonly unknown[])[], firstRow: number): unknown[][];
}

/**
 * Binds compiled steps to an input layout.
 *
 * @throws {InputError} reason `missing-column` when the layout lacks a field the output needs
 * @throws {ValidationError} reason `invalid-argument` when the layout is not an array of column names
 */
export function createRowRunner(
  steps: readonly PlanStep[],
  datasetFields: readonly string[],
  required: ReadonlySet<number>,
  layout: readonly string[],
  rejects: RejectHandling,
): RowTransformer {
  if (!Array.isArray(layout) || !layout.every((name) => typeof name === 'string')) {
    throw new ValidationError('layout must be an array of column names', {
      path: 'layout',
      reason: 'invalid-argument',
    });
  }
  const position = new Map(layout.map((name, i) => [name, i]));
  const map = new Int32Array(datasetFields.length).fill(-1);
  datasetFields.forEach((name, i) => {
    const at = position.get(name);
    if (at !== undefined) map[i] = at;
    else if (required.has(i)) {
      throw new InputError(`input has no column ${name}, which the policy needs`, {
        reason: 'missing-column',
        path: name,
      });
    }
  });
  const sources = Int32Array.from(steps, (step) => map[step.index] as number);
  const functions = steps.map((step) => step.value);
  const batchSteps = steps.flatMap((step, i) => (step.kind === 'batch' ? [i] : []));
  const asyncSteps = steps.flatMap((step, i) => (step.kind === 'async' ? [i] : []));
  const width = steps.length;

  const reject = (
    row: readonly unknown[],
    rowNumber: number,
    step: PlanStep,
    error: TransformError,
  ) => {
    if (rejects === 'fail') {
      throw new TransformError(
        `row ${rowNumber}, field ${step.name} (rule ${step.rule}): ${error.message}`,
        {
          reason: error.reason ?? 'invalid-value',
          path: step.name,
          details: { row: rowNumber, field: step.name, rule: step.rule },
          cause: error,
        },
      );
    }
    const record: Record<string, unknown> = {};
    layout.forEach((name, i) => {
      if (name !== '__proto__') record[name] = row[i];
    });
    rejects({
      row: rowNumber,
      field: step.name,
      rule: step.rule,
      reason: error.reason ?? 'invalid-value',
      record,
    });
  };

  const valuePass = (
    rows: readonly (readonly unknown[])[],
    firstRow: number,
    out: unknown[][],
    inputs: (readonly unknown[])[],
  ): void => {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as readonly unknown[];
      const result = new Array<unknown>(width);
      let s = 0;
      try {
        for (; s < width; s++) {
          const source = sources[s] as number;
          const value = source < 0 ? undefined : row[source];
          const fn = functions[s];
          result[s] =
            fn === undefined || value === null || value === undefined || value === ''
              ? value
              : fn(value, row, map);
        }
      } catch (error) {
        if (!(error instanceof TransformError)) throw error;
        reject(row, firstRow + r, steps[s] as PlanStep, error);
        continue;
      }
      out.push(result);
      inputs.push(row);
    }
  };

  const batchPass = (out: unknown[][]): void => {
    for (const s of batchSteps) {
      const column = out.map((row) => row[s]);
      (steps[s] as PlanStep).batch?.(column);
      for (let r = 0; r < out.length; r++) (out[r] as unknown[])[s] = column[r];
    }
  };

  return {
    layout,
    columns: steps.map((step) => step.name),
    synchronous: asyncSteps.length === 0,
    batchSync(rows, firstRow) {
      if (asyncSteps.length > 0) {
        throw new PolicyError('this policy tokenizes through a vault: use the asynchronous API', {
          reason: 'needs-async',
        });
      }
      const out: unknown[][] = [];
      valuePass(rows, firstRow, out, []);
      batchPass(out);
      return out;
    },
    async batch(rows, firstRow) {
      const out: unknown[][] = [];
      const inputs: (readonly unknown[])[] = [];
      valuePass(rows, firstRow, out, inputs);
      if (asyncSteps.length === 0) {
        batchPass(out);
        return out;
      }
      const dropped = new Set<number>();
      for (const s of asyncSteps) {
        const step = steps[s] as PlanStep;
        const targets: number[] = [];
        const requests: VaultRequest[] = [];
        out.forEach((row, r) => {
          const value = row[s];
          if (dropped.has(r) || value === null || value === undefined || value === '') return;
          targets.push(r);
          requests.push({ value, row: inputs[r] as readonly unknown[], layout: map });
        });
        if (requests.length === 0) continue;
        const results = await (step.async as NonNullable<PlanStep['async']>)(requests);
        targets.forEach((r, k) => {
          const result = results[k];
          if (result instanceof TransformError) {
            reject(
              inputs[r] as readonly unknown[],
              rowNumberOf(rows, inputs[r], firstRow),
              step,
              result,
            );
            dropped.add(r);
          } else (out[r] as unknown[])[s] = result;
        });
      }
      const kept = dropped.size === 0 ? out : out.filter((_, r) => !dropped.has(r));
      batchPass(kept);
      return kept;
    },
  };
}

function rowNumberOf(
  rows: readonly (readonly unknown[])[],
  row: readonly unknown[] | undefined,
  firstRow: number,
): number {
  return firstRow + rows.indexOf(row as readonly unknown[]);
}
