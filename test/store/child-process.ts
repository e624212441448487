// Runs the ledger-appender fixture in child processes (bundled once with
// esbuild, since Node 20 cannot run TypeScript directly).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Bundles the appender before the file's tests; returns a getter for its path. */
export function appenderBundle(): () => string {
  return fixtureBundle('ledger-appender');
}

/** Bundles `test/store/fixtures/<name>.ts` before the file's tests; returns a getter for its path. */
export function fixtureBundle(name: string): () => string {
  const dir = mkdtempSync(join(tmpdir(), `dataguard-${name}-`));
  // The bundle imports better-sqlite3 and pg from the project's node_modules.
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const out = join(dir, `${name}.mjs`);
  beforeAll(async () => {
    await build({
      entryPoints: [join(root, `test/store/fixtures/${name}.ts`)],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => out;
}

/** An appender child: its acknowledged `index label` lines and its exit. */
export interface Appender {
  readonly child: ChildProcess;
  /** Acknowledged appends so far: index → label. */
  readonly acked: Map<number, string>;
  /** Resolves when the child printed `ready` (opened its store). */
  readonly ready: Promise<void>;
  /** Resolves with the exit code (null when killed) and the signal. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves once at least n appends were acknowledged. */
  acknowledged(n: number): Promise<void>;
  /** Releases a child started with `wait`. */
  go(): void;
}

/**
 * Starts an appender child.
 *
 * @param bundle - path of the bundled fixture
 * @param args - backend, target, schema, worker id, count, batch size
 */
export function startAppender(bundle: string, args: readonly (string | number)[]): Appender {
  const child = spawn(process.execPath, [bundle, ...args.map(String)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const acked = new Map<number, string>();
  let pending = '';
  let stderr = '';
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    readyResolve = resolve;
  });
  const waiters: { n: number; resolve: () => void }[] = [];
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') {
        readyResolve();
        continue;
      }
      const [index, label] = line.split(' ');
      acked.set(Number(index), label as string);
    }
    for (const waiter of [...waiters]) {
      if (acked.size >= waiter.n) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => {
      child.on('exit', (code, signal) => {
        readyResolve();
        for (const waiter of waiters.splice(0)) waiter.resolve();
        resolve({ code, signal, stderr });
      });
    },
  );
  return {
    child,
    acked,
    ready,
    exit,
    go: () => {
      child.stdin?.end('go\n');
    },
    acknowledged: (n) =>
      acked.size >= n
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.push({ n, resolve });
          }),
  };
}
