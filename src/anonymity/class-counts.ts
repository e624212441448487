import { ValidationError } from '../errors/kinds.ts';
import type { AnonymityRequirements } from './gate.ts';
import type { AnonymityMeasures } from './measures.ts';
import type { LDiversityRequirement, TClosenessRequirement } from './types.ts';

const SEP = '\u0001';

/** Equivalence-class counts in a plain form that crosses threads and machines. */
export interface SerializedClassCounts {
  readonly quasiIdentifiers: readonly string[];
  readonly sensitive: readonly string[];
  /** Class keys (quasi-identifier values joined by U+0001), one per class. */
  readonly keys: readonly string[];
  /** Records per class, aligned with `keys`. */
  readonly counts: readonly number[];
  /** Per sensitive attribute: flat triples (class index, value, count). */
  readonly values: readonly (readonly (string | number)[])[];
  /** Records whose quasi-identifiers are all suppressed (`*`). */
  readonly suppressed: number;
}

/**
 * Running equivalence-class counts over a release's quasi-identifiers, with
 * per-class value counts of its sensitive attributes. Memory grows with the
 * number of classes, not rows; counts from several workers or machines merge.
 */
export interface ClassCounter {
  readonly quasiIdentifiers: readonly string[];
  readonly sensitive: readonly string[];
  /** Counts one record: its quasi-identifier values, then its sensitive values, in order. */
  add(values: readonly string[]): void;
  /** Adds counts made elsewhere over the same attributes. */
  merge(other: SerializedClassCounts): void;
  /** Records counted (suppressed included). */
  readonly records: number;
  /** Classes counted so far. */
  readonly classes: number;
  /** The counts, for another thread or machine. */
  serialize(): SerializedClassCounts;
}

/**
 * Creates an empty {@link ClassCounter}.
 *
 * @param quasiIdentifiers - the attributes that form a class
 * @param sensitive - attributes whose values are counted per class (l-diversity, t-closeness)
 * @returns the counter
 * @throws {ValidationError} when no quasi-identifier is given
 * @example
 * ```ts
 * import { createClassCounter } from 'dataguard/anonymity';
 * import { measureClassCounts } from './class-counts.ts';
 * const counter = createClassCounter(['age'], []);
 * counter.add(['30-39']);
 * counter.add(['30-39']);
 * measureClassCounts(counter.serialize()).k; // 2
 * ```
 */
export function createClassCounter(
  quasiIdentifiers: readonly string[],
  sensitive: readonly string[] = [],
): ClassCounter {
  if (!Array.isArray(quasiIdentifiers) || quasiIdentifiers.length === 0) {
    throw new ValidationError('quasiIdentifiers must be a non-empty list', {
      reason: 'invalid-quasi-identifiers',
      path: 'quasiIdentifiers',
    });
  }
  const q = quasiIdentifiers.length;
  // Sizes in a plain map (the common case has no sensitive attribute, and
  // millions of classes): per-class value counts only when there are some.
  const sizes = new Map<string, number>();
  const perClass = new Map<string, Map<string, number>[]>();
  let suppressed = 0;
  let records = 0;
  const valuesOf = (key: string): Map<string, number>[] => {
    let maps = perClass.get(key);
    if (maps === undefined) {
      maps = sensitive.map(() => new Map<string, number>());
      perClass.set(key, maps);
    }
    return maps;
  };
  return {
    quasiIdentifiers: Object.freeze([...quasiIdentifiers]),
    sensitive: Object.freeze([...sensitive]),
    get records() {
      return records;
    },
    get classes() {
      return sizes.size;
    },
    add(values) {
      records++;
      let key = '';
      let allSuppressed = true;
      for (let i = 0; i < q; i++) {
        const value = values[i] as string;
        if (value !== '*') allSuppressed = false;
        key = i === 0 ? value : key + SEP + value;
      }
      if (allSuppressed) {
        suppressed++;
        return;
      }
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
      if (sensitive.length === 0) return;
      const maps = valuesOf(key);
      for (let s = 0; s < sensitive.length; s++) {
        const value = values[q + s] as string;
        const map = maps[s] as Map<string, number>;
        map.set(value, (map.get(value) ?? 0) + 1);
      }
    },
    merge(other) {
      if (
        other.quasiIdentifiers.join(SEP) !== quasiIdentifiers.join(SEP) ||
        other.sensitive.join(SEP) !== sensitive.join(SEP)
      ) {
        throw new ValidationError('class counts over different attributes cannot merge', {
          reason: 'incompatible-counts',
          path: 'counts',
        });
      }
      suppressed += other.suppressed;
      records += other.suppressed;
      for (let i = 0; i < other.keys.length; i++) {
        const key = other.keys[i] as string;
        const count = other.counts[i] as number;
        sizes.set(key, (sizes.get(key) ?? 0) + count);
        records += count;
      }
      for (let s = 0; s < sensitive.length; s++) {
        const flat = other.values[s] ?? [];
        for (let i = 0; i + 2 < flat.length; i += 3) {
          const map = valuesOf(other.keys[flat[i] as number] as string)[s] as Map<string, number>;
          const value = flat[i + 1] as string;
          map.set(value, (map.get(value) ?? 0) + (flat[i + 2] as number));
        }
      }
    },
    serialize() {
      const keys: string[] = [];
      const counts: number[] = [];
      const values: (string | number)[][] = sensitive.map(() => []);
      let index = 0;
      for (const [key, count] of sizes) {
        keys.push(key);
        counts.push(count);
        const maps = perClass.get(key);
        for (let s = 0; s < sensitive.length; s++) {
          const out = values[s] as (string | number)[];
          for (const [value, n] of (maps?.[s] ?? new Map<string, number>()) as Map<string, number>)
            out.push(index, value, n);
        }
        index++;
      }
      return {
        quasiIdentifiers: [...quasiIdentifiers],
        sensitive: [...sensitive],
        keys,
        counts,
        values,
        suppressed,
      };
    },
  };
}

/** Measures of a release computed from its class counts. */
export interface ClassMeasures {
  readonly quasiIdentifiers: readonly string[];
  /** Smallest class size (0 when there is no class). */
  readonly k: number;
  readonly classes: number;
  /** Records in classes (suppressed ones excluded). */
  readonly records: number;
  readonly suppressed: number;
  /** Number of records in classes of each size, smallest sizes first (at most 20 sizes). */
  readonly smallestClasses: readonly { readonly size: number; readonly classes: number }[];
  /** Prosecutor re-identification risk: highest (1/k) and average (classes/records). */
  readonly highestRisk: number;
  readonly averageRisk: number;
  /** Distinct l-diversity per sensitive attribute: the fewest distinct values in a class. */
  readonly lDistinct: Readonly<Record<string, number>>;
}

/** One requirement that a release's counts do not meet. */
export interface ClassFailure {
  readonly code:
    | 'k-anonymity'
    | 'l-diversity'
    | 't-closeness'
    | 'suppression'
    | 'highest-risk'
    | 'average-risk';
  readonly message: string;
  /** Records in classes smaller than k (k-anonymity only). */
  readonly recordsInSmallClasses?: number;
}

/**
 * Measures class counts: k, classes, suppression, prosecutor risk and distinct
 * l-diversity. Works on any number of classes (no spreading of arrays).
 *
 * @param counts - serialized counts
 * @returns the measures
 * @example
 * ```ts
 * import { createClassCounter } from 'dataguard/anonymity';
 * import { measureClassCounts } from './class-counts.ts';
 * const counter = createClassCounter(['sex'], []);
 * for (const sex of ['男', '男', '女']) counter.add([sex]);
 * measureClassCounts(counter.serialize()).k; // 1
 * ```
 */
export function measureClassCounts(counts: SerializedClassCounts): ClassMeasures {
  let k = Number.POSITIVE_INFINITY;
  let records = 0;
  const bySize = new Map<number, number>();
  for (const count of counts.counts) {
    if (count < k) k = count;
    records += count;
    bySize.set(count, (bySize.get(count) ?? 0) + 1);
  }
  const classes = counts.counts.length;
  if (classes === 0) k = 0;
  const sizes = [...bySize.keys()].sort((a, b) => a - b).slice(0, 20);
  const lDistinct: Record<string, number> = {};
  counts.sensitive.forEach((attribute, s) => {
    const distinct = new Uint32Array(classes);
    const flat = counts.values[s] ?? [];
    for (let i = 0; i + 2 < flat.length; i += 3) {
      const c = flat[i] as number;
      distinct[c] = (distinct[c] as number) + 1;
    }
    let least = classes === 0 ? 0 : Number.POSITIVE_INFINITY;
    for (let c = 0; c < classes; c++)
      if ((distinct[c] as number) < least) least = distinct[c] as number;
    lDistinct[attribute] = least;
  });
  return {
    quasiIdentifiers: counts.quasiIdentifiers,
    k,
    classes,
    records,
    suppressed: counts.suppressed,
    smallestClasses: sizes.map((size) => ({ size, classes: bySize.get(size) as number })),
    highestRisk: k === 0 ? 0 : 1 / k,
    averageRisk: records === 0 ? 0 : classes / records,
    lDistinct,
  };
}

/**
 * Checks class counts against anonymity requirements: k, l-diversity
 * (distinct, entropy, recursive), t-closeness (equal and ordered distance),
 * suppression and prosecutor risk limits. Requirements that need the whole
 * table (a population for journalist risk, hierarchical distance) are refused.
 *
 * @param counts - serialized counts over the requirements' quasi-identifiers and sensitive attributes
 * @param requirements - the release's requirements
 * @returns the measures and the failures (empty when every requirement holds)
 * @throws {ValidationError} on requirements the counts cannot decide
 * @example
 * ```ts
 * import { checkClassCounts, createClassCounter } from 'dataguard/anonymity';
 * const counter = createClassCounter(['sex'], []);
 * for (const sex of ['男', '男', '女', '女']) counter.add([sex]);
 * checkClassCounts(counter.serialize(), { quasiIdentifiers: ['sex'], k: 2 }).failures.length; // 0
 * ```
 */
export function checkClassCounts(
  counts: SerializedClassCounts,
  requirements: AnonymityRequirements,
): { readonly measures: ClassMeasures; readonly failures: readonly ClassFailure[] } {
  if (requirements.population !== undefined) {
    throw new ValidationError(
      'a population table cannot be checked on streamed class counts; measure it with checkAnonymous',
      { reason: 'unsupported-requirement', path: 'anonymity.population' },
    );
  }
  const k = requirements.k;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
    throw new ValidationError('anonymity.k must be an integer ≥ 1', {
      reason: 'invalid-parameter',
      path: 'anonymity.k',
    });
  }
  const measures = measureClassCounts(counts);
  const failures: ClassFailure[] = [];
  if (measures.classes > 0 && measures.k < k) {
    let small = 0;
    let smallClasses = 0;
    for (const count of counts.counts) {
      if (count < k) {
        small += count;
        smallClasses++;
      }
    }
    failures.push({
      code: 'k-anonymity',
      message: `${smallClasses} equivalence classes holding ${small} records are smaller than k=${k} (smallest ${measures.k})`,
      recordsInSmallClasses: small,
    });
  }
  for (const req of asList(requirements.lDiversity)) {
    const failure = checkL(counts, req, measures);
    if (failure !== undefined) failures.push(failure);
  }
  for (const req of asList(requirements.tCloseness)) {
    const value = tDistance(counts, req);
    if (value > req.t) {
      failures.push({
        code: 't-closeness',
        message: `${req.distance ?? 'equal'}-distance EMD of ${req.attribute} is ${value.toFixed(4)} > t=${req.t}`,
      });
    }
  }
  const total = measures.records + measures.suppressed;
  if (
    requirements.maxSuppressed !== undefined &&
    total > 0 &&
    measures.suppressed / total > requirements.maxSuppressed
  ) {
    failures.push({
      code: 'suppression',
      message: `${measures.suppressed} of ${total} records are suppressed, above ${requirements.maxSuppressed}`,
    });
  }
  if (
    requirements.maxHighestRisk !== undefined &&
    measures.highestRisk > requirements.maxHighestRisk
  ) {
    failures.push({
      code: 'highest-risk',
      message: `highest re-identification risk ${measures.highestRisk.toFixed(4)} > ${requirements.maxHighestRisk}`,
    });
  }
  if (
    requirements.maxAverageRisk !== undefined &&
    measures.averageRisk > requirements.maxAverageRisk
  ) {
    failures.push({
      code: 'average-risk',
      message: `average re-identification risk ${measures.averageRisk.toFixed(4)} > ${requirements.maxAverageRisk}`,
    });
  }
  return { measures, failures };
}

function asList<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/** Per-class value counts of one sensitive attribute. */
function perClass(counts: SerializedClassCounts, attribute: string): Map<string, number>[] {
  const s = counts.sensitive.indexOf(attribute);
  if (s < 0) {
    throw new ValidationError(`sensitive attribute ${attribute} was not counted`, {
      reason: 'unknown-field',
      path: 'anonymity',
    });
  }
  const out = counts.keys.map(() => new Map<string, number>());
  const flat = counts.values[s] ?? [];
  for (let i = 0; i + 2 < flat.length; i += 3)
    (out[flat[i] as number] as Map<string, number>).set(
      flat[i + 1] as string,
      flat[i + 2] as number,
    );
  return out;
}

function checkL(
  counts: SerializedClassCounts,
  req: LDiversityRequirement,
  measures: ClassMeasures,
): ClassFailure | undefined {
  const variant = req.variant ?? 'distinct';
  const fail = (): ClassFailure => ({
    code: 'l-diversity',
    message: `${variant} l-diversity of ${req.attribute} is below l=${req.l}`,
  });
  if (variant === 'distinct') {
    // perClass throws for an attribute that was not counted.
    const least = measures.lDistinct[req.attribute] ?? perClass(counts, req.attribute).length;
    return least < req.l ? fail() : undefined;
  }
  const classes = perClass(counts, req.attribute);
  if (variant === 'entropy') {
    for (const values of classes) {
      let total = 0;
      for (const c of values.values()) total += c;
      let entropy = 0;
      for (const c of values.values()) entropy -= (c / total) * Math.log(c / total);
      if (Math.exp(entropy) < req.l * (1 - 1e-12)) return fail();
    }
    return undefined;
  }
  const c = req.c;
  if (typeof c !== 'number' || !(c > 0)) {
    throw new ValidationError('lDiversity.c is required for recursive l-diversity', {
      reason: 'invalid-parameter',
      path: 'anonymity.lDiversity.c',
    });
  }
  for (const values of classes) {
    const sorted = [...values.values()].sort((a, b) => b - a);
    if (sorted.length < req.l) return fail();
    let tail = 0;
    for (let i = req.l - 1; i < sorted.length; i++) tail += sorted[i] as number;
    if (!((sorted[0] as number) < c * tail)) return fail();
  }
  return undefined;
}

function tDistance(counts: SerializedClassCounts, req: TClosenessRequirement): number {
  const distance = req.distance ?? 'equal';
  if (distance === 'hierarchical') {
    throw new ValidationError(
      'hierarchical t-closeness cannot be checked on streamed class counts; use equal or ordered distance',
      { reason: 'unsupported-requirement', path: 'anonymity.tCloseness.distance' },
    );
  }
  const classes = perClass(counts, req.attribute);
  const global = new Map<string, number>();
  let total = 0;
  for (const values of classes) {
    for (const [value, c] of values) {
      global.set(value, (global.get(value) ?? 0) + c);
      total += c;
    }
  }
  const order =
    req.order !== undefined
      ? [...req.order]
      : [...global.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const value of global.keys()) {
    if (!order.includes(value)) {
      throw new ValidationError(`tCloseness.order lacks a value of ${req.attribute}`, {
        reason: 'invalid-parameter',
        path: 'anonymity.tCloseness.order',
      });
    }
  }
  const m = order.length;
  let worst = 0;
  for (const values of classes) {
    let size = 0;
    for (const c of values.values()) size += c;
    let emd = 0;
    let running = 0;
    for (const value of order) {
      const diff = (values.get(value) ?? 0) / size - (global.get(value) ?? 0) / total;
      if (distance === 'equal') emd += Math.abs(diff) / 2;
      else {
        running += diff;
        emd += Math.abs(running);
      }
    }
    if (distance === 'ordered') emd = m > 1 ? emd / (m - 1) : 0;
    if (emd > worst) worst = emd;
  }
  return worst;
}

/**
 * The measures of {@link measureAnonymity} from class counts (class sizes,
 * uniques, prosecutor and marketer risk), for reports on streamed releases.
 * l-diversity and t-closeness are left empty: check them with {@link checkClassCounts}.
 *
 * @param counts - serialized counts
 * @returns the measures
 */
export function classCountsToMeasures(counts: SerializedClassCounts): AnonymityMeasures {
  const m = measureClassCounts(counts);
  const bySize = new Map<number, number>();
  let uniques = 0;
  for (const count of counts.counts) {
    bySize.set(count, (bySize.get(count) ?? 0) + 1);
    if (count === 1) uniques++;
  }
  const classSizes = [...bySize.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([size, classes]) => ({ size, classes }));
  const atHighest = m.k === 0 ? 0 : (bySize.get(m.k) ?? 0) * m.k;
  return {
    records: m.records,
    suppressed: m.suppressed,
    classes: m.classes,
    k: m.k,
    classSizes,
    uniqueShare: m.records === 0 ? 0 : uniques / m.records,
    populationUniqueShare: undefined,
    prosecutor: {
      highest: m.highestRisk,
      average: m.averageRisk,
      recordsAtHighest: m.records === 0 ? 0 : atHighest / m.records,
    },
    journalist: undefined,
    marketer: m.averageRisk,
    lDiversity: {},
    tCloseness: {},
  };
}
