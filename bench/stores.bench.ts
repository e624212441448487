// Persistent stores (issue 10): ledger appends per second to SQLite (WAL) and
// PostgreSQL, single and batched, beside the in-memory ledger in the same run;
// and decide() per second backed by SQLite through the decider's read-through
// cache, beside the memory store and beside SQLite with the cache off.
// Goals: SQLite ≥ 20,000 single and ≥ 100,000 batched appends/s; SQLite-backed
// decide() ≥ 200,000/s. PostgreSQL rows need DATAGUARD_TEST_PG_URL (e.g.
// `export DATAGUARD_TEST_PG_URL="$(scripts/pg-test-server.sh)"`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CONSENT_RECORD_FORMAT_VERSION,
  type ConsentStore,
  createConsentDecider,
  createMemoryConsentStore,
  createPurposeTaxonomy,
  type DecisionRequest,
  type SyncConsentStore,
} from '../src/consent/index.ts';
import { fixedClock } from '../src/core/clock.ts';
import { sha256Hash } from '../src/provenance/hash-function.ts';
import {
  createLedger,
  createMemoryLedgerStore,
  type LedgerStore,
  leafHash,
  type ProcessingEventInput,
} from '../src/provenance/index.ts';
import { createPostgresLedgerStore, openPostgres } from '../src/store/postgres/index.ts';
import {
  createSqliteConsentStore,
  createSqliteLedgerStore,
  openSqlite,
} from '../src/store/sqlite/index.ts';
import { fmt, median, table } from './lib/measure.ts';

const dir = mkdtempSync(join(tmpdir(), 'dataguard-bench-stores-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const PG_URL = process.env.DATAGUARD_TEST_PG_URL || undefined;

interface Row {
  readonly name: string;
  readonly wall: number;
  readonly cpu: number;
  readonly note: string;
}

/** Median ops/s (wall) and ops per CPU-second of this process over `runs` runs. */
async function timed(
  name: string,
  ops: number,
  body: (run: number) => Promise<void> | void,
  options: { runs?: number; warmup?: number; note?: string } = {},
): Promise<Row> {
  const walls: number[] = [];
  const cpus: number[] = [];
  const runs = options.runs ?? 5;
  const warmup = options.warmup ?? 1;
  for (let r = 0; r < warmup + runs; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await body(r);
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    if (r < warmup) continue;
    walls.push((ops / ms) * 1000);
    cpus.push(ops / ((used.user + used.system) / 1e6));
  }
  return { name, wall: median(walls), cpu: median(cpus), note: options.note ?? '' };
}

// ---- Ledger appends ----------------------------------------------------------

let eventCounter = 0;
function event(): ProcessingEventInput {
  const n = eventCounter++;
  return {
    processing: 'use',
    actor: { id: 'civil-affairs', kind: 'agency' },
    purpose: 'public-service.social-assistance',
    legalBasis: 'statutory-duty',
    inputs: [{ id: `applicants-${n % 100}`, digest: `sha-256:${'ab'.repeat(32)}` }],
    outputs: [{ id: `eligibility-${n % 100}` }],
    fields: ['name', 'id_card', 'income'],
    subjectCount: 1 + (n % 1000),
  };
}

const SINGLE = 5_000;
const BATCH = 1_000;
const BATCHES = 20;

async function ledgerRows(
  label: string,
  open: () => Promise<LedgerStore> | LedgerStore,
  scale = 1,
) {
  const store = await open();
  const ledger = createLedger({ origin: 'bench.example/ledger', store });
  const single = Math.max(100, Math.floor(SINGLE * scale));
  const batches = Math.max(2, Math.floor(BATCHES * scale));
  const events = Array.from({ length: single }, event);
  const batchEvents = Array.from({ length: BATCH * batches }, event);
  const leaves = Array.from({ length: single }, (_, i) => {
    const bytes = new TextEncoder().encode(JSON.stringify({ i, label }));
    return { bytes, hash: leafHash(bytes, sha256Hash) };
  });
  const rows: Row[] = [];
  rows.push(
    await timed(`${label}: ledger.append (single)`, single, async () => {
      for (const e of events) await ledger.append(e);
    }),
  );
  rows.push(
    await timed(
      `${label}: ledger.appendBatch (${fmt(BATCH)} per batch)`,
      BATCH * batches,
      async () => {
        for (let b = 0; b < batches; b++) {
          await ledger.appendBatch(batchEvents.slice(b * BATCH, (b + 1) * BATCH));
        }
      },
    ),
  );
  rows.push(
    await timed(
      `${label}: store.append (single, leaf prepared)`,
      single,
      async () => {
        for (const leaf of leaves) await store.append([leaf], sha256Hash);
      },
      { note: 'store alone: no validation, canonical JSON or leaf hash' },
    ),
  );
  const batchLeaves = Array.from({ length: BATCH * batches }, (_, i) => {
    const bytes = new TextEncoder().encode(JSON.stringify({ i, label, batch: true }));
    return { bytes, hash: leafHash(bytes, sha256Hash) };
  });
  rows.push(
    await timed(
      `${label}: store.append (${fmt(BATCH)} per batch, leaves prepared)`,
      BATCH * batches,
      async () => {
        for (let b = 0; b < batches; b++) {
          await store.append(batchLeaves.slice(b * BATCH, (b + 1) * BATCH), sha256Hash);
        }
      },
      { note: 'store alone' },
    ),
  );
  return rows;
}

const ledgerTable: Row[] = [];
ledgerTable.push(...(await ledgerRows('memory', () => createMemoryLedgerStore())));
const sqliteDb = openSqlite({ path: join(dir, 'ledger.db') });
ledgerTable.push(
  ...(await ledgerRows('SQLite WAL, synchronous=normal', () => createSqliteLedgerStore(sqliteDb))),
);
const fullDb = openSqlite({ path: join(dir, 'ledger-full.db'), synchronous: 'full' });
ledgerTable.push(
  ...(await ledgerRows('SQLite WAL, synchronous=full', () => createSqliteLedgerStore(fullDb), 0.1)),
);
if (PG_URL !== undefined) {
  const schema = `bench_${process.pid}`;
  const pg = await openPostgres({ connectionString: PG_URL, schema, max: 4 });
  ledgerTable.push(...(await ledgerRows('PostgreSQL', () => createPostgresLedgerStore(pg), 0.2)));
  await pg.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  await pg.close();
}
const finalSize = await createSqliteLedgerStore(sqliteDb).size();
const verifyStart = performance.now();
const verified = await createLedger({
  origin: 'bench.example/ledger',
  store: createSqliteLedgerStore(sqliteDb),
}).verify();
const verifyMs = performance.now() - verifyStart;
sqliteDb.close();
fullDb.close();

// ---- decide() backed by SQLite ----------------------------------------------------

const SUBJECTS = 20_000;
const CONSENTS = 5;
const DECISIONS = 200_000;
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

function fill(store: SyncConsentStore): number {
  const decider = createConsentDecider({ store, purposes, clock: fixedClock(AT) });
  const notice = decider.publishNotice(noticeDefinition);
  decider.close();
  const t0 = performance.now();
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
  return performance.now() - t0;
}

const fields = [
  { name: 'name', piCategory: 'basic' as const },
  { name: 'id_card', piCategory: 'identity' as const },
  { name: 'income', piCategory: 'property' as const },
  { name: 'district' },
];
const order = new Int32Array(DECISIONS);
let x = 123456789;
for (let i = 0; i < DECISIONS; i++) {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  order[i] = (x >>> 0) % SUBJECTS;
}
const birth = (s: number) => `${1950 + (s % 60)}-05-20`;
const requests: DecisionRequest[] = Array.from({ length: DECISIONS }, (_, i) => {
  const s = order[i] as number;
  return {
    subject: { id: `resident-${s}`, birthDate: birth(s) },
    purpose: i % 2 === 0 ? REVIEW : 'statistics.poverty',
    processing: 'use',
    fields,
    at: AT,
  };
});

let sink = 0;
async function decideRows(
  label: string,
  store: ConsentStore & SyncConsentStore,
  cacheSize?: number,
) {
  const decider = createConsentDecider({
    store,
    purposes,
    clock: fixedClock(AT),
    ...(cacheSize === undefined ? {} : { cacheSize }),
  });
  const n = cacheSize === 0 ? 20_000 : DECISIONS;
  const run = () => {
    for (let i = 0; i < n; i++) if (decider.decide(requests[i] as DecisionRequest).allowed) sink++;
  };
  const cold0 = performance.now();
  run();
  const coldMs = performance.now() - cold0;
  const row = await timed(`${label}: decide()`, n, run, {
    warmup: 0,
    note:
      cacheSize === 0 ? 'cache off: every decision reads and compiles the consents' : 'warm cache',
  });
  decider.close();
  return { row, coldPerSecond: (n / coldMs) * 1000 };
}

const memoryConsents = createMemoryConsentStore();
const memoryFillMs = fill(memoryConsents);
const consentDb = openSqlite({ path: join(dir, 'consent.db') });
const sqliteConsents = createSqliteConsentStore(consentDb);
const sqliteFillMs = fill(sqliteConsents);
const decideMemory = await decideRows('memory store', memoryConsents);
const decideSqlite = await decideRows('SQLite store', sqliteConsents);
const decideSqliteNoCache = await decideRows('SQLite store, cacheSize 0', sqliteConsents, 0);
sqliteConsents.close();
consentDb.close();

console.log('### Ledger appends\n');
console.log(
  table(
    ['operation', 'appends/s (median of 5)', 'per CPU-second', 'note'],
    ledgerTable.map((r) => [r.name, fmt(r.wall), fmt(r.cpu), r.note]),
  ),
);
console.log(
  `\nverify() of the SQLite log (${fmt(finalSize)} events): ${fmt(verifyMs, 1)} ms, ok = ${verified.ok}` +
    (PG_URL === undefined ? '\n\nPostgreSQL rows skipped: DATAGUARD_TEST_PG_URL is not set.' : ''),
);
console.log('\n### decide() backed by a store\n');
console.log(
  table(
    [
      'store',
      'decisions/s (median of 5)',
      'per CPU-second',
      'first pass (cold cache), decisions/s',
      'note',
    ],
    [decideMemory, decideSqlite, decideSqliteNoCache].map(({ row, coldPerSecond }) => [
      row.name,
      fmt(row.wall),
      fmt(row.cpu),
      fmt(coldPerSecond),
      row.note,
    ]),
  ),
);
console.log(
  `\n${fmt(SUBJECTS)} subjects × ${CONSENTS} consents; ${fmt(DECISIONS)} decisions per run over them. ` +
    `Filling: memory ${fmt(memoryFillMs)} ms, SQLite ${fmt(sqliteFillMs)} ms ` +
    `(${fmt((SUBJECTS * CONSENTS * 1000) / sqliteFillMs)} putConsent/s, one transaction each).`,
);
if (sink < 0) console.log(sink);
