import type { SerializedClassCounts } from '../anonymity/class-counts.ts';
import { ValidationError } from '../errors/kinds.ts';
import { createClassTable } from './class-table.ts';

const SEP = '\u0001';

/**
 * Equivalence-class counts of parsed rows, kept by one thread of the file
 * pipeline: each column's values are numbered once, and a class is a tuple of
 * those numbers in a {@link ClassTable} (packed into one integer while they
 * fit in 32 bits). Per row that is one short-string lookup per column and one
 * probe of integers, with no key string built and nothing allocated; memory is
 * a few bytes per class (plus each distinct value once) instead of a joined
 * key string per class.
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
  /**
   * The counts, in the order classes were first seen. Their `keys` are joined
   * when first read, from the classes counted at this call.
   */
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
  const table = createClassTable(q);
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
  const joinKeys = (seen: number): string[] => {
    const keys: string[] = new Array<string>(seen);
    const parts: string[] = new Array<string>(q);
    for (let c = 0; c < seen; c++) {
      for (let i = 0; i < q; i++) parts[i] = (names[i] as string[])[table.value(c, i)] as string;
      // join() makes one flat string; `+` would keep a tree of q - 1 cons strings per key.
      keys[c] = parts.join(SEP);
    }
    return keys;
  };

  return {
    get classes() {
      return table.classes;
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
        else table.add(ids, 1);
      }
    },
    serialize() {
      // Classes and value numbers are only ever appended, so the first `seen`
      // classes read the same later: the keys are joined when first read. A
      // gate or report that needs only the sizes never builds them (at
      // 10,000,000 classes, hundreds of MB of strings).
      const seen = table.classes;
      const sizes: number[] = new Array<number>(seen);
      for (let c = 0; c < seen; c++) sizes[c] = table.size(c);
      let keys: string[] | undefined;
      return {
        quasiIdentifiers: [...quasiIdentifiers],
        sensitive: [],
        get keys(): readonly string[] {
          keys ??= joinKeys(seen);
          return keys;
        },
        counts: sizes,
        values: [],
        suppressed,
      };
    },
    pack() {
      const classes = table.classes;
      const tuples = new Int32Array(classes * q);
      const sizes = new Float64Array(classes);
      for (let c = 0; c < classes; c++) {
        sizes[c] = table.size(c);
        for (let i = 0; i < q; i++) tuples[c * q + i] = table.value(c, i);
      }
      return {
        quasiIdentifiers: [...quasiIdentifiers],
        values: names.map((list) => [...list]),
        tuples,
        counts: sizes,
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
        const weight = packed.counts[c] as number;
        // A class exists once it has a record: anything else is a broken sender.
        if (!Number.isInteger(weight) || weight < 1) {
          throw new ValidationError('packed class counts hold a class without records', {
            reason: 'incompatible-counts',
            path: 'counts',
          });
        }
        for (let i = 0; i < q; i++)
          ids[i] = (remap[i] as Int32Array)[packed.tuples[c * q + i] as number] as number;
        table.add(ids, weight);
      }
      suppressed += packed.suppressed;
    },
  };
}
