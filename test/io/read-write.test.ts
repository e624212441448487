import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/index.ts';
import {
  readCsv,
  readCsvBatches,
  readNdjson,
  writeAtomic,
  writeCsv,
  writeNdjson,
} from '../../src/io/index.ts';
import { readText } from '../../src/io/text-source.ts';
import { formatCsv } from '../../src/io/write-csv.ts';

const dir = mkdtempSync(join(tmpdir(), 'dataguard-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function reasonOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error.reason;
    throw error;
  }
  return undefined;
}

// 姓名,城市 / 张三,福州 in GB18030, with its BOM (84 31 95 33) and a four-byte character 𠀀.
const GB18030_CSV = new Uint8Array([
  0x84, 0x31, 0x95, 0x33, 0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xb3, 0xc7, 0xca, 0xd0, 0x0d, 0x0a, 0xd5,
  0xc5, 0xc8, 0xfd, 0x2c, 0xb8, 0xa3, 0xd6, 0xdd, 0x95, 0x32, 0x82, 0x36, 0x0d, 0x0a,
]);

describe('readCsv', () => {
  it('reads UTF-8 with a BOM, CRLF and quoted line breaks', async () => {
    const path = join(dir, 'utf8.csv');
    writeFileSync(path, '\ufeffname,note\r\n张三,"第一行\r\n第二行"\r\n李四,"说""好"""\r\n');
    expect(await collect(readCsv(path))).toEqual([
      { name: '张三', note: '第一行\r\n第二行' },
      { name: '李四', note: '说"好"' },
    ]);
  });

  it('reads GB18030 bytes, split anywhere', async () => {
    for (let cut = 0; cut <= GB18030_CSV.length; cut++) {
      const chunks = [GB18030_CSV.subarray(0, cut), GB18030_CSV.subarray(cut)];
      expect(await collect(readCsv(chunks, { encoding: 'gb18030' }))).toEqual([
        { 姓名: '张三', 城市: '福州𠀀' },
      ]);
    }
    expect(await collect(readCsv([GB18030_CSV.subarray(4)], { encoding: 'gbk' }))).toHaveLength(1);
  });

  it('fails closed on bytes that are not the declared encoding', async () => {
    expect(await reasonOf(collect(readCsv([GB18030_CSV])))).toBe('bad-encoding');
    expect(
      await reasonOf(
        collect(readCsv([new Uint8Array([0x61, 0x0a, 0xd5, 0x22])], { encoding: 'gb18030' })),
      ),
    ).toBe('bad-encoding');
    expect(await reasonOf(collect(readText(['x'], 'latin1' as 'utf-8')))).toBe(
      'unsupported-encoding',
    );
  });

  it('checks the header and field counts', async () => {
    expect(await reasonOf(collect(readCsv(['a,a\n1,2\n'])))).toBe('csv-duplicate-header');
    expect(await reasonOf(collect(readCsv(['a,\n1,2\n'])))).toBe('csv-empty-header');
    expect(await reasonOf(collect(readCsv(['a,b\n1\n'])))).toBe('csv-field-count');
    expect(await reasonOf(collect(readCsv([''])))).toBe('csv-no-header');
    expect(await collect(readCsv(['a,b\n']))).toEqual([]);
  });

  it('takes given columns, with or without skipping the header', async () => {
    expect(await collect(readCsv(['1,2\n'], { columns: ['x', 'y'] }))).toEqual([
      { x: '1', y: '2' },
    ]);
    expect(
      await collect(readCsv(['a,b\n1,2\n'], { columns: ['x', 'y'], skipHeader: true })),
    ).toEqual([{ x: '1', y: '2' }]);
    expect(await reasonOf(collect(readCsv(['1,2,3\n'], { columns: ['x', 'y'] })))).toBe(
      'csv-field-count',
    );
  });

  it('batches with row numbers', async () => {
    const text = `h\n${Array.from({ length: 10 }, (_, i) => `${i}\n`).join('')}`;
    const batches = await collect(readCsvBatches([text], { batchSize: 4 }));
    expect(batches.map((b) => [b.firstRow, b.rows.length])).toEqual([
      [1, 4],
      [5, 4],
      [9, 2],
    ]);
    expect(batches.every((b) => b.columns[0] === 'h')).toBe(true);
    expect(await reasonOf(collect(readCsvBatches(['h\n'], { batchSize: 0 })))).toBe(
      'bad-batch-size',
    );
  });

  it('reads lazily (backpressure): nothing is pulled ahead of the consumer', async () => {
    let pulled = 0;
    const source = (function* () {
      yield 'h\n';
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield `${i}\n`;
      }
    })();
    const iterator = readCsvBatches(source, { batchSize: 10 })[Symbol.asyncIterator]();
    await iterator.next();
    expect(pulled).toBeLessThanOrEqual(11);
    await iterator.return?.(undefined);
  });
});

describe('readNdjson', () => {
  it('reads objects, CRLF, blank lines and a missing final newline', async () => {
    const text = '\ufeff{"a":1}\r\n\n{"b":"张"}\n{"c":null}';
    for (let cut = 0; cut <= text.length; cut++) {
      expect(await collect(readNdjson([text.slice(0, cut), text.slice(cut)]))).toEqual([
        { a: 1 },
        { b: '张' },
        { c: null },
      ]);
    }
  });

  it('names the bad line, never its content', async () => {
    try {
      await collect(readNdjson(['{"a":1}\n{"secret"\n']));
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).reason).toBe('ndjson-invalid-json');
      expect((error as InputError).message).toContain('line 2');
      expect((error as InputError).message).not.toContain('secret');
    }
    expect(await reasonOf(collect(readNdjson(['[1]\n'])))).toBe('ndjson-not-object');
    expect(await reasonOf(collect(readNdjson(['null\n'])))).toBe('ndjson-not-object');
    expect(
      await reasonOf(collect(readNdjson(['{"a":"xxxxxxxx', 'xxxx'], { maxLineLength: 8 }))),
    ).toBe('ndjson-line-too-long');
  });
});

describe('writers', () => {
  it('writes CSV atomically and reads it back', async () => {
    const path = join(dir, 'out.csv');
    const records = [
      { name: '张*', note: 'a,b', n: 1 },
      { name: '欧阳**', note: 'line\nbreak', n: null },
    ];
    const result = await writeCsv(path, records);
    expect(readFileSync(path, 'utf8')).toBe(
      'name,note,n\r\n张*,"a,b",1\r\n欧阳**,"line\nbreak",\r\n',
    );
    expect(result.bytes).toBe(readFileSync(path).length);
    expect(await collect(readCsv(path))).toEqual([
      { name: '张*', note: 'a,b', n: '1' },
      { name: '欧阳**', note: 'line\nbreak', n: '' },
    ]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes arrays with columns, BOM and no header', async () => {
    expect(
      (await collect(formatCsv([['1', '2']], { columns: ['a', 'b'], bom: true }))).join(''),
    ).toBe('\ufeffa,b\r\n1,2\r\n');
    expect((await collect(formatCsv([['1']], { columns: ['a'], header: false }))).join('')).toBe(
      '1\r\n',
    );
    expect(await reasonOf(collect(formatCsv([['1']])))).toBe('csv-no-columns');
  });

  it('leaves the destination untouched and no temporary file when the source fails', async () => {
    const path = join(dir, 'keep.csv');
    writeFileSync(path, 'previous');
    const failing = (async function* () {
      yield { a: '1' };
      throw new Error('source broke');
    })();
    await expect(writeCsv(path, failing)).rejects.toThrow('source broke');
    expect(readFileSync(path, 'utf8')).toBe('previous');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('removes the temporary file on abort', async () => {
    const path = join(dir, 'aborted.ndjson');
    const controller = new AbortController();
    const slow = (async function* () {
      yield { a: 1 };
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 20));
      yield { a: 2 };
    })();
    await expect(writeNdjson(path, slow, { signal: controller.signal })).rejects.toThrow();
    expect(readdirSync(dir).filter((f) => f.startsWith('.aborted'))).toEqual([]);
  });

  it('writes NDJSON to files and streams', async () => {
    const path = join(dir, 'out.ndjson');
    await writeNdjson(path, [{ a: 1 }, { b: '张' }], { fsync: false });
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n{"b":"张"}\n');
    const stream = new PassThrough();
    const text = collect(stream);
    const result = await writeNdjson(stream, [{ a: 1 }]);
    expect(Buffer.concat((await text) as Buffer[]).toString()).toBe('{"a":1}\n');
    expect(result).toEqual({ path: '', bytes: 8 });
  });

  it('writes bytes with writeAtomic and refuses a missing directory cleanly', async () => {
    const path = join(dir, 'bytes.bin');
    await writeAtomic(new URL(`file://${path}`), [new Uint8Array([1, 2]), 'a']);
    expect([...readFileSync(path)]).toEqual([1, 2, 97]);
    await expect(writeAtomic(join(dir, 'missing', 'x'), ['a'])).rejects.toThrow();
  });
});
