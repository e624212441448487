// Free-text detection benchmark: accuracy per type (exact span and any
// overlap) on the labelled agency-style corpus of bench/lib/free-text-corpus.ts,
// and throughput of scan with every type against today's identifier-only scan,
// on that corpus and on the identifier corpus of the detect benchmark.
import { existsSync } from 'node:fs';
import { type Finding, findingTypes, scan } from '../src/detect/index.ts';
import { textEntityTypes } from '../src/detect/text-types.ts';
import { makeCorpus } from './lib/corpus.ts';
import { type Gold, makeFreeTextCorpus } from './lib/free-text-corpus.ts';
import { fmt, measure, table } from './lib/measure.ts';

const MB = 1 << 20;
const corpus = makeFreeTextCorpus(4 * MB);
const { text, gold } = corpus;
const mb = corpus.utf8Bytes / MB;
const all = { types: findingTypes };

// ----- accuracy ---------------------------------------------------------------
const findings = scan(text, all).filter((f) =>
  (textEntityTypes as readonly string[]).includes(f.type),
);
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;
const rows: (string | number)[][] = [];
const pct = (num: number, den: number) => (den === 0 ? 'n/a' : `${fmt((100 * num) / den, 1)}%`);
for (const type of textEntityTypes) {
  const g = gold.filter((x) => x.type === type);
  const f = findings.filter((x) => x.type === type);
  // Both lists are in text order: a sweep finds the overlapping pairs.
  const exactKeys = new Set(g.map((x) => `${x.start}:${x.end}`));
  const exactTp = f.filter((x) => exactKeys.has(`${x.start}:${x.end}`)).length;
  let j = 0;
  let goldHit = 0;
  for (const x of g) {
    while (j < f.length && (f[j] as Finding).end <= x.start) j++;
    if (j < f.length && overlaps(f[j] as Finding, x)) goldHit++;
  }
  let k = 0;
  let findingHit = 0;
  for (const x of f) {
    while (k < g.length && (g[k] as Gold).end <= x.start) k++;
    if (k < g.length && overlaps(g[k] as Gold, x)) findingHit++;
  }
  rows.push([
    type,
    g.length,
    f.length,
    pct(exactTp, f.length),
    pct(exactTp, g.length),
    pct(findingHit, f.length),
    pct(goldHit, g.length),
  ]);
}
console.log(
  `Corpus: ${fmt(mb, 1)} MB UTF-8 of agency-style text (hotline tickets, case notes, decisions), ${fmt(gold.length)} planted entities; names, addresses and organizations from lists independent of the shipped lexicons; default threshold 0.5.\n`,
);
console.log('### accuracy per type\n');
console.log(
  table(
    [
      'type',
      'planted',
      'reported',
      'precision (exact)',
      'recall (exact)',
      'precision (overlap)',
      'recall (overlap)',
    ],
    rows,
  ),
);

// ----- throughput -------------------------------------------------------------
function cpuMs(body: () => void, runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    body();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}
const ids = makeCorpus(4 * MB);
const idMb = ids.utf8Bytes / MB;
const cases: [string, string, number, () => void][] = [
  ['agency text', 'scan, identifiers only (today)', mb, () => void scan(text)],
  ['agency text', 'scan, all types', mb, () => void scan(text, all)],
  ['identifier corpus', 'scan, identifiers only (today)', idMb, () => void scan(ids.text)],
  ['identifier corpus', 'scan, all types', idMb, () => void scan(ids.text, all)],
];
const throughput = cases.map(([corpusName, name, size, body]) => {
  const m = measure(`${corpusName}: ${name}`, body, { opsPerRun: 1, runs: 5 });
  const cpu = cpuMs(body, 3);
  return [
    corpusName,
    name,
    fmt(size, 1),
    fmt(m.medianMs, 0),
    fmt(size / (m.medianMs / 1000), 1),
    fmt(size / (cpu / 1000), 1),
  ];
});
console.log('\n### throughput (one core, same run)\n');
console.log(table(['corpus', 'scan', 'MB', 'median ms', 'MB/s (wall)', 'MB/s (CPU)'], throughput));
const jieba = existsSync(new URL('../node_modules/@node-rs/jieba', import.meta.url));
console.log(
  `\n@node-rs/jieba POS baseline: ${jieba ? 'installed but not wired (see docs/performance.md)' : 'not measured: @node-rs/jieba is not installed in this checkout'}.`,
);
