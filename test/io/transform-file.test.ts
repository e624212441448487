import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  syntheticResidentLines,
  writeSyntheticResidents,
} from '../../bench/lib/synthetic-residents.ts';
import {
  createClassCounter,
  measureClassCounts,
  type SerializedClassCounts,
} from '../../src/anonymity/class-counts.ts';
import { compilePolicy, type PolicyDocument, type Reject } from '../../src/deidentify/index.ts';
import { InputError, PolicyError, TransformError } from '../../src/errors/index.ts';
import { readCsv, readNdjson, transformFile } from '../../src/io/index.ts';
import { KEYS, residents, testKeyring } from '../deidentify/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'dataguard-etl-'));
const input = join(dir, 'residents.csv');
let workerUrl: URL;

beforeAll(async () => {
  await writeSyntheticResidents(input, 3000, 7);
  const outfile = join(dir, 'etl-worker.mjs');
  await build({
    entryPoints: [new URL('../../src/io/etl-worker.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    external: ['better-sqlite3', 'pg'],
    // Bundled CommonJS dependencies call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  workerUrl = pathToFileURL(outfile);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const policy: PolicyDocument = {
  id: 'etl',
  version: '1',
  dataset: 'residents',
  keep: ['sex', 'occupation'],
  rules: [
    { id: 'name', select: { fields: ['name'] }, transform: { type: 'mask', preset: 'cn-name' } },
    { id: 'email', select: { fields: ['email'] }, transform: { type: 'mask', preset: 'email' } },
    {
      id: 'id',
      select: { fields: ['id_card'] },
      transform: { type: 'pseudonymize', domain: 'residents', length: 20 },
    },
    {
      id: 'card',
      select: { fields: ['bank_card'] },
      transform: { type: 'pseudonymize', domain: 'cards', output: 'base32', length: 16 },
    },
    {
      id: 'mobile',
      select: { fields: ['mobile'] },
      transform: { type: 'fpe', format: 'cn-mobile' },
    },
    {
      id: 'address',
      select: { fields: ['address'] },
      transform: { type: 'generalize', method: 'address', level: 'county' },
    },
    {
      id: 'birth',
      select: { fields: ['birth_date'] },
      transform: { type: 'generalize', method: 'date', unit: 'year' },
    },
    {
      id: 'income',
      select: { fields: ['income'] },
      transform: { type: 'generalize', method: 'interval', width: 5000 },
    },
    { id: 'diagnosis', select: { fields: ['diagnosis'] }, transform: { type: 'redact' } },
  ],
};

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('transformFile end to end', () => {
  it('transforms a CSV file the same way as the record API, on one thread and on workers', async () => {
    const single = join(dir, 'single.csv');
    const parallel = join(dir, 'parallel.csv');
    const result = await transformFile({
      input,
      output: single,
      policy,
      dataset: residents,
      keys: KEYS,
      chunkSize: 64 * 1024,
    });
    expect(result).toMatchObject({ rows: 3000, written: 3000, rejected: 0 });
    expect(result.columns).toEqual([
      'name',
      'id_card',
      'mobile',
      'bank_card',
      'address',
      'birth_date',
      'sex',
      'occupation',
      'income',
      'email',
    ]);
    const threaded = await transformFile({
      input,
      output: parallel,
      policy,
      dataset: residents,
      keys: KEYS,
      workers: 2,
      workerUrl,
      chunkSize: 32 * 1024,
    });
    expect(threaded.digest).toBe(result.digest);
    expect(readFileSync(parallel)).toEqual(readFileSync(single));
    const transformer = compilePolicy(policy, { dataset: residents, keyring: testKeyring() });
    const expected = await collect(transformer.records(readCsv(input)));
    const actual = await collect(readCsv(single));
    expect(actual).toEqual(
      expected.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)]))),
    );
    expect(actual[0]?.name).toMatch(/^.\*+$|^..\*+$/);
    expect(readFileSync(single, 'utf8')).not.toContain(
      readFileSync(input, 'utf8').split('\r\n')[1]?.split(',')[1],
    );
  });

  it('counts the classes of input and output across worker threads as one counter over every row', async () => {
    const countsOf = (counts: SerializedClassCounts | undefined) =>
      new Map(counts?.keys.map((key, i) => [key, counts.counts[i]]));
    const reference = (
      rows: readonly Record<string, string>[],
      names: readonly string[],
      sensitive: readonly string[],
    ) => {
      const counter = createClassCounter(names, sensitive);
      for (const row of rows) counter.add([...names, ...sensitive].map((name) => row[name] ?? '*'));
      return counter.serialize();
    };
    const qis = ['birth_date', 'sex', 'address', 'postcode'];
    const output = join(dir, 'counted.csv');
    // Small chunks: the rows are spread over the worker and this thread.
    const result = await transformFile({
      input,
      output,
      policy,
      dataset: residents,
      keys: KEYS,
      workers: 1,
      workerUrl,
      chunkSize: 16 * 1024,
      statistics: { quasiIdentifiers: qis, input: true },
    });
    const written = (await collect(readCsv(output))) as Record<string, string>[];
    const read = (await collect(readCsv(input))) as Record<string, string>[];
    // postcode is not an output column: counted as *, as the gate reads it.
    expect(countsOf(result.counts)).toEqual(countsOf(reference(written, qis, [])));
    expect(result.counts?.keys.length).toBeGreaterThan(100);
    expect(countsOf(result.inputCounts)).toEqual(countsOf(reference(read, qis, [])));
    expect(result.inputRowsCounted).toBe(3000);
    // With a sensitive attribute the general counter runs in every thread; same measures.
    const withSensitive = await transformFile({
      input,
      output,
      policy,
      dataset: residents,
      keys: KEYS,
      workers: 1,
      workerUrl,
      chunkSize: 16 * 1024,
      statistics: { quasiIdentifiers: ['birth_date', 'sex'], sensitive: ['occupation'] },
    });
    expect(measureClassCounts(withSensitive.counts as SerializedClassCounts)).toEqual(
      measureClassCounts(reference(written, ['birth_date', 'sex'], ['occupation'])),
    );
  });

  it('samples the input by row number in input order, the same on one thread and with workers', async () => {
    const countsOf = (counts: SerializedClassCounts | undefined) =>
      new Map(counts?.keys.map((key, i) => [key, counts.counts[i]]));
    const qis = ['birth_date', 'sex', 'address'];
    const read = (await collect(readCsv(input))) as Record<string, string>[];
    const firstRows = (n: number) => {
      const counter = createClassCounter(qis, []);
      for (const row of read.slice(0, n)) counter.add(qis.map((name) => row[name] ?? '*'));
      return counter.serialize();
    };
    for (const limits of [{ inputRowLimit: 700 }, { inputClassLimit: 500 }]) {
      const runs = [];
      for (const workers of [0, 1, 0, 1]) {
        runs.push(
          await transformFile({
            input,
            output: join(dir, 'sampled.csv'),
            policy,
            dataset: residents,
            keys: KEYS,
            workers,
            workerUrl,
            // Small chunks: many of them, spread over the worker and this thread.
            chunkSize: 8 * 1024,
            statistics: { quasiIdentifiers: qis, input: true, ...limits },
          }),
        );
      }
      const counted = runs[0]?.inputRowsCounted ?? 0;
      // Whole chunks from the first row, stopping at the first chunk past the limit.
      expect(counted).toBeGreaterThan(0);
      expect(counted).toBeLessThan(3000);
      if ('inputRowLimit' in limits) {
        expect(counted).toBeGreaterThanOrEqual(700);
        expect(counted).toBeLessThan(700 + 200);
      }
      for (const run of runs) {
        expect(run.inputRowsCounted).toBe(counted);
        // Exactly the first rows: not each thread's first chunks.
        expect(countsOf(run.inputCounts)).toEqual(countsOf(firstRows(counted)));
      }
    }
  });

  it('reads NDJSON and GB18030, writes NDJSON', async () => {
    const ndjsonIn = join(dir, 'in.ndjson');
    const records = await collect(readCsv(input));
    writeFileSync(
      ndjsonIn,
      `${records
        .slice(0, 50)
        .map((r) => JSON.stringify(r))
        .join('\n')}\n`,
    );
    const out = join(dir, 'out.ndjson');
    const result = await transformFile({
      input: ndjsonIn,
      output: out,
      inputFormat: 'ndjson',
      policy,
      dataset: residents,
      keys: KEYS,
      workers: 1,
      workerUrl,
    });
    expect(result.written).toBe(50);
    const rows = await collect(readNdjson(out));
    expect(rows[0]?.birth_date).toBe(records[0]?.birth_date?.slice(0, 4));
    // 姓名 / 张三 in GB18030, through the CSV path, out as CSV with LF.
    const gb = join(dir, 'gb.csv');
    writeFileSync(gb, Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]));
    const gbOut = join(dir, 'gb-out.csv');
    await transformFile({
      input: gb,
      output: gbOut,
      encoding: 'gb18030',
      newline: 'lf',
      policy: {
        id: 'p',
        version: '1',
        rules: [
          { id: 'n', select: { fields: ['姓名'] }, transform: { type: 'mask', preset: 'cn-name' } },
        ],
      },
      dataset: {
        id: 'd',
        version: '1',
        fields: [
          {
            name: '姓名',
            role: 'direct-identifier',
            piCategory: 'basic',
            share: 'conditional',
            open: 'closed',
            openBasis: 'x',
          },
        ],
      },
    });
    expect(readFileSync(gbOut, 'utf8')).toBe('姓名\n张*\n');
  });

  it('quarantines or fails on bad rows with input-wide row numbers', async () => {
    const lines = [...syntheticResidentLines(400, 3)];
    lines[150] = lines[150]?.replace(/,1\d{10},/, ',12345,') as string;
    lines[390] = lines[390]?.replace(/,1\d{10},/, ',99999999999,') as string;
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, lines.join(''));
    for (const workers of [0, 2]) {
      const rejects: Reject[] = [];
      const result = await transformFile({
        input: bad,
        output: join(dir, `quarantine-${workers}.csv`),
        policy,
        dataset: residents,
        keys: KEYS,
        workers,
        workerUrl,
        chunkSize: 4096,
        rejects: (r) => rejects.push(r),
      });
      expect(result).toMatchObject({ rows: 400, written: 398, rejected: 2 });
      expect(rejects.map((r) => [r.row, r.field, r.reason])).toEqual([
        [150, 'mobile', 'invalid-mobile'],
        [390, 'mobile', 'invalid-mobile'],
      ]);
      const failed = join(dir, `failed-${workers}.csv`);
      const error = await transformFile({
        input: bad,
        output: failed,
        policy,
        dataset: residents,
        keys: KEYS,
        workers,
        workerUrl,
        chunkSize: 4096,
      }).catch((e) => e);
      expect(error).toBeInstanceOf(TransformError);
      expect(error.details).toEqual({ row: 150, field: 'mobile', rule: 'mobile' });
      expect(
        readdirSync(dir).some(
          (f) => f.startsWith(`failed-${workers}`) || f.startsWith(`.failed-${workers}`),
        ),
      ).toBe(false);
    }
  });

  it('fails closed on broken input, missing columns and unsafe worker setups', async () => {
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, `${[...syntheticResidentLines(5, 1)].join('')}"unterminated,x\r\n`);
    const error = await transformFile({
      input: broken,
      output: join(dir, 'x.csv'),
      policy,
      dataset: residents,
      keys: KEYS,
      workers: 1,
      workerUrl,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    const missing = join(dir, 'missing.csv');
    writeFileSync(missing, 'name,sex\r\n张三,男\r\n');
    await expect(
      transformFile({
        input: missing,
        output: join(dir, 'y.csv'),
        policy,
        dataset: residents,
        keys: KEYS,
      }),
    ).rejects.toMatchObject({
      reason: 'missing-column',
    });
    await expect(
      transformFile({
        input,
        output: join(dir, 'z.csv'),
        policy,
        dataset: residents,
        keyring: testKeyring(),
        workers: 2,
        workerUrl,
      }),
    ).rejects.toBeInstanceOf(PolicyError);
    expect(readdirSync(dir).filter((f) => /^\.?[xyz]\.csv/.test(f))).toEqual([]);
  });
});
