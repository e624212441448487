import { ValidationError } from '../errors/kinds.ts';
import {
  defaultOrder,
  type EmdFunction,
  equalDistanceEmd,
  hierarchicalDistanceEmd,
  orderedDistanceEmd,
} from './emd.ts';
import type { EncodedTable } from './encode.ts';
import type { LDiversityRequirement, TClosenessRequirement } from './types.ts';

const LOG2 = Math.log(2);

/** Checks one class's sensitive-value counts. */
type ClassTest = (counts: Int32Array, offset: number, total: number) => boolean;

interface SensitiveTests {
  /** Index of the attribute in the encoded table's sensitive list. */
  readonly index: number;
  /** Tests whose failure is monotonic under generalization with suppression (distinct l). */
  readonly monotone: readonly ClassTest[];
  /** Tests that are monotonic only without suppression (entropy, recursive, t-closeness). */
  readonly other: readonly ClassTest[];
}

/** The privacy model compiled against an encoded table. */
export interface CompiledCriteria {
  /** Minimum class size. */
  readonly k: number;
  /** Per sensitive attribute tests. */
  readonly sensitive: readonly SensitiveTests[];
  /** True when only k-anonymity and distinct l-diversity apply (monotonic with suppression). */
  readonly monotoneWithSuppression: boolean;
}

/** Distinct l-diversity: at least l distinct sensitive values in the class. */
function distinctTest(l: number, m: number): ClassTest {
  return (counts, offset) => {
    let distinct = 0;
    for (let v = 0; v < m; v++) if (counts[offset + v]! > 0) distinct++;
    return distinct >= l;
  };
}

/** Entropy l-diversity: the class's sensitive-value entropy is at least log2(l). */
function entropyTest(l: number, m: number): ClassTest {
  const bound = Math.log(l) / LOG2;
  return (counts, offset, total) => {
    let weighted = 0;
    for (let v = 0; v < m; v++) {
      const f = counts[offset + v]!;
      if (f > 0) weighted += f * (Math.log(f) / LOG2);
    }
    return Math.log(total) / LOG2 - weighted / total >= bound;
  };
}

/** Recursive (c,l)-diversity: r1 < c (r_l + … + r_m) over counts sorted descending. */
function recursiveTest(c: number, l: number, m: number): ClassTest {
  const buffer = new Int32Array(m);
  return (counts, offset) => {
    let size = 0;
    for (let v = 0; v < m; v++) {
      const f = counts[offset + v]!;
      if (f > 0) buffer[size++] = f;
    }
    if (size < l) return false;
    const sorted = buffer.subarray(0, size).sort().reverse();
    let tail = 0;
    for (let i = l - 1; i < size; i++) tail += sorted[i]!;
    return sorted[0]! < c * tail;
  };
}

function tTest(emd: EmdFunction, t: number, m: number): ClassTest {
  return (counts, offset, total) => emd(counts.subarray(offset, offset + m), total) <= t;
}

/**
 * Builds the EMD function for a t-closeness requirement.
 *
 * @param table - the encoded table
 * @param index - sensitive attribute index
 * @param req - the requirement
 * @returns the EMD function
 */
function emdFor(table: EncodedTable, index: number, req: TClosenessRequirement): EmdFunction {
  const s = table.sensitive[index]!;
  const distance = req.distance ?? 'equal';
  if (distance === 'equal') return equalDistanceEmd(s.counts);
  if (distance === 'ordered') {
    const order = req.order ?? defaultOrder(s.values);
    const position = new Map(order.map((v, i) => [v, i]));
    const ranked = s.values
      .map((v, id) => ({ id, at: position.get(v) }))
      .map(({ id, at }) => {
        if (at === undefined) {
          throw new ValidationError(`tCloseness.${req.attribute}.order misses a value (#${id})`, {
            reason: 'value-not-in-order',
            path: `tCloseness.${req.attribute}.order`,
          });
        }
        return { id, at };
      })
      .sort((a, b) => a.at - b.at);
    const rank = new Int32Array(s.values.length);
    ranked.forEach(({ id }, r) => {
      rank[id] = r;
    });
    return orderedDistanceEmd(s.counts, rank);
  }
  if (req.hierarchy === undefined) {
    throw new ValidationError(
      `tCloseness.${req.attribute}.hierarchy is required for hierarchical distance`,
      {
        reason: 'missing-hierarchy',
        path: `tCloseness.${req.attribute}.hierarchy`,
      },
    );
  }
  return hierarchicalDistanceEmd(s.counts, s.values, req.hierarchy, req.attribute);
}

function checkPositive(value: unknown, path: string, min: number, integer: boolean): void {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (integer && !Number.isInteger(value))
  ) {
    throw new ValidationError(`${path} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}`, {
      reason: 'invalid-parameter',
      path,
    });
  }
}

/**
 * Compiles k, l-diversity and t-closeness requirements against a table.
 *
 * @param table - the encoded table (its sensitive list must hold every attribute named)
 * @param k - minimum class size
 * @param lDiversity - l-diversity requirements
 * @param tCloseness - t-closeness requirements
 * @returns the compiled criteria
 * @throws {ValidationError} on invalid parameters
 */
export function compileCriteria(
  table: EncodedTable,
  k: number,
  lDiversity: readonly LDiversityRequirement[] = [],
  tCloseness: readonly TClosenessRequirement[] = [],
): CompiledCriteria {
  checkPositive(k, 'k', 1, true);
  const byIndex = new Map<number, { monotone: ClassTest[]; other: ClassTest[] }>();
  const slot = (attribute: string, path: string) => {
    const index = table.sensitive.findIndex((s) => s.name === attribute);
    if (index < 0) {
      throw new ValidationError(`${path}.attribute must name a sensitive attribute`, {
        reason: 'unknown-field',
        path: `${path}.attribute`,
      });
    }
    let entry = byIndex.get(index);
    if (!entry) {
      entry = { monotone: [], other: [] };
      byIndex.set(index, entry);
    }
    return { index, entry };
  };
  let monotoneWithSuppression = true;
  lDiversity.forEach((req, i) => {
    const path = `lDiversity[${i}]`;
    checkPositive(req.l, `${path}.l`, 2, true);
    const { index, entry } = slot(req.attribute, path);
    const m = table.sensitive[index]!.values.length;
    const variant = req.variant ?? 'distinct';
    if (variant === 'distinct') entry.monotone.push(distinctTest(req.l, m));
    else if (variant === 'entropy') {
      entry.other.push(entropyTest(req.l, m));
      monotoneWithSuppression = false;
    } else {
      checkPositive(req.c, `${path}.c`, Number.MIN_VALUE, false);
      entry.other.push(recursiveTest(req.c as number, req.l, m));
      monotoneWithSuppression = false;
    }
  });
  tCloseness.forEach((req, i) => {
    const path = `tCloseness[${i}]`;
    if (typeof req.t !== 'number' || !(req.t >= 0 && req.t <= 1)) {
      throw new ValidationError(`${path}.t must be in [0, 1]`, {
        reason: 'invalid-parameter',
        path: `${path}.t`,
      });
    }
    const { index, entry } = slot(req.attribute, path);
    entry.other.push(
      tTest(emdFor(table, index, req), req.t, table.sensitive[index]!.values.length),
    );
    monotoneWithSuppression = false;
  });
  return {
    k,
    sensitive: [...byIndex.entries()].map(([index, e]) => ({
      index,
      monotone: e.monotone,
      other: e.other,
    })),
    monotoneWithSuppression,
  };
}

/** Which classes fail, split by whether the failure is monotonic. */
export interface ClassVerdicts {
  /** 1 when the class fails k or distinct l-diversity. */
  readonly failMonotone: Uint8Array;
  /** 1 when the class fails any requirement. */
  readonly fail: Uint8Array;
  /** Records in classes failing monotonic requirements. */
  readonly monotoneRecords: number;
  /** Records in classes failing any requirement. */
  readonly records: number;
}

/**
 * Evaluates the criteria on every class.
 *
 * @param table - the encoded table
 * @param criteria - compiled criteria
 * @param size - number of classes
 * @param count - records per class
 * @param classOfBottom - class of each bottom tuple (needed only with sensitive tests)
 * @returns the verdicts
 */
export function judgeClasses(
  table: EncodedTable,
  criteria: CompiledCriteria,
  size: number,
  count: Int32Array,
  classOfBottom: (() => Int32Array) | undefined,
): ClassVerdicts {
  const failMonotone = new Uint8Array(size);
  const fail = new Uint8Array(size);
  for (let c = 0; c < size; c++) {
    if (count[c]! < criteria.k) {
      failMonotone[c] = 1;
      fail[c] = 1;
    }
  }
  if (criteria.sensitive.length > 0 && classOfBottom) {
    const of = classOfBottom();
    for (const tests of criteria.sensitive) {
      const m = table.sensitive[tests.index]!.values.length;
      const sens = table.sens[tests.index]!;
      const hist = new Int32Array(size * m);
      for (let b = 0; b < of.length; b++) hist[of[b]! * m + sens[b]!]! += table.bottomCount[b]!;
      for (let c = 0; c < size; c++) {
        if (failMonotone[c]) continue;
        const offset = c * m;
        for (const test of tests.monotone) {
          if (!test(hist, offset, count[c]!)) {
            failMonotone[c] = 1;
            fail[c] = 1;
            break;
          }
        }
        if (fail[c]) continue;
        for (const test of tests.other) {
          if (!test(hist, offset, count[c]!)) {
            fail[c] = 1;
            break;
          }
        }
      }
    }
  }
  let monotoneRecords = 0;
  let records = 0;
  for (let c = 0; c < size; c++) {
    if (failMonotone[c]) monotoneRecords += count[c]!;
    if (fail[c]) records += count[c]!;
  }
  return { failMonotone, fail, monotoneRecords, records };
}
