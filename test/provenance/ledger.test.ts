import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import {
  checkCheckpointConsistency,
  consistencyProofFromJson,
  consistencyProofToJson,
  createLedger,
  createMemoryLedgerStore,
  createNoteSigner,
  createNoteVerifier,
  inclusionProofFromJson,
  inclusionProofToJson,
  leafHash,
  safeVerifyInclusionAgainstCheckpoint,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  verifyInclusionAgainstCheckpoint,
} from '../../src/provenance/index.ts';
import { emptyRoot } from '../../src/provenance/merkle-hash.ts';
import {
  counterRandom,
  event,
  ORIGIN,
  referenceRoot,
  SECRET,
  sha512t,
  testClock,
} from './helpers.ts';

const signer = createNoteSigner({ name: ORIGIN, secretKey: SECRET });
const verifier = createNoteVerifier({ name: ORIGIN, publicKey: ed25519.getPublicKey(SECRET) });

function ledger(extra: Partial<Parameters<typeof createLedger>[0]> = {}) {
  return createLedger({
    origin: ORIGIN,
    clock: testClock(),
    random: counterRandom(),
    signer,
    ...extra,
  });
}

async function filled(count: number, extra: Partial<Parameters<typeof createLedger>[0]> = {}) {
  const l = ledger(extra);
  await l.appendBatch(
    Array.from({ length: count }, (_, i) => event({ id: `e${i}`, subjectCount: i })),
  );
  return l;
}

describe('ledger basics', () => {
  it('appends, numbers and reads back events', async () => {
    const l = ledger();
    const a = await l.append(event({ id: 'a' }));
    const [b, c] = await l.appendBatch([event({ id: 'b' }), event({ id: 'c' })]);
    expect([a.index, b?.index, c?.index]).toEqual([0, 1, 2]);
    expect(await l.size()).toBe(3);
    const got = await l.get(1);
    expect(got.event.id).toBe('b');
    expect(got.leafHash).toEqual(leafHash(got.bytes));
    await expect(l.get(3)).rejects.toMatchObject({ code: 'ERR_LEDGER', reason: 'out-of-range' });
    await expect(l.get(-1)).rejects.toMatchObject({ code: 'ERR_VALIDATION' });
  });

  it('appends a batch atomically: one bad event appends nothing', async () => {
    const l = ledger();
    await expect(l.appendBatch([event(), { ...event(), purpose: 'BAD' }])).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
      path: expect.stringContaining('events[1]'),
    });
    expect(await l.size()).toBe(0);
  });

  it('computes roots equal to the reference tree, for any size', async () => {
    const l = await filled(21);
    const hashes = await Promise.all(
      Array.from({ length: 21 }, async (_, i) => (await l.get(i)).leafHash),
    );
    for (const size of [0, 1, 2, 7, 8, 13, 21]) {
      expect(await l.root(size)).toEqual(referenceRoot(hashes.slice(0, size), l.hash));
    }
    expect(await l.root()).toEqual(await l.root(21));
    expect(await l.root(0)).toEqual(emptyRoot());
    await expect(l.root(22)).rejects.toMatchObject({ reason: 'out-of-range' });
  });

  it('proves inclusion for any index and size without rebuilding', async () => {
    const l = await filled(21);
    for (const size of [1, 5, 16, 21]) {
      for (let index = 0; index < size; index++) {
        const p = await l.proveInclusion(index, size);
        expect(p.root).toEqual(await l.root(size));
        expect(verifyInclusion(p)).toBe(true);
      }
    }
    await expect(l.proveInclusion(5, 5)).rejects.toMatchObject({ reason: 'out-of-range' });
  });

  it('proves consistency between any two sizes', async () => {
    const l = await filled(21);
    for (const oldSize of [1, 3, 8, 20, 21]) {
      for (const newSize of [oldSize, 21]) {
        const p = await l.proveConsistency(oldSize, newSize);
        expect(verifyConsistency(p)).toBe(true);
      }
    }
    const fromEmpty = await l.proveConsistency(0);
    expect(fromEmpty.proof).toEqual([]);
    expect(fromEmpty.oldRoot).toEqual(emptyRoot());
    await expect(l.proveConsistency(22)).rejects.toMatchObject({ reason: 'out-of-range' });
  });

  it('round-trips proofs through JSON', async () => {
    const l = await filled(9);
    const inclusion = await l.proveInclusion(4);
    const json = JSON.parse(JSON.stringify(inclusionProofToJson(inclusion)));
    expect(verifyInclusion(inclusionProofFromJson(json))).toBe(true);
    const consistency = await l.proveConsistency(3);
    expect(
      verifyConsistency(
        consistencyProofFromJson(JSON.parse(JSON.stringify(consistencyProofToJson(consistency)))),
      ),
    ).toBe(true);
    expect(() => inclusionProofFromJson({ ...json, proof: ['%%%'] })).toThrow(
      expect.objectContaining({ reason: 'invalid-proof-json' }),
    );
    expect(() => inclusionProofFromJson({ ...json, index: -1 })).toThrow(
      expect.objectContaining({ reason: 'invalid-proof-json' }),
    );
  });

  it('uses the injected hash for leaves, nodes and roots', async () => {
    const a = await filled(5);
    const b = await filled(5, { hash: sha512t });
    expect((await a.get(2)).bytes).toEqual((await b.get(2)).bytes);
    expect(await a.root()).not.toEqual(await b.root());
    const p = await b.proveInclusion(2);
    expect(verifyInclusion({ ...p, hash: sha512t })).toBe(true);
    expect(verifyInclusion(p)).toBe(false);
    expect((await b.verify()).ok).toBe(true);
  });

  it('works over a shared store: a second ledger sees the first one’s entries', async () => {
    const store = createMemoryLedgerStore();
    const one = ledger({ store });
    const two = ledger({ store });
    await Promise.all([one.append(event({ id: 'x' })), two.append(event({ id: 'y' }))]);
    expect(await one.size()).toBe(2);
    expect((await two.get(0)).event.id).toBe('x');
    expect((await one.verify()).ok).toBe(true);
  });

  it('rejects a bad origin', () => {
    expect(() => createLedger({ origin: '' })).toThrow(
      expect.objectContaining({ reason: 'invalid-origin' }),
    );
    expect(() => createLedger({ origin: 'a\nb' })).toThrow(
      expect.objectContaining({ reason: 'invalid-origin' }),
    );
  });
});

describe('checkpoints', () => {
  it('signs C2SP checkpoints of the current tree', async () => {
    const l = await filled(6);
    const cp = await l.checkpoint();
    const lines = cp.note.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      ORIGIN,
      '6',
      Buffer.from(await l.root()).toString('base64'),
      '',
    ]);
    expect(lines[4]).toMatch(
      new RegExp(`^\u2014 ${ORIGIN.replace(/\./g, '\\.')} [A-Za-z0-9+/]+=*$`),
    );
    const opened = verifyCheckpoint(cp.note, { verifiers: [verifier], origin: ORIGIN });
    expect(opened.size).toBe(6);
    expect(opened.root).toEqual(cp.root);
  });

  it('needs a signer', async () => {
    const l = createLedger({ origin: ORIGIN });
    await expect(l.checkpoint()).rejects.toMatchObject({ code: 'ERR_LEDGER', reason: 'no-signer' });
  });

  it('rejects checkpoints of another origin or signed by an unknown key', async () => {
    const l = await filled(3);
    const { note } = await l.checkpoint();
    expect(() =>
      verifyCheckpoint(note, { verifiers: [verifier], origin: 'other.example/log' }),
    ).toThrow(expect.objectContaining({ reason: 'origin-mismatch' }));
    const stranger = createNoteVerifier({
      name: ORIGIN,
      publicKey: ed25519.getPublicKey(new Uint8Array(32).fill(5)),
    });
    expect(() => verifyCheckpoint(note, { verifiers: [stranger] })).toThrow(
      expect.objectContaining({ reason: 'no-known-signature' }),
    );
  });

  it('verifies inclusion only against a verified checkpoint', async () => {
    const l = await filled(10);
    const { note } = await l.checkpoint();
    const entry = await l.get(7);
    const { proof } = await l.proveInclusion(7);
    const trust = { verifiers: [verifier], origin: ORIGIN };
    expect(
      verifyInclusionAgainstCheckpoint({
        ...trust,
        checkpoint: note,
        leafBytes: entry.bytes,
        index: 7,
        proof,
      }),
    ).toBe(true);
    expect(
      verifyInclusionAgainstCheckpoint({
        ...trust,
        checkpoint: note,
        leafHash: entry.leafHash,
        index: 7,
        proof,
      }),
    ).toBe(true);
    expect(
      safeVerifyInclusionAgainstCheckpoint({
        ...trust,
        checkpoint: note,
        leafBytes: entry.bytes,
        index: 6,
        proof,
      }),
    ).toMatchObject({ ok: false, error: { reason: 'root-mismatch' } });
    // A forged note with a root made up by the attacker does not verify.
    const forged = note.replace(
      /^(.*\n.*\n)(.*)/,
      `$1${Buffer.from(new Uint8Array(32)).toString('base64')}`,
    );
    expect(
      safeVerifyInclusionAgainstCheckpoint({
        ...trust,
        checkpoint: forged,
        leafBytes: entry.bytes,
        index: 7,
        proof,
      }),
    ).toMatchObject({ ok: false, error: { reason: 'bad-signature' } });
    expect(() =>
      verifyInclusionAgainstCheckpoint({ ...trust, checkpoint: note, index: 7, proof }),
    ).toThrow(expect.objectContaining({ reason: 'missing-leaf' }));
  });

  it('checks two checkpoints for consistency and yields evidence when they disagree', async () => {
    const l = await filled(5);
    const a = await l.checkpoint();
    await l.appendBatch([event({ id: 'n1' }), event({ id: 'n2' }), event({ id: 'n3' })]);
    const b = await l.checkpoint();
    const trust = { verifiers: [verifier], origin: ORIGIN };
    const proof = (await l.proveConsistency(5, 8)).proof;
    expect(checkCheckpointConsistency({ ...trust, a: b.note, b: a.note, proof })).toMatchObject({
      ok: true,
    });

    // A split view: the same signer signs a different history of size 8.
    const fork = await filled(5);
    await fork.appendBatch([event({ id: 'n1' }), event({ id: 'other' }), event({ id: 'n3' })]);
    const c = await fork.checkpoint();
    const sameSize = checkCheckpointConsistency({ ...trust, a: b.note, b: c.note });
    expect(sameSize).toMatchObject({
      ok: false,
      reason: 'inconsistent',
      evidence: { kind: 'same-size-different-roots' },
    });
    if (!sameSize.ok && sameSize.reason === 'inconsistent') {
      expect(sameSize.evidence.notes).toEqual([b.note, c.note]);
    }
    const history = checkCheckpointConsistency({ ...trust, a: a.note, b: c.note, proof });
    expect(history).toMatchObject({
      ok: false,
      reason: 'inconsistent',
      evidence: { kind: 'consistency-proof-failed', sizes: [5, 8], notes: [a.note, c.note] },
    });
    expect(checkCheckpointConsistency({ ...trust, a: a.note, b: 'junk' })).toEqual({
      ok: false,
      reason: 'malformed-note',
      note: 1,
    });
  });

  it('treats the empty tree checkpoint as consistent with every later one', async () => {
    const l = ledger();
    const empty = await l.checkpoint();
    await l.append(event());
    const later = await l.checkpoint();
    expect(
      checkCheckpointConsistency({
        verifiers: [verifier],
        origin: ORIGIN,
        a: empty.note,
        b: later.note,
      }),
    ).toMatchObject({ ok: true });
  });

  it('refuses to sign a checkpoint inconsistent with the last one', async () => {
    const store = createMemoryLedgerStore();
    const l = ledger({ store });
    await l.appendBatch([event({ id: 'a' }), event({ id: 'b' })]);
    await l.checkpoint();
    store.internals.setNode(1, 0, new Uint8Array(32).fill(1));
    await expect(l.checkpoint()).rejects.toMatchObject({
      code: 'ERR_INTEGRITY',
      reason: 'inconsistent-with-checkpoint',
    });
    store.internals.leaves.pop();
    await expect(l.checkpoint()).rejects.toMatchObject({
      code: 'ERR_INTEGRITY',
      reason: 'truncated',
    });
  });
});
