import { ValidationError } from '../errors/kinds.ts';

/**
 * Equivalence classes as tuples of value numbers (one per quasi-identifier),
 * each with its record count, in an open-addressing table over one typed
 * array. While the value numbers of every column fit together in 32 bits
 * (a column of n distinct values takes ⌈log₂ n⌉ bits), a class is one packed
 * integer and a slot is 8 bytes; past that, a slot holds the whole tuple. At
 * 134,000 classes the packed table is 4 MiB where separate slot, tuple and
 * count arrays took 8 — and fewer cache misses per row are most of what
 * counting costs once the table has outgrown the cache.
 */
export interface ClassTable {
  /** Classes counted so far. */
  readonly classes: number;
  /**
   * Adds `weight` records to the class `ids` (value numbers, from 0, each
   * column's numbered in the order its values were first seen).
   *
   * @throws {ValidationError} `too-many-records` past 4,294,967,295 records in one class
   */
  add(ids: Int32Array, weight: number): void;
  /** Records in class `c` (classes are numbered in the order first seen). */
  size(c: number): number;
  /** The value number of class `c` in `column`. */
  value(c: number, column: number): number;
}

/** Records one class may hold: its count is a 32-bit cell of the table. */
const MAX_CLASS_SIZE = 0xffff_ffff;
const START_LOG = 11;

/**
 * Creates an empty {@link ClassTable} over `q` columns.
 *
 * @param q - the number of quasi-identifiers (value numbers per class)
 * @returns the table
 */
export function createClassTable(q: number): ClassTable {
  // Packed: each column's width in bits and its place in the key.
  const bits = new Int32Array(q).fill(1);
  const shifts = new Int32Array(q);
  for (let i = 0; i < q; i++) shifts[i] = i;
  const limits = new Float64Array(q).fill(2);
  let packed = q <= 32;
  // A slot: [key, count] packed, [count, id₀ … id_q₋₁] otherwise; count 0: empty.
  let width = packed ? 2 : q + 1;
  let log = START_LOG;
  let table = new Uint32Array((1 << log) * width);
  // The slot of each class, in the order classes were first seen.
  let order = new Int32Array(1 << (log - 1));
  let classes = 0;

  const keyOf = (ids: Int32Array | Uint32Array, at: number): number => {
    let key = 0;
    for (let i = 0; i < q; i++) key |= (ids[at + i] as number) << (shifts[i] as number);
    return key >>> 0;
  };
  const packedSlot = (key: number): number => Math.imul(key, 0x9e3779b1) >>> (32 - log);
  const tupleSlot = (source: Int32Array | Uint32Array, at: number): number => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < q; i++) hash = Math.imul(hash ^ (source[at + i] as number), 0x01000193);
    return Math.imul(hash ^ (hash >>> 15), 0x9e3779b1) >>> (32 - log);
  };
  const countAt = (c: number): number =>
    table[(order[c] as number) * width + (packed ? 1 : 0)] as number;
  const valueAt = (c: number, column: number): number => {
    const at = (order[c] as number) * width;
    if (!packed) return table[at + 1 + column] as number;
    return ((table[at] as number) >>> (shifts[column] as number)) % (limits[column] as number);
  };

  // Every class moved to a fresh table (another size, layout or packing), in first-seen order.
  const rebuild = (nextLog: number, nextPacked: boolean, nextBits: Int32Array) => {
    if (packed && nextPacked && nextBits === bits) {
      // Only more slots: the keys stay as they are.
      const old = table;
      const oldOrder = order;
      log = nextLog;
      table = new Uint32Array((1 << log) * 2);
      if (order.length < 1 << (log - 1)) order = new Int32Array(1 << (log - 1));
      const mask = (1 << log) - 1;
      for (let c = 0; c < classes; c++) {
        const from = (oldOrder[c] as number) * 2;
        const key = old[from] as number;
        let slot = packedSlot(key);
        while (table[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
        table[slot * 2] = key;
        table[slot * 2 + 1] = old[from + 1] as number;
        order[c] = slot;
      }
      return;
    }
    const tuples = new Uint32Array(classes * q);
    const sizes = new Float64Array(classes);
    for (let c = 0; c < classes; c++) {
      sizes[c] = countAt(c);
      for (let i = 0; i < q; i++) tuples[c * q + i] = valueAt(c, i);
    }
    packed = nextPacked;
    width = packed ? 2 : q + 1;
    bits.set(nextBits);
    let shift = 0;
    for (let i = 0; i < q; i++) {
      shifts[i] = shift;
      limits[i] = 2 ** (bits[i] as number);
      shift += bits[i] as number;
    }
    log = nextLog;
    table = new Uint32Array((1 << log) * width);
    if (order.length < 1 << (log - 1)) order = new Int32Array(1 << (log - 1));
    const mask = (1 << log) - 1;
    for (let c = 0; c < classes; c++) {
      if (packed) {
        const key = keyOf(tuples, c * q);
        let slot = packedSlot(key);
        while (table[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
        table[slot * 2] = key;
        table[slot * 2 + 1] = sizes[c] as number;
        order[c] = slot;
      } else {
        let slot = tupleSlot(tuples, c * q);
        while (table[slot * width] !== 0) slot = (slot + 1) & mask;
        table[slot * width] = sizes[c] as number;
        table.set(tuples.subarray(c * q, c * q + q), slot * width + 1);
        order[c] = slot;
      }
    }
  };
  // A value number past its column's width: widen it, or leave packing for good.
  const widen = (ids: Int32Array) => {
    const next = Int32Array.from(bits);
    let total = 0;
    for (let i = 0; i < q; i++) {
      const id = ids[i] as number;
      if (id >= (limits[i] as number)) next[i] = 32 - Math.clz32(id);
      total += next[i] as number;
    }
    rebuild(log, total <= 32, next);
  };

  const add = (ids: Int32Array, weight: number): void => {
    if (packed) {
      for (let i = 0; i < q; i++) {
        if ((ids[i] as number) >= (limits[i] as number)) {
          widen(ids);
          add(ids, weight);
          return;
        }
      }
    }
    const mask = (1 << log) - 1;
    const key = packed ? keyOf(ids, 0) : 0;
    let slot = packed ? packedSlot(key) : tupleSlot(ids, 0);
    for (;;) {
      const at = slot * width;
      const size = table[packed ? at + 1 : at] as number;
      if (size === 0) break;
      let same = packed ? table[at] === key : true;
      for (let i = 0; !packed && i < q && same; i++) same = table[at + 1 + i] === ids[i];
      if (same) {
        if (size + weight > MAX_CLASS_SIZE) throw tooLarge();
        table[packed ? at + 1 : at] = size + weight;
        return;
      }
      slot = (slot + 1) & mask;
    }
    // A new class: the table stays at most half full.
    if ((classes + 1) * 2 > 1 << log) {
      rebuild(log + 1, packed, bits);
      add(ids, weight);
      return;
    }
    if (weight > MAX_CLASS_SIZE) throw tooLarge();
    const at = slot * width;
    if (packed) {
      table[at] = key;
      table[at + 1] = weight;
    } else {
      table[at] = weight;
      table.set(ids, at + 1);
    }
    order[classes] = slot;
    classes++;
  };

  return {
    get classes() {
      return classes;
    },
    add,
    size: countAt,
    value: valueAt,
  };
}

function tooLarge(): ValidationError {
  return new ValidationError('an equivalence class holds more than 4,294,967,295 records', {
    reason: 'too-many-records',
    path: 'counts',
  });
}
