// The consent service's decide() (issue 18) beside the direct paths it wraps,
// in the same run and over the same data: 20,000 subjects × 5 consents and
// 200,000 decisions, in memory and on SQLite (the shape of the "decide() backed
// by a store" rows of stores.bench.ts, where SQLite-backed decide() measured
// 381,880/s). Rows, each over the same requests and a warm cache:
// - decider.decide: createConsentDecider, synchronous (the direct path);
// - asyncDecider.decide: createAsyncConsentDecider, one await per decision
//   (what any promise-returning API costs);
// - service.decide: createConsentService, one await per decision, plus the
//   linked decision (digest computed only when read, as in production);
// - service.decide + digest: reading each decision's digest too.
// Runs are interleaved (one run of each row in turn, five rounds) so that load
// from other processes on a shared machine hits every row alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CONSENT_RECORD_FORMAT_VERSION,
  type ConsentStore,
  createAsyncConsentDecider,
  createConsentDecider,
  createConsentService,
  createMemoryConsentStore,
  createPurposeTaxonomy,
  type DecisionRequest,
  type SyncConsentStore,
} from '../src/consent/index.ts';
import { fixedClock } from '../src/core/clock.ts';
import { createSqliteConsentStore, openSqlite } from '../src/store/sqlite/index.ts';
import { fmt, median, table } from './lib/measure.ts';

const SCALE = Number(process.env.CONSENT_BENCH_SCALE ?? '1');
const SUBJECTS = Math.round(20_000 * SCALE);
const CONSENTS = 5;
const DECISIONS = Math.round(200_000 * SCALE);
const ROUNDS = 5;
const DIGESTS = Math.round(DECISIONS / 10);
const AT = Date.parse('2026-03-01T10:00:00+08:00');
const handler = { id: 'civil-affairs', kind: 'agency' as const };
const REVIEW = 'public-service.social-assistance.eligibility.review';
const purposes = createPurposeTaxonomy({
  purposes: [
    { id: REVIEW, needs: { categories: ['basic', 'identity', 'property'] } },
    { id: 'statistics.poverty', needs: { fields: ['district', 'income'] } },
  ],
});
const noticeDefinition = {
  id: 'assistance-app',
  version: '1',
  handler,
  contact: 'privacy@example.gov.cn',
  purposes: ['public-service', 'statistics'],
  processing: ['collect' as const, 'store' as const, 'use' as const],
  piCategories: ['basic' as const, 'identity' as const, 'property' as const, 'health' as const],
  retention: 'P5Y',
  rights: 'the service counter',
  language: 'zh-CN',
  publishedAt: '2026-01-01T00:00:00+08:00',
};

function fill(store: SyncConsentStore): void {
  const decider = createConsentDecider({ store, purposes, clock: fixedClock(AT) });
  const notice = decider.publishNotice(noticeDefinition);
  decider.close();
  for (let s = 0; s < SUBJECTS; s++) {
    const id = `resident-${s}`;
    for (let c = 0; c < CONSENTS; c++) {
      store.putConsent({
        schemaVersion: CONSENT_RECORD_FORMAT_VERSION,
        id: `consent-${s}-${c}`,
        subject: id,
        notice: { id: notice.id, version: notice.version, digest: notice.digest },
        language: 'zh-CN',
        handler,
        purposes: [c % 2 === 0 ? 'public-service.social-assistance' : 'statistics'],
        piCategories: c === 4 ? ['health'] : ['basic', 'identity', 'property'],
        separate: { sensitive: true, provide: false, disclose: false, crossBorder: false },
        legalBasis: 'consent',
        processing: ['collect', 'store', 'use'],
        recipients: [],
        jurisdiction: 'CN',
        retention: 'P5Y',
        withdrawalMethod: 'the service counter',
        method: 'electronic',
        givenBy: { role: 'subject', id },
        validity: { from: '2026-02-01T09:00:00+08:00' },
        events: [{ type: 'given', at: '2026-02-01T09:00:00+08:00', by: id }],
      });
    }
  }
}

const fields = [
  { name: 'name', piCategory: 'basic' as const },
  { name: 'id_card', piCategory: 'identity' as const },
  { name: 'income', piCategory: 'property' as const },
  { name: 'district' },
];
let x = 123456789;
const requests: DecisionRequest[] = [];
for (let i = 0; i < DECISIONS; i++) {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  const s = (x >>> 0) % SUBJECTS;
  requests.push({
    subject: { id: `resident-${s}`, birthDate: `${1950 + (s % 60)}-05-20` },
    purpose: i % 2 === 0 ? REVIEW : 'statistics.poverty',
    processing: 'use',
    fields,
    at: AT,
  });
}

let sink = 0;
type Body = () => Promise<void> | void;
interface Row {
  readonly name: string;
  readonly ops?: number;
  readonly body: Body;
  readonly close: () => void;
}

function bodies(store: ConsentStore): Row[] {
  const options = { store, purposes, clock: fixedClock(AT) };
  const decider = createConsentDecider(options as Parameters<typeof createConsentDecider>[0]);
  const asyncDecider = createAsyncConsentDecider(options);
  const service = createConsentService({ store, taxonomy: purposes, clock: fixedClock(AT) });
  return [
    {
      name: 'decider.decide (direct, synchronous)',
      body: () => {
        for (let i = 0; i < DECISIONS; i++) {
          if (decider.decide(requests[i] as DecisionRequest).allowed) sink++;
        }
      },
      close: () => decider.close(),
    },
    {
      name: 'asyncDecider.decide (await each)',
      body: async () => {
        for (let i = 0; i < DECISIONS; i++) {
          if ((await asyncDecider.decide(requests[i] as DecisionRequest)).allowed) sink++;
        }
      },
      close: () => asyncDecider.close(),
    },
    {
      name: 'service.decide (await each)',
      body: async () => {
        for (let i = 0; i < DECISIONS; i++) {
          if ((await service.decide(requests[i] as DecisionRequest)).allowed) sink++;
        }
      },
      close: () => undefined,
    },
    {
      // A tenth of the decisions (rates are per decision): the digest is a SHA-256 over the
      // canonical request and decision, read only when a use is recorded.
      name: 'service.decide + digest',
      ops: DIGESTS,
      body: async () => {
        for (let i = 0; i < DIGESTS; i++) {
          const d = await service.decide(requests[i] as DecisionRequest);
          if (d.digest.length > 0) sink++;
        }
      },
      close: () => void service.close(),
    },
  ];
}

async function measureStore(label: string, store: ConsentStore): Promise<(string | number)[][]> {
  const rows = bodies(store);
  // One untimed pass each fills the caches (and lets the JIT settle).
  for (const row of rows) await row.body();
  const walls = rows.map((): number[] => []);
  const cpus = rows.map((): number[] => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let r = 0; r < rows.length; r++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await (rows[r] as (typeof rows)[number]).body();
      const ms = performance.now() - t0;
      const used = process.cpuUsage(cpu0);
      const ops = rows[r]?.ops ?? DECISIONS;
      walls[r]?.push((ops / ms) * 1000);
      cpus[r]?.push(ops / ((used.user + used.system) / 1e6));
    }
  }
  for (const row of rows) row.close();
  // Per CPU-second is the comparison that holds on a shared machine: wall time
  // there also counts the time other processes hold the cores.
  const directCpu = median(cpus[0] as number[]);
  const asyncCpu = median(cpus[1] as number[]);
  const slower = (base: number, value: number) => `${fmt((base / value - 1) * 100, 1)} %`;
  return rows.map((row, r) => {
    const cpu = median(cpus[r] as number[]);
    return [
      `${label}: ${row.name}`,
      fmt(median(walls[r] as number[])),
      fmt(cpu),
      r === 0 ? '–' : slower(directCpu, cpu),
      r < 2 ? '–' : slower(asyncCpu, cpu),
    ];
  });
}

const memory = createMemoryConsentStore();
fill(memory);
const dir = mkdtempSync(join(tmpdir(), 'dataguard-consent-service-'));
const db = openSqlite({ path: join(dir, 'consent.db') });
const sqlite = createSqliteConsentStore(db);
fill(sqlite);
const rows = [...(await measureStore('memory', memory)), ...(await measureStore('SQLite', sqlite))];
sqlite.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  `${fmt(SUBJECTS)} subjects × ${CONSENTS} consents; ${fmt(DECISIONS)} decisions per run, ` +
    `median of ${ROUNDS} interleaved runs, warm cache (the digest row: ${fmt(DIGESTS)} per run).\n`,
);
console.log(
  table(
    [
      'path',
      'decisions/s (wall)',
      'per CPU-second',
      'slower than direct (CPU)',
      'slower than async decider (CPU)',
    ],
    rows,
  ),
);
if (sink === 0) console.log('(no decision allowed)');
