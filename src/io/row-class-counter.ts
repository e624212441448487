import type { SerializedClassCounts } from '../anonymity/class-counts.ts';
import { ValidationError } from '../errors/kinds.ts';

const SEP = '\u0001';
const EMPTY = -1;

/**
 * Equivalence-class counts of parsed rows, kept by one thread of the file
 * pipeline: each column's values are numbered once, and a class is a tuple of
 * those numbers in an open-addressing table over typed arrays. Per row that is
 * one short-string lookup per column and one probe of integers, with no key
 * string built and nothing allocated; memory is a few integers per class
 * (plus each distinct value once) instead of a joined key string per class.
 * Serializes to the same counts as `createClassCounter` over the same rows.
 */
export interface RowClassCounter {
  /** Classes counted so far. */
  readonly classes: number;
  /**
   * Counts rows over the columns at `indexes` (-1: a column not present, counted as `*`);
   * a row whose values are all `*` is counted as suppressed.
   */
  addRows(rows: readonly (readonly unknown[])[], indexes: readonly number[]): void;
  /** The counts, in the order classes were first seen. */
  serialize(): SerializedClassCounts;
  /** The counts in compact form, for another thread (its typed arrays can be transferred). */
  pack(): PackedClassCounts;
  /** Adds counts another counter over the same quasi-identifiers packed. */
  merge(packed: PackedClassCounts): void;
}

/**
 * Class counts as they cross threads: each column's distinct values once,
 * classes as tuples of value numbers, no joined key strings.
 */
export interface PackedClassCounts {
  readonly quasiIdentifiers: readonly string[];
  /** Per quasi-identifier, its distinct values (a value's number is its position). */
  readonly values: readonly (readonly string[])[];
  /** Per class, one value number per quasi-identifier. */
  readonly tuples: Int32Array;
  /** Records per class. */
  readonly counts: Float64Array;
  /** Records whose quasi-identifiers are all `*`. */
  readonly suppressed: number;
}

/**
 * Creates an empty {@link RowClassCounter} over quasi-identifiers only (no sensitive attributes).
 *
 * @param quasiIdentifiers - the attributes that form a class, in the order of `indexes`
 * @returns the counter
 */
export function createRowClassCounter(quasiIdentifiers: readonly string[]): RowClassCounter {
  const q = quasiIdentifiers.length;
  const dictionaries = quasiIdentifiers.map(() => new Map<string, number>());
  const names: string[][] = quasiIdentifiers.map(() => []);
  const ids = new Int32Array(q);
  let tuples = new Int32Array(1024 * q);
  let counts = new Float64Array(1024);
  let slots = new Int32Array(2048).fill(EMPTY);
  let mask = slots.length - 1;
  let classes = 0;
  let suppressed = 0;

  const idOf = (column: number, value: string): number => {
    const dictionary = dictionaries[column] as Map<string, number>;
    let id = dictionary.get(value);
    if (id === undefined) {
      id = dictionary.size;
      dictionary.set(value, id);
      (names[column] as string[]).push(value);
    }
    return id;
  };
  const hashOf = (source: Int32Array, at: number): number => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < q; i++) hash = Math.imul(hash ^ (source[at + i] as number), 0x01000193);
    return (hash ^ (hash >>> 15)) & mask;
  };
  const grow = () => {
    const wider = new Int32Array(tuples.length * 2);
    wider.set(tuples);
    tuples = wider;
    const more = new Float64Array(counts.length * 2);
    more.set(counts);
    counts = more;
    slots = new Int32Array(slots.length * 2).fill(EMPTY);
    mask = slots.length - 1;
    for (let c = 0; c < classes; c++) {
      let slot = hashOf(tuples, c * q);
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = c;
    }
  };
  const count = (weight: number) => {
    let slot = hashOf(ids, 0);
    for (;;) {
      const c = slots[slot] as number;
      if (c === EMPTY) break;
      let same = true;
      const at = c * q;
      for (let i = 0; i < q && same; i++) same = tuples[at + i] === ids[i];
      if (same) {
        counts[c] = (counts[c] as number) + weight;
        return;
      }
      slot = (slot + 1) & mask;
    }
    // A new class: the table stays at most half full.
    if (classes === counts.length) {
      grow();
      count(weight);
      return;
    }
    tuples.set(ids, classes * q);
    counts[classes] = weight;
    slots[slot] = classes;
    classes++;
  };

  return {
    get classes() {
      return classes;
    },
    addRows(rows, indexes) {
      for (const row of rows) {
        let allSuppressed = true;
        for (let i = 0; i < q; i++) {
          const at = indexes[i] as number;
          const raw = at < 0 ? '*' : row[at];
          const value = typeof raw === 'string' ? raw : String(raw ?? '');
          if (value !== '*') allSuppressed = false;
          ids[i] = idOf(i, value);
        }
        if (allSuppressed) suppressed++;
        else count(1);
      }
    },
    serialize() {
      const keys: string[] = new Array<string>(classes);
      const sizes: number[] = new Array<number>(classes);
      const parts: string[] = new Array<string>(q);
      for (let c = 0; c < classes; c++) {
        for (let i = 0; i < q; i++)
          parts[i] = (names[i] as string[])[tuples[c * q + i] as number] as string;
        // join() makes one flat string; `+` would keep a tree of q - 1 cons strings per key.
        keys[c] = parts.join(SEP);
        sizes[c] = counts[c] as number;
      }
      return {
        quasiIdentifiers: [...quasiIdentifiers],
        sensitive: [],
        keys,
        counts: sizes,
        values: [],
        suppressed,
      };
    },
    pack() {
      return {
        quasiIdentifiers: [...quasiIdentifiers],
        values: names.map((list) => [...list]),
        tuples: tuples.slice(0, classes * q),
        counts: counts.slice(0, classes),
        suppressed,
      };
    },
    merge(packed) {
      if (packed.quasiIdentifiers.join(SEP) !== quasiIdentifiers.join(SEP)) {
        throw new ValidationError('class counts over different attributes cannot merge', {
          reason: 'incompatible-counts',
          path: 'counts',
        });
      }
      const remap = packed.values.map((list, column) => {
        const own = new Int32Array(list.length);
        for (let id = 0; id < list.length; id++) own[id] = idOf(column, list[id] as string);
        return own;
      });
      for (let c = 0; c < packed.counts.length; c++) {
        for (let i = 0; i < q; i++)
          ids[i] = (remap[i] as Int32Array)[packed.tuples[c * q + i] as number] as number;
        count(packed.counts[c] as number);
      }
      suppressed += packed.suppressed;
    },
  };
}
