import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkReader } from '../../src/io/chunk-reader.ts';
import { createCsvFormatter } from '../../src/io/csv-format.ts';
import { CsvParser } from '../../src/io/csv-parser.ts';
import { countQuotes, firstRecordEnd, lastRecordEnd } from '../../src/io/record-boundaries.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('record boundaries', () => {
  it('finds the last line break outside quotes', () => {
    expect(lastRecordEnd(bytes('a,b\nc,d\n'), true)).toBe(8);
    expect(lastRecordEnd(bytes('a,"b\nc",d\ne'), true)).toBe(10);
    expect(lastRecordEnd(bytes('a,"b\nc'), true)).toBe(-1);
    expect(lastRecordEnd(bytes('x\n"y\n'), true)).toBe(2);
    expect(lastRecordEnd(bytes('b\nc"\nd'), true, 1)).toBe(5);
    expect(lastRecordEnd(bytes('{"a":1}\n{"b"'), false)).toBe(8);
    expect(lastRecordEnd(bytes('\n"x'), true, 1)).toBe(-1);
    expect(firstRecordEnd(bytes('"a\nb",c\nd'))).toBe(8);
    expect(firstRecordEnd(bytes('abc'))).toBe(-1);
    expect(countQuotes(bytes('"a""b"'), 0, 6)).toBe(4);
  });

  it('cuts any CSV into whole records whatever the read sizes (property)', async () => {
    const format = createCsvFormatter();
    const field = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '张') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 9 }),
        async (rows, size) => {
          const all = bytes(rows.map((r) => format(r)).join(''));
          const reads = (async function* () {
            for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
          })();
          const reader = chunkReader(reads[Symbol.asyncIterator](), true, 1 << 20);
          const parsed: string[][] = [];
          for (let chunk = await reader.next(); chunk !== undefined; chunk = await reader.next()) {
            const parser = new CsvParser({ skipEmptyLines: false });
            const decoder = new TextDecoder();
            parser.push(
              decoder.decode(chunk.head, { stream: true }) + decoder.decode(chunk.body),
              parsed,
            );
            parser.end(parsed);
          }
          expect(parsed).toEqual(rows);
        },
      ),
      { numRuns: 200 },
    );
  });
});
