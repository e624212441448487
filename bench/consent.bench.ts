// decide() throughput and latency: 1,000,000 decisions over 100,000 subjects
// with 5 consents each, in memory (issue 7 goal: ≥ 1,000,000 decisions/s on
// one core), beside a floor in the same run: the subject directory lookup and a
// Map lookup of the subject's 5 records, plus a loop over them comparing purpose
// strings (no rules, no reasons): the least any correct decision must do, since
// C-MINOR needs the subject record and every rule needs the consents. A second
// decider over 1,000 subjects (everything cache-resident) shows decide()'s own
// cost apart from the cache and TLB misses of 100,000 random subjects.
import { performance } from 'node:perf_hooks';
import {
  CONSENT_RECORD_FORMAT_VERSION,
  type ConsentRecord,
  createConsentDecider,
  createMemoryConsentStore,
  createPurposeTaxonomy,
  type DecisionRequest,
  type SubjectRecord,
} from '../src/consent/index.ts';
import { fixedClock } from '../src/core/clock.ts';
import { deepFreeze } from '../src/core/deep-freeze.ts';
import { fmt, median, table } from './lib/measure.ts';

// CONSENT_BENCH_SCALE=0.1 runs a tenth of the sizes (quick local checks).
const SCALE = Number(process.env.CONSENT_BENCH_SCALE ?? '1');
const SUBJECTS = Math.round(100_000 * SCALE);
const CONSENTS = 5;
const DECISIONS = Math.round(1_000_000 * SCALE);
const AT = Date.parse('2026-03-01T10:00:00+08:00');
const handler = { id: 'civil-affairs', kind: 'agency' as const };

const purposes = createPurposeTaxonomy({
  purposes: [
    {
      id: 'public-service.social-assistance.eligibility.review',
      needs: { categories: ['basic', 'identity', 'property'] },
    },
    {
      id: 'public-service.education.enrolment',
      needs: { categories: ['basic', 'education-work'] },
    },
    { id: 'statistics.poverty', needs: { fields: ['district', 'income'] } },
  ],
});
// Five consents per subject: different purposes, categories and separate consents;
// one in five subjects has withdrawn one of them.
const shapes: Pick<ConsentRecord, 'purposes' | 'piCategories' | 'separate'>[] = [
  {
    purposes: ['public-service.social-assistance'],
    piCategories: ['basic', 'identity'],
    separate: { sensitive: true, provide: false, disclose: false, crossBorder: false },
  },
  {
    purposes: ['public-service.social-assistance'],
    piCategories: ['property'],
    separate: { sensitive: true, provide: false, disclose: false, crossBorder: false },
  },
  {
    purposes: ['public-service.education'],
    piCategories: ['basic', 'education-work'],
    separate: { sensitive: false, provide: false, disclose: false, crossBorder: false },
  },
  {
    purposes: ['statistics'],
    piCategories: ['property'],
    separate: { sensitive: true, provide: false, disclose: false, crossBorder: false },
  },
  {
    purposes: ['public-service.healthcare'],
    piCategories: ['health'],
    separate: { sensitive: true, provide: false, disclose: false, crossBorder: false },
  },
];

interface World {
  readonly decider: ReturnType<typeof createConsentDecider>;
  readonly store: ReturnType<typeof createMemoryConsentStore>;
  readonly subjects: Map<string, SubjectRecord>;
  readonly ids: readonly string[];
}
function world(count: number): World {
  const store = createMemoryConsentStore();
  const subjects = new Map<string, SubjectRecord>();
  const decider = createConsentDecider({
    store,
    purposes,
    subjects: { get: (id) => subjects.get(id) },
    clock: fixedClock(AT),
  });
  const notice = decider.publishNotice({
    id: 'assistance-app',
    version: '1',
    handler,
    contact: 'privacy@example.gov.cn',
    purposes: ['public-service', 'statistics'],
    processing: ['collect', 'store', 'use', 'provide'],
    piCategories: ['basic', 'identity', 'property', 'education-work', 'health'],
    retention: 'P5Y',
    rights: 'the service counter',
    language: 'zh-CN',
    publishedAt: '2026-01-01T00:00:00+08:00',
  });

  const ids: string[] = [];
  for (let s = 0; s < count; s++) {
    const id = `resident-${s}`;
    ids.push(id);
    subjects.set(id, { id, birthDate: `${1950 + (s % 60)}-0${1 + (s % 9)}-1${s % 10}` });
    for (let c = 0; c < CONSENTS; c++) {
      const shape = shapes[c] as (typeof shapes)[number];
      const withdrawn = s % 5 === 0 && c === 1;
      store.putConsent(
        deepFreeze({
          schemaVersion: CONSENT_RECORD_FORMAT_VERSION,
          id: `consent-${s}-${c}`,
          subject: id,
          notice: { id: notice.id, version: notice.version, digest: notice.digest },
          language: 'zh-CN',
          handler,
          ...shape,
          legalBasis: 'consent',
          processing: ['collect', 'store', 'use'],
          recipients: [],
          jurisdiction: 'CN',
          retention: 'P5Y',
          withdrawalMethod: 'the service counter',
          method: 'electronic',
          givenBy: { role: 'subject', id },
          validity: { from: '2026-02-01T09:00:00+08:00' },
          events: withdrawn
            ? [
                { type: 'given', at: '2026-02-01T09:00:00+08:00', by: id },
                { type: 'withdrawn', at: '2026-02-20T09:00:00+08:00', by: id },
              ]
            : [{ type: 'given', at: '2026-02-01T09:00:00+08:00', by: id }],
        }),
      );
    }
  }
  return { decider, store, subjects, ids };
}

const setupStart = performance.now();
const { decider, store, subjects, ids } = world(SUBJECTS);
const setupMs = performance.now() - setupStart;

const fields = [
  { name: 'name', piCategory: 'basic' as const },
  { name: 'id_card', piCategory: 'identity' as const },
  { name: 'income', piCategory: 'property' as const },
  { name: 'district' },
];
const templates = [
  {
    purpose: 'public-service.social-assistance.eligibility.review',
    processing: 'use' as const,
    fields,
  },
  { purpose: 'statistics.poverty', processing: 'use' as const, fields },
  { purpose: 'public-service.education.enrolment', processing: 'store' as const, fields },
];
// A fixed pseudo-random order of subjects (each hit 10 times) and templates.
const order = new Int32Array(DECISIONS);
let x = 123456789;
for (let i = 0; i < DECISIONS; i++) {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  order[i] = (x >>> 0) % SUBJECTS;
}

let sink = 0;
function decideAll(w: World, modulo: number): void {
  const d = w.decider;
  const wids = w.ids;
  for (let i = 0; i < DECISIONS; i++) {
    const t = templates[i % 3] as (typeof templates)[number];
    const request: DecisionRequest = {
      subject: wids[(order[i] as number) % modulo] as string,
      purpose: t.purpose,
      processing: t.processing,
      fields: t.fields,
      at: AT,
    };
    if (d.decide(request).allowed) sink++;
  }
}
const main: World = { decider, store, subjects, ids };
function runDecide(): void {
  decideAll(main, SUBJECTS);
}
// The same decisions over 1,000 subjects: every structure stays in the CPU caches.
const SMALL = Math.min(1_000, SUBJECTS);
const small = world(SMALL);
function runSmall(): void {
  decideAll(small, SMALL);
}
const prepared = templates.map((t) => decider.prepare(t));
function runPrepared(): void {
  for (let i = 0; i < DECISIONS; i++) {
    if (
      (prepared[i % 3] as (typeof prepared)[number]).decide(ids[order[i] as number] as string, AT)
        .allowed
    )
      sink++;
  }
}
// Floor: the least any consent check must do: find the subject's record (its
// birth date decides C-MINOR) and its consents, and scan them for the purpose.
const floorIndex = new Map<string, readonly ConsentRecord[]>();
for (const id of ids) floorIndex.set(id, store.consentsOf(id));
function runFloor(): void {
  for (let i = 0; i < DECISIONS; i++) {
    const record = subjects.get(ids[order[i] as number] as string) as SubjectRecord;
    const list = floorIndex.get(record.id) as readonly ConsentRecord[];
    const purpose = (templates[i % 3] as (typeof templates)[number]).purpose;
    for (let k = 0; k < list.length; k++) {
      const p = (list[k] as ConsentRecord).purposes[0] as string;
      if (purpose.startsWith(p)) {
        sink++;
        break;
      }
    }
  }
}

// Calibration: one Map.get per "decision", to compare machines (and a loaded
// machine with a quiet one) independently of dataguard.
const calibrationMap = new Map(ids.map((id, i) => [id, i]));
function runCalibration(): void {
  for (let i = 0; i < DECISIONS; i++)
    sink += calibrationMap.get(ids[order[i] as number] as string) as number;
}

interface Row {
  readonly name: string;
  readonly wall: number;
  readonly cpu: number;
}
function timed(name: string, body: () => void, runs = 5): Row {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < runs; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    body();
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    walls.push((DECISIONS / ms) * 1000);
    cpus.push(DECISIONS / ((used.user + used.system) / 1e6));
  }
  return { name, wall: median(walls), cpu: median(cpus) };
}

// Cold: the first pass compiles every subject's consents into the cache.
runSmall();
const cold0 = performance.now();
runDecide();
const coldMs = performance.now() - cold0;
const rows = [
  timed('decide(request)', runDecide),
  timed('prepare(template).decide(subject)', runPrepared),
  timed('decide(request), 1,000 subjects (cache-resident)', runSmall),
  timed('floor: subject lookup + consents Map.get + purpose prefix scan', runFloor),
  timed('calibration: one Map.get per decision', runCalibration),
];

// Latency of single decide() calls (includes ~30-50 ns of timer overhead).
const samples = new Float64Array(200_000);
for (let i = 0; i < samples.length; i++) {
  const t = templates[i % 3] as (typeof templates)[number];
  const subject = ids[order[i % DECISIONS] as number] as string;
  const t0 = performance.now();
  const d = decider.decide({
    subject,
    purpose: t.purpose,
    processing: t.processing,
    fields: t.fields,
    at: AT,
  });
  samples[i] = performance.now() - t0;
  if (d.allowed) sink++;
}
samples.sort();
const pct = (p: number) => (samples[Math.floor(p * (samples.length - 1))] as number) * 1000;

console.log(
  `${SUBJECTS.toLocaleString('en-US')} subjects × ${CONSENTS} consents (setup ${fmt(setupMs / 1000, 1)} s); ` +
    `${DECISIONS.toLocaleString('en-US')} decisions per run, 3 request shapes (4 fields each), median of 5 runs.\n`,
);
console.log(
  table(
    ['operation', 'decisions/s (wall)', 'decisions per CPU-second'],
    [
      ...rows.map((r) => [r.name, fmt(r.wall), fmt(r.cpu)]),
      ['decide(request), cold cache (first pass)', fmt((DECISIONS / coldMs) * 1000), '–'],
    ],
  ),
);
console.log(
  `\ndecide() latency over 200,000 single calls: p50 ${fmt(pct(0.5), 2)} µs, p99 ${fmt(pct(0.99), 2)} µs, p99.9 ${fmt(pct(0.999), 2)} µs.`,
);
console.log(
  `\nGoal ≥ 1,000,000 decisions/s: decide() ${rows[0] && rows[0].cpu >= 1e6 ? 'met' : 'not met'} (per CPU-second).`,
);
if (sink === 42) console.log('');
