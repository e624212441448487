import type { EncodedTable } from './encode.ts';

/** The equivalence classes of one generalization (node). */
export interface ClassSet {
  /** The generalization level of each quasi-identifier. */
  readonly levels: readonly number[];
  /** Number of classes. */
  readonly size: number;
  /** Records per class. */
  readonly count: Int32Array;
  /** key[class * qis + q]: the class's label id for quasi-identifier q. */
  readonly key: Int32Array;
  /** A bottom tuple inside each class (its representative). */
  readonly rep: Int32Array;
  /** The class of each source item (bottom tuple, or class of `parent`). */
  readonly ofSource: Int32Array;
  /** The finer class set this one was rolled up from, or null for the bottom tuples. */
  readonly parent: ClassSet | null;
}

/** Groups bottom tuples (or a finer class set) into the classes of a node. */
export interface Grouper {
  /**
   * Groups at `levels`, rolling up from `parent` when given (it must be a
   * generalization at or below `levels` on every quasi-identifier); returns
   * null as soon as the number of classes exceeds `maxClasses`.
   */
  group(levels: readonly number[], parent: ClassSet | null, maxClasses?: number): ClassSet | null;
  /** The class of every bottom tuple of a class set. */
  classOfBottom(set: ClassSet): Int32Array;
}

/**
 * Creates a grouper with reusable hash buffers for one encoded table.
 *
 * @param table - the encoded table
 * @returns the grouper
 */
export function createGrouper(table: EncodedTable): Grouper {
  const d = table.qis.length;
  let capacity = 16;
  while (capacity < table.bottomSize * 2) capacity <<= 1;
  const slots = new Int32Array(capacity).fill(-1);
  const mask = capacity - 1;
  const genAt: Int32Array[] = new Array(d);
  // Workspace sized for the worst case (one class per bottom tuple); results are copied out.
  const wKey = new Int32Array(table.bottomSize * d);
  const wCount = new Int32Array(table.bottomSize);
  const wRep = new Int32Array(table.bottomSize);
  const wSlot = new Int32Array(table.bottomSize);

  function group(
    levels: readonly number[],
    parent: ClassSet | null,
    maxClasses = Number.POSITIVE_INFINITY,
  ): ClassSet | null {
    for (let q = 0; q < d; q++) genAt[q] = table.gen[q]![levels[q]!]!;
    const items = parent === null ? table.bottomSize : parent.size;
    const itemCount = parent === null ? table.bottomCount : parent.count;
    const itemRep = parent === null ? null : parent.rep;
    const ofSource = new Int32Array(items);
    let size = 0;
    let aborted = false;
    for (let i = 0; i < items; i++) {
      const b = itemRep === null ? i : itemRep[i]!;
      let h = 0x811c9dc5;
      for (let q = 0; q < d; q++) h = Math.imul(h ^ genAt[q]![b]!, 0x01000193);
      let slot = (h ^ (h >>> 15)) & mask;
      for (;;) {
        const c = slots[slot]!;
        if (c === -1) {
          slots[slot] = size;
          wSlot[size] = slot;
          const base = size * d;
          for (let q = 0; q < d; q++) wKey[base + q] = genAt[q]![b]!;
          wCount[size] = itemCount[i]!;
          wRep[size] = b;
          ofSource[i] = size;
          size++;
          break;
        }
        const base = c * d;
        let q = 0;
        while (q < d && wKey[base + q] === genAt[q]![b]) q++;
        if (q === d) {
          wCount[c]! += itemCount[i]!;
          ofSource[i] = c;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (size > maxClasses) {
        aborted = true;
        break;
      }
    }
    for (let u = 0; u < size; u++) slots[wSlot[u]!] = -1;
    if (aborted) return null;
    return {
      levels: levels.slice(),
      size,
      count: wCount.slice(0, size),
      key: wKey.slice(0, size * d),
      rep: wRep.slice(0, size),
      ofSource,
      parent,
    };
  }

  function classOfBottom(set: ClassSet): Int32Array {
    if (set.parent === null) return set.ofSource;
    const below = classOfBottom(set.parent);
    const out = new Int32Array(below.length);
    for (let b = 0; b < below.length; b++) out[b] = set.ofSource[below[b]!]!;
    return out;
  }

  return { group, classOfBottom };
}
