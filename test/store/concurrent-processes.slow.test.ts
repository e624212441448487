// Several OS processes on one shared ledger or consent store at once, on SQLite and
// PostgreSQL: writers append and sign checkpoints while verifiers recompute the log.
// No checkpoint may fail, no verify() (nor `dataguard ledger verify`) may report
// tampering, and no background promise may reject unhandled when a consent store
// is closed while other processes keep writing.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKeyring } from '../../src/crypto/index.ts';
import { createLedger, createNoteSigner, type LedgerStore } from '../../src/provenance/index.ts';
import { createPostgresLedgerStore, openPostgres } from '../../src/store/postgres/index.ts';
import { createSqliteLedgerStore, openSqlite } from '../../src/store/sqlite/index.ts';
import { fixtureBundle } from './child-process.ts';
import { announcePgSkip, PG_URL, postgresFactory, tempDir } from './harness.ts';

announcePgSkip('concurrent-processes.slow.test.ts');

const root = resolve(import.meta.dirname, '../..');
const bundle = fixtureBundle('concurrency-worker');
const ORIGIN = 'test.example/ledger';
const signer = createNoteSigner({
  name: ORIGIN,
  secretKey: Uint8Array.from({ length: 32 }, (_, i) => i + 1),
});

/** Writer processes, rounds each (a round appends 1-3 events and signs a checkpoint). */
const WRITERS = 3;
const ROUNDS = 150;
/** Verifier processes, each verifying in a loop until the writers are done. */
const VERIFIERS = 2;

interface Worker {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly exit: Promise<{ code: number | null; stderr: string }>;
}

function startWorker(args: readonly (string | number)[]): Worker {
  const child = spawn(process.execPath, [bundle(), ...args.map(String)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let pending = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exit = new Promise<{ code: number | null; stderr: string }>((done) => {
    child.on('exit', (code) => done({ code, stderr }));
  });
  return { child, lines, exit };
}

const matching = (workers: readonly Worker[], prefix: string): string[] =>
  workers.flatMap((w) => w.lines.filter((line) => line.startsWith(prefix)));

/** The numbers of a worker's `done a b` line. */
function doneOf(worker: Worker): [number, number] {
  const line = worker.lines.find((l) => l.startsWith('done ')) ?? 'done -1 -1';
  const [, a, b] = line.split(' ');
  return [Number(a), Number(b)];
}

interface Backend {
  readonly kind: 'sqlite' | 'postgres';
  readonly target: () => [string, string];
  readonly open: (
    target: [string, string],
  ) => Promise<{ store: LedgerStore; close: () => unknown }>;
}

const dir = tempDir('dataguard-concurrent-');
let files = 0;
const sqliteBackend: Backend = {
  kind: 'sqlite',
  target: () => [join(dir, `ledger-${++files}.db`), '-'],
  open: async ([path]) => {
    const db = openSqlite({ path });
    return { store: createSqliteLedgerStore(db), close: () => db.close() };
  },
};

function postgresBackend(): Backend {
  const pg = postgresFactory();
  return {
    kind: 'postgres',
    target: () => [PG_URL as string, pg.newSchemaName()],
    open: async ([url, schema]) => {
      const db = await openPostgres({ connectionString: url, schema, max: 2 });
      return { store: createPostgresLedgerStore(db), close: () => db.close() };
    },
  };
}

function ledgerSuite(name: string, backend: () => Backend) {
  describe(`${name}: processes appending, checkpointing and verifying at once`, () => {
    const b = backend();

    it(`${WRITERS} writers × ${ROUNDS} checkpoints and ${VERIFIERS} verifiers: no failed checkpoint, no false alarm`, async () => {
      const target = b.target();
      // Create the schema or file once, before the processes race to.
      const first = await b.open(target);
      await first.close();
      const verifiers = Array.from({ length: VERIFIERS }, (_, v) =>
        startWorker(['verifier', b.kind, ...target, `v${v}`]),
      );
      const writers = Array.from({ length: WRITERS }, (_, w) =>
        startWorker(['writer', b.kind, ...target, w, ROUNDS]),
      );
      const writerExits = await Promise.all(writers.map((w) => w.exit));
      for (const v of verifiers) v.child.stdin?.end();
      const verifierExits = await Promise.all(verifiers.map((v) => v.exit));

      const checkpointFailures = matching(writers, 'checkpoint-failed');
      const falseAlarms = matching(verifiers, 'verify-failed');
      const runs = verifiers.reduce((sum, v) => sum + doneOf(v)[0], 0);
      const kinds = [...checkpointFailures, ...falseAlarms].map((line) => line.split(' ')[1]);
      process.stderr.write(
        `[${name}] ${WRITERS} writers × ${ROUNDS} rounds, ${VERIFIERS} verifiers: ` +
          `${checkpointFailures.length} failed checkpoints of ${WRITERS * ROUNDS}, ` +
          `${falseAlarms.length} false alarms in ${runs} verify runs (${[...new Set(kinds)].join(', ')})\n`,
      );
      for (const exit of [...writerExits, ...verifierExits]) expect(exit.code, exit.stderr).toBe(0);
      expect(checkpointFailures).toEqual([]);
      expect(falseAlarms).toEqual([]);
      // The verifiers really ran while the log grew (a verifier only stops once the writers are done).
      expect(runs).toBeGreaterThan(VERIFIERS);

      let appended = 0;
      for (const w of writers) {
        const [events, checkpoints] = doneOf(w);
        expect(checkpoints).toBe(ROUNDS);
        appended += events;
      }
      const { store, close } = await b.open(target);
      try {
        const ledger = createLedger({ origin: ORIGIN, store, signer });
        expect(await ledger.verify()).toEqual({
          ok: true,
          size: appended,
          checkpointsChecked: WRITERS * ROUNDS,
          signatures: 'all',
        });
      } finally {
        await close();
      }
    });
  });
}

ledgerSuite('SQLite', () => sqliteBackend);
if (PG_URL !== undefined) ledgerSuite('PostgreSQL', postgresBackend);

/** Consent processes, and rounds each (a round writes three consents and withdraws them). */
const CONSENT_PROCESSES = 4;
const CONSENT_ROUNDS = 40;

if (PG_URL !== undefined) {
  describe('PostgreSQL consent store: processes writing and closing at once', () => {
    const pg = postgresFactory();

    it(`${CONSENT_PROCESSES} processes × ${CONSENT_ROUNDS} rounds, each closing while the others write: no unhandled rejection`, async () => {
      const url = PG_URL as string;
      const schema = pg.newSchemaName();
      const first = await openPostgres({ connectionString: url, schema, max: 1 });
      await first.close();
      // Different lengths, so each process closes while the others still write.
      const workers = Array.from({ length: CONSENT_PROCESSES }, (_, w) =>
        startWorker(['consent', 'postgres', url, schema, w, CONSENT_ROUNDS + w * 10]),
      );
      const exits = await Promise.all(workers.map((w) => w.exit));
      const unhandled = matching(workers, 'unhandled');
      process.stderr.write(
        `[PostgreSQL consent] ${CONSENT_PROCESSES} processes: ${unhandled.length} unhandled rejections, ` +
          `${exits.filter((e) => e.code !== 0).length} bad exits\n`,
      );
      expect(unhandled).toEqual([]);
      for (const exit of exits) expect(exit.code, exit.stderr).toBe(0);
      // Each process heard the others' writes (the catch-up really ran).
      expect(workers.some((w) => doneOf(w)[1] > 0)).toBe(true);
    });
  });
}

// `dataguard ledger verify` (the built binary) on a workspace ledger other processes are
// appending to and checkpointing: it must exit 0 every time.
const bin = join(root, 'dist/cli/main.js');
const CLI_WRITERS = 2;
const CLI_RUNS = 3;
/** Pause of the writers between rounds (ms): the log keeps growing without swamping the CPU. */
const CLI_PAUSE_MS = 50;

function runCli(
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe.skipIf(!existsSync(bin))('dataguard ledger verify on a live ledger', () => {
  it(`exits 0 ${CLI_RUNS} times while ${CLI_WRITERS} processes append and checkpoint`, async () => {
    const ledgerPath = join(dir, 'workspace.db');
    const keysPath = join(dir, 'keyring.json');
    writeFileSync(keysPath, JSON.stringify(generateKeyring({ suite: 'international' })), {
      mode: 0o600,
    });
    const verify = () => runCli(['ledger', 'verify', '--ledger', ledgerPath, '--keys', keysPath]);
    // A read-only command never creates a ledger: before the writers start there is none.
    expect((await verify()).code).toBe(2);
    const writers = Array.from({ length: CLI_WRITERS }, (_, w) =>
      startWorker(['writer', 'workspace', ledgerPath, keysPath, w, 1_000_000, CLI_PAUSE_MS]),
    );
    for (let waited = 0; !existsSync(ledgerPath) && waited < 30_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const results: { code: number | null; stdout: string; stderr: string }[] = [];
    try {
      for (let run = 0; run < CLI_RUNS; run++) results.push(await verify());
    } finally {
      for (const w of writers) w.child.stdin?.end();
    }
    const exits = await Promise.all(writers.map((w) => w.exit));
    const failed = results.filter((r) => r.code !== 0);
    process.stderr.write(
      `[CLI] ${failed.length} of ${CLI_RUNS} verify runs exited non-zero` +
        `${failed.map((r) => ` (${r.stdout.trim()}${r.stderr.trim()})`).join('')}\n`,
    );
    for (const exit of exits) expect(exit.code, exit.stderr).toBe(0);
    expect(matching(writers, 'checkpoint-failed')).toEqual([]);
    expect(failed).toEqual([]);
    // The log grew between the runs: each one verified a ledger being written.
    const sizes = results.map((r) => Number(/ledger ok: (\d+) entries/.exec(r.stdout)?.[1]));
    for (let i = 1; i < sizes.length; i++) {
      expect(sizes[i]).toBeGreaterThan(sizes[i - 1] as number);
    }
    expect((await verify()).code).toBe(0);
  }, 120_000);
});

if (!existsSync(bin))
  process.stderr.write(
    'concurrent-processes.slow.test.ts: CLI case skipped because dist/cli/main.js is missing (run `npm run build` first)\n',
  );
