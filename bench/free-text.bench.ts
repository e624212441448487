// Free-text detection benchmark: accuracy per type (exact span and any
// overlap) on the labelled agency-style corpus of bench/lib/free-text-corpus.ts,
// and throughput of scan with every type against today's identifier-only scan,
// on that corpus and on the identifier corpus of the detect benchmark.
import { performance } from 'node:perf_hooks';
import { type Finding, findingTypes, scan } from '../src/detect/index.ts';
import { textEntityTypes } from '../src/detect/text-types.ts';
import { makeCorpus } from './lib/corpus.ts';
import { makeFreeTextCorpus } from './lib/free-text-corpus.ts';
import { fmt, median, table } from './lib/measure.ts';
import { loadMsraNer, type NerLabel } from './lib/msra-ner.ts';
import { loadBenchPeer } from './lib/peers.ts';
import { type SpanAccuracy, spanAccuracy } from './lib/span-accuracy.ts';

const MB = 1 << 20;
const corpus = makeFreeTextCorpus(4 * MB);
const { text, gold } = corpus;
const mb = corpus.utf8Bytes / MB;
const all = { types: findingTypes };

// ----- accuracy ---------------------------------------------------------------
const pct = (num: number, den: number) => (den === 0 ? 'n/a' : `${fmt((100 * num) / den, 1)}%`);
const accuracyHeader = [
  'type',
  'gold',
  'reported',
  'precision (exact)',
  'recall (exact)',
  'precision (overlap)',
  'recall (overlap)',
];
const accuracyRow = (name: string, a: SpanAccuracy): (string | number)[] => [
  name,
  a.gold,
  a.reported,
  pct(a.exact, a.reported),
  pct(a.exact, a.gold),
  pct(a.reportedHit, a.reported),
  pct(a.goldHit, a.gold),
];
const textFindings = (source: string): Finding[] =>
  scan(source, all).filter((f) => (textEntityTypes as readonly string[]).includes(f.type));

const findings = textFindings(text);
const rows = textEntityTypes.map((type) =>
  accuracyRow(
    type,
    spanAccuracy(
      gold.filter((x) => x.type === type),
      findings.filter((x) => x.type === type),
    ),
  ),
);
console.log(
  `Corpus: ${fmt(mb, 1)} MB UTF-8 of agency-style text (hotline tickets, case notes, decisions), ${fmt(gold.length)} planted entities; names, addresses and organizations from lists independent of the shipped lexicons; default threshold 0.5.\n`,
);
console.log('### accuracy per type\n');
console.log(table(accuracyHeader, rows));

// ----- jieba POS baseline and the held-out MSRA NER split ------------------------
interface JiebaTag {
  readonly word: string;
  readonly tag: string;
}
interface JiebaModule {
  Jieba: { withDict(dict: Uint8Array): { tag(text: string, hmm?: boolean): JiebaTag[] } };
}
const jiebaPeer = loadBenchPeer<JiebaModule>('@node-rs/jieba');
const jiebaDict = jiebaPeer && loadBenchPeer<{ dict: Uint8Array }>('@node-rs/jieba/dict');
const jieba =
  jiebaPeer && jiebaDict ? jiebaPeer.module.Jieba.withDict(jiebaDict.module.dict) : undefined;
const JIEBA_TAGS: Readonly<Record<string, string>> = {
  nr: 'person-name',
  ns: 'address',
  nt: 'organization',
};

/** Words jieba tags nr / ns / nt, as spans typed like scan's findings, line by line. */
function jiebaSpans(source: string): { type: string; start: number; end: number }[] {
  const out: { type: string; start: number; end: number }[] = [];
  if (jieba === undefined) return out;
  let lineStart = 0;
  while (lineStart < source.length) {
    let lineEnd = source.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = source.length;
    let at = lineStart;
    for (const { word, tag } of jieba.tag(source.slice(lineStart, lineEnd), true)) {
      // jieba drops nothing but may normalise spaces: find each word from the cursor.
      const found = source.indexOf(word, at);
      const start = found >= at && found < lineEnd ? found : at;
      at = start + word.length;
      const type = JIEBA_TAGS[tag];
      if (type !== undefined) out.push({ type, start, end: at });
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

if (jieba === undefined) {
  console.log(
    '\n@node-rs/jieba POS baseline: not measured: @node-rs/jieba is not installed (install bench peers: see bench/lib/peers.ts).',
  );
} else {
  const spans = jiebaSpans(text);
  console.log(
    `\n### @node-rs/jieba POS baseline on the same corpus (nr → person-name, ns → address, nt → organization; ${jiebaPeer?.from})\n`,
  );
  console.log(
    table(
      accuracyHeader,
      ['person-name', 'address', 'organization'].map((type) =>
        accuracyRow(
          `${type} (jieba)`,
          spanAccuracy(
            gold.filter((x) => x.type === type),
            spans.filter((x) => x.type === type),
          ),
        ),
      ),
    ),
  );
}

const msra = loadMsraNer();
if (msra === undefined) {
  console.log(
    '\nHeld-out MSRA NER test split: skipped: bench/data/msra-ner-test.txt is absent (run `node bench/data/fetch-msra-ner.mjs`).',
  );
} else {
  const msraFindings = textFindings(msra.text);
  const jiebaMsra = jiebaSpans(msra.text);
  const pairs: [NerLabel, string][] = [
    ['PER', 'person-name'],
    ['LOC', 'address'],
    ['ORG', 'organization'],
  ];
  const msraRows: (string | number)[][] = [];
  for (const [label, type] of pairs) {
    const g = msra.entities.filter((x) => x.label === label);
    msraRows.push(
      accuracyRow(
        `${label} ↔ ${type} (scan)`,
        spanAccuracy(
          g,
          msraFindings.filter((x) => x.type === type),
        ),
      ),
    );
    if (jieba !== undefined) {
      msraRows.push(
        accuracyRow(
          `${label} ↔ ${type} (jieba)`,
          spanAccuracy(
            g,
            jiebaMsra.filter((x) => x.type === type),
          ),
        ),
      );
    }
  }
  console.log(
    `\n### held-out MSRA NER test split (SIGHAN 2006, news; ${fmt(msra.sentences.length)} sentences, ${fmt(msra.text.length)} characters; never tuned on)\n`,
  );
  console.log(table(accuracyHeader, msraRows));
}

// ----- throughput -------------------------------------------------------------
// The machine may be shared: the two scans of a corpus alternate run by run, and
// the figures are medians of CPU time (user + system), with wall time beside.
const ids = makeCorpus(4 * MB);
const idMb = ids.utf8Bytes / MB;
const RUNS = 11;
const cpuAndWall = (body: () => void): [number, number] => {
  const before = process.cpuUsage();
  const start = performance.now();
  body();
  const wall = performance.now() - start;
  const used = process.cpuUsage(before);
  return [(used.user + used.system) / 1000, wall];
};
const throughput: (string | number)[][] = [];
for (const [corpusName, source, size] of [
  ['agency text', text, mb],
  ['identifier corpus', ids.text, idMb],
] as const) {
  const variants: [string, () => void][] = [
    ['scan, identifiers only (today)', () => void scan(source)],
    ['scan, all types', () => void scan(source, all)],
  ];
  for (const [, body] of variants) body();
  const cpu: number[][] = variants.map(() => []);
  const wall: number[][] = variants.map(() => []);
  for (let r = 0; r < RUNS; r++) {
    variants.forEach(([, body], v) => {
      const [c, w] = cpuAndWall(body);
      cpu[v]?.push(c);
      wall[v]?.push(w);
    });
  }
  const baseCpu = median(cpu[0] ?? []);
  variants.forEach(([name], v) => {
    const c = median(cpu[v] ?? []);
    const w = median(wall[v] ?? []);
    throughput.push([
      corpusName,
      name,
      fmt(size, 1),
      fmt(c, 0),
      fmt(w, 0),
      fmt(size / (c / 1000), 1),
      `${fmt(c / baseCpu, 2)}×`,
    ]);
  });
}
console.log(`\n### throughput (one core, same run, alternating, median of ${RUNS})\n`);
console.log(
  table(
    ['corpus', 'scan', 'MB', 'CPU ms', 'wall ms', 'MB/s (CPU)', 'CPU vs identifiers only'],
    throughput,
  ),
);
