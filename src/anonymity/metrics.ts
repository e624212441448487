import { ValidationError } from '../errors/kinds.ts';
import type { EncodedTable } from './encode.ts';
import type { ClassSet } from './groupify.ts';
import type { AggregateFunction, MetricName } from './types.ts';

/** A metric as ARX configures it. */
export interface MetricSpec {
  /** Which metric. */
  readonly name: MetricName;
  /** ARX's monotonic variant (ignores suppression) or the non-monotonic one. */
  readonly monotonic: boolean;
  /** Aggregate of per-attribute values (multi-dimensional metrics only). */
  readonly aggregate: AggregateFunction;
  /** ARX's generalization/suppression factor in [0, 1]; 0.5 weighs both equally. */
  readonly gsFactor: number;
}

/** A metric given by name, or with ARX's options spelled out. */
export type MetricOption =
  | MetricName
  | {
      readonly name: MetricName;
      readonly monotonic?: boolean | undefined;
      readonly aggregate?: AggregateFunction | undefined;
      readonly gsFactor?: number | undefined;
    };

/**
 * ARX's defaults: non-uniform entropy monotonic with sum (as in ARX's published
 * tests), discernibility as DM* (monotonic), loss with the geometric mean,
 * precision non-monotonic with the arithmetic mean, AECS non-monotonic.
 */
const DEFAULTS: Readonly<Record<MetricName, Omit<MetricSpec, 'name' | 'gsFactor'>>> = {
  'non-uniform-entropy': { monotonic: true, aggregate: 'sum' },
  discernibility: { monotonic: true, aggregate: 'sum' },
  loss: { monotonic: false, aggregate: 'geometric-mean' },
  precision: { monotonic: false, aggregate: 'arithmetic-mean' },
  aecs: { monotonic: false, aggregate: 'sum' },
};

/** The names of the supported metrics. */
export const metricNames: readonly MetricName[] = Object.keys(DEFAULTS) as MetricName[];

/**
 * Resolves a metric option to a full spec with ARX's defaults.
 *
 * @param option - a name or an object
 * @returns the spec
 * @throws {ValidationError} `unknown-metric` for an unknown name, `invalid-parameter` for a bad option
 */
export function resolveMetric(option: MetricOption): MetricSpec {
  const name: unknown =
    typeof option === 'string'
      ? option
      : typeof option === 'object' && option !== null
        ? option.name
        : undefined;
  if (typeof name !== 'string' || !Object.hasOwn(DEFAULTS, name)) {
    throw new ValidationError(`metric must be one of ${metricNames.join(', ')}`, {
      reason: 'unknown-metric',
      path: 'metric',
    });
  }
  const base = DEFAULTS[name as MetricName];
  if (typeof option === 'string') return { name: option, ...base, gsFactor: 0.5 };
  const { monotonic, aggregate: fn, gsFactor } = option;
  if (monotonic !== undefined && typeof monotonic !== 'boolean') {
    throw invalidParameter('metric.monotonic', 'a boolean');
  }
  if (fn !== undefined && !AGGREGATES.includes(fn)) {
    throw invalidParameter('metric.aggregate', `one of ${AGGREGATES.join(', ')}`);
  }
  if (gsFactor !== undefined && typeof gsFactor !== 'number') {
    throw invalidParameter('metric.gsFactor', 'a number');
  }
  return {
    name: option.name,
    // Loss and AECS exist only non-monotonic in ARX.
    monotonic: name === 'loss' || name === 'aecs' ? false : (monotonic ?? base.monotonic),
    aggregate: fn ?? base.aggregate,
    gsFactor: gsFactor ?? 0.5,
  };
}

const AGGREGATES: readonly AggregateFunction[] = [
  'sum',
  'arithmetic-mean',
  'geometric-mean',
  'maximum',
];

function invalidParameter(path: string, expected: string): ValidationError {
  return new ValidationError(`${path} must be ${expected}`, { reason: 'invalid-parameter', path });
}

const LOG2 = Math.log(2);
const FACTOR = 1e10;

/** ARX's Metric.round: keep ten decimals, flooring. */
export function arxRound(value: number): number {
  return Math.floor(value * FACTOR) / FACTOR;
}

/** ARX's generalization factor for a gs-factor. */
function generalizationFactor(gs: number): number {
  return gs <= 0.5 ? 1 : 1 - 2 * (gs - 0.5);
}

/** ARX's suppression factor for a gs-factor. */
function suppressionFactor(gs: number): number {
  return gs < 0.5 ? 2 * gs : 1;
}

/**
 * Aggregates per-attribute values as ARX's ILMultiDimensional* classes do
 * (all attribute weights 1).
 *
 * @param values - per-attribute values
 * @param fn - the aggregate function
 * @returns the aggregate
 * @throws {ValidationError} `invalid-argument` unless values is an array of numbers, `invalid-parameter` for an unknown function
 */
export function aggregate(values: readonly number[], fn: AggregateFunction): number {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number')) {
    throw new ValidationError('values must be an array of numbers', {
      reason: 'invalid-argument',
      path: 'values',
    });
  }
  if (!AGGREGATES.includes(fn)) {
    throw invalidParameter('fn', `one of ${AGGREGATES.join(', ')}`);
  }
  return aggregateValues(values, fn);
}

/**
 * {@link aggregate} without argument checks, for inner loops whose values and
 * function come from a validated spec (internal).
 *
 * @param values - per-attribute values
 * @param fn - the aggregate function
 * @returns the aggregate
 */
export function aggregateValues(values: readonly number[], fn: AggregateFunction): number {
  const n = values.length;
  if (fn === 'sum') {
    let s = 0;
    for (const v of values) s += v;
    return Number.isFinite(s) ? s : Number.MAX_VALUE;
  }
  if (fn === 'arithmetic-mean') {
    let s = 0;
    for (const v of values) s += v / n;
    return s;
  }
  if (fn === 'geometric-mean') {
    let p = 1;
    for (const v of values) p *= (v + 1) ** (1 / n);
    return p - 1;
  }
  let m = 0;
  for (const v of values) m = Math.max(m, v);
  return m;
}

/** Per-table caches for metrics that depend only on the levels. */
export interface MetricContext {
  readonly table: EncodedTable;
  readonly spec: MetricSpec;
  /** entropy[q][level]: ARX's (unrounded, non-negated) non-uniform entropy sum. */
  readonly entropy: readonly Float64Array[];
  /** shareLoss[q][level]: records × domain share, generalization only. */
  readonly shareLoss: readonly Float64Array[];
}

/**
 * Precomputes the level-only parts of the metrics.
 *
 * @param table - the encoded table
 * @param spec - the metric
 * @returns the context
 */
export function createMetricContext(table: EncodedTable, spec: MetricSpec): MetricContext {
  const entropy = table.qis.map((qi) => {
    const out = new Float64Array(qi.height);
    for (let level = 0; level < qi.height; level++) {
      let value = 0;
      const labelOf = qi.rowLabel[level]!;
      const labelCount = qi.labelCount[level]!;
      for (let r = 0; r < qi.domainSize; r++) {
        const a = qi.rowCount[r]!;
        if (a !== 0) value += a * (Math.log(a / labelCount[labelOf[r]!]!) / LOG2);
      }
      out[level] = value;
    }
    return out;
  });
  const shareLoss = table.qis.map((qi) => {
    const out = new Float64Array(qi.height);
    for (let level = 0; level < qi.height; level++) {
      const labelOf = qi.rowLabel[level]!;
      const rows = qi.labelRows[level]!;
      let value = 0;
      for (let r = 0; r < qi.domainSize; r++) {
        const a = qi.rowCount[r]!;
        if (a !== 0) value += a * (rows[labelOf[r]!]! / qi.domainSize);
      }
      out[level] = value;
    }
    return out;
  });
  return { table, spec, entropy, shareLoss };
}

function entropyColumn(ctx: MetricContext, q: number, level: number): number {
  return ctx.entropy[q]![level]! * generalizationFactor(ctx.spec.gsFactor);
}

function finishEntropy(raw: number): number {
  return arxRound(raw === 0 ? raw : -raw);
}

function normalizeLoss(ctx: MetricContext, q: number, sum: number): number {
  const n = ctx.table.rows;
  const min = (generalizationFactor(ctx.spec.gsFactor) * n) / ctx.table.qis[q]!.domainSize;
  const result = (sum - min) / (n - min);
  // ARX maps NaN (a one-row hierarchy) to 0 too, which Math.max would not.
  // biome-ignore lint/complexity/useMathMinMax: NaN must become 0
  return arxRound(result >= 0 ? result : 0);
}

function precisionColumn(ctx: MetricContext, q: number, level: number): number {
  const h = ctx.table.qis[q]!.height - 1;
  return h === 0 ? 0 : level / h;
}

/**
 * Per quasi-identifier and level, the part of a lower bound on the metric of a
 * node and all its generalizations that needs no grouping (ARX's
 * getLowerBound; exact for monotonic entropy and precision); undefined for
 * metrics without one. Callers aggregate a node's values over its
 * quasi-identifiers without allocating.
 *
 * @param ctx - metric context
 * @returns table[q][level]
 */
export function independentBoundTable(ctx: MetricContext): Float64Array[] | undefined {
  const { name } = ctx.spec;
  if (name !== 'non-uniform-entropy' && name !== 'precision' && name !== 'loss') return undefined;
  const g = generalizationFactor(ctx.spec.gsFactor);
  return ctx.table.qis.map((qi, q) => {
    const out = new Float64Array(qi.height);
    for (let l = 0; l < qi.height; l++) {
      out[l] =
        name === 'non-uniform-entropy'
          ? finishEntropy(entropyColumn(ctx, q, l))
          : name === 'precision'
            ? precisionColumn(ctx, q, l) * g
            : normalizeLoss(ctx, q, ctx.shareLoss[q]![l]! * g);
    }
    return out;
  });
}

/** The value of a metric on a node, per attribute (multi-dimensional metrics) and aggregated. */
export interface MetricValue {
  /** The aggregated value ARX reports (lower is better). */
  readonly value: number;
  /** Per-attribute values in quasi-identifier order, or undefined for DM and AECS. */
  readonly perAttribute: readonly number[] | undefined;
}

/**
 * Evaluates a metric on a grouped node exactly as ARX does, given which classes
 * are suppressed.
 *
 * @param ctx - metric context
 * @param set - the node's classes
 * @param suppressed - 1 for each suppressed class
 * @returns the value
 */
export function evaluateMetric(
  ctx: MetricContext,
  set: ClassSet,
  suppressed: Uint8Array,
): MetricValue {
  const { table, spec } = ctx;
  const n = table.rows;
  const d = table.qis.length;
  const g = generalizationFactor(spec.gsFactor);
  const s = suppressionFactor(spec.gsFactor);
  const levels = set.levels;
  switch (spec.name) {
    case 'non-uniform-entropy': {
      const per = levels.map((l, q) => entropyColumn(ctx, q, l));
      if (!spec.monotonic) {
        let total = 0;
        for (let c = 0; c < set.size; c++) if (suppressed[c]) total += set.count[c]!;
        if (total !== 0) {
          for (let q = 0; q < d; q++) {
            const byLabel = new Map<number, number>();
            for (let c = 0; c < set.size; c++) {
              if (!suppressed[c]) continue;
              const v = set.key[c * d + q]!;
              byLabel.set(v, (byLabel.get(v) ?? 0) + set.count[c]!);
            }
            for (const count of byLabel.values())
              per[q]! += count * (Math.log(count / total) / LOG2) * s;
          }
        }
      }
      const values = per.map(finishEntropy);
      return { value: aggregateValues(values, spec.aggregate), perAttribute: values };
    }
    case 'discernibility': {
      let dm = 0;
      for (let c = 0; c < set.size; c++) {
        const count = set.count[c]!;
        dm += spec.monotonic || !suppressed[c] ? count * count : n * count;
      }
      return { value: dm, perAttribute: undefined };
    }
    case 'aecs': {
      let kept = 0;
      let any = false;
      for (let c = 0; c < set.size; c++) {
        if (suppressed[c]) any = true;
        else kept++;
      }
      // ARX switches the factors on purpose for AECS.
      const groups = kept * s + (any ? g : 0);
      return { value: n / groups, perAttribute: undefined };
    }
    case 'loss': {
      const values: number[] = [];
      for (let q = 0; q < d; q++) {
        const rows = table.qis[q]!.labelRows[levels[q]!]!;
        const size = table.qis[q]!.domainSize;
        let sum = 0;
        for (let c = 0; c < set.size; c++) {
          const count = set.count[c]!;
          const share = count * (rows[set.key[c * d + q]!]! / size);
          sum += !suppressed[c] ? share * g : s === 1 ? count : share + s * (count - share);
        }
        values.push(normalizeLoss(ctx, q, sum));
      }
      return { value: aggregateValues(values, spec.aggregate), perAttribute: values };
    }
    case 'precision': {
      let kept = 0;
      let removed = 0;
      for (let c = 0; c < set.size; c++) {
        if (suppressed[c]) removed += set.count[c]!;
        else kept += set.count[c]!;
      }
      const values = levels.map((l, q) => {
        const p = precisionColumn(ctx, q, l);
        if (spec.monotonic) return p * g;
        return (kept * p * g + removed * s) / n;
      });
      return { value: aggregateValues(values, spec.aggregate), perAttribute: values };
    }
  }
}

/**
 * A lower bound from a grouped node on itself and every generalization of it
 * (DM* for discernibility, records / classes for AECS), as ARX's bounds.
 *
 * @param ctx - metric context
 * @param set - the node's classes
 * @returns the bound, or undefined when the metric has an independent one
 */
export function groupBound(ctx: MetricContext, set: ClassSet): number | undefined {
  if (ctx.spec.name === 'discernibility') {
    let dm = 0;
    for (let c = 0; c < set.size; c++) dm += set.count[c]! * set.count[c]!;
    return dm;
  }
  if (ctx.spec.name === 'aecs') {
    return ctx.table.rows / (set.size * suppressionFactor(ctx.spec.gsFactor));
  }
  return undefined;
}
