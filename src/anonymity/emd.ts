import { ValidationError } from '../errors/kinds.ts';
import type { Hierarchy } from './types.ts';

/** Computes the Earth Mover's Distance of a class distribution to the table's. */
export type EmdFunction = (classCounts: ArrayLike<number>, classTotal: number) => number;

/**
 * EMD with equal ground distance between all values (Li et al. 2007, §4.2):
 * half the L1 distance of the two distributions.
 *
 * @param global - value counts in the whole table
 * @returns the EMD function
 */
export function equalDistanceEmd(global: ArrayLike<number>): EmdFunction {
  const total = sum(global);
  return (counts, classTotal) => {
    let d = 0;
    for (let i = 0; i < global.length; i++)
      d += Math.abs(counts[i]! / classTotal - global[i]! / total);
    return d / 2;
  };
}

/**
 * EMD with ordered distance |i - j| / (m - 1) (Li et al. 2007, §4.2):
 * (1 / (m - 1)) Σ_i |Σ_{j ≤ i} (p_j - q_j)| over the values in order.
 *
 * @param global - value counts in the whole table
 * @param rank - the position of each value id in the order
 * @returns the EMD function
 */
export function orderedDistanceEmd(
  global: ArrayLike<number>,
  rank: ArrayLike<number>,
): EmdFunction {
  const m = global.length;
  const total = sum(global);
  const byRank = new Int32Array(m);
  for (let v = 0; v < m; v++) byRank[rank[v]!] = v;
  return (counts, classTotal) => {
    if (m < 2) return 0;
    let running = 0;
    let d = 0;
    for (let r = 0; r < m - 1; r++) {
      const v = byRank[r]!;
      running += counts[v]! / classTotal - global[v]! / total;
      d += Math.abs(running);
    }
    return d / (m - 1);
  };
}

/**
 * EMD with hierarchical distance (Li et al. 2007, §4.2): the cost of a node N
 * at level i of a tree of height H is (i / H) · min(positive extra, negative
 * extra) of its children; the EMD is the sum over all internal nodes.
 *
 * @param global - value counts in the whole table
 * @param values - the value of each id
 * @param hierarchy - the values' hierarchy (ARX layout)
 * @param name - the attribute, for errors
 * @returns the EMD function
 * @throws {ValidationError} `value-not-in-hierarchy` when a value has no row
 */
export function hierarchicalDistanceEmd(
  global: ArrayLike<number>,
  values: readonly string[],
  hierarchy: Hierarchy,
  name: string,
): EmdFunction {
  const total = sum(global);
  const rowOf = new Map<string, readonly string[]>();
  for (const row of hierarchy) rowOf.set(row[0]!, row);
  const width = hierarchy[0]!.length;
  const tops = new Set(hierarchy.map((row) => row[width - 1]!));
  // A virtual root joins several top labels.
  const height = tops.size > 1 ? width : width - 1;
  // parent[level][childId] = id at level+1 (ids per level; leaves are value ids).
  const parents: Int32Array[] = [];
  let current: string[] = values.map((v, id) => {
    const row = rowOf.get(v);
    if (row === undefined) {
      throw new ValidationError(`tCloseness.${name}.hierarchy has no row for value #${id}`, {
        reason: 'value-not-in-hierarchy',
        path: `tCloseness.${name}.hierarchy`,
      });
    }
    return v;
  });
  let labelsAt: string[][] = values.map((v) => rowOf.get(v)! as string[]);
  for (let level = 1; level <= height; level++) {
    const index = new Map<string, number>();
    const parent = new Int32Array(current.length);
    const next: string[] = [];
    const nextRows: string[][] = [];
    for (let i = 0; i < current.length; i++) {
      const row = labelsAt[i]!;
      const label = level < width ? row[level]! : '\u0000root';
      let id = index.get(label);
      if (id === undefined) {
        id = next.length;
        index.set(label, id);
        next.push(label);
        nextRows.push(row);
      }
      parent[i] = id;
    }
    parents.push(parent);
    current = next;
    labelsAt = nextRows;
  }
  return (counts, classTotal) => {
    if (height === 0) return 0;
    let extra = new Float64Array(values.length);
    for (let v = 0; v < values.length; v++) extra[v] = counts[v]! / classTotal - global[v]! / total;
    let cost = 0;
    for (let level = 1; level <= height; level++) {
      const parent = parents[level - 1]!;
      let size = 0;
      for (let i = 0; i < parent.length; i++) size = Math.max(size, parent[i]! + 1);
      const pos = new Float64Array(size);
      const neg = new Float64Array(size);
      for (let i = 0; i < parent.length; i++) {
        const e = extra[i]!;
        if (e > 0) pos[parent[i]!]! += e;
        else neg[parent[i]!]! -= e;
      }
      const next = new Float64Array(size);
      for (let p = 0; p < size; p++) {
        cost += (level / height) * Math.min(pos[p]!, neg[p]!);
        next[p] = pos[p]! - neg[p]!;
      }
      extra = next;
    }
    return cost;
  };
}

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}

/**
 * The default order of values for ordered distance: numeric when every value
 * is a number, else lexical.
 *
 * @param values - distinct values
 * @returns the sorted values
 */
export function defaultOrder(values: readonly string[]): string[] {
  const numeric = values.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  return [...values].sort(
    numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
}
