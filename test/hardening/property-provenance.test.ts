// Property tests for dataguard/provenance: proof verification is sound under
// tampered proofs, parsers refuse garbage with typed errors, and garbage
// appends never corrupt the ledger.
import fc from 'fast-check';
import { beforeAll, describe, expect } from 'vitest';
import { parseCheckpoint } from '../../src/provenance/checkpoint.ts';
import {
  checkCheckpointConsistency,
  consistencyProofFromJson,
  createLedger,
  createMemoryLedgerStore,
  createNoteSigner,
  exportOpenLineage,
  exportProv,
  formatVerifierKey,
  inclusionProofFromJson,
  type Ledger,
  leafHash,
  parseVerifierKey,
  safeVerifyCheckpoint,
  safeVerifyConsistency,
  safeVerifyInclusion,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  verifyInclusionAgainstCheckpoint,
} from '../../src/provenance/index.ts';
import { createLineageIndex } from '../../src/provenance/lineage.ts';
import { parseNote } from '../../src/provenance/signed-note.ts';
import { signNote, verifyNote } from '../../src/provenance/verify-note.ts';
import { anyString, garbage, mutated, utf16 } from './arbitraries.ts';
import {
  assertProperty,
  expectSafe,
  expectSafeAsync,
  fuzzEach,
  hardeningIt,
} from './expect-safe.ts';

const ORIGIN = 'hardening.example/ledger';
const signer = createNoteSigner({ name: ORIGIN, secretKey: new Uint8Array(32).fill(5) });
const verifiers = [parseVerifierKey(formatVerifierKey(signer))];
const SIZE = 23;
const event = (i: number) => ({
  processing: 'use' as const,
  actor: { id: 'clerk-app', kind: 'system' as const },
  purpose: 'public-service.permits',
  legalBasis: 'statutory-duty' as const,
  inputs: [{ id: `permits-${i}` }],
  outputs: [],
  subjectCount: i,
});

let ledger: Ledger;
let leaves: Uint8Array[];
let roots: Uint8Array[];
let notes: string[];

beforeAll(async () => {
  ledger = createLedger({ origin: ORIGIN, signer, store: createMemoryLedgerStore() });
  leaves = [];
  roots = [new Uint8Array(0)];
  notes = [];
  for (let i = 0; i < SIZE; i++) {
    const entry = await ledger.append(event(i));
    leaves.push(entry.leafHash);
    roots.push(await ledger.root());
    if (i % 7 === 6) notes.push((await ledger.checkpoint()).note);
  }
  notes.push((await ledger.checkpoint()).note);
});

// Only the proof and the index are tampered with. A proof checks a leaf against a
// (size, root) pair; RFC 9162 verification cannot tell a root from the root of a
// different size when the path has the same shape (e.g. index 0 in trees of 3 and
// 4 leaves), which is why roots must come from signed checkpoints (docs/security.md).
type Tamper =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'drop'; at: number }
  | { kind: 'dup'; at: number }
  | { kind: 'swap'; at: number }
  | { kind: 'shift'; by: number };
const proofTamper = [
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    bit: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('dup' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
] as const;
const tamper: fc.Arbitrary<Tamper> = fc.oneof(
  ...proofTamper,
  fc.record({
    kind: fc.constant('shift' as const),
    by: fc.integer({ min: -3, max: 3 }).filter((n) => n !== 0),
  }),
);
const consistencyTamper: fc.Arbitrary<Tamper> = fc.oneof(...proofTamper);

/** Applies a tamper to a proof; returns undefined when it leaves the proof unchanged. */
function applyTamper(
  proof: readonly Uint8Array[],
  t: Tamper,
): { proof: Uint8Array[]; shift: number; size: number } | undefined {
  const out: Uint8Array[] = proof.map((p) => p.slice());
  if (t.kind === 'flip') {
    if (out.length === 0) return undefined;
    const hash = out[t.at % out.length] as Uint8Array;
    const byte = Math.floor(t.bit / 8) % hash.length;
    hash[byte] = (hash[byte] as number) ^ (1 << (t.bit % 8));
    return { proof: out, shift: 0, size: 0 };
  }
  if (t.kind === 'drop') {
    if (out.length === 0) return undefined;
    out.splice(t.at % out.length, 1);
    return { proof: out, shift: 0, size: 0 };
  }
  if (t.kind === 'dup') {
    if (out.length === 0) return { proof: [new Uint8Array(32)], shift: 0, size: 0 };
    out.splice(t.at % out.length, 0, out[t.at % out.length] as Uint8Array);
    return { proof: out, shift: 0, size: 0 };
  }
  if (t.kind === 'swap') {
    if (out.length < 2) return undefined;
    const i = t.at % (out.length - 1);
    if (equal(out[i] as Uint8Array, out[i + 1] as Uint8Array)) return undefined;
    [out[i], out[i + 1]] = [out[i + 1] as Uint8Array, out[i] as Uint8Array];
    return { proof: out, shift: 0, size: 0 };
  }
  return { proof: out, shift: t.by, size: 0 };
}

const equal = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

describe('proof verification is sound under tampering', () => {
  hardeningIt(
    'inclusion: valid proofs verify; every tampered proof or index is refused',
    async () => {
      await assertProperty(
        fc.asyncProperty(
          fc.integer({ min: 1, max: SIZE }),
          fc.nat(),
          tamper,
          async (treeSize, pick, t) => {
            const index = pick % treeSize;
            const { proof } = await ledger.proveInclusion(index, treeSize);
            const root = roots[treeSize] as Uint8Array;
            expect(
              verifyInclusion({
                leafHash: leaves[index] as Uint8Array,
                index,
                treeSize,
                proof,
                root,
              }),
            ).toBe(true);
            const bad = applyTamper(proof, t);
            if (bad === undefined) return;
            const input = {
              leafHash: leaves[index] as Uint8Array,
              index: index + bad.shift,
              treeSize,
              proof: bad.proof,
              root,
            };
            const out = expectSafe('verifyInclusion(tampered)', () => verifyInclusion(input));
            if (out.ok) expect(out.value).toBe(false);
            const safe = expectSafe('safeVerifyInclusion(tampered)', () =>
              safeVerifyInclusion(input),
            );
            if (safe.ok) expect(safe.value.ok).toBe(false);
          },
        ),
        { numRuns: 200 },
      );
    },
  );

  hardeningIt('consistency: valid proofs verify; every tampered proof is refused', async () => {
    await assertProperty(
      fc.asyncProperty(
        fc.integer({ min: 1, max: SIZE }),
        fc.integer({ min: 1, max: SIZE }),
        consistencyTamper,
        async (a, b, t) => {
          const [oldSize, newSize] = a <= b ? [a, b] : [b, a];
          const { proof } = await ledger.proveConsistency(oldSize, newSize);
          const input = {
            oldSize,
            newSize,
            oldRoot: roots[oldSize] as Uint8Array,
            newRoot: roots[newSize] as Uint8Array,
            proof,
          };
          expect(verifyConsistency(input)).toBe(true);
          const bad = applyTamper(proof, t);
          if (bad === undefined) return;
          const tampered = {
            ...input,
            oldSize: oldSize + bad.shift,
            newSize: newSize + bad.size,
            proof: bad.proof,
          };
          if (
            tampered.oldSize === oldSize &&
            tampered.newSize === newSize &&
            equalProofs(tampered.proof, proof)
          )
            return;
          const out = expectSafe('verifyConsistency(tampered)', () => verifyConsistency(tampered));
          if (out.ok) expect(out.value).toBe(false);
          const safe = expectSafe('safeVerifyConsistency(tampered)', () =>
            safeVerifyConsistency(tampered),
          );
          if (safe.ok) expect(safe.value.ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  hardeningIt('checkpoints: any changed character of a signed checkpoint is refused', () => {
    assertProperty(
      fc.property(
        fc.constantFrom(...notes),
        fc.nat(),
        fc.integer({ min: 1, max: 0xffff }),
        (note, at, delta) => {
          expect(verifyCheckpoint(note, { verifiers, origin: ORIGIN }).origin).toBe(ORIGIN);
          const i = at % note.length;
          const changed =
            note.slice(0, i) +
            String.fromCharCode((note.charCodeAt(i) + delta) % 0x10000) +
            note.slice(i + 1);
          if (changed === note) return;
          const out = expectSafe(
            'verifyCheckpoint(changed)',
            () => verifyCheckpoint(changed, { verifiers, origin: ORIGIN }),
            [changed],
          );
          // A change inside the signature line's key name or base64 padding cannot verify either.
          expect(out.ok).toBe(false);
          const safe = expectSafe('safeVerifyCheckpoint(changed)', () =>
            safeVerifyCheckpoint(changed, { verifiers, origin: ORIGIN }),
          );
          if (safe.ok) expect(safe.value.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

const equalProofs = (a: readonly Uint8Array[], b: readonly Uint8Array[]) =>
  a.length === b.length && a.every((x, i) => equal(x, b[i] as Uint8Array));

describe('provenance parsers and verifiers under hostile input', () => {
  const bytes = fc.oneof(fc.uint8Array({ maxLength: 40 }), garbage);
  const inclusion = fc.record(
    {
      leafHash: bytes,
      index: fc.oneof(fc.nat(), garbage),
      treeSize: fc.oneof(fc.nat(), garbage),
      proof: fc.oneof(fc.array(bytes, { maxLength: 6 }), garbage),
      root: bytes,
    },
    { requiredKeys: [] },
  );
  const consistency = fc.record(
    {
      oldSize: fc.oneof(fc.nat(), garbage),
      newSize: fc.oneof(fc.nat(), garbage),
      oldRoot: bytes,
      newRoot: bytes,
      proof: fc.oneof(fc.array(bytes, { maxLength: 6 }), garbage),
    },
    { requiredKeys: [] },
  );
  const text = fc.oneof(
    anyString,
    utf16,
    garbage,
    fc.constantFrom(`${ORIGIN}\n5\n${'A'.repeat(43)}=\n\n— ${ORIGIN} AAAA\n`, 'x\n\n— y z\n'),
  );
  fuzzEach([
    {
      name: 'verifyInclusion(garbage)',
      args: fc.tuple(fc.oneof(inclusion, garbage)),
      call: (p) => verifyInclusion(p),
    },
    {
      name: 'safeVerifyInclusion(garbage)',
      args: fc.tuple(fc.oneof(inclusion, garbage)),
      call: (p) => safeVerifyInclusion(p),
    },
    {
      name: 'verifyConsistency(garbage)',
      args: fc.tuple(fc.oneof(consistency, garbage)),
      call: (p) => verifyConsistency(p),
    },
    {
      name: 'safeVerifyConsistency(garbage)',
      args: fc.tuple(fc.oneof(consistency, garbage)),
      call: (p) => safeVerifyConsistency(p),
    },
    {
      name: 'inclusionProofFromJson',
      args: fc.tuple(
        fc.oneof(garbage, mutated({ index: 1, treeSize: 3, proof: ['AAAA', 'BBBB'] })),
      ),
      call: (j) => inclusionProofFromJson(j),
    },
    {
      name: 'consistencyProofFromJson',
      args: fc.tuple(fc.oneof(garbage, mutated({ oldSize: 1, newSize: 3, proof: ['AAAA'] }))),
      call: (j) => consistencyProofFromJson(j),
    },
    { name: 'parseCheckpoint', args: fc.tuple(text), call: (t) => parseCheckpoint(t) },
    {
      name: 'verifyCheckpoint(garbage note)',
      args: fc.tuple(text),
      call: (t) => verifyCheckpoint(t, { verifiers, origin: ORIGIN }),
    },
    {
      name: 'verifyCheckpoint(garbage options)',
      args: fc.tuple(garbage),
      call: (o) => verifyCheckpoint(notes[0] as string, o),
    },
    {
      name: 'safeVerifyCheckpoint(garbage)',
      args: fc.tuple(text, garbage),
      call: (t, o) => safeVerifyCheckpoint(t, o),
    },
    { name: 'parseNote', args: fc.tuple(text), call: (t) => parseNote(t) },
    {
      name: 'verifyNote',
      args: fc.tuple(text, fc.oneof(garbage, fc.constant(verifiers))),
      call: (t, v) => verifyNote(t, v),
    },
    {
      name: 'signNote',
      args: fc.tuple(text, fc.oneof(garbage, fc.constant([signer]))),
      call: (t, s) => signNote(t, s),
    },
    { name: 'parseVerifierKey', args: fc.tuple(text), call: (t) => parseVerifierKey(t) },
    {
      name: 'createNoteSigner(garbage)',
      args: fc.tuple(garbage, garbage),
      call: (n, k) => createNoteSigner({ name: n, secretKey: k }),
    },
    { name: 'leafHash(garbage)', args: fc.tuple(garbage, garbage), call: (b, h) => leafHash(b, h) },
    {
      name: 'verifyInclusionAgainstCheckpoint(garbage)',
      args: fc.tuple(
        fc.oneof(
          garbage,
          mutated({
            checkpoint: 'x',
            verifiers: [],
            origin: ORIGIN,
            entry: 'e',
            index: 0,
            proof: [],
          }),
        ),
      ),
      call: (i) => verifyInclusionAgainstCheckpoint(i),
    },
    {
      name: 'checkCheckpointConsistency(garbage)',
      args: fc.tuple(fc.oneof(garbage, mutated({ a: 'x', b: 'y', verifiers: [], origin: ORIGIN }))),
      call: (i) => checkCheckpointConsistency(i),
    },
    {
      name: 'exportProv(garbage)',
      args: fc.tuple(garbage, garbage, garbage),
      call: (d, s, o) => exportProv(d, s, o),
    },
    {
      name: 'exportOpenLineage(garbage)',
      args: fc.tuple(garbage, garbage),
      call: (s, o) => exportOpenLineage(s, o),
    },
    {
      name: 'lineage index add/query(garbage)',
      args: fc.tuple(garbage, garbage),
      call: (e, d) => {
        const index = createLineageIndex();
        (index as unknown as { add: (x: unknown) => void }).add?.(e);
        return (index as unknown as { upstream: (x: unknown) => unknown }).upstream?.(d);
      },
    },
  ]);
});

describe('the ledger under hostile appends and queries', () => {
  hardeningIt(
    'garbage and mutated events are refused with typed errors and never corrupt the log',
    async () => {
      const store = createMemoryLedgerStore();
      const target = createLedger({ origin: ORIGIN, signer, store });
      let appended = 0;
      await assertProperty(
        fc.asyncProperty(
          fc.oneof(
            garbage,
            mutated({
              ...event(1),
              time: '2026-03-01T09:30:00+08:00',
              details: { k: 5, model: 'k-anonymity' },
            }),
          ),
          async (input) => {
            const out = await expectSafeAsync('ledger.append', () => target.append(input as never));
            if (out.ok) {
              appended++;
              // The stored event round-trips: what was accepted is exactly what is read back.
              const entry = await target.get(out.value.index);
              expect(entry.bytes).toEqual(out.value.bytes);
            }
          },
        ),
        { numRuns: 200 },
      );
      expect(await target.size()).toBe(appended);
      expect(await target.verify()).toMatchObject({ ok: true, size: appended });
      await target.checkpoint();
      expect((await target.verify()).ok).toBe(true);
    },
  );

  hardeningIt(
    'appendBatch with a bad event in the middle appends nothing or everything before it, never a torn tree',
    async () => {
      const target = createLedger({ origin: ORIGIN, signer });
      await assertProperty(
        fc.asyncProperty(
          fc.array(fc.oneof(fc.constant(event(1)), garbage), { maxLength: 5 }),
          async (batch) => {
            const before = await target.size();
            const out = await expectSafeAsync('appendBatch', () =>
              target.appendBatch(batch as never),
            );
            const after = await target.size();
            if (out.ok) expect(after).toBe(before + batch.length);
            expect((await target.verify()).ok).toBe(true);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  fuzzEach([
    { name: 'ledger.get(garbage)', args: fc.tuple(garbage), call: (i) => ledger.get(i) },
    { name: 'ledger.root(garbage)', args: fc.tuple(garbage), call: (s) => ledger.root(s) },
    {
      name: 'ledger.proveInclusion(garbage)',
      args: fc.tuple(garbage, garbage),
      call: (i, s) => ledger.proveInclusion(i, s),
    },
    {
      name: 'ledger.proveConsistency(garbage)',
      args: fc.tuple(garbage, garbage),
      call: (a, b) => ledger.proveConsistency(a, b),
    },
    {
      name: 'ledger.verify(garbage options)',
      args: fc.tuple(garbage),
      call: (o) => ledger.verify(o),
      numRuns: 20,
    },
    { name: 'ledger.upstream(garbage)', args: fc.tuple(garbage), call: (d) => ledger.upstream(d) },
    {
      name: 'ledger.sourceLabels(garbage)',
      args: fc.tuple(garbage),
      call: (d) => ledger.sourceLabels(d),
    },
    {
      name: 'createLedger(garbage)',
      args: fc.tuple(fc.oneof(garbage, mutated({ origin: ORIGIN, hash: 'x' }))),
      call: (o) => createLedger(o),
    },
  ]);
});
