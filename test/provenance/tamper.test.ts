// Tampering with stored events: each kind must be caught, with the first bad index.
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import {
  createLedger,
  createMemoryLedgerStore,
  createNoteSigner,
  createNoteVerifier,
  type LedgerStore,
  type MemoryLedgerStore,
} from '../../src/provenance/index.ts';
import { counterRandom, event, ORIGIN, SECRET, testClock } from './helpers.ts';

const signer = createNoteSigner({ name: ORIGIN, secretKey: SECRET });

async function setup(count = 40, checkpointEvery = 10) {
  const store = createMemoryLedgerStore();
  const ledger = createLedger({
    origin: ORIGIN,
    store,
    clock: testClock(),
    random: counterRandom(),
    signer,
  });
  for (let i = 0; i < count; i++) {
    await ledger.append(event({ id: `e${i}`, subjectCount: i }));
    if ((i + 1) % checkpointEvery === 0) await ledger.checkpoint();
  }
  expect(await ledger.verify()).toEqual({
    ok: true,
    size: count,
    checkpointsChecked: count / checkpointEvery,
    signatures: 'all',
  });
  return { store, ledger };
}

function rewrite(store: MemoryLedgerStore, index: number, change: (text: string) => string) {
  const leaves = store.internals.leaves;
  leaves[index] = new TextEncoder().encode(change(new TextDecoder().decode(leaves[index])));
}

describe('verify() catches tampering with stored events', () => {
  it('modification: one changed byte', async () => {
    const { store, ledger } = await setup();
    rewrite(store, 17, (t) => t.replace('"subjectCount":17', '"subjectCount":18'));
    expect(await ledger.verify()).toMatchObject({
      ok: false,
      problem: 'leaf-hash-mismatch',
      firstBadIndex: 17,
    });
    await expect(ledger.get(17)).rejects.toMatchObject({
      code: 'ERR_INTEGRITY',
      reason: 'leaf-hash-mismatch',
    });
  });

  it('deletion in the middle', async () => {
    const { store, ledger } = await setup();
    store.internals.leaves.splice(23, 1);
    expect(await ledger.verify()).toMatchObject({
      ok: false,
      problem: 'leaf-hash-mismatch',
      firstBadIndex: 23,
    });
  });

  it('deletion at the end', async () => {
    const { store, ledger } = await setup();
    store.internals.leaves.pop();
    expect(await ledger.verify()).toMatchObject({
      ok: false,
      problem: 'missing-tail',
      firstBadIndex: 39,
    });
  });

  it('insertion', async () => {
    const { store, ledger } = await setup();
    const forged = new TextEncoder().encode(
      new TextDecoder().decode(store.internals.leaves[5]).replace('e5', 'forged'),
    );
    store.internals.leaves.splice(12, 0, forged);
    expect(await ledger.verify()).toMatchObject({
      ok: false,
      problem: 'leaf-hash-mismatch',
      firstBadIndex: 12,
    });
  });

  it('reordering two events', async () => {
    const { store, ledger } = await setup();
    const leaves = store.internals.leaves;
    [leaves[31], leaves[34]] = [leaves[34] as Uint8Array, leaves[31] as Uint8Array];
    expect(await ledger.verify()).toMatchObject({
      ok: false,
      problem: 'leaf-hash-mismatch',
      firstBadIndex: 31,
    });
  });

  it('reports the smallest bad index when several entries were changed', async () => {
    const { store, ledger } = await setup();
    rewrite(store, 30, (t) => t.replace('e30', 'x30'));
    rewrite(store, 4, (t) => t.replace('e4"', 'x4"'));
    expect(await ledger.verify()).toMatchObject({ ok: false, firstBadIndex: 4 });
  });

  it('a modified tree node', async () => {
    const { store, ledger } = await setup();
    store.internals.setNode(2, 3, new Uint8Array(32).fill(7));
    expect(await ledger.verify()).toMatchObject({
      ok: false,
      problem: 'node-mismatch',
      firstBadIndex: 12,
    });
  });

  it('an attacker who rewrites the whole tree is caught by the signed checkpoints', async () => {
    const { store, ledger } = await setup();
    // Rebuild a consistent store (leaves and every node) from a doctored history.
    const doctored = createMemoryLedgerStore();
    const other = createLedger({
      origin: ORIGIN,
      store: doctored,
      clock: testClock(),
      random: counterRandom(),
    });
    for (let i = 0; i < 40; i++)
      await other.append(event({ id: `e${i}`, subjectCount: i === 26 ? 99 : i }));
    for (const checkpoint of store.internals.checkpoints) await doctored.putCheckpoint(checkpoint);
    const victim = createLedger({
      origin: ORIGIN,
      store: doctored,
      verifiers: [createNoteVerifier({ name: ORIGIN, publicKey: ed25519.getPublicKey(SECRET) })],
    });
    const report = await victim.verify();
    expect(report).toMatchObject({ ok: false, problem: 'checkpoint-mismatch', firstBadIndex: 20 });
    expect(report.ok === false && report.evidence?.[0]).toContain(`${ORIGIN}\n30\n`);
    expect((await ledger.verify()).ok).toBe(true);
  });

  it('truncation below a signed checkpoint', async () => {
    const { store, ledger } = await setup();
    const shorter = createMemoryLedgerStore();
    const copy = createLedger({
      origin: ORIGIN,
      store: shorter,
      clock: testClock(),
      random: counterRandom(),
    });
    for (let i = 0; i < 35; i++) await copy.append(event({ id: `e${i}`, subjectCount: i }));
    for (const checkpoint of store.internals.checkpoints) await shorter.putCheckpoint(checkpoint);
    const report = await createLedger({ origin: ORIGIN, store: shorter, signer }).verify();
    expect(report).toMatchObject({ ok: false, problem: 'truncated', firstBadIndex: 35 });
    // The original, whose checkpoints the copy carries, still verifies.
    expect((await ledger.verify()).ok).toBe(true);
  });

  it('a forged checkpoint', async () => {
    const { store, ledger } = await setup();
    const checkpoints = store.internals.checkpoints;
    const first = checkpoints[0];
    if (first === undefined) throw new Error('no checkpoint');
    checkpoints[0] = { ...first, note: first.note.replace(`${ORIGIN}\n10\n`, `${ORIGIN}\n11\n`) };
    expect(await ledger.verify()).toMatchObject({
      ok: false,
      problem: 'checkpoint-unverified',
      firstBadIndex: undefined,
    });
  });

  it('two signed checkpoints of the same size with different roots', async () => {
    const { store, ledger } = await setup();
    const fork = createLedger({
      origin: ORIGIN,
      clock: testClock(),
      random: counterRandom(),
      signer,
    });
    for (let i = 0; i < 10; i++) await fork.append(event({ id: `f${i}` }));
    const forked = await fork.checkpoint();
    await store.putCheckpoint(forked);
    const report = await ledger.verify();
    expect(report).toMatchObject({ ok: false, problem: 'checkpoints-inconsistent' });
    expect(report.ok === false && report.evidence).toHaveLength(2);
  });

  it('a missing row in a database-like store (gap in indexes)', async () => {
    const { store } = await setup(12, 12);
    const holey: LedgerStore = {
      ...store,
      getLeaves: async (from, to) =>
        (await store.getLeaves(from, to)).filter((leaf) => leaf.index !== 5),
    };
    const report = await createLedger({ origin: ORIGIN, store: holey, signer }).verify();
    expect(report).toMatchObject({ ok: false, problem: 'missing-leaf', firstBadIndex: 5 });
  });

  it('with signatures: latest, still catches a rewritten history, bounded by a signed checkpoint', async () => {
    const { store, ledger } = await setup();
    expect(await ledger.verify({ signatures: 'latest' })).toMatchObject({
      ok: true,
      signatures: 'latest',
    });
    const doctored = createMemoryLedgerStore();
    const other = createLedger({
      origin: ORIGIN,
      store: doctored,
      clock: testClock(),
      random: counterRandom(),
    });
    for (let i = 0; i < 40; i++)
      await other.append(event({ id: `e${i}`, subjectCount: i === 26 ? 99 : i }));
    // The attacker replaces the checkpoint at 30 with one stating the doctored root,
    // signed with another key.
    const stranger = createNoteSigner({ name: ORIGIN, secretKey: new Uint8Array(32).fill(3) });
    const forgeAt = async (size: number) => {
      const root = await other.root(size);
      const { signCheckpoint } = await import('../../src/provenance/checkpoint.ts');
      return { size, root, note: signCheckpoint({ origin: ORIGIN, size, root }, [stranger]) };
    };
    const [c10, c20, , c40] = store.internals.checkpoints;
    for (const checkpoint of [c10, c20, c40])
      if (checkpoint) await doctored.putCheckpoint(checkpoint);
    await doctored.putCheckpoint(await forgeAt(30));
    const victim = createLedger({
      origin: ORIGIN,
      store: doctored,
      verifiers: [createNoteVerifier({ name: ORIGIN, publicKey: ed25519.getPublicKey(SECRET) })],
    });
    // 'all' rejects the forgery; 'latest' skips it as a bound and still catches the rewrite.
    expect(await victim.verify()).toMatchObject({ ok: false, problem: 'checkpoint-unverified' });
    expect(await victim.verify({ signatures: 'latest' })).toMatchObject({
      ok: false,
      problem: 'checkpoint-mismatch',
      firstBadIndex: 20,
    });
  });

  it('never repairs: a second verify reports the same problem', async () => {
    const { store, ledger } = await setup();
    rewrite(store, 8, (t) => t.replace('e8', 'x8'));
    const first = await ledger.verify();
    expect(await ledger.verify()).toEqual(first);
  });
});
