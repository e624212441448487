// The README's first job (a provision of resident records under a sharing
// decision) scaled to 1,000,000 rows, run three ways in the same run, each as a
// whole process measured by /usr/bin/time (wall, CPU, peak RSS):
//   - the CLI binary: `dataguard protect` end to end (plan, decide, run on worker
//     threads, gate, report, ledger event, rename);
//   - the library's transformFile on the same file, policy and thread count;
//   - the io floor: transformFile with a policy that keeps every column as is.
// RELEASE_BIG_ROWS=10000000 adds one CLI run at that size for peak RSS.
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fmt, median, table } from './lib/measure.ts';

const root = process.cwd();
const out = join(root, 'bench/.out/release');
mkdirSync(out, { recursive: true });
const ROWS = Number(process.env.RELEASE_ROWS ?? 1_000_000);
const BIG = Number(process.env.RELEASE_BIG_ROWS ?? 0);
const RUNS = Number(process.env.RELEASE_RUNS ?? 3);
const WORKERS = Math.max(1, availableParallelism() - 1);
const bin = join(root, 'dist/cli/main.js');
if (!existsSync(bin)) throw new Error('build first: npm run build');

/** A file of `rows` resident rows in the format of examples/residents.csv. */
function ensureInput(rows: number): string {
  const path = join(out, `residents-${rows}.csv`);
  if (existsSync(path)) return path;
  const million = join(out, 'residents-1000000.csv');
  if (rows <= 1_000_000 || !existsSync(million)) {
    execFileSync(process.execPath, [
      join(root, 'examples/generate-residents.mjs'),
      String(Math.min(rows, 1_000_000)),
      rows <= 1_000_000 ? path : million,
    ]);
    if (rows <= 1_000_000) return path;
  }
  // Larger inputs repeat the million-row body (the header once).
  const text = readFileSync(million, 'utf8');
  const newline = text.indexOf('\n');
  writeFileSync(path, text);
  for (let done = 1_000_000; done < rows; done += 1_000_000)
    appendFileSync(path, text.slice(newline + 1));
  return path;
}

for (const file of ['residents.dataset.json', 'share.policy.json', 'share-request.json'])
  copyFileSync(join(root, 'examples', file), join(out, file));
const keysPath = join(out, 'keyring.json');
writeFileSync(
  keysPath,
  JSON.stringify({
    keys: [
      {
        id: 'bench',
        suite: 'international',
        material: '8f3a1c0e5d7b9a2f4e6c8b0d1a3f5e7c9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a',
        createdAt: '2026-01-01T00:00:00Z',
        status: 'active',
      },
    ],
  }),
);
chmodSync(keysPath, 0o600);

const library = join(out, 'library.mjs');
writeFileSync(
  library,
  `import { readFileSync } from 'node:fs';
import { transformFile } from ${JSON.stringify(join(root, 'dist/io/index.js'))};
const [input, output, policyFile, floor, workers] = process.argv.slice(2);
const dataset = JSON.parse(readFileSync(${JSON.stringify(join(out, 'residents.dataset.json'))}, 'utf8'));
const policy = floor === 'floor'
  ? { id: 'floor', version: '1', keep: dataset.fields.map((f) => f.name), rules: [] }
  : readFileSync(policyFile, 'utf8');
const keys = JSON.parse(readFileSync(${JSON.stringify(keysPath)}, 'utf8'));
const result = await transformFile({ input, output, policy, dataset, keys, workers: Number(workers) });
if (result.rows < 1) throw new Error('no rows');
`,
);

interface Timing {
  readonly wall: number;
  readonly cpu: number;
  readonly rssMiB: number;
}

/** Runs a command under /usr/bin/time: wall seconds, CPU seconds and peak RSS (KiB). */
function timed(args: readonly string[]): Timing {
  const report = join(out, 'time.txt');
  execFileSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, ...args], {
    cwd: out,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [wall, user, sys, rss] = readFileSync(report, 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number) as number[];
  return {
    wall: wall as number,
    cpu: (user as number) + (sys as number),
    rssMiB: (rss as number) / 1024,
  };
}

function cli(input: string): Timing {
  rmSync(join(out, 'dg.db'), { force: true });
  return timed([
    process.execPath,
    bin,
    'protect',
    input,
    '--dataset',
    'residents.dataset.json',
    '--policy',
    'share.policy.json',
    '--purpose',
    'statutory-duty',
    '--actor',
    'gov.example.civil-affairs',
    '--recipient',
    'gov.example.health',
    '--legal-basis',
    'statutory-duty',
    '--share-request',
    'share-request.json',
    '--ledger',
    'dg.db',
    '--keys',
    keysPath,
    '--workers',
    String(WORKERS),
    '--out',
    'cli.out.csv',
  ]);
}

const lib = (input: string, floor: boolean) =>
  timed([
    process.execPath,
    library,
    input,
    join(out, floor ? 'floor.out.csv' : 'lib.out.csv'),
    join(out, 'share.policy.json'),
    floor ? 'floor' : 'policy',
    String(WORKERS),
  ]);

const input = ensureInput(ROWS);
const runs = { cli: [] as Timing[], lib: [] as Timing[], floor: [] as Timing[] };
for (let i = 0; i < RUNS; i++) {
  runs.floor.push(lib(input, true));
  runs.lib.push(lib(input, false));
  runs.cli.push(cli(input));
}
const med = (list: readonly Timing[]): Timing => ({
  wall: median(list.map((t) => t.wall)),
  cpu: median(list.map((t) => t.cpu)),
  rssMiB: median(list.map((t) => t.rssMiB)),
});
const row = (name: string, t: Timing) => [
  name,
  fmt(t.wall, 2),
  fmt(t.cpu, 2),
  fmt(ROWS / t.wall),
  fmt(t.rssMiB, 0),
];
const cliT = med(runs.cli);
const libT = med(runs.lib);
const floorT = med(runs.floor);
console.log(
  `${fmt(ROWS)} rows of the README's first job (examples/residents.csv format); ${WORKERS} worker thread(s) + main thread; medians of ${RUNS} runs, each a whole process under /usr/bin/time.\n`,
);
console.log(
  table(
    ['path', 'wall s', 'CPU s', 'rows/s (wall)', 'peak RSS MiB'],
    [
      row('CLI `dataguard protect` (decision, report, ledger, commit)', cliT),
      row('library `transformFile` (same policy)', libT),
      row('io floor (keep every column)', floorT),
    ],
  ),
);
console.log(
  `\nCLI vs library: ${fmt((cliT.wall / libT.wall - 1) * 100, 1)}% wall time; goal: ≥ 100,000 rows/s or within 10% of the library.`,
);
if (BIG > 0) {
  const big = cli(ensureInput(BIG));
  console.log(
    `\nCLI at ${fmt(BIG)} rows: ${fmt(big.wall, 1)} s wall, ${fmt(BIG / big.wall)} rows/s, peak RSS ${fmt(big.rssMiB, 0)} MiB (goal ≤ 200 MB).`,
  );
}
