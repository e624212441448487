// Custody derivation and attribution speed. Floor: reading and checking the
// same ledger entries without deriving anything.

import {
  createEventLog,
  createResponsibilityChain,
  type RecordedEvent,
} from '../src/responsibility/index.ts';
import { assertLedgerEntry } from '../src/responsibility/ledger-entry.ts';
import { fmt, measureAsync, table } from './lib/measure.ts';

const DATASETS = 2_000;
const departments = Array.from({ length: 20 }, (_, i) => ({
  id: `dept-${i}`,
  kind: 'agency' as const,
}));
const operator = { id: 'big-data-center', kind: 'agency' as const };
const processor = { id: 'processor', kind: 'enterprise' as const };
const base = { purpose: 'public-service', legalBasis: 'statutory-duty' } as const;

function scenario(): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let t = Date.parse('2026-01-01T00:00:00Z');
  const next = (e: Omit<RecordedEvent, 'id' | 'time'>) => {
    t += 1000;
    events.push({ ...e, id: `e${events.length}`, time: new Date(t).toISOString() });
  };
  for (let d = 0; d < DATASETS; d++) {
    const owner = departments[d % departments.length] as (typeof departments)[number];
    const root = `ds${d}`;
    next({
      ...base,
      processing: 'collect',
      actor: owner,
      inputs: [],
      outputs: [{ id: root }],
      details: { owner },
    });
    next({
      ...base,
      processing: 'store',
      actor: operator,
      onBehalfOf: owner,
      inputs: [{ id: root }],
      outputs: [],
    });
    for (let s = 0; s < 10; s++) {
      const to = departments[(d + s + 1) % departments.length] as (typeof departments)[number];
      const copy = `${root}@${s}`;
      next({
        ...base,
        processing: 'share',
        actor: owner,
        inputs: [{ id: root }],
        outputs: [{ id: copy }],
        recipients: [to],
      });
      next({ ...base, processing: 'use', actor: to, inputs: [{ id: copy }], outputs: [] });
      if (s === 0) {
        next({
          ...base,
          processing: 'entrust',
          actor: to,
          inputs: [{ id: copy }],
          outputs: [],
          recipients: [processor],
        });
        next({
          ...base,
          processing: 'process',
          actor: processor,
          onBehalfOf: to,
          inputs: [{ id: copy }],
          outputs: [{ id: `${copy}/model` }],
        });
      }
      if (s === 9)
        next({ ...base, processing: 'delete', actor: to, inputs: [{ id: copy }], outputs: [] });
    }
  }
  return events;
}

const events = scenario();
const log = createEventLog(events);
const n = events.length;

const floor = await measureAsync(
  `read and check ${fmt(n)} entries (floor)`,
  async () => {
    for (const entry of log.entries()) assertLedgerEntry(entry);
  },
  { opsPerRun: n, runs: 3 },
);
let chain = createResponsibilityChain({ ledger: log });
const derive = await measureAsync(
  `derive custody of ${fmt(n)} events (memory store)`,
  async () => {
    chain = createResponsibilityChain({ ledger: log });
    await chain.sync();
  },
  { opsPerRun: n, runs: 3 },
);
let extra = 0;
const incremental = await measureAsync(
  `sync 1 new event after ${fmt(n)}`,
  async () => {
    log.append({
      ...base,
      id: `x${extra++}`,
      time: '2026-12-01T00:00:00Z',
      processing: 'use',
      actor: processor,
      inputs: [{ id: 'ds1@1' }],
      outputs: [],
    });
    await chain.sync();
  },
  { opsPerRun: 1, runs: 20 },
);
const at = '2026-01-10T00:00:00Z';
const attribute = await measureAsync(
  'responsibleParties(copy, { at })',
  async () => {
    for (let i = 0; i < 1000; i++) await chain.responsibleParties(`ds${i}@${i % 10}`, { at });
  },
  { opsPerRun: 1000, runs: 5 },
);
const incident = await measureAsync(
  'openIncident (1 root + 11 downstream copies, dry run)',
  async () => {
    for (let i = 0; i < 50; i++) {
      await chain.openIncident({
        datasets: [`ds${i}`],
        kind: 'leak',
        discoveredAt: at,
        record: false,
      });
    }
  },
  { opsPerRun: 50, runs: 5 },
);

console.log(
  table(
    ['operation', 'ops/s (median)', 'ms per op'],
    [floor, derive, incremental, attribute, incident].map((m) => [
      m.name,
      fmt(m.opsPerSecond),
      fmt(1000 / m.opsPerSecond, 3),
    ]),
  ),
);
