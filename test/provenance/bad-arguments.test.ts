// Arguments of the wrong type: the throwing entry points raise a typed
// ValidationError naming the argument, the `safe*` twins return a failed
// result and never throw, and nothing is mistaken for evidence.
import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from '../../src/provenance/checkpoint.ts';
import { runIdOf } from '../../src/provenance/export-openlineage.ts';
import { provActivityId, provAgentId, provDatasetId } from '../../src/provenance/export-prov.ts';
import { hashSize, sha256Hash } from '../../src/provenance/hash-function.ts';
import {
  checkCheckpointConsistency,
  createLedger,
  createMemoryLedgerStore,
  createNoteSigner,
  exportOpenLineage,
  exportProv,
  type LedgerCheckpoint,
  leafHash,
  type NoteSigner,
  type NoteVerifier,
  safeVerifyCheckpoint,
  safeVerifyConsistency,
  safeVerifyInclusion,
  safeVerifyInclusionAgainstCheckpoint,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  verifyInclusionAgainstCheckpoint,
} from '../../src/provenance/index.ts';
import { createLineageIndex } from '../../src/provenance/lineage.ts';
import { emptyRoot, nodeHash } from '../../src/provenance/merkle-hash.ts';
import { formatNote, isValidKeyName } from '../../src/provenance/signed-note.ts';
import { safeVerifyNote, signNote, verifyNote } from '../../src/provenance/verify-note.ts';
import { event, ORIGIN, SECRET } from './helpers.ts';

const invalid = (reason: string) => expect.objectContaining({ code: 'ERR_VALIDATION', reason });
const never = (x: unknown) => x as never;
const signer = createNoteSigner({ name: ORIGIN, secretKey: SECRET });
const verifier = signer.verifier as NoteVerifier;
const h = leafHash(Uint8Array.of(1));

async function signedLedger(size: number) {
  const ledger = createLedger({ origin: ORIGIN, signer });
  const entries = [];
  for (let i = 0; i < size; i++) entries.push(await ledger.append(event({ id: `e${i}` })));
  return { ledger, entries, checkpoint: await ledger.checkpoint() };
}

describe('proof verifiers', () => {
  const garbage = [undefined, null, 0, 'x', Symbol('x'), [], Object.create(null)];

  it('safe* twins return invalid-input for any argument of the wrong type', () => {
    for (const input of garbage) {
      expect(safeVerifyInclusion(never(input))).toMatchObject({
        ok: false,
        error: { reason: 'invalid-input' },
      });
      expect(safeVerifyConsistency(never(input))).toMatchObject({
        ok: false,
        error: { reason: 'invalid-input' },
      });
    }
    const base = { leafHash: h, index: 0, treeSize: 1, proof: [], root: h };
    expect(safeVerifyInclusion({ ...base, root: never('x') })).toMatchObject({
      ok: false,
      error: { reason: 'invalid-input' },
    });
    expect(safeVerifyInclusion({ ...base, hash: never('x') })).toMatchObject({
      ok: false,
      error: { reason: 'invalid-input' },
    });
    expect(safeVerifyInclusion(base)).toEqual({ ok: true, value: true });
  });

  it('throwing twins raise typed errors for arguments of the wrong type', () => {
    expect(() => verifyInclusion(never(undefined))).toThrow(invalid('invalid-argument'));
    expect(() => verifyConsistency(never(null))).toThrow(invalid('invalid-argument'));
    expect(() =>
      verifyInclusion({ leafHash: h, index: 0, treeSize: 1, proof: [], root: h, hash: never(1) }),
    ).toThrow(invalid('invalid-hash'));
    // Bad sizes are failed proofs, not type errors.
    expect(
      verifyInclusion({ leafHash: h, index: never('0'), treeSize: 1, proof: [], root: h }),
    ).toBe(false);
  });

  it('a hash function that throws mid-proof fails the safe check closed', () => {
    const { proof, root, leaf } = { proof: [h], root: nodeHash(h, h), leaf: h };
    const flaky = (data: Uint8Array) => {
      if (data.length > 0) throw new Error('hash failed');
      return new Uint8Array(32);
    };
    expect(
      safeVerifyInclusion({ leafHash: leaf, index: 0, treeSize: 2, proof, root, hash: flaky }),
    ).toMatchObject({ ok: false, error: { reason: 'invalid-input' } });
  });
});

describe('hash functions', () => {
  it('refuse non-bytes and non-hash functions with typed errors', () => {
    expect(() => leafHash(never(0))).toThrow(invalid('not-bytes'));
    expect(() => leafHash(new Uint8Array(0), never([]))).toThrow(invalid('invalid-hash'));
    expect(() => nodeHash(h, never(null))).toThrow(invalid('not-bytes'));
    expect(() => emptyRoot(never('sha256'))).toThrow(invalid('invalid-hash'));
    expect(() => hashSize(never(() => 1))).toThrow(invalid('invalid-hash'));
    const throwing = () => {
      throw new Error('boom');
    };
    expect(() => hashSize(throwing)).toThrow(invalid('invalid-hash'));
    expect(hashSize(sha256Hash)).toBe(32);
  });
});

describe('signed notes', () => {
  const note = signNote('hello\n', [signer]);

  it('safeVerifyNote returns invalid-input for verifiers that are not note verifiers', () => {
    for (const verifiers of [undefined, 0, 'x', [{}], [{ ...verifier, verify: 1 }], new Set()]) {
      expect(safeVerifyNote(note, never(verifiers))).toMatchObject({
        ok: false,
        error: { reason: 'invalid-input' },
      });
    }
    expect(() => verifyNote(note, never(0))).toThrow(invalid('invalid-argument'));
    expect(verifyNote(note, [verifier]).text).toBe('hello\n');
  });

  it('fails closed on verifiers that throw or return a truthy non-boolean', () => {
    const truthy = { ...verifier, verify: () => 1 as unknown as boolean };
    const throwing = {
      ...verifier,
      verify: () => {
        throw new Error('boom');
      },
    };
    expect(safeVerifyNote(note, [truthy])).toMatchObject({
      ok: false,
      error: { reason: 'bad-signature' },
    });
    expect(safeVerifyNote(note, [throwing])).toMatchObject({
      ok: false,
      error: { reason: 'bad-signature' },
    });
  });

  it('signNote refuses malformed signers and wraps a signer failure', () => {
    expect(() => signNote('x\n', never([new Set()]))).toThrow(invalid('invalid-argument'));
    expect(() => signNote('x\n', never([{ ...signer, sign: () => 'sig' }]))).toThrow(
      invalid('invalid-signer'),
    );
    const failing: NoteSigner = {
      ...signer,
      sign: () => {
        throw new Error('hsm offline');
      },
    };
    expect(() => signNote('x\n', [failing])).toThrow(
      expect.objectContaining({ code: 'ERR_KEY', reason: 'sign-failed' }),
    );
    expect(() => signNote('x\n', never('signer'))).toThrow(invalid('no-signer'));
  });

  it('formatNote and isValidKeyName refuse values of the wrong type', () => {
    expect(() => formatNote('x\n', never('sig'))).toThrow(invalid('malformed-note'));
    expect(() => formatNote('x\n', never([null]))).toThrow(invalid('invalid-argument'));
    expect(() => formatNote('x\n', never([{ name: 'k', keyId: 1, signature: 'AAAA' }]))).toThrow(
      invalid('not-bytes'),
    );
    expect(() =>
      formatNote('x\n', never([{ name: 5, keyId: 1, signature: new Uint8Array(1) }])),
    ).toThrow(invalid('invalid-key-name'));
    expect(isValidKeyName(never(null))).toBe(false);
  });
});

describe('checkpoints', () => {
  let checkpoint: LedgerCheckpoint;

  it('safeVerifyCheckpoint returns invalid-input for bad options; verifyCheckpoint throws', async () => {
    ({ checkpoint } = await signedLedger(3));
    for (const options of [undefined, 0, {}, { verifiers: [verifier], origin: 5 }]) {
      expect(safeVerifyCheckpoint(checkpoint.note, never(options))).toMatchObject({
        ok: false,
        error: { reason: 'invalid-input' },
      });
      expect(() => verifyCheckpoint(checkpoint.note, never(options))).toThrow(
        expect.objectContaining({ code: 'ERR_VALIDATION' }),
      );
    }
    expect(safeVerifyCheckpoint(checkpoint.note, { verifiers: [verifier] }).ok).toBe(true);
  });

  it('formatCheckpoint refuses a non-object and non-string extension lines', () => {
    expect(() => formatCheckpoint(never(null))).toThrow(invalid('invalid-argument'));
    const root = emptyRoot();
    expect(() =>
      formatCheckpoint({ origin: ORIGIN, size: 0, root, extensions: never('x') }),
    ).toThrow(invalid('malformed-checkpoint'));
    expect(() =>
      formatCheckpoint({ origin: ORIGIN, size: 0, root, extensions: never([1]) }),
    ).toThrow(invalid('malformed-checkpoint'));
  });

  it('verifying against a checkpoint: safe twin never throws, boolean twin throws typed errors', async () => {
    const { ledger, entries, checkpoint: cp } = await signedLedger(4);
    const { proof } = await ledger.proveInclusion(2, 4);
    const input = {
      checkpoint: cp.note,
      verifiers: [verifier],
      origin: ORIGIN,
      leafHash: (entries[2] as { leafHash: Uint8Array }).leafHash,
      index: 2,
      proof,
    };
    expect(verifyInclusionAgainstCheckpoint(input)).toBe(true);
    for (const bad of [undefined, { ...input, origin: undefined }, { ...input, proof: 'x' }]) {
      expect(safeVerifyInclusionAgainstCheckpoint(never(bad))).toMatchObject({
        ok: false,
        error: { reason: 'invalid-input' },
      });
      expect(() => verifyInclusionAgainstCheckpoint(never(bad))).toThrow(
        expect.objectContaining({ code: 'ERR_VALIDATION' }),
      );
    }
    expect(safeVerifyInclusionAgainstCheckpoint({ ...input, leafHash: undefined })).toMatchObject({
      ok: false,
      error: { reason: 'invalid-input' },
    });
    // A garbage note is data: rejected as malformed, not thrown.
    expect(safeVerifyInclusionAgainstCheckpoint({ ...input, checkpoint: never(7) })).toMatchObject({
      ok: false,
      error: { reason: 'malformed-note' },
    });
  });

  it('checkCheckpointConsistency throws on bad trust or proof types, never yielding evidence', async () => {
    const { ledger, checkpoint: older } = await signedLedger(2);
    await ledger.append(event({ id: 'later' }));
    const newer = await ledger.checkpoint();
    const trust = { verifiers: [verifier], origin: ORIGIN };
    expect(() => checkCheckpointConsistency(never(undefined))).toThrow(invalid('invalid-argument'));
    expect(() =>
      checkCheckpointConsistency({ ...trust, a: older.note, b: newer.note, proof: never([1]) }),
    ).toThrow(invalid('not-bytes'));
    expect(() =>
      checkCheckpointConsistency({ ...trust, verifiers: never('k'), a: older.note, b: newer.note }),
    ).toThrow(invalid('invalid-argument'));
    expect(checkCheckpointConsistency({ ...trust, a: never(null), b: newer.note })).toEqual({
      ok: false,
      reason: 'malformed-note',
      note: 0,
    });
  });
});

describe('exports and the lineage index', () => {
  it('exportProv and exportOpenLineage refuse malformed datasets, steps and options', () => {
    expect(() => exportProv(never(0), [], { origin: ORIGIN })).toThrow(
      expect.objectContaining({ code: 'ERR_VALIDATION' }),
    );
    expect(() =>
      exportProv({ id: 'd' }, never([{ index: 0, event: {} }]), { origin: ORIGIN }),
    ).toThrow(expect.objectContaining({ code: 'ERR_VALIDATION' }));
    expect(() => exportProv({ id: 'd' }, [], never({}))).toThrow(invalid('invalid-argument'));
    expect(() => exportOpenLineage(never(0), never([]))).toThrow(
      expect.objectContaining({ code: 'ERR_VALIDATION' }),
    );
    expect(() => exportOpenLineage([], { origin: ORIGIN, producer: never(5) })).toThrow(
      invalid('invalid-argument'),
    );
    expect(exportOpenLineage([], { origin: ORIGIN })).toEqual([]);
    expect(exportProv({ id: 'd' }, [], { origin: ORIGIN }).entity).toHaveProperty('ds:d');
  });

  it('the id helpers refuse values without string ids', () => {
    expect(() => provDatasetId(never(null))).toThrow(invalid('invalid-argument'));
    expect(() => provAgentId(never({ id: 'a' }))).toThrow(invalid('invalid-argument'));
    expect(() => provActivityId(never(Object.create(null)))).toThrow(invalid('invalid-argument'));
    expect(() => runIdOf(never({ id: 1 }), ORIGIN)).toThrow(invalid('invalid-argument'));
    expect(provDatasetId({ id: 'a b' })).toBe('ds:a%20b');
  });

  it('a standalone lineage index checks events and queries', () => {
    const index = createLineageIndex();
    expect(() => index.add(never(0))).toThrow(expect.objectContaining({ code: 'ERR_VALIDATION' }));
    expect(() => index.upstream(never(undefined))).toThrow(
      expect.objectContaining({ code: 'ERR_VALIDATION' }),
    );
    expect(index.count).toBe(0);
    index.add({
      ...event({ inputs: [{ id: 'a' }], outputs: [{ id: 'b' }] }),
      id: 'e1',
      time: '2026-03-01T00:00:00.000Z',
    });
    expect(index.count).toBe(1);
    expect(index.upstream({ id: 'b' }).steps.map((s) => s.event.id)).toEqual(['e1']);
    expect(index.downstream({ id: 'a' }).datasets).toEqual([{ id: 'b' }]);
  });
});

describe('createLedger options', () => {
  it('refuses options of the wrong type at construction', () => {
    expect(() => createLedger(never(undefined))).toThrow(invalid('invalid-argument'));
    expect(() => createLedger(never({ origin: ORIGIN, hash: 'x' }))).toThrow(
      invalid('invalid-hash'),
    );
    expect(() => createLedger(never({ origin: ORIGIN, clock: 5 }))).toThrow(
      invalid('invalid-argument'),
    );
    expect(() => createLedger(never({ origin: ORIGIN, signer: {} }))).toThrow(
      invalid('invalid-argument'),
    );
    expect(() => createLedger(never({ origin: ORIGIN, verifiers: verifier }))).toThrow(
      invalid('invalid-argument'),
    );
    expect(() => createLedger(never({ origin: ORIGIN, openLineage: { producer: 1 } }))).toThrow(
      invalid('invalid-argument'),
    );
    const { getNodes: _, ...partial } = createMemoryLedgerStore();
    expect(() => createLedger(never({ origin: ORIGIN, store: partial }))).toThrow(
      expect.objectContaining({ path: 'options.store.getNodes' }),
    );
    expect(createLedger({ origin: ORIGIN, store: createMemoryLedgerStore() }).origin).toBe(ORIGIN);
  });
});
