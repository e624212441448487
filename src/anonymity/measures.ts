import { ValidationError } from '../errors/kinds.ts';
import {
  defaultOrder,
  equalDistanceEmd,
  hierarchicalDistanceEmd,
  orderedDistanceEmd,
} from './emd.ts';
import { readTable } from './table.ts';
import type { Hierarchy, TableInput } from './types.ts';

/** How sensitive-value distributions are compared for t-closeness in a measurement. */
export interface TClosenessMeasureOption {
  /** Value order for ordered distance (default numeric/lexical). */
  readonly order?: readonly string[] | undefined;
  /** Value hierarchy for hierarchical distance. */
  readonly hierarchy?: Hierarchy | undefined;
}

/** Options of {@link measureAnonymity}. */
export interface MeasureOptions {
  /** Quasi-identifier names. */
  readonly quasiIdentifiers: readonly string[];
  /** Sensitive attributes to measure l-diversity and t-closeness on. */
  readonly sensitive?: readonly string[] | undefined;
  /** Per sensitive attribute: order / hierarchy for ordered and hierarchical t-closeness. */
  readonly tCloseness?: Readonly<Record<string, TClosenessMeasureOption>> | undefined;
  /** The population the table was drawn from, generalized the same way (journalist risk). */
  readonly population?: TableInput | undefined;
  /** The value marking a suppressed quasi-identifier; records with every QI equal to it are suppressed. */
  readonly suppressedValue?: string | undefined;
}

/** l-diversity of one sensitive attribute: the worst class under each definition. */
export interface LDiversityMeasure {
  /** Smallest number of distinct values in a class (distinct l). */
  readonly distinct: number;
  /** Smallest 2^entropy (bits) over classes (entropy l). */
  readonly entropy: number;
  /** For recursive (c,2): the smallest c that every class satisfies, r1 / (r2 + … + rm) (Infinity if some class has one value). */
  readonly recursiveC2: number;
}

/** t-closeness of one sensitive attribute: the largest EMD over classes per ground distance. */
export interface TClosenessMeasure {
  /** Equal ground distance. */
  readonly equal: number;
  /** Ordered ground distance. */
  readonly ordered: number;
  /** Hierarchical ground distance (when a hierarchy was given). */
  readonly hierarchical: number | undefined;
}

/** Re-identification risk under one attacker model. */
export interface RiskMeasure {
  /** Highest record risk. */
  readonly highest: number;
  /** Average record risk. */
  readonly average: number;
  /** Share of records at the highest risk. */
  readonly recordsAtHighest: number;
}

/** Everything {@link measureAnonymity} reports about a table. */
export interface AnonymityMeasures {
  /** Records measured (suppressed records excluded). */
  readonly records: number;
  /** Records suppressed (every quasi-identifier equal to the suppressed value). */
  readonly suppressed: number;
  /** Number of equivalence classes. */
  readonly classes: number;
  /** The k the table satisfies: the smallest class size (0 for an empty table). */
  readonly k: number;
  /** Class size histogram: how many classes have each size, ascending by size. */
  readonly classSizes: readonly { readonly size: number; readonly classes: number }[];
  /** Share of records that are unique on the quasi-identifiers (sample uniques). */
  readonly uniqueShare: number;
  /** Share of records unique in the population (when a population is given). */
  readonly populationUniqueShare: number | undefined;
  /** Prosecutor model: the attacker knows the target is in the table; record risk 1/|class|. */
  readonly prosecutor: RiskMeasure;
  /** Journalist model: the target is in the population; record risk 1/|population class| (when given). */
  readonly journalist: RiskMeasure | undefined;
  /** Marketer model: expected share of records re-identified when linking everyone. */
  readonly marketer: number;
  /** l-diversity per sensitive attribute. */
  readonly lDiversity: Readonly<Record<string, LDiversityMeasure>>;
  /** t-closeness per sensitive attribute. */
  readonly tCloseness: Readonly<Record<string, TClosenessMeasure>>;
}

const SEP = '\u0001';

function classKeys(
  table: ReturnType<typeof readTable>,
  qis: readonly string[],
  suppressedValue: string,
): { keys: (string | undefined)[] } {
  const columns = qis.map((q) => table.column(q));
  const keys = new Array<string | undefined>(table.rows);
  for (let i = 0; i < table.rows; i++) {
    let key = '';
    let suppressed = true;
    for (let q = 0; q < columns.length; q++) {
      const v = columns[q]![i]!;
      if (v !== suppressedValue) suppressed = false;
      key += (q === 0 ? '' : SEP) + v;
    }
    keys[i] = suppressed && qis.length > 0 ? undefined : key;
  }
  return { keys };
}

/**
 * Measures a (generalized) table: equivalence classes on the quasi-identifiers,
 * k, l-diversity and t-closeness of sensitive attributes, and re-identification
 * risk under the prosecutor, journalist and marketer models.
 *
 * @param table - records or columns, values as released
 * @param options - quasi-identifiers, sensitive attributes, optional population
 * @returns the measures
 * @throws {ValidationError} on unknown fields or missing values
 * @example
 * ```ts
 * import { measureAnonymity } from 'dataguard/anonymity';
 * const m = measureAnonymity(
 *   [{ age: '30-39', disease: 'flu' }, { age: '30-39', disease: 'hiv' }, { age: '40-49', disease: 'flu' }],
 *   { quasiIdentifiers: ['age'], sensitive: ['disease'] },
 * );
 * m.k; // 1
 * m.prosecutor.highest; // 1
 * ```
 */
export function measureAnonymity(table: TableInput, options: MeasureOptions): AnonymityMeasures {
  const qis = options?.quasiIdentifiers;
  if (!Array.isArray(qis) || qis.length === 0) {
    throw new ValidationError('options.quasiIdentifiers must be a non-empty list', {
      reason: 'invalid-quasi-identifiers',
      path: 'options.quasiIdentifiers',
    });
  }
  const suppressedValue = options.suppressedValue ?? '*';
  const read = readTable(table);
  const { keys } = classKeys(read, qis, suppressedValue);
  const classOf = new Map<string, number>();
  const sizes: number[] = [];
  const rowClass = new Int32Array(read.rows).fill(-1);
  let suppressed = 0;
  for (let i = 0; i < read.rows; i++) {
    const key = keys[i];
    if (key === undefined) {
      suppressed++;
      continue;
    }
    let c = classOf.get(key);
    if (c === undefined) {
      c = sizes.length;
      classOf.set(key, c);
      sizes.push(0);
    }
    sizes[c]!++;
    rowClass[i] = c;
  }
  const n = read.rows - suppressed;
  const histogram = new Map<number, number>();
  for (const s of sizes) histogram.set(s, (histogram.get(s) ?? 0) + 1);
  let k = sizes.length === 0 ? 0 : Number.POSITIVE_INFINITY;
  for (const s of sizes) if (s < k) k = s;
  let uniques = 0;
  for (const s of sizes) if (s === 1) uniques++;
  const atHighest =
    sizes.length === 0 ? 0 : sizes.filter((s) => s === k).reduce((a, s) => a + s, 0);
  const prosecutor: RiskMeasure = {
    highest: k === 0 ? 0 : 1 / k,
    average: n === 0 ? 0 : sizes.length / n,
    recordsAtHighest: n === 0 ? 0 : atHighest / n,
  };

  let journalist: RiskMeasure | undefined;
  let marketer = prosecutor.average;
  let populationUniqueShare: number | undefined;
  if (options.population !== undefined) {
    const pop = readTable(options.population, 'options.population');
    const popKeys = classKeys(pop, qis, suppressedValue).keys;
    const popSize = new Map<string, number>();
    for (const key of popKeys) if (key !== undefined) popSize.set(key, (popSize.get(key) ?? 0) + 1);
    let highest = 0;
    let sumRisk = 0;
    let atMax = 0;
    let popUniques = 0;
    for (const [key, c] of classOf) {
      // The sample is part of the population: a population class is at least as large.
      const F = Math.max(popSize.get(key) ?? 0, sizes[c]!);
      const risk = 1 / F;
      if (risk > highest) {
        highest = risk;
        atMax = 0;
      }
      if (risk === highest) atMax += sizes[c]!;
      sumRisk += sizes[c]! * risk;
      if (F === 1) popUniques++;
    }
    journalist = {
      highest,
      average: n === 0 ? 0 : sumRisk / n,
      recordsAtHighest: n === 0 ? 0 : atMax / n,
    };
    marketer = journalist.average;
    populationUniqueShare = n === 0 ? 0 : popUniques / n;
  }

  const lDiversity: Record<string, LDiversityMeasure> = {};
  const tCloseness: Record<string, TClosenessMeasure> = {};
  for (const attribute of options.sensitive ?? []) {
    const values = read.column(attribute);
    const index = new Map<string, number>();
    const distinctValues: string[] = [];
    const ids = new Int32Array(read.rows);
    for (let i = 0; i < read.rows; i++) {
      let id = index.get(values[i]!);
      if (id === undefined) {
        id = distinctValues.length;
        index.set(values[i]!, id);
        distinctValues.push(values[i]!);
      }
      ids[i] = id;
    }
    const m = distinctValues.length;
    const hist = new Int32Array(sizes.length * m);
    const global = new Int32Array(m);
    for (let i = 0; i < read.rows; i++) {
      if (rowClass[i]! < 0) continue;
      hist[rowClass[i]! * m + ids[i]!]!++;
      global[ids[i]!]!++;
    }
    const measureOptions = options.tCloseness?.[attribute];
    const order = measureOptions?.order ?? defaultOrder(distinctValues);
    const position = new Map(order.map((v, i) => [v, i]));
    const rank = new Int32Array(m);
    const sortedIds = distinctValues
      .map((_, id) => id)
      .sort((a, b) => {
        const pa = position.get(distinctValues[a]!);
        const pb = position.get(distinctValues[b]!);
        if (pa === undefined || pb === undefined) {
          throw new ValidationError(`options.tCloseness.${attribute}.order misses a value`, {
            reason: 'value-not-in-order',
            path: `options.tCloseness.${attribute}.order`,
          });
        }
        return pa - pb;
      });
    sortedIds.forEach((id, r) => {
      rank[id] = r;
    });
    const equal = equalDistanceEmd(global);
    const ordered = orderedDistanceEmd(global, rank);
    const hierarchical =
      measureOptions?.hierarchy === undefined
        ? undefined
        : hierarchicalDistanceEmd(global, distinctValues, measureOptions.hierarchy, attribute);
    let minDistinct = Number.POSITIVE_INFINITY;
    let minEntropy = Number.POSITIVE_INFINITY;
    let maxC = 0;
    let tEqual = 0;
    let tOrdered = 0;
    let tHier = 0;
    for (let c = 0; c < sizes.length; c++) {
      const counts = hist.subarray(c * m, c * m + m);
      const total = sizes[c]!;
      let distinct = 0;
      let h = 0;
      const present: number[] = [];
      for (let v = 0; v < m; v++) {
        const f = counts[v]!;
        if (f > 0) {
          distinct++;
          h -= (f / total) * Math.log2(f / total);
          present.push(f);
        }
      }
      present.sort((a, b) => b - a);
      const tail = present.slice(1).reduce((a, b) => a + b, 0);
      maxC = Math.max(maxC, tail === 0 ? Number.POSITIVE_INFINITY : present[0]! / tail);
      minDistinct = Math.min(minDistinct, distinct);
      minEntropy = Math.min(minEntropy, 2 ** h);
      tEqual = Math.max(tEqual, equal(counts, total));
      tOrdered = Math.max(tOrdered, ordered(counts, total));
      if (hierarchical) tHier = Math.max(tHier, hierarchical(counts, total));
    }
    const none = sizes.length === 0;
    lDiversity[attribute] = {
      distinct: none ? 0 : minDistinct,
      entropy: none ? 0 : minEntropy,
      recursiveC2: none ? 0 : maxC,
    };
    tCloseness[attribute] = {
      equal: tEqual,
      ordered: tOrdered,
      hierarchical: hierarchical ? tHier : undefined,
    };
  }

  return {
    records: n,
    suppressed,
    classes: sizes.length,
    k,
    classSizes: [...histogram.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([size, classes]) => ({ size, classes })),
    uniqueShare: n === 0 ? 0 : uniques / n,
    populationUniqueShare,
    prosecutor,
    journalist,
    marketer,
    lDiversity,
    tCloseness,
  };
}
