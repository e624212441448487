// Optimal generalization on UCI Adult (ARX's test data): the four published
// cases (9 QIs, non-uniform entropy) and k ∈ {2, 5, 10} × suppression {0, 2%}
// over 8 QIs for every metric; plus measuring k and l for one transformation.
// ARX 3.9.2 (JIT-warm, same machines) took 1,064 / 190 / 28 / 14 ms for the four
// published cases and 46–829 ms for the 8-QI cases (figures from the issue).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateGeneralization } from '../src/anonymity/evaluate.ts';
import { parseHierarchyCsv } from '../src/anonymity/hierarchy.ts';
import { prepareTable } from '../src/anonymity/prepare.ts';
import { optimalGeneralization } from '../src/anonymity/search.ts';
import type { MetricName } from '../src/anonymity/types.ts';
import { fmt, measure, table } from './lib/measure.ts';

// Run from the repository root (npm run bench): ../shared/ beside it, else the test fixtures' copy.
const beside = resolve(process.cwd(), '../shared/data/adult');
const dir = existsSync(beside) ? beside : resolve(process.cwd(), 'test/fixtures/shared/data/adult');
const all = [
  'sex',
  'age',
  'race',
  'marital-status',
  'education',
  'native-country',
  'workclass',
  'occupation',
  'salary-class',
];
const eight = [
  'age',
  'sex',
  'race',
  'marital-status',
  'education',
  'native-country',
  'workclass',
  'occupation',
];
const lines = readFileSync(resolve(dir, 'adult.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
const header = lines[0]!.split(';');
const records = lines.slice(1).map((line) => {
  const cells = line.split(';');
  return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
});
const hierarchies = Object.fromEntries(
  all.map((a) => [
    a,
    parseHierarchyCsv(readFileSync(resolve(dir, `adult_hierarchy_${a}.csv`), 'utf8')),
  ]),
);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const only = process.env.BENCH_ONLY;

const rows: (string | number)[][] = [];
function run(
  label: string,
  qis: string[],
  k: number,
  suppressionLimit: number,
  metric: MetricName,
  arx?: number,
) {
  if (only && !label.includes(only)) return;
  const prepared = prepareTable(records, { quasiIdentifiers: qis, hierarchies });
  let result = optimalGeneralization(prepared, {
    quasiIdentifiers: qis,
    hierarchies,
    k,
    suppressionLimit,
    metric,
  });
  const search = measure(
    label,
    () => {
      result = optimalGeneralization(prepared, {
        quasiIdentifiers: qis,
        hierarchies,
        k,
        suppressionLimit,
        metric,
      });
    },
    { opsPerRun: 1, runs, warmup: 1 },
  );
  const endToEnd = measure(
    label,
    () => {
      optimalGeneralization(records, {
        quasiIdentifiers: qis,
        hierarchies,
        k,
        suppressionLimit,
        metric,
      });
    },
    { opsPerRun: 1, runs: 2, warmup: 0 },
  );
  rows.push([
    label,
    qis.map((q) => result.levels[q]).join(','),
    fmt(result.value, 6),
    result.stats.checks,
    fmt(search.medianMs, 1),
    fmt(endToEnd.medianMs, 1),
    arx === undefined ? '' : fmt(arx),
  ]);
}

const published: [number, number, number][] = [
  [5, 0.04, 1064],
  [100, 0.04, 190],
  [5, 0, 28],
  [100, 0, 14],
];
for (const [k, s, arx] of published)
  run(`adult9 entropy k=${k} s=${s * 100}%`, all, k, s, 'non-uniform-entropy', arx);
const metrics: MetricName[] = [
  'non-uniform-entropy',
  'discernibility',
  'loss',
  'precision',
  'aecs',
];
for (const metric of metrics) {
  for (const k of [2, 5, 10])
    for (const s of [0, 0.02]) run(`adult8 ${metric} k=${k} s=${s * 100}%`, eight, k, s, metric);
}

console.log(
  table(
    [
      'case',
      'levels',
      'value',
      'checks',
      `search ms (median of ${runs}, prepared)`,
      'end-to-end ms (incl. encoding)',
      'ARX 3.9.2 ms',
    ],
    rows,
  ),
);

// Measuring k and l for one given transformation of Adult.
const preparedL = prepareTable(records, {
  quasiIdentifiers: eight,
  hierarchies,
  sensitive: ['salary-class'],
});
const levels = {
  age: 2,
  sex: 0,
  race: 1,
  'marital-status': 1,
  education: 2,
  'native-country': 1,
  workclass: 1,
  occupation: 1,
};
const kl = measure(
  'k and distinct-2 l of one transformation (8 QIs)',
  () => {
    evaluateGeneralization(preparedL, {
      quasiIdentifiers: eight,
      hierarchies,
      k: 5,
      lDiversity: { attribute: 'salary-class', l: 2 },
      suppressionLimit: 0.02,
      metric: 'discernibility',
      levels,
    });
  },
  { opsPerRun: 1, runs: 11, warmup: 3 },
);
console.log(`\n${table(['operation', 'median ms'], [[kl.name, fmt(kl.medianMs, 2)]])}`);
