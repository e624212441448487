// Crash safety of a file release's commit protocol (P-RECORD, issue 15): a child
// process runs the share release of examples/residents.csv and is killed with
// SIGKILL at every step boundary of the protocol and at random moments. After
// each kill, recovery (recoverRelease, or the next run of the release) must leave
// the workspace with the output and its ledger event both present (and the
// output's bytes hashing to the event's digest) or both absent, the ledger
// verifying, no staged or temporary files, and a rerun of a released job refused
// unless `again` is given, each release then being its own copy.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeyring, openWorkspace, type Workspace } from '../../src/cli/workspace.ts';
import { DataguardError } from '../../src/errors/dataguard-error.ts';
import { type CommitStep, protectFile, recoverRelease } from '../../src/pipeline/protect-file.ts';
import { RELEASE_PATHS, shareRelease } from './fixtures/share-release.ts';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');
const built = existsSync(bin);
/** Random kills: count and seed (DATAGUARD_CRASH_KILLS / DATAGUARD_CRASH_SEED replay or widen a run). */
const KILLS = Number(process.env.DATAGUARD_CRASH_KILLS ?? 24);
const SEED = Number(process.env.DATAGUARD_CRASH_SEED ?? 20_261_207) >>> 0;

let work = '';
let bundle = '';
/** Examples and a keyring, nothing released. */
let fresh = '';
/** As `fresh`, with the release done once. */
let released = '';

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dataguard-crash-'));
  // The bundle imports better-sqlite3 from the project's node_modules.
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
  bundle = join(work, 'crash-release.mjs');
  await build({
    entryPoints: [join(root, 'test/pipeline/fixtures/crash-release.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  fresh = join(work, 'fresh');
  cpSync(join(root, 'examples'), join(fresh, 'examples'), { recursive: true });
  mkdirSync(join(fresh, '.dataguard'));
  loadKeyring(join(fresh, '.dataguard/keyring.json'), true, 'international').keyring.destroy();
  released = copyOf(fresh);
  expect(await rerun(released, false)).toBe('released');
});

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

/** A fresh copy of a workspace directory. */
function copyOf(from: string): string {
  const dir = mkdtempSync(join(work, 'ws-'));
  cpSync(from, dir, { recursive: true });
  return dir;
}

interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** `step <name>` lines printed before the exit. */
  readonly steps: readonly string[];
  readonly lines: readonly string[];
  readonly stderr: string;
  /** Milliseconds from `ready`, and from `step staged`, to the exit. */
  readonly ms: number;
  readonly commitMs: number;
}

/** SIGKILL `ms` milliseconds after the child printed line `from`. */
interface Kill {
  readonly from: 'ready' | 'step staged';
  readonly ms: number;
}

/**
 * Runs the release in a child process on workspace `dir`.
 *
 * @param dir - the workspace
 * @param env - DATAGUARD_CRASH_AT, DATAGUARD_AGAIN
 * @param kill - when the parent kills the child
 */
function runChild(dir: string, env: Record<string, string>, kill?: Kill): Promise<ChildRun> {
  const child = spawn(process.execPath, [bundle, dir], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let pending = '';
  let stderr = '';
  let readyAt = 0;
  let stagedAt = 0;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (line === 'ready') readyAt = performance.now();
      if (line === 'step staged') stagedAt = performance.now();
      if (kill !== undefined && line === kill.from)
        setTimeout(() => child.kill('SIGKILL'), kill.ms);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((done) => {
    child.on('exit', (code, signal) => {
      done({
        code,
        signal,
        steps: lines.filter((line) => line.startsWith('step ')).map((line) => line.slice(5)),
        lines,
        stderr,
        ms: performance.now() - readyAt,
        commitMs: performance.now() - stagedAt,
      });
    });
  });
}

async function withWorkspace<T>(dir: string, use: (workspace: Workspace) => Promise<T>) {
  const workspace = openWorkspace({
    ledger: join(dir, '.dataguard/dataguard.db'),
    keys: join(dir, '.dataguard/keyring.json'),
  });
  try {
    return await use(workspace);
  } finally {
    workspace.close();
  }
}

/** Recovery called directly, as the next run does first. */
function recover(dir: string): Promise<'none' | 'finished' | 'rolled-back'> {
  return withWorkspace(dir, (workspace) =>
    recoverRelease(workspace.ledger, join(dir, RELEASE_PATHS.output), [
      join(dir, RELEASE_PATHS.report),
    ]),
  );
}

/** The same job run again in this process: released, or refused as already released. */
function rerun(dir: string, again: boolean): Promise<'released' | 'already-released'> {
  return withWorkspace(dir, async (workspace) => {
    try {
      await protectFile(shareRelease(dir, workspace, { again }));
      return 'released';
    } catch (error) {
      if (error instanceof DataguardError && error.reason === 'already-released')
        return 'already-released';
      throw error;
    }
  });
}

interface ReleaseState {
  /** sha-256 of the output file, when it exists. */
  readonly output: string | undefined;
  readonly report: boolean;
  /** Output digest and copy id of each release event. */
  readonly events: readonly { readonly digest: string; readonly copy: string }[];
  readonly verified: boolean;
  /** Hidden files left beside the output (staged names, temporary files). */
  readonly leftovers: readonly string[];
}

function stateOf(dir: string): Promise<ReleaseState> {
  return withWorkspace(dir, async (workspace) => {
    const events: { digest: string; copy: string }[] = [];
    const size = await workspace.ledger.size();
    for (let index = 0; index < size; index++) {
      const out = (await workspace.ledger.get(index)).event.outputs[0];
      events.push({ digest: out?.digest ?? '', copy: out?.id ?? '' });
    }
    const outputPath = join(dir, RELEASE_PATHS.output);
    return {
      output: existsSync(outputPath)
        ? `sha-256:${createHash('sha256').update(readFileSync(outputPath)).digest('hex')}`
        : undefined,
      report: existsSync(join(dir, RELEASE_PATHS.report)),
      events,
      verified: (await workspace.ledger.verify()).ok,
      leftovers: readdirSync(join(dir, 'examples')).filter((name) => name.startsWith('.')),
    };
  });
}

/** P-RECORD after recovery: output and event both or neither; the ledger verifies; nothing staged left. */
function expectRecordInvariant(state: ReleaseState, label: string): void {
  expect(state.output !== undefined, `${label}: output exists iff an event records it`).toBe(
    state.events.length > 0,
  );
  if (state.output !== undefined) {
    expect(
      state.events.map((event) => event.digest),
      `${label}: an event records the output's digest`,
    ).toContain(state.output);
    expect(state.events.at(-1)?.digest, `${label}: the newest event is of this output`).toBe(
      state.output,
    );
  }
  expect(state.report, `${label}: the report goes with the output`).toBe(
    state.output !== undefined,
  );
  expect(state.verified, `${label}: the ledger verifies`).toBe(true);
  expect(state.leftovers, `${label}: no staged or temporary files are left`).toEqual([]);
}

interface StepCase {
  /** Where the child kills itself (crash-release.ts). */
  readonly at: string;
  /** An earlier interrupted release the killed run was recovering. */
  readonly before?: string;
  /** What recoverRelease does afterwards. */
  readonly recovery: 'none' | 'finished' | 'rolled-back';
  /** Whether the release happened (output and event). */
  readonly released: boolean;
}

const STEPS: readonly StepCase[] = [
  { at: 'planned', recovery: 'none', released: false },
  { at: 'writing-output', recovery: 'rolled-back', released: false },
  { at: 'staged', recovery: 'rolled-back', released: false },
  { at: 'gated', recovery: 'rolled-back', released: false },
  { at: 'attached', recovery: 'rolled-back', released: false },
  { at: 'recorded', recovery: 'finished', released: true },
  { at: 'renamed-report', recovery: 'finished', released: true },
  { at: 'renamed-output', recovery: 'none', released: true },
  { at: 'committed', recovery: 'none', released: true },
  { at: 'recovery-renamed-report', before: 'recorded', recovery: 'finished', released: true },
  { at: 'recovery-removed-report', before: 'attached', recovery: 'rolled-back', released: false },
];

const COMMIT_STEPS: readonly string[] = [
  'planned',
  'staged',
  'gated',
  'attached',
  'recorded',
  'committed',
] satisfies readonly CommitStep[];

describe('a file release killed with SIGKILL', () => {
  it.each(STEPS)(
    'at $at: recovery leaves output and event both or neither, and a rerun of the released job is refused unless again',
    async ({ at, before, recovery, released: happened }) => {
      const dir = copyOf(fresh);
      if (before !== undefined) {
        const first = await runChild(dir, { DATAGUARD_CRASH_AT: before });
        expect(first.signal, first.stderr).toBe('SIGKILL');
      }
      const killed = await runChild(dir, { DATAGUARD_CRASH_AT: at });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      expect(killed.lines.some((line) => line.startsWith('done'))).toBe(false);
      if (COMMIT_STEPS.includes(at)) expect(killed.steps.at(-1)).toBe(at);

      // The next run recovers first, then runs the job: refused when it was released.
      const next = copyOf(dir);
      expect(await rerun(next, false)).toBe(happened ? 'already-released' : 'released');
      const afterNext = await stateOf(next);
      expectRecordInvariant(afterNext, `${at}, next run`);
      expect(afterNext.events).toHaveLength(1);

      // Recovery on its own.
      expect(await recover(dir)).toBe(recovery);
      const recovered = await stateOf(dir);
      expectRecordInvariant(recovered, `${at}, recovered`);
      expect(recovered.events).toHaveLength(happened ? 1 : 0);
      expect(await recover(dir)).toBe('none');

      // Released: refused without again; with it, a second copy of identical bytes.
      if (!happened) expect(await rerun(dir, false)).toBe('released');
      expect(await rerun(dir, false)).toBe('already-released');
      expect(await rerun(dir, true)).toBe('released');
      const twice = await stateOf(dir);
      expectRecordInvariant(twice, `${at}, released again`);
      expect(twice.events).toHaveLength(2);
      expect(new Set(twice.events.map((event) => event.copy)).size).toBe(2);
    },
  );

  it.each([
    { at: 'attached', recovery: 'rolled-back', events: 1 },
    { at: 'recorded', recovery: 'finished', events: 2 },
  ] as const)(
    "released again and killed at $at, byte-identical to the first release: recovery asks for this release's event",
    async ({ at, recovery, events }) => {
      // The first copy's output was delivered and removed; only this release may bring it back.
      const dir = copyOf(released);
      rmSync(join(dir, RELEASE_PATHS.output));
      rmSync(join(dir, RELEASE_PATHS.report));
      const killed = await runChild(dir, { DATAGUARD_CRASH_AT: at, DATAGUARD_AGAIN: '1' });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      expect(await recover(dir)).toBe(recovery);
      const state = await stateOf(dir);
      expect(state.events).toHaveLength(events);
      expect(state.output === undefined).toBe(recovery === 'rolled-back');
      expect(state.report).toBe(recovery === 'finished');
      expect(state.leftovers).toEqual([]);
      expect(state.verified).toBe(true);
    },
  );

  it('recovery never publishes a staged report whose staged output an earlier recovery rolled back', async () => {
    const dir = copyOf(fresh);
    const killed = await runChild(dir, { DATAGUARD_CRASH_AT: 'attached' });
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    // A recovery that does not know the report (e.g. a run without one) rolls the output back.
    await withWorkspace(dir, (workspace) =>
      recoverRelease(workspace.ledger, join(dir, RELEASE_PATHS.output)),
    );
    expect((await stateOf(dir)).leftovers).toEqual([
      '.residents.protected.csv.report.html.dataguard-staged',
    ]);
    expect(await recover(dir)).toBe('rolled-back');
    const state = await stateOf(dir);
    expectRecordInvariant(state, 'orphaned report');
    expect(state.events).toHaveLength(0);
  });

  it(
    `at ${KILLS} random moments (seed ${SEED}): every outcome is output and event both or neither`,
    async () => {
      const random = mulberry32(SEED);
      // The run's durations from `ready` (whole run) and from `step staged` (gate,
      // report, event, renames, checkpoint) to exit, measured on this machine now.
      let span = 0;
      let commitSpan = 0;
      for (let run = 0; run < 2; run++) {
        const calibration = await runChild(copyOf(fresh), {});
        expect(calibration.code, calibration.stderr).toBe(0);
        span += calibration.ms / 2;
        commitSpan += calibration.commitMs / 2;
      }
      const tally = { killed: 0, completed: 0, released: 0, 'not released': 0 };
      const lastSteps = new Map<string, number>();
      for (let kill = 0; kill < KILLS; kill++) {
        // Even kills interrupt a first release, odd ones a release again of a released
        // job; half of each fall anywhere in the run, half in its commit phase.
        const again = kill % 2 === 1;
        const direct = (kill >> 1) % 2 === 0;
        const from = (kill >> 2) % 2 === 0 ? 'ready' : 'step staged';
        const dir = copyOf(again ? released : fresh);
        const delay = Math.floor(random() * (from === 'ready' ? span : commitSpan));
        const run = await runChild(dir, again ? { DATAGUARD_AGAIN: '1' } : {}, {
          from,
          ms: delay,
        });
        const label = `kill ${kill} ${delay} ms after ${from} (seed ${SEED}, last step ${run.steps.at(-1) ?? 'none'})`;
        if (run.signal === 'SIGKILL') tally.killed++;
        else {
          expect(run.code, `${label}: ${run.stderr}`).toBe(0);
          tally.completed++;
        }
        const step =
          run.signal === 'SIGKILL' ? (run.steps.at(-1) ?? 'before planned') : 'completed';
        lastSteps.set(step, (lastSteps.get(step) ?? 0) + 1);
        // Whether the killed run recorded its event (read before anything recovers).
        const base = again ? 1 : 0;
        const happened = (await stateOf(dir)).events.length > base;
        tally[happened ? 'released' : 'not released']++;
        // Half recover directly, half by the next run of the same job, which then
        // releases a first release that did not happen and refuses one that did.
        if (direct) await recover(dir);
        else
          expect(await rerun(dir, false), label).toBe(
            again || happened ? 'already-released' : 'released',
          );
        const state = await stateOf(dir);
        expectRecordInvariant(state, label);
        expect(state.events.length, label).toBe(
          base + (happened ? 1 : 0) + (!direct && !again && !happened ? 1 : 0),
        );
        // Once released, the same job is refused.
        if (state.events.length === 0) expect(await rerun(dir, false), label).toBe('released');
        expect(await rerun(dir, false), label).toBe('already-released');
        expectRecordInvariant(await stateOf(dir), `${label}, after the refused rerun`);
      }
      process.stderr.write(
        `crash-recovery.slow.test.ts: seed ${SEED}, ${KILLS} random kills within ${Math.round(span)} ms of a run or ${Math.round(commitSpan)} ms of its commit phase: ${JSON.stringify(tally)}; last step reached: ${JSON.stringify(Object.fromEntries(lastSteps))}\n`,
      );
      expect(tally.killed).toBeGreaterThan(KILLS / 4);
    },
    60_000 + KILLS * 5_000,
  );
});

describe.skipIf(!built)('dataguard protect after a crash (built binary)', () => {
  const cli = (dir: string, ...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  const protect = [
    'protect',
    RELEASE_PATHS.input,
    '--dataset',
    'examples/residents.dataset.json',
    '--actor',
    'gov.example.civil-affairs',
    '--legal-basis',
    'statutory-duty',
    '--policy',
    'examples/share.policy.json',
    '--purpose',
    'statutory-duty',
    '--recipient',
    'gov.example.health',
    '--share-request',
    'examples/share-request.json',
    '--json',
  ];

  it('finishes a release recorded before the crash, refuses to repeat it, and --again makes a second copy in custody', async () => {
    const dir = copyOf(fresh);
    const killed = await runChild(dir, { DATAGUARD_CRASH_AT: 'recorded' });
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const refused = cli(dir, ...protect);
    expect(refused.status, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/already released .*--again/);
    expectRecordInvariant(await stateOf(dir), 'recorded, CLI rerun');
    expect(cli(dir, 'ledger', 'verify').status).toBe(0);
    const again = cli(dir, ...protect, '--again');
    expect(again.status, again.stderr).toBe(0);
    const state = await stateOf(dir);
    expectRecordInvariant(state, 'recorded, CLI --again');
    expect(state.events).toHaveLength(2);
    const copies = state.events.map((event) => event.copy);
    expect(copies[1]).toBe((JSON.parse(again.stdout) as { target: { id: string } }).target.id);
    for (const copy of copies) {
      const custody = cli(
        dir,
        'custody',
        copy,
        '--dataset',
        'examples/residents.dataset.json',
        '--json',
      );
      expect(custody.status, custody.stderr).toBe(0);
      const parties = (JSON.parse(custody.stdout) as { party: { id: string }; roles: string[] }[])
        .filter((entry) => entry.roles.includes('holder'))
        .map((entry) => entry.party.id);
      expect(parties).toEqual(['gov.example.health']);
    }
  });

  it('rolls back a release staged but not recorded and releases it once', async () => {
    const dir = copyOf(fresh);
    const killed = await runChild(dir, { DATAGUARD_CRASH_AT: 'attached' });
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const run = cli(dir, ...protect);
    expect(run.status, run.stderr).toBe(0);
    const state = await stateOf(dir);
    expectRecordInvariant(state, 'attached, CLI rerun');
    expect(state.events).toHaveLength(1);
  });
});

if (!built)
  process.stderr.write(
    'test/pipeline/crash-recovery.slow.test.ts: CLI cases skipped because dist/cli/main.js is missing (run `npm run build` first)\n',
  );

/** A small seeded generator (mulberry32), so the random kill times replay from the seed. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
