import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClassTable } from '../../src/io/class-table.ts';

/** What the table must hold: classes in first-seen order with their total weight. */
function reference(rows: readonly (readonly number[])[], weights: readonly number[]) {
  const seen = new Map<string, { tuple: readonly number[]; size: number }>();
  rows.forEach((tuple, r) => {
    const key = tuple.join(',');
    const entry = seen.get(key);
    if (entry === undefined) seen.set(key, { tuple, size: weights[r] as number });
    else entry.size += weights[r] as number;
  });
  return [...seen.values()];
}

function contents(table: ReturnType<typeof createClassTable>, q: number) {
  const out: { tuple: number[]; size: number }[] = [];
  for (let c = 0; c < table.classes; c++) {
    const tuple: number[] = [];
    for (let i = 0; i < q; i++) tuple.push(table.value(c, i));
    out.push({ tuple, size: table.size(c) });
  }
  return out;
}

/**
 * Value numbers as a counter assigns them: each column's values numbered from
 * 0 in the order first seen, so a column's numbers only grow one at a time.
 */
function numbered(raw: readonly (readonly number[])[]): number[][] {
  const columns = new Map<number, Map<number, number>>();
  return raw.map((tuple) =>
    tuple.map((value, i) => {
      const column = columns.get(i) ?? new Map<number, number>();
      columns.set(i, column);
      const id = column.get(value) ?? column.size;
      column.set(value, id);
      return id;
    }),
  );
}

describe('createClassTable', () => {
  it('holds every class once, in first-seen order, with its records (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.array(fc.nat({ max: 5000 }), { minLength: 5, maxLength: 5 }), {
          maxLength: 400,
        }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 400, maxLength: 400 }),
        (q, spread, raw, weights) => {
          // `spread` bounds each column's distinct values: small ones stay packed, large widen.
          const rows = numbered(raw.map((tuple) => tuple.slice(0, q).map((v) => v % spread)));
          const table = createClassTable(q);
          const ids = new Int32Array(q);
          rows.forEach((tuple, r) => {
            ids.set(tuple);
            table.add(ids, weights[r] as number);
          });
          expect(contents(table, q)).toEqual(reference(rows, weights));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves packing when the columns need more than 32 bits, and keeps counting', () => {
    // Three columns of 2,048 values (11 bits each: 33 bits in all) cross from packed to tuples.
    const q = 3;
    const table = createClassTable(q);
    const ids = new Int32Array(q);
    const rows: number[][] = [];
    for (let i = 0; i < 2048; i++) rows.push([i, (i * 7) % 2048, (i * 13) % 2048]);
    for (const tuple of [...rows, ...rows.slice(0, 500)]) {
      ids.set(tuple);
      table.add(ids, 1);
    }
    expect(table.classes).toBe(2048);
    const held = contents(table, q);
    expect(held[2047]).toEqual({ tuple: [2047, (2047 * 7) % 2048, (2047 * 13) % 2048], size: 1 });
    expect(held.slice(0, 500).every((entry) => entry.size === 2)).toBe(true);
  });

  it('grows past 1,000,000 classes', () => {
    const table = createClassTable(2);
    const ids = new Int32Array(2);
    for (let i = 0; i < 1_100_000; i++) {
      ids[0] = i % 1009;
      ids[1] = Math.floor(i / 1009);
      table.add(ids, 1);
    }
    ids[0] = 5;
    ids[1] = 0;
    table.add(ids, 3);
    expect(table.classes).toBe(1_100_000);
    expect(table.size(5)).toBe(4);
    expect(table.value(1_099_999, 0)).toBe(1_099_999 % 1009);
    expect(table.value(1_099_999, 1)).toBe(Math.floor(1_099_999 / 1009));
  });

  it('refuses a class past 4,294,967,295 records with a typed error', () => {
    const table = createClassTable(1);
    const ids = Int32Array.of(0);
    table.add(ids, 0xffff_ffff);
    expect(() => table.add(ids, 1)).toThrow(
      expect.objectContaining({ reason: 'too-many-records' }),
    );
    expect(table.size(0)).toBe(0xffff_ffff);
  });
});
