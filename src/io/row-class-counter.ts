import type { SerializedClassCounts } from '../anonymity/class-counts.ts';

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
  const count = () => {
    let slot = hashOf(ids, 0);
    for (;;) {
      const c = slots[slot] as number;
      if (c === EMPTY) break;
      let same = true;
      const at = c * q;
      for (let i = 0; i < q && same; i++) same = tuples[at + i] === ids[i];
      if (same) {
        counts[c] = (counts[c] as number) + 1;
        return;
      }
      slot = (slot + 1) & mask;
    }
    // A new class: the table stays at most half full.
    if (classes === counts.length) {
      grow();
      count();
      return;
    }
    tuples.set(ids, classes * q);
    counts[classes] = 1;
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
        else count();
      }
    },
    serialize() {
      const keys: string[] = new Array<string>(classes);
      const sizes: number[] = new Array<number>(classes);
      for (let c = 0; c < classes; c++) {
        let key = '';
        for (let i = 0; i < q; i++) {
          const value = (names[i] as string[])[tuples[c * q + i] as number] as string;
          key = i === 0 ? value : key + SEP + value;
        }
        keys[c] = key;
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
  };
}
