// Detection benchmark: a deterministic ≥10 MB mixed Chinese/English corpus
// with identifiers at known offsets (valid ones and near-misses). Reports
// precision and recall per type, and throughput against (a) the floor, one
// global regex for runs of 6+ ASCII digits, and (b) @redactpii/node and
// redact-pii on the types they support, all in the same run. The peers are an
// optional install (`npm run bench:peers`, bench/package.json): a peer that is
// not installed is skipped with a message, and the rest of the bench runs.
import { type IdentifierType, scan, validate } from '../src/detect/index.ts';
import { makeCorpus, type Planted } from './lib/corpus.ts';
import { fmt, measure, table } from './lib/measure.ts';

const MB = 1 << 20;
const corpus = makeCorpus(10 * MB);
const { text, planted } = corpus;
const mb = corpus.utf8Bytes / MB;

// Sanity: every planted value has the verdict the corpus claims.
for (const p of planted) {
  // Grouped mobiles ("138 1234 5678") validate once their groups are joined.
  const canonical = p.type === 'cn-mobile' ? p.value.replace(/(?<=\d)[ -](?=\d)/g, '') : p.value;
  if (validate(p.type, canonical) !== p.valid)
    throw new Error(`corpus bug: ${p.type} planted as ${p.valid}`);
}

// ----- accuracy of scan ------------------------------------------------------
const findings = scan(text);
const byStart = new Map<number, Planted>();
for (const p of planted) byStart.set(p.start, p);
interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
const tallies = new Map<string, Tally>();
const tally = (type: string): Tally => {
  let t = tallies.get(type);
  if (t === undefined) {
    t = { tp: 0, fp: 0, fn: 0 };
    tallies.set(type, t);
  }
  return t;
};
const matched = new Set<Planted>();
for (const f of findings) {
  const p = byStart.get(f.start);
  if (p?.valid && p.end === f.end && p.type === f.type) {
    tally(f.type).tp++;
    matched.add(p);
  } else {
    tally(f.type).fp++;
  }
}
for (const p of planted) if (p.valid && !matched.has(p)) tally(p.type).fn++;
const pct = (num: number, den: number) => (den === 0 ? 'n/a' : `${fmt((100 * num) / den, 2)}%`);
let tp = 0;
let fp = 0;
let fn = 0;
const rows = [...tallies.entries()]
  .sort((a, b) => a[0].localeCompare(b[0]))
  .map(([type, t]) => {
    tp += t.tp;
    fp += t.fp;
    fn += t.fn;
    return [type, t.tp + t.fn, t.tp, t.fp, t.fn, pct(t.tp, t.tp + t.fp), pct(t.tp, t.tp + t.fn)];
  });
rows.push(['**overall**', tp + fn, tp, fp, fn, pct(tp, tp + fp), pct(tp, tp + fn)]);
const nearMisses = planted.filter((p) => !p.valid).length;

console.log(
  `Corpus: ${fmt(mb, 1)} MB UTF-8 (${fmt(text.length)} UTF-16 code units), ${fmt(planted.length)} planted identifiers of which ${fmt(nearMisses)} near-misses (must not be reported); default threshold 0.5.\n`,
);
console.log('### scan accuracy per type\n');
console.log(table(['type', 'planted valid', 'TP', 'FP', 'FN', 'precision', 'recall'], rows));

// ----- throughput -------------------------------------------------------------
const floor = measure(
  'floor: /\\d{6,}/g, one pass',
  () => {
    const re = /\d{6,}/g;
    let count = 0;
    while (re.exec(text) !== null) count++;
    if (count < 0) throw new Error('unreachable');
  },
  { opsPerRun: 1, runs: 5 },
);
const ours = measure('dataguard scan (all 25 types)', () => void scan(text), {
  opsPerRun: 1,
  runs: 5,
});

/** A peer scanner: its name in the tables and its redaction of a text. */
interface Peer {
  readonly name: string;
  readonly package: string;
  readonly redact: (text: string) => string;
}

// A variable specifier: the peers are resolved at run time from bench/node_modules, if installed.
async function optionalImport(name: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await import(name)) as Record<string, unknown>;
  } catch {
    console.log(
      `\n> peer ${name} is not installed: skipped (install the bench peers with \`npm run bench:peers\`).\n`,
    );
    return undefined;
  }
}

type RedactorClass = new (options: unknown) => { redact(text: string): string };
const peers: Peer[] = [];
const redactpiiNode = await optionalImport('@redactpii/node');
if (redactpiiNode !== undefined) {
  const Redactor = redactpiiNode.Redactor as RedactorClass;
  const redactor = new Redactor({
    rules: { NAME: false, SSN: false, EMAIL: true, PHONE: true, CREDIT_CARD: true },
  });
  peers.push({
    name: '@redactpii/node (email, phone, credit card)',
    package: '@redactpii/node',
    redact: (s) => redactor.redact(s),
  });
}
const redactPiiModule = await optionalImport('redact-pii');
if (redactPiiModule !== undefined) {
  const SyncRedactor = redactPiiModule.SyncRedactor as RedactorClass;
  const redactor = new SyncRedactor({
    builtInRedactors: {
      names: { enabled: false },
      streetAddress: { enabled: false },
      digits: { enabled: false },
      zipcode: { enabled: false },
      url: { enabled: false },
      username: { enabled: false },
      password: { enabled: false },
      credentials: { enabled: false },
      usSocialSecurityNumber: { enabled: false },
    },
  });
  peers.push({
    name: 'redact-pii SyncRedactor (email, phone, credit card, IP)',
    package: 'redact-pii',
    redact: (s) => redactor.redact(s),
  });
}
const peerRuns = peers.map((peer) =>
  measure(peer.name, () => void peer.redact(text), { opsPerRun: 1, runs: 3, warmup: 1 }),
);

// CPU time as well as wall time: on a shared machine the wall time of the
// longer runs is inflated by preemption, CPU time much less so.
function cpuMs(body: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    body();
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  return Math.min(...times);
}
const cpu = new Map<string, number>([
  [floor.name, cpuMs(() => void text.match(/\d{6,}/g), 5)],
  [ours.name, cpuMs(() => void scan(text), 5)],
  ...peers.map((peer): [string, number] => [peer.name, cpuMs(() => void peer.redact(text), 3)]),
]);
const mbps = (m: { medianMs: number }) => mb / (m.medianMs / 1000);
const cpuMbps = (name: string) => mb / ((cpu.get(name) as number) / 1000);
console.log('\n### throughput (same corpus, same run)\n');
console.log(
  table(
    [
      'scanner',
      'wall median ms',
      'MB/s (wall)',
      'vs floor (wall)',
      'best CPU ms',
      'MB/s (CPU)',
      'vs floor (CPU)',
    ],
    [floor, ours, ...peerRuns].map((m) => [
      m.name,
      fmt(m.medianMs, 1),
      fmt(mbps(m), 1),
      `${fmt((100 * mbps(m)) / mbps(floor), 1)}%`,
      fmt(cpu.get(m.name) as number, 1),
      fmt(cpuMbps(m.name), 1),
      `${fmt((100 * cpuMbps(m.name)) / cpuMbps(floor.name), 1)}%`,
    ]),
  ),
);

// ----- what the peers find, on the types they support ---------------------------
// Peers return redacted text, not offsets: a planted value counts as found when
// it no longer appears intact in its redacted paragraph (partial redaction
// counts, which flatters the peers); their detections are counted by
// replacement token, and those beyond the valid values found are false positives.
const peerTypes: Record<string, readonly IdentifierType[]> = {
  '@redactpii/node': ['email', 'cn-mobile', 'cn-landline', 'bank-card'],
  'redact-pii': ['email', 'cn-mobile', 'cn-landline', 'bank-card', 'ipv4', 'ipv6'],
};
const tokens = /EMAIL_ADDRESS|PHONE_NUMBER|CREDIT_CARD(?:_NUMBER)?|IP_ADDRESS/g;
function peerAccuracy(name: string, redact: (s: string) => string) {
  const types = new Set(peerTypes[name]);
  const found = new Map<IdentifierType, number>();
  const total = new Map<IdentifierType, number>();
  let detections = 0;
  let validFound = 0;
  const bounds = [...corpus.paragraphs, text.length];
  let next = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i] as number;
    const end = bounds[i + 1] as number;
    const out = redact(text.slice(start, end));
    detections += out.match(tokens)?.length ?? 0;
    while (next < planted.length && (planted[next] as Planted).start < end) {
      const p = planted[next] as Planted;
      next++;
      if (!types.has(p.type) || !p.valid) continue;
      total.set(p.type, (total.get(p.type) ?? 0) + 1);
      if (!out.includes(p.value)) {
        found.set(p.type, (found.get(p.type) ?? 0) + 1);
        validFound++;
      }
    }
  }
  return { types: [...types], found, total, detections, validFound };
}
const ourOn = (types: readonly IdentifierType[]) => {
  let t = 0;
  let f = 0;
  for (const p of planted) {
    if (!p.valid || !types.includes(p.type)) continue;
    t++;
    if (matched.has(p)) f++;
  }
  return { t, f };
};
const peerRows: (string | number)[][] = [];
for (const peer of peers) {
  const name = peer.package;
  const acc = peerAccuracy(name, peer.redact);
  const totalValid = [...acc.total.values()].reduce((a, b) => a + b, 0);
  const mine = ourOn(acc.types);
  const perType = acc.types
    .map((type) => `${type} ${pct(acc.found.get(type) ?? 0, acc.total.get(type) ?? 0)}`)
    .join(', ');
  peerRows.push([
    name,
    acc.types.join(', '),
    pct(acc.validFound, totalValid),
    fmt(Math.max(0, acc.detections - acc.validFound)),
    pct(mine.f, mine.t),
    perType,
  ]);
}
console.log("\n### recall on the peers' own types\n");
console.log(
  table(
    [
      'peer',
      'types compared',
      'peer recall',
      'peer detections beyond valid values',
      'dataguard recall (same values)',
      'peer recall per type',
    ],
    peerRows,
  ),
);
const ratio = (100 * cpuMbps(ours.name)) / cpuMbps(floor.name);
const versusPeers =
  peers.length === 0
    ? 'no peer installed to compare with'
    : peers
        .map((peer) => `${fmt(cpuMbps(ours.name) / cpuMbps(peer.name), 1)}× ${peer.package}`)
        .join(', ');
console.log(
  `\nGoals: precision and recall ≥ 99% overall; scan ≥ 50% of the floor's MB/s (${fmt(ratio, 1)}% here, CPU time) and faster than both peers (${versusPeers}, CPU time).`,
);
