// Durability and concurrency of the persistent ledger stores, with real
// processes: a child killed with SIGKILL mid-append loses no acknowledged
// event, and four processes appending to one log produce one consistent log.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createLedger,
  type LedgerStore,
  verifyConsistency,
  verifyInclusion,
} from '../../src/provenance/index.ts';
import { createPostgresLedgerStore, openPostgres } from '../../src/store/postgres/index.ts';
import { createSqliteLedgerStore, openSqlite } from '../../src/store/sqlite/index.ts';
import { appenderBundle, startAppender } from './child-process.ts';
import { announcePgSkip, PG_URL, postgresFactory, tempDir } from './harness.ts';

announcePgSkip('ledger-durability.slow.test.ts');

const bundle = appenderBundle();
const ORIGIN = 'test.example/ledger';

interface Backend {
  readonly kind: 'sqlite' | 'postgres';
  /** argv target and schema for the child. */
  readonly target: () => Promise<[string, string]>;
  /** Opens the store in this process; returns it with a close function. */
  readonly open: (
    target: [string, string],
  ) => Promise<{ store: LedgerStore; close: () => unknown }>;
}

const dir = tempDir();
let files = 0;
const sqliteBackend: Backend = {
  kind: 'sqlite',
  target: async () => [join(dir, `ledger-${++files}.db`), '-'],
  open: async ([path]) => {
    const db = openSqlite({ path });
    return { store: createSqliteLedgerStore(db), close: () => db.close() };
  },
};

function postgresBackend(): Backend {
  const pg = postgresFactory();
  return {
    kind: 'postgres',
    target: async () => [PG_URL as string, pg.newSchemaName()],
    open: async ([url, schema]) => {
      const db = await openPostgres({ connectionString: url, schema, max: 2 });
      return { store: createPostgresLedgerStore(db), close: () => db.close() };
    },
  };
}

/** The input dataset id of every event: the appender's label. */
async function labelsOf(store: LedgerStore, size: number): Promise<string[]> {
  const leaves = await store.getLeaves(0, size);
  expect(leaves.map((leaf) => leaf.index)).toEqual(Array.from({ length: size }, (_, i) => i));
  return leaves.map(
    (leaf) =>
      (JSON.parse(new TextDecoder().decode(leaf.bytes)) as { inputs: { id: string }[] }).inputs[0]
        ?.id as string,
  );
}

/** Checks the log: verify() passes and every acknowledged append holds its event. */
async function checkLog(backend: Backend, target: [string, string], acked: Map<number, string>) {
  const { store, close } = await backend.open(target);
  try {
    const ledger = createLedger({ origin: ORIGIN, store });
    const report = await ledger.verify();
    expect(report).toMatchObject({ ok: true });
    const size = await ledger.size();
    expect(size).toBeGreaterThanOrEqual(acked.size);
    // verify() checked every leaf against the tree; read them in one go.
    const labels = await labelsOf(store, size);
    for (const [index, label] of acked) {
      expect(index).toBeLessThan(size);
      expect(labels[index]).toBe(label);
    }
    return { ledger, size, store, labels };
  } finally {
    await close();
  }
}

function durabilitySuite(name: string, backend: () => Backend) {
  describe(`${name} ledger durability`, () => {
    const b = backend();

    it('loses no acknowledged append when the writer is killed with SIGKILL, and appends resume', async () => {
      const target = await b.target();
      const acked = new Map<number, string>();
      // Three rounds: kill mid-stream, then a new process appends to the same log and is killed too.
      for (let round = 0; round < 2; round++) {
        const child = startAppender(bundle(), [b.kind, ...target, round, 1_000_000, 1].map(String));
        await child.ready;
        const before = child.acked.size;
        await child.acknowledged(before + 120 + round * 37);
        child.child.kill('SIGKILL');
        const exit = await child.exit;
        expect(exit.signal, exit.stderr).toBe('SIGKILL');
        for (const [index, label] of child.acked) acked.set(index, label);
        expect(child.acked.size).toBeGreaterThanOrEqual(120);
        await checkLog(b, target, acked);
      }
    });

    it('never leaves part of a batch: sizes stay multiples of the batch after SIGKILL', async () => {
      const target = await b.target();
      const child = startAppender(bundle(), [b.kind, ...target, 9, 1_000_000, 25].map(String));
      await child.acknowledged(300);
      child.child.kill('SIGKILL');
      await child.exit;
      const { size } = await checkLog(b, target, child.acked);
      expect(size % 25).toBe(0);
    });

    it('four processes appending at once produce one consistent log', async () => {
      const target = await b.target();
      const perWorker = 100;
      // Workers 0 and 1 append one event at a time, 2 and 3 in batches of 7.
      const children = [0, 1, 2, 3].map((worker) =>
        startAppender(
          bundle(),
          [b.kind, ...target, worker, perWorker, worker < 2 ? 1 : 7, 'wait'].map(String),
        ),
      );
      // Released together once every child has opened its store, so their appends overlap
      // however fast each one starts (started one by one, a child could finish before the next
      // had opened the database).
      await Promise.all(children.map((c) => c.ready));
      for (const child of children) child.go();
      const exits = await Promise.all(children.map((c) => c.exit));
      for (const exit of exits) expect(exit.code, exit.stderr).toBe(0);
      const acked = new Map<number, string>();
      for (const child of children) {
        for (const [index, label] of child.acked) {
          expect(acked.has(index), `index ${index} acknowledged twice`).toBe(false);
          acked.set(index, label);
        }
      }
      expect(acked.size).toBe(4 * perWorker);
      const { store, close } = await b.open(target);
      try {
        const ledger = createLedger({ origin: ORIGIN, store });
        expect(await ledger.verify()).toMatchObject({ ok: true, size: 4 * perWorker });
        const labels = new Set<string>();
        const lastIndex = new Map<string, number>();
        const stored = await labelsOf(store, 4 * perWorker);
        for (let index = 0; index < 4 * perWorker; index++) {
          const label = stored[index] as string;
          expect(labels.has(label), `event ${label} stored twice`).toBe(false);
          labels.add(label);
          expect(acked.get(index)).toBe(label);
          // Each worker's events keep their order.
          const worker = label.split('-')[0] as string;
          expect(index).toBeGreaterThan(lastIndex.get(worker) ?? -1);
          lastIndex.set(worker, index);
        }
        // The workers' appends interleave (they did not simply run one after another).
        const spans = [0, 1, 2, 3].map((w) => {
          const mine = [...acked].filter(([, label]) => label.startsWith(`w${w}-`)).map(([i]) => i);
          return [Math.min(...mine), Math.max(...mine)] as const;
        });
        const overlapping = spans.some(([lo, hi], a) =>
          spans.some(([lo2, hi2], b) => a !== b && lo < hi2 && lo2 < hi),
        );
        expect(overlapping).toBe(true);
        const size = 4 * perWorker;
        const root = await ledger.root();
        for (let index = 0; index < size; index += 19) {
          const proof = await ledger.proveInclusion(index);
          expect(verifyInclusion({ ...proof, root })).toBe(true);
        }
        for (const oldSize of [1, 37, 128, 301, size - 1]) {
          expect(verifyConsistency(await ledger.proveConsistency(oldSize))).toBe(true);
        }
      } finally {
        await close();
      }
    });
  });
}

durabilitySuite('SQLite', () => sqliteBackend);
if (PG_URL !== undefined) durabilitySuite('PostgreSQL', postgresBackend);
