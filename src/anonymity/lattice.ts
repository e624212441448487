import { ValidationError } from '../errors/kinds.ts';

/** The generalization lattice: one node per combination of levels, mixed-radix indexed. */
export interface Lattice {
  /** Levels per quasi-identifier. */
  readonly heights: readonly number[];
  /** Index stride of each quasi-identifier. */
  readonly stride: readonly number[];
  /** Number of nodes. */
  readonly size: number;
  /** Sum of levels of each node. */
  readonly level: Int32Array;
  /** matrix[node * qis + q]: the level of quasi-identifier q at node. */
  readonly matrix: Uint8Array;
  /** Writes the levels of a node into `out`. */
  levelsOf(index: number, out: number[]): number[];
}

/** Largest lattice the exact search accepts. */
const MAX_LATTICE: number = 1 << 22;

/**
 * Builds the lattice for the given hierarchy heights.
 *
 * @param heights - number of levels per quasi-identifier
 * @returns the lattice
 * @throws {ValidationError} `lattice-too-large` beyond 2^22 nodes
 */
export function createLattice(heights: readonly number[]): Lattice {
  const stride: number[] = [];
  let size = 1;
  for (const h of heights) {
    stride.push(size);
    size *= h;
    if (size > MAX_LATTICE) {
      throw new ValidationError(`the generalization lattice exceeds ${MAX_LATTICE} nodes`, {
        reason: 'lattice-too-large',
        path: 'hierarchies',
      });
    }
  }
  const d = heights.length;
  const level = new Int32Array(size);
  const matrix = new Uint8Array(size * d);
  for (let i = 0; i < size; i++) {
    let rest = i;
    let sum = 0;
    for (let q = 0; q < d; q++) {
      const l = rest % heights[q]!;
      matrix[i * d + q] = l;
      sum += l;
      rest = (rest - l) / heights[q]!;
    }
    level[i] = sum;
  }
  return {
    heights,
    stride,
    size,
    level,
    matrix,
    levelsOf(index, out) {
      const base = index * d;
      for (let q = 0; q < d; q++) out[q] = matrix[base + q]!;
      return out;
    },
  };
}

/**
 * Marks `index` and every node above it (all successors, transitively) in
 * `marks` with `value`, stopping at nodes already marked so.
 *
 * @param lattice - the lattice
 * @param marks - per-node marks
 * @param index - start node
 * @param value - the mark
 * @param up - true to walk successors, false to walk predecessors
 */
export function markClosure(
  lattice: Lattice,
  marks: Int8Array | Uint8Array,
  index: number,
  value: number,
  up: boolean,
): void {
  const stack = [index];
  const levels: number[] = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (marks[node] === value) continue;
    marks[node] = value;
    lattice.levelsOf(node, levels);
    for (let q = 0; q < lattice.heights.length; q++) {
      if (up ? levels[q]! + 1 < lattice.heights[q]! : levels[q]! > 0) {
        const next = up ? node + lattice.stride[q]! : node - lattice.stride[q]!;
        if (marks[next] !== value) stack.push(next);
      }
    }
  }
}
