import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClassCounter, type SerializedClassCounts } from '../../src/anonymity/index.ts';
import { createRowClassCounter } from '../../src/io/row-class-counter.ts';

/** The reference: the general counter fed the same values the pipeline used to build. */
function reference(
  qis: readonly string[],
  rows: readonly (readonly unknown[])[],
  indexes: readonly number[],
): SerializedClassCounts {
  const counter = createClassCounter(qis, []);
  for (const row of rows) counter.add(indexes.map((at) => (at < 0 ? '*' : String(row[at] ?? ''))));
  return counter.serialize();
}

const cell = fc.oneof(
  fc.constantFrom('*', '', 'a', 'b', '男', '女', '2006-06', '连江县'),
  fc.string({ maxLength: 3 }),
  fc.integer({ min: -3, max: 3 }),
  fc.constant(undefined),
  fc.constant(null),
);

describe('createRowClassCounter', () => {
  it('counts the same classes, in the same order, as the general counter (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 6 }),
        (q, rows, split) => {
          const qis = ['a', 'b', 'c', 'd'].slice(0, q);
          // Column 4 stands for a quasi-identifier the output lacks (index -1).
          const indexes = [3, 0, -1, 4].slice(0, q);
          const counter = createRowClassCounter(qis);
          // Rows arrive in chunks, as in the pipeline.
          for (let at = 0; at < rows.length; at += split)
            counter.addRows(rows.slice(at, at + split), indexes);
          const expected = reference(qis, rows, indexes);
          expect(counter.serialize()).toEqual(expected);
          expect(counter.classes).toBe(expected.keys.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('merges packed counts of several threads into the counts of all their rows (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 80 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (threads) => {
          const qis = ['a', 'b', 'c'];
          const indexes = [2, 0, 1];
          const merged = createRowClassCounter(qis);
          for (const rows of threads) {
            const counter = createRowClassCounter(qis);
            counter.addRows(rows, indexes);
            // The packed form is what crosses threads: a structured clone of it.
            merged.merge(structuredClone(counter.pack()));
          }
          expect(merged.serialize()).toEqual(reference(qis, threads.flat(), indexes));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses to merge counts over other quasi-identifiers', () => {
    const counter = createRowClassCounter(['a', 'b']);
    expect(() => counter.merge(createRowClassCounter(['a', 'c']).pack())).toThrow(
      expect.objectContaining({ reason: 'incompatible-counts' }),
    );
  });

  it('keeps counting correctly as its table grows past 100,000 classes', () => {
    const rows: string[][] = [];
    for (let i = 0; i < 150_000; i++) rows.push([String(i % 70_001), String(i % 3)]);
    const counter = createRowClassCounter(['x', 'y']);
    counter.addRows(rows, [0, 1]);
    counter.addRows(rows.slice(0, 1000), [0, 1]);
    expect(counter.serialize()).toEqual(
      reference(['x', 'y'], [...rows, ...rows.slice(0, 1000)], [0, 1]),
    );
    // 70,001 × 3 are coprime: every (i mod 70,001, i mod 3) pair below 150,000 is distinct.
    expect(counter.classes).toBe(150_000);
  });

  it('counts rows whose every quasi-identifier is * as suppressed, not as a class', () => {
    const counter = createRowClassCounter(['x', 'y']);
    counter.addRows(
      [
        ['*', '*'],
        ['*', 'a'],
        ['*', '*'],
      ],
      [0, 1],
    );
    const counts = counter.serialize();
    expect(counts.suppressed).toBe(2);
    expect(counts.keys).toEqual(['*\u0001a']);
    expect(counts.counts).toEqual([1]);
  });

  it('serializes the classes counted at the call, whatever is counted after (keys joined when read)', () => {
    const counter = createRowClassCounter(['x', 'y']);
    counter.addRows(
      [
        ['a', '1'],
        ['b', '2'],
        ['a', '1'],
      ],
      [0, 1],
    );
    const counts = counter.serialize();
    // Counted after serialize(), and enough to grow the table: the serialized counts do not move.
    const more: string[][] = [];
    for (let i = 0; i < 5000; i++) more.push([`v${i}`, '3']);
    counter.addRows(more, [0, 1]);
    expect(counts.keys).toEqual(['a\u00011', 'b\u00012']);
    expect(counts.counts).toEqual([2, 1]);
    expect(counter.classes).toBe(5002);
    expect(counter.serialize().keys[4001]).toBe('v3999\u00013');
  });

  it('refuses packed counts that hold a class without records (a broken sender)', () => {
    const counter = createRowClassCounter(['x']);
    const sender = createRowClassCounter(['x']);
    sender.addRows([['a']], [0]);
    for (const weight of [0, -1, 0.5, Number.NaN]) {
      const packed = sender.pack();
      expect(() => counter.merge({ ...packed, counts: Float64Array.of(weight) })).toThrow(
        expect.objectContaining({ reason: 'incompatible-counts' }),
      );
    }
  });

  it('fails with a typed error, never a wrong count, past 4,294,967,295 records in one class', () => {
    const counter = createRowClassCounter(['x']);
    const sender = createRowClassCounter(['x']);
    sender.addRows([['a']], [0]);
    const packed = sender.pack();
    counter.merge({ ...packed, counts: Float64Array.of(0xffff_ffff) });
    expect(counter.serialize().counts).toEqual([0xffff_ffff]);
    expect(() => counter.addRows([['a']], [0])).toThrow(
      expect.objectContaining({ reason: 'too-many-records' }),
    );
    expect(() =>
      createRowClassCounter(['x']).merge({ ...packed, counts: Float64Array.of(2 ** 32) }),
    ).toThrow(expect.objectContaining({ reason: 'too-many-records' }));
  });
});
