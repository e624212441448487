import { AnonymityError, ValidationError } from '../errors/kinds.ts';
import {
  type ClassVerdicts,
  type CompiledCriteria,
  compileCriteria,
  judgeClasses,
} from './criteria.ts';
import type { EncodedTable } from './encode.ts';
import { type ClassSet, createGrouper, type Grouper } from './groupify.ts';
import { createLattice, type Lattice, markClosure } from './lattice.ts';
import {
  aggregateValues,
  createMetricContext,
  evaluateMetric,
  groupBound,
  independentBoundTable,
  type MetricContext,
  type MetricOption,
  type MetricSpec,
  metricNames,
  resolveMetric,
} from './metrics.ts';
import { pairSuppressionBound } from './prefilter.ts';
import { type PreparedTable, tableAndEncoding } from './prepare.ts';
import type { StringTable } from './table.ts';
import type {
  Hierarchy,
  LDiversityRequirement,
  TableInput,
  TClosenessRequirement,
} from './types.ts';

/** Options of {@link optimalGeneralization}. */
export interface OptimalGeneralizationOptions {
  /** Quasi-identifier names; the lattice has one dimension per name. */
  readonly quasiIdentifiers: readonly string[];
  /** A hierarchy (ARX layout) per quasi-identifier. */
  readonly hierarchies: Readonly<Record<string, Hierarchy>>;
  /** Minimum equivalence class size (k-anonymity). */
  readonly k: number;
  /** l-diversity requirement(s) on sensitive attributes. */
  readonly lDiversity?: LDiversityRequirement | readonly LDiversityRequirement[] | undefined;
  /** t-closeness requirement(s) on sensitive attributes. */
  readonly tCloseness?: TClosenessRequirement | readonly TClosenessRequirement[] | undefined;
  /** Largest fraction of records that may be suppressed, in [0, 1] (0.02 = 2%). */
  readonly suppressionLimit: number;
  /** The utility metric to minimize, by name or with ARX options. */
  readonly metric: MetricOption;
}

/** Counters of one search. */
export interface SearchStats {
  /** Nodes in the lattice. */
  readonly latticeSize: number;
  /** Nodes grouped (checked against the data). */
  readonly checks: number;
  /** Anonymous nodes whose metric was compared. */
  readonly evaluated: number;
  /** Tuples or classes read by all checks (the work done). */
  readonly items: number;
}

/** The optimal full-domain generalization. */
export interface OptimalGeneralization {
  /** The chosen level of each quasi-identifier. */
  readonly levels: Readonly<Record<string, number>>;
  /** Records suppressed (classes failing the privacy model, within the limit). */
  readonly suppressed: number;
  /** Equivalence classes left after suppression. */
  readonly classes: number;
  /** The metric value as ARX reports it (lower is better). */
  readonly value: number;
  /** Per-attribute metric values (multi-dimensional metrics). */
  readonly perAttribute: Readonly<Record<string, number>> | undefined;
  /** The metric with its resolved ARX options. */
  readonly metric: MetricSpec;
  /** Search counters. */
  readonly stats: SearchStats;
  /** Returns the records generalized at `levels`, suppressed records with every quasi-identifier `*`. */
  apply(): Record<string, string>[];
}

/** A grouped node with its verdicts. */
interface Checked {
  readonly set: ClassSet;
  readonly verdicts: ClassVerdicts;
}

const STATUS_ANONYMOUS = 1;
const STATUS_NOT_ANONYMOUS = 2;

function asList<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/** ARX's FLASH strategy keys (precision, 1 - distinct share) used to break ties among equal nodes. */
function tieRanks(table: EncodedTable, lattice: Lattice): Int32Array {
  const d = table.qis.length;
  const prec = new Float64Array(lattice.size);
  const dist = new Float64Array(lattice.size);
  const levels: number[] = [];
  for (let i = 0; i < lattice.size; i++) {
    lattice.levelsOf(i, levels);
    let p = 0;
    let dd = 0;
    for (let q = 0; q < d; q++) {
      const qi = table.qis[q]!;
      p += qi.height > 1 ? levels[q]! / (qi.height - 1) : 0;
      dd += qi.labels[levels[q]!]!.length / qi.labels[0]!.length;
    }
    prec[i] = p / d;
    dist[i] = 1 - dd / d;
  }
  const order = Array.from({ length: lattice.size }, (_, i) => i);
  order.sort(
    (a, b) =>
      lattice.level[a]! - lattice.level[b]! || prec[a]! - prec[b]! || dist[a]! - dist[b]! || a - b,
  );
  const rank = new Int32Array(lattice.size);
  order.forEach((node, r) => {
    rank[node] = r;
  });
  return rank;
}

/** Everything a search or evaluation needs, validated. */
export interface SearchInput {
  readonly table: StringTable;
  readonly encoded: EncodedTable;
  readonly criteria: CompiledCriteria;
  readonly ctx: MetricContext;
  readonly maxOutliers: number;
}

export function prepareSearch(
  records: TableInput | PreparedTable,
  options: OptimalGeneralizationOptions,
): SearchInput {
  if (options === null || typeof options !== 'object') {
    throw new ValidationError('options must be an object', {
      reason: 'invalid-options',
      path: 'options',
    });
  }
  const { quasiIdentifiers: qis, suppressionLimit } = options;
  if (!Array.isArray(qis) || qis.length === 0 || new Set(qis).size !== qis.length) {
    throw new ValidationError(
      'options.quasiIdentifiers must be a non-empty list of distinct names',
      {
        reason: 'invalid-quasi-identifiers',
        path: 'options.quasiIdentifiers',
      },
    );
  }
  if (typeof suppressionLimit !== 'number' || !(suppressionLimit >= 0 && suppressionLimit <= 1)) {
    throw new ValidationError('options.suppressionLimit must be a fraction in [0, 1]', {
      reason: 'invalid-suppression-limit',
      path: 'options.suppressionLimit',
    });
  }
  const metricName = typeof options.metric === 'string' ? options.metric : options.metric?.name;
  if (!metricNames.includes(metricName as never)) {
    throw new ValidationError(`options.metric must be one of ${metricNames.join(', ')}`, {
      reason: 'unknown-metric',
      path: 'options.metric',
    });
  }
  const spec = resolveMetric(options.metric);
  if (!(spec.gsFactor >= 0 && spec.gsFactor <= 1)) {
    throw new ValidationError('options.metric.gsFactor must be in [0, 1]', {
      reason: 'invalid-parameter',
      path: 'options.metric.gsFactor',
    });
  }
  const lDiversity = asList(options.lDiversity);
  const tCloseness = asList(options.tCloseness);
  const sensitive = [...new Set([...lDiversity, ...tCloseness].map((r) => r.attribute))];
  if (sensitive.some((s) => qis.includes(s))) {
    throw new ValidationError('a sensitive attribute cannot also be a quasi-identifier', {
      reason: 'sensitive-is-quasi-identifier',
      path: 'options.lDiversity',
    });
  }
  const { table, encoded } = tableAndEncoding(records, qis, options.hierarchies, sensitive);
  const criteria = compileCriteria(encoded, options.k, lDiversity, tCloseness);
  return {
    table,
    encoded,
    criteria,
    ctx: createMetricContext(encoded, spec),
    maxOutliers: Math.floor(suppressionLimit * encoded.rows),
  };
}

/** Checks nodes against the data with roll-up from cached finer nodes. */
function createChecker(input: SearchInput, grouper: Grouper) {
  const { encoded, criteria, maxOutliers } = input;
  const cache: ClassSet[] = [];
  const needsSensitive = criteria.sensitive.length > 0;
  let checks = 0;
  let items = 0;
  const maxClasses = Math.floor(encoded.rows / criteria.k) + maxOutliers;
  function parentFor(levels: readonly number[]): ClassSet | null {
    let best: ClassSet | null = null;
    for (const set of cache) {
      if (best !== null && set.size >= best.size) continue;
      let below = true;
      for (let q = 0; q < levels.length; q++) {
        if (set.levels[q]! > levels[q]!) {
          below = false;
          break;
        }
      }
      if (below) best = set;
    }
    return best;
  }
  function remember(set: ClassSet): void {
    // Sensitive tests map classes back to bottom tuples: keep roll-up chains short.
    if (needsSensitive && depth(set) > 3) return;
    cache.push(set);
    if (cache.length > 96) {
      let worst = 0;
      for (let i = 1; i < cache.length; i++) if (cache[i]!.size > cache[worst]!.size) worst = i;
      cache.splice(worst, 1);
    }
  }
  return {
    get checks() {
      return checks;
    },
    get items() {
      return items;
    },
    /** Groups and judges a node; null when it has more classes than any anonymous node could. */
    check(levels: readonly number[], abort: boolean): Checked | null {
      checks++;
      const parent = parentFor(levels);
      items += parent === null ? encoded.bottomSize : parent.size;
      const set = grouper.group(levels, parent, abort ? maxClasses : undefined);
      if (set === null) return null;
      const verdicts = judgeClasses(
        encoded,
        criteria,
        set.size,
        set.count,
        needsSensitive ? () => grouper.classOfBottom(set) : undefined,
      );
      remember(set);
      return { set, verdicts };
    },
  };
}

function depth(set: ClassSet): number {
  let d = 0;
  for (let s: ClassSet | null = set.parent; s !== null; s = s.parent) d++;
  return d;
}

/**
 * Finds the optimal full-domain generalization with record suppression: the
 * node of the generalization lattice that satisfies k-anonymity (and the
 * given l-diversity / t-closeness) with at most `suppressionLimit` of the
 * records suppressed, and has the lowest value of the chosen metric as ARX
 * computes it. The search is exact: it prunes with predictive tagging
 * (anonymity is monotonic in generalization) and with ARX's lower bounds, and
 * evaluates every node that could still win. Ties go to the lower lattice
 * level, then to ARX's FLASH strategy order.
 *
 * @param records - the table (records, `{ columns }` or a prepared table), values compared as strings
 * @param options - quasi-identifiers, hierarchies, k, l, t, suppression limit and metric
 * @returns the optimum and `apply()` to produce the generalized records
 * @throws {ValidationError} on bad options, values outside hierarchies or missing values
 * @throws {AnonymityError} `no-anonymous-generalization` when even full generalization fails
 * @example
 * ```ts
 * import { optimalGeneralization } from 'dataguard/anonymity';
 * const records = [
 *   { age: '34', sex: 'F' }, { age: '36', sex: 'F' }, { age: '51', sex: 'M' }, { age: '58', sex: 'M' },
 * ];
 * const age = ['34', '36', '51', '58'].map((a) => [a, a < '50' ? '30-49' : '50-69', '*']);
 * const result = optimalGeneralization(records, {
 *   quasiIdentifiers: ['age', 'sex'],
 *   hierarchies: { age, sex: [['F', '*'], ['M', '*']] },
 *   k: 2,
 *   suppressionLimit: 0,
 *   metric: 'non-uniform-entropy',
 * });
 * result.levels; // { age: 1, sex: 0 }
 * ```
 */
export function optimalGeneralization(
  records: TableInput | PreparedTable,
  options: OptimalGeneralizationOptions,
): OptimalGeneralization {
  const input = prepareSearch(records, options);
  const { encoded, ctx, maxOutliers, criteria } = input;
  const spec = ctx.spec;
  const lattice = createLattice(encoded.qis.map((q) => q.height));
  const grouper = createGrouper(encoded);
  const checker = createChecker(input, grouper);
  const rank = tieRanks(encoded, lattice);
  const size = lattice.size;
  const levels: number[] = [];

  // Value never decreases with generalization among anonymous nodes.
  const exactMonotone = spec.monotonic || maxOutliers === 0;
  const anonymityMonotone = criteria.monotoneWithSuppression || maxOutliers === 0;
  const hasIndependent =
    spec.name === 'non-uniform-entropy' || spec.name === 'precision' || spec.name === 'loss';
  // The independent bound is the exact value of anonymous nodes.
  // (ARX evaluates the non-monotonic variants with their own formulas, which may
  // differ in the last bit, so only the monotonic ones take the bound as value.)
  const boundIsValue =
    spec.monotonic && (spec.name === 'non-uniform-entropy' || spec.name === 'precision');

  const ib = new Float64Array(size);
  const boundTable = independentBoundTable(ctx);
  if (boundTable) {
    const d = boundTable.length;
    const values = new Array<number>(d);
    for (let i = 0, base = 0; i < size; i++, base += d) {
      for (let q = 0; q < d; q++) values[q] = boundTable[q]![lattice.matrix[base + q]!]!;
      ib[i] = aggregateValues(values, spec.aggregate);
    }
  }
  const order = Array.from({ length: size }, (_, i) => i);
  if (hasIndependent) order.sort((a, b) => ib[a]! - ib[b]! || rank[a]! - rank[b]!);
  else order.sort((a, b) => rank[a]! - rank[b]!);

  const status = new Int8Array(size);
  if (encoded.qis.length > 1) {
    const pairBound = pairSuppressionBound(encoded, lattice, criteria.k);
    for (let i = 0; i < size; i++)
      if (pairBound[i]! > maxOutliers) status[i] = STATUS_NOT_ANONYMOUS;
  }
  const dominated = new Uint8Array(size);
  const lbProp = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
  let best = -1;
  let bestValue = Number.POSITIVE_INFINITY;
  let evaluated = 0;

  const propagate = (node: number, bound: number) => {
    lattice.levelsOf(node, levels);
    for (let q = 0; q < levels.length; q++) {
      if (levels[q]! + 1 < lattice.heights[q]!) {
        const next = node + lattice.stride[q]!;
        if (lbProp[next]! < bound) lbProp[next] = bound;
      }
    }
  };
  const beats = (value: number, node: number) =>
    best < 0 || value < bestValue || (value === bestValue && rank[node]! < rank[best]!);

  const judge = (node: number, abort: boolean): Checked | null => {
    const result = checker.check(lattice.levelsOf(node, levels), abort);
    if (result === null || result.verdicts.monotoneRecords > maxOutliers) {
      markClosure(lattice, status, node, STATUS_NOT_ANONYMOUS, false);
      return result;
    }
    if (result.verdicts.records > maxOutliers) {
      if (anonymityMonotone) markClosure(lattice, status, node, STATUS_NOT_ANONYMOUS, false);
      else status[node] = STATUS_NOT_ANONYMOUS;
    } else if (anonymityMonotone) markClosure(lattice, status, node, STATUS_ANONYMOUS, true);
    else status[node] = STATUS_ANONYMOUS;
    return result;
  };

  // Paths climb through the cheapest successors, so they stay among the nodes
  // that could still be optimal and each failing check rules out more of them.
  // The walk climbs through successors with the smallest bound: the metric's own
  // when it has one, else non-uniform entropy (a heuristic for the walk only; it
  // never affects which node is optimal).
  const walkKey = hasIndependent ? ib : new Float64Array(size);
  if (!hasIndependent) {
    const entropyCtx = createMetricContext(encoded, resolveMetric('non-uniform-entropy'));
    const table = independentBoundTable(entropyCtx)!;
    const d = table.length;
    for (let i = 0, base = 0; i < size; i++, base += d) {
      let sum = 0;
      for (let q = 0; q < d; q++) sum += table[q]![lattice.matrix[base + q]!]!;
      walkKey[i] = sum;
    }
  }
  const pathKey = (node: number) => walkKey[node]! + rank[node]! * 1e-9;
  const path: number[] = [];
  const pathLevels: number[] = [];
  // FLASH's binary phase: walk a greedy path of untagged nodes from `start` to
  // the top and binary-search it; every check tags a whole up- or down-set.
  const resolve = (start: number): Checked | null => {
    path.length = 0;
    let current = start;
    for (;;) {
      path.push(current);
      lattice.levelsOf(current, pathLevels);
      let next = -1;
      for (let q = 0; q < pathLevels.length; q++) {
        if (pathLevels[q]! + 1 >= lattice.heights[q]!) continue;
        const up = current + lattice.stride[q]!;
        if (status[up] === 0 && (next < 0 || pathKey(up) < pathKey(next))) next = up;
      }
      if (next < 0) break;
      current = next;
    }
    let low = 0;
    let high = path.length - 1;
    let startResult: Checked | null = null;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const at = path[mid]!;
      if (status[at] === 0) {
        const result = judge(at, true);
        if (mid === 0) startResult = result;
      }
      if (status[at] === STATUS_ANONYMOUS) high = mid - 1;
      else low = mid + 1;
      if (status[start] !== 0) break;
    }
    if (status[start] === 0) startResult = judge(start, true);
    return startResult;
  };

  for (let o = 0; o < size; o++) {
    const node = order[o]!;
    if (dominated[node]) continue;
    const bound = Math.max(hasIndependent ? ib[node]! : Number.NEGATIVE_INFINITY, lbProp[node]!);
    if (best >= 0) {
      // Bounds are compared with a little slack: ARX's formulas may round differently.
      const slack = Math.abs(bestValue) * 1e-9;
      if (hasIndependent && ib[node]! > bestValue + slack) break;
      if (bound > bestValue + slack || (boundIsValue && !beats(bound, node))) {
        propagate(node, bound);
        continue;
      }
    }
    let checked: Checked | null = null;
    if (status[node] === 0) checked = resolve(node);
    if (status[node] === STATUS_ANONYMOUS) {
      let value: number;
      if (boundIsValue) value = ib[node]!;
      else {
        if (checked === null) checked = judge(node, false);
        value = evaluateMetric(ctx, checked!.set, checked!.verdicts.fail).value;
      }
      evaluated++;
      if (beats(value, node)) {
        best = node;
        bestValue = value;
      }
      if (exactMonotone) markClosure(lattice, dominated, node, 1, true);
    }
    if (checked !== null) {
      const g = groupBound(ctx, checked.set);
      if (g !== undefined) propagate(node, Math.max(bound, g));
    }
  }

  if (best < 0) {
    throw new AnonymityError(
      'no generalization satisfies the privacy model within the suppression limit',
      {
        reason: 'no-anonymous-generalization',
        path: 'options',
        details: {
          k: options.k,
          suppressionLimit: options.suppressionLimit,
          records: encoded.rows,
        },
      },
    );
  }
  const bestLevels = lattice.levelsOf(best, []);
  const final = checker.check(bestLevels, false)!;
  const metric = evaluateMetric(ctx, final.set, final.verdicts.fail);
  const names = encoded.qis.map((q) => q.name);
  let kept = 0;
  for (let c = 0; c < final.set.size; c++) if (!final.verdicts.fail[c]) kept++;
  return {
    levels: Object.fromEntries(names.map((n, q) => [n, bestLevels[q]!])),
    suppressed: final.verdicts.records,
    classes: kept,
    value: metric.value,
    perAttribute:
      metric.perAttribute && Object.fromEntries(names.map((n, q) => [n, metric.perAttribute![q]!])),
    metric: spec,
    stats: { latticeSize: size, checks: checker.checks, evaluated, items: checker.items },
    apply: () => applyGeneralization(input, grouper, final),
  };
}

function applyGeneralization(
  input: SearchInput,
  grouper: Grouper,
  final: Checked,
): Record<string, string>[] {
  const { table, encoded } = input;
  const classOf = grouper.classOfBottom(final.set);
  const fields = new Set<string>();
  const records = Array.from({ length: table.rows }, () => ({}) as Record<string, string>);
  const d = encoded.qis.length;
  for (let q = 0; q < d; q++) fields.add(encoded.qis[q]!.name);
  for (let i = 0; i < table.rows; i++) {
    const c = classOf[encoded.recordBottom[i]!]!;
    const out = records[i]!;
    for (let q = 0; q < d; q++) {
      const qi = encoded.qis[q]!;
      out[qi.name] = final.verdicts.fail[c]
        ? '*'
        : qi.labels[final.set.levels[q]!]![final.set.key[c * d + q]!]!;
    }
  }
  for (const name of table.fields()) {
    if (fields.has(name)) continue;
    const values = table.lenient(name);
    for (let i = 0; i < table.rows; i++) records[i]![name] = values[i]!;
  }
  return records;
}
