// The de-identification ETL: a deterministic synthetic register of resident
// records (CSV) through a policy that masks 2 fields, pseudonymizes 2,
// FF1-encrypts 1, generalizes 3 and drops 1. In the same run: the io floor
// (read + parse + serialize + write, no transforms) and each transform alone
// on the same values, so the pipeline's overhead over the sum of its parts
// shows; then peak RSS of a larger run in a child process.
//
// ETL_ROWS (default 1,000,000) and ETL_RSS_ROWS (default 5,000,000) set the sizes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import {
  compileTransform,
  type PolicyDocument,
  type TransformSpec,
} from '../src/deidentify/index.ts';
import { readCsvBatches, transformFile } from '../src/io/index.ts';
import type { DatasetDefinition } from '../src/tags/index.ts';
import { fmt, median, table } from './lib/measure.ts';
import { RESIDENT_COLUMNS, writeSyntheticResidents } from './lib/synthetic-residents.ts';

// Run from the repository root (npm run bench); the bundle itself lives in bench/.out/.
const root = pathToFileURL(`${process.cwd()}/`);
const out = new URL('bench/.out/', root);
mkdirSync(out, { recursive: true });
const ROWS = Number(process.env.ETL_ROWS ?? 1_000_000);
const RSS_ROWS = Number(process.env.ETL_RSS_ROWS ?? 5_000_000);
// Worker threads besides the main thread, which transforms chunks too: all cores busy.
const WORKERS = Math.max(1, Math.min(availableParallelism() - 1, 8));
const THREADS = `${WORKERS} worker${WORKERS > 1 ? 's' : ''} + main thread`;

const KEYS = [
  {
    id: 'bench',
    suite: 'international' as const,
    material: '8f3a1c0e5d7b9a2f4e6c8b0d1a3f5e7c9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a',
    createdAt: '2026-01-01T00:00:00Z',
    status: 'active' as const,
  },
];

const field = (name: string, extra: object = {}) => ({
  name,
  role: 'quasi-identifier' as const,
  piCategory: 'basic' as const,
  share: 'conditional' as const,
  open: 'on-application' as const,
  ...extra,
});
const dataset: DatasetDefinition = {
  id: 'residents',
  version: '1',
  fields: RESIDENT_COLUMNS.map((name) =>
    field(
      name,
      {
        id_card: { identifierType: 'cn-resident-id', role: 'direct-identifier' },
        mobile: { identifierType: 'cn-mobile', role: 'direct-identifier' },
        bank_card: { identifierType: 'bank-card', role: 'direct-identifier' },
      }[name] ?? {},
    ),
  ),
};

const transforms: Record<string, TransformSpec> = {
  name: { type: 'mask', preset: 'cn-name' },
  email: { type: 'mask', preset: 'email' },
  id_card: { type: 'pseudonymize', domain: 'residents', length: 20 },
  bank_card: { type: 'pseudonymize', domain: 'cards', output: 'base32', length: 16 },
  mobile: { type: 'fpe', format: 'cn-mobile' },
  address: { type: 'generalize', method: 'address', level: 'county' },
  birth_date: { type: 'generalize', method: 'date', unit: 'year' },
  income: { type: 'generalize', method: 'interval', width: 5000 },
  diagnosis: { type: 'redact' },
};
const policy: PolicyDocument = {
  id: 'bench-etl',
  version: '1',
  keep: ['sex', 'occupation'],
  rules: Object.entries(transforms).map(([name, transform]) => ({
    id: name,
    select: { fields: [name] },
    transform,
  })),
};
const floorPolicy: PolicyDocument = {
  id: 'floor',
  version: '1',
  keep: [...RESIDENT_COLUMNS],
  rules: [],
};

async function ensureInput(rows: number): Promise<string> {
  const path = fileURLToPath(new URL(`residents-${rows}.csv`, out));
  if (!existsSync(path)) await writeSyntheticResidents(path, rows, 2026);
  return path;
}

async function workerBundle(): Promise<URL> {
  const outfile = fileURLToPath(new URL('etl-worker.mjs', out));
  await build({
    entryPoints: [fileURLToPath(new URL('src/io/etl-worker.ts', root))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return pathToFileURL(outfile);
}

interface Timing {
  /** Wall-clock milliseconds. */
  readonly ms: number;
  /** CPU milliseconds of the whole process (all threads). */
  readonly cpu: number;
}

const cpuNow = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

async function timeFile(
  input: string,
  p: PolicyDocument,
  workers: number,
  workerUrl: URL,
): Promise<Timing> {
  const start = performance.now();
  const cpu = cpuNow();
  const result = await transformFile({
    input,
    output: fileURLToPath(new URL('etl-output.csv', out)),
    policy: p,
    dataset,
    keys: KEYS,
    workers,
    workerUrl,
    fsync: false,
  });
  if (result.rows !== ROWS && input.includes(`-${ROWS}.`)) throw new Error('row count mismatch');
  return { ms: performance.now() - start, cpu: cpuNow() - cpu };
}

const medianTiming = (timings: readonly Timing[]): Timing => ({
  ms: median(timings.map((t) => t.ms)),
  cpu: median(timings.map((t) => t.cpu)),
});

// The measurements run in child processes started with a larger young
// generation (--max-semi-space-size=32, the setting recommended for ETL jobs;
// worker threads get the same through resourceLimits), so that the floor,
// the transforms alone and the pipeline all run under the same GC settings.
const CHILD_FLAGS = ['--expose-gc', '--max-semi-space-size=32'];

if (process.env.ETL_CHILD === 'rss') {
  // Child: one end-to-end run on the large file; report peak RSS (KiB).
  const input = process.env.ETL_INPUT as string;
  const workerUrl = new URL(process.env.ETL_WORKER as string);
  const start = performance.now();
  const result = await transformFile({
    input,
    output: fileURLToPath(new URL('etl-rss-output.csv', out)),
    policy,
    dataset,
    keys: KEYS,
    workers: WORKERS,
    workerUrl,
    fsync: false,
  });
  const ms = performance.now() - start;
  process.stdout.write(
    JSON.stringify({ rows: result.rows, ms, maxRSS: process.resourceUsage().maxRSS }),
  );
  process.exit(0);
}

if (process.env.ETL_CHILD === undefined) {
  const input = await ensureInput(ROWS);
  const workerUrl = await workerBundle();
  const env = { ...process.env, ETL_INPUT: input, ETL_WORKER: workerUrl.href };
  const self = fileURLToPath(import.meta.url);
  process.stdout.write(
    execFileSync(process.execPath, [...CHILD_FLAGS, self], {
      env: { ...env, ETL_CHILD: 'measure' },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    }),
  );
  if (RSS_ROWS > 0) {
    const big = await ensureInput(RSS_ROWS);
    const report = JSON.parse(
      // Default Node flags: peak memory as a plain `node` run sees it.
      execFileSync(process.execPath, [self], {
        env: { ...env, ETL_CHILD: 'rss', ETL_INPUT: big },
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      }),
    ) as { rows: number; ms: number; maxRSS: number };
    console.log(
      `\nPeak RSS, ${fmt(report.rows)} rows (${fmt(statSync(big).size / 2 ** 20, 0)} MiB of CSV) end to end with ${THREADS}, default Node flags: ` +
        `process.resourceUsage().maxRSS = ${fmt(report.maxRSS / 1024, 0)} MiB (goal ≤ 200 MiB); ` +
        `${fmt((report.rows / report.ms) * 1000)} rows/s in that run.`,
    );
  }
  process.exit(0);
}

const input = process.env.ETL_INPUT as string;
const workerUrl = new URL(process.env.ETL_WORKER as string);
const inputMiB = statSync(input).size / 2 ** 20;

// The same values each transform sees in the pipeline.
const columns: Record<string, string[]> = Object.fromEntries(
  Object.keys(transforms).map((name) => [name, []]),
);
for await (const batch of readCsvBatches(input, { batchSize: 4096 })) {
  for (const [name, values] of Object.entries(columns)) {
    const index = batch.columns.indexOf(name);
    for (const row of batch.rows) values.push(row[index] as string);
  }
}
const keyring = (await import('../src/crypto/index.ts')).createKeyring({ keys: KEYS });
const parts: [string, Timing][] = [];
for (const [name, spec] of Object.entries(transforms)) {
  const fn = compileTransform(spec, {
    keyring,
    field: dataset.fields.find((f) => f.name === name),
  });
  const values = columns[name] as string[];
  const timings: Timing[] = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const cpu = cpuNow();
    let sink = 0;
    for (let i = 0; i < values.length; i++) sink += (fn(values[i]) as string | null)?.length ?? 0;
    timings.push({ ms: performance.now() - start, cpu: cpuNow() - cpu });
    if (sink < 0) throw new Error('unreachable');
  }
  const detail =
    'preset' in spec
      ? spec.preset
      : 'method' in spec
        ? spec.method
        : 'format' in spec
          ? spec.format
          : '';
  parts.push([`${name}: ${spec.type} ${detail ?? ''}`.trim(), medianTiming(timings)]);
}
for (const key of Object.keys(columns)) delete columns[key];
(globalThis as { gc?: () => void }).gc?.();

const runs = {
  floor: [] as Timing[],
  single: [] as Timing[],
  floorParallel: [] as Timing[],
  parallel: [] as Timing[],
};
for (let run = 0; run < 3; run++) {
  runs.floor.push(await timeFile(input, floorPolicy, 0, workerUrl));
  runs.single.push(await timeFile(input, policy, 0, workerUrl));
  runs.floorParallel.push(await timeFile(input, floorPolicy, WORKERS, workerUrl));
  runs.parallel.push(await timeFile(input, policy, WORKERS, workerUrl));
}
const floor = medianTiming(runs.floor);
const single = medianTiming(runs.single);
const floorParallel = medianTiming(runs.floorParallel);
const parallel = medianTiming(runs.parallel);
const partsSum: Timing = {
  ms: floor.ms + parts.reduce((sum, [, t]) => sum + t.ms, 0),
  cpu: floor.cpu + parts.reduce((sum, [, t]) => sum + t.cpu, 0),
};
const rate = (ms: number) => fmt((ROWS / ms) * 1000);
const row = (label: string, t: Timing) => [label, fmt(t.ms), fmt(t.cpu), rate(t.ms)];
const over = (t: Timing, key: keyof Timing) =>
  fmt(((t[key] - partsSum[key]) / partsSum[key]) * 100, 1);

console.log(
  `${fmt(ROWS)} rows, ${fmt(inputMiB, 1)} MiB of CSV; medians of 3 runs; Node flags ${CHILD_FLAGS.join(' ')}; ` +
    'CPU ms is process CPU time (all threads), which load from other processes affects less than wall time.\n',
);
console.log(
  table(
    ['step', 'wall ms', 'CPU ms', 'rows/s (wall)'],
    [
      row('io floor: read + parse + serialize + write (1 thread)', floor),
      ...parts.map(([name, t]) => row(`  transform alone — ${name}`, t)),
      row('sum of parts (floor + transforms)', partsSum),
      row('pipeline, 1 thread', single),
      row(`io floor, ${THREADS}`, floorParallel),
      row(`pipeline, ${THREADS}`, parallel),
    ],
  ),
);
console.log(
  `\nPipeline (1 thread) over the sum of its parts: ${over(single, 'ms')}% wall, ${over(single, 'cpu')}% CPU (goal ≤ 30%).` +
    `\nEnd to end with ${THREADS}: ${rate(parallel.ms)} rows/s (goal ≥ 100,000).`,
);
