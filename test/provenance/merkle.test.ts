import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAppend, frontierIds, rangeNodeIds } from '../../src/provenance/compact-range.ts';
import { hashSize, sha256Hash } from '../../src/provenance/hash-function.ts';
import {
  createMemoryLedgerStore,
  leafHash,
  safeVerifyConsistency,
  safeVerifyInclusion,
  verifyConsistency,
  verifyInclusion,
} from '../../src/provenance/index.ts';
import { emptyRoot, nodeHash } from '../../src/provenance/merkle-hash.ts';
import { consistencyPath, inclusionPath, treeRoot } from '../../src/provenance/tree-reader.ts';
import { hex, referenceRoot, sha512t } from './helpers.ts';

// RFC 6962 test leaves (transparency-dev/merkle), see ../shared/vectors/README.md.
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => Uint8Array.from(Buffer.from(h, 'hex')));
const ROOT_PREFIXES = [
  '6e340b9c',
  'fac54203',
  'aeb6bcfe',
  'd37ee418',
  '4e3bbb1f',
  '76e67dad',
  'ddb89be4',
  '5dc9da79',
];

async function storeWith(count: number, hash = sha256Hash) {
  const store = createMemoryLedgerStore();
  const leaves = Array.from({ length: count }, (_, i) => {
    const bytes = new TextEncoder().encode(`entry ${i}`);
    return { bytes, hash: leafHash(bytes, hash) };
  });
  // Append in uneven batches so frontier carry-over is exercised.
  for (let i = 0; i < leaves.length; i += 1 + (i % 5)) {
    await store.append(leaves.slice(i, i + 1 + (i % 5)), hash);
  }
  return { store, hashes: leaves.map((l) => l.hash) };
}

describe('RFC 9162 hashing', () => {
  it('hashes the empty tree to SHA-256 of nothing', () => {
    expect(hex(emptyRoot())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('matches the RFC 6962 known roots for sizes 1..8', async () => {
    const hashes = LEAVES.map((l) => leafHash(l));
    const store = createMemoryLedgerStore();
    for (const [i, h] of hashes.entries()) {
      await store.append([{ bytes: LEAVES[i] as Uint8Array, hash: h }], sha256Hash);
      const root = await treeRoot(store, i + 1, sha256Hash);
      expect(hex(root).slice(0, 8)).toBe(ROOT_PREFIXES[i]);
      expect(root).toEqual(referenceRoot(hashes.slice(0, i + 1), sha256));
    }
    expect(hex(await treeRoot(store, 0, sha256Hash))).toBe(hex(emptyRoot()));
  });

  it('default SHA-256 equals noble sha256 on any input, repeatedly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(sha256Hash(data)).toEqual(sha256(data));
        expect(sha256Hash(data)).toEqual(sha256(data));
      }),
    );
  });

  it('uses the domain-separation prefixes 0x00 and 0x01', () => {
    const data = Uint8Array.of(1, 2, 3);
    expect(leafHash(data)).toEqual(sha256(Uint8Array.of(0, 1, 2, 3)));
    const l = new Uint8Array(32).fill(7);
    const r = new Uint8Array(32).fill(9);
    expect(nodeHash(l, r)).toEqual(sha256(Uint8Array.from([1, ...l, ...r])));
  });

  it('uses the injected hash function everywhere', async () => {
    const data = Uint8Array.of(5);
    expect(leafHash(data, sha512t)).not.toEqual(leafHash(data));
    expect(hashSize(sha512t)).toBe(32);
    const { store, hashes } = await storeWith(13, sha512t);
    expect(await treeRoot(store, 13, sha512t)).toEqual(referenceRoot(hashes, sha512t));
    const proof = await inclusionPath(store, 6, 13, sha512t);
    const root = await treeRoot(store, 13, sha512t);
    const leaf = hashes[6] as Uint8Array;
    expect(
      verifyInclusion({ leafHash: leaf, index: 6, treeSize: 13, proof, root, hash: sha512t }),
    ).toBe(true);
    expect(verifyInclusion({ leafHash: leaf, index: 6, treeSize: 13, proof, root })).toBe(false);
  });

  it('does not modify the caller buffers', () => {
    const data = Uint8Array.of(1, 2, 3);
    leafHash(data);
    expect(data).toEqual(Uint8Array.of(1, 2, 3));
  });
});

describe('compact ranges', () => {
  it('decomposes ranges into aligned perfect subtrees', () => {
    expect(rangeNodeIds(0, 6)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
    ]);
    expect(rangeNodeIds(4, 7)).toEqual([
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(frontierIds(0)).toEqual([]);
    expect(frontierIds(2 ** 40 + 1)).toEqual([
      { level: 40, index: 0 },
      { level: 0, index: 2 ** 40 },
    ]);
  });

  it('frontierIds equals the compact range [0, size) on both sides of 2^31', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.nat(5000),
          fc.nat(2 ** 31 + 5),
          fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 32 + 3),
        ),
        (size) => {
          expect(frontierIds(size)).toEqual(rangeNodeIds(0, size));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('computes the same nodes in one batch as leaf by leaf', () => {
    const leaves = Array.from({ length: 11 }, (_, i) => leafHash(Uint8Array.of(i)));
    const batch = computeAppend({ size: 0, frontier: [], leafHashes: leaves, hash: sha256Hash });
    let frontier: Uint8Array[] = [];
    const single = [];
    for (const [i, leaf] of leaves.entries()) {
      const plan = computeAppend({ size: i, frontier, leafHashes: [leaf], hash: sha256Hash });
      single.push(...plan.nodes);
      frontier = plan.frontier;
    }
    expect(batch.nodes).toEqual(single);
    expect(batch.frontier).toEqual(frontier);
    // 11 leaves + 5 level-1 + 2 level-2 + 1 level-3 nodes.
    expect(batch.nodes.length).toBe(19);
  });

  it('rejects a frontier that does not fit the size', () => {
    expect(() =>
      computeAppend({ size: 3, frontier: [], leafHashes: [], hash: sha256Hash }),
    ).toThrow(RangeError);
  });
});

describe('proofs generated from stored nodes', () => {
  it('verifies every inclusion proof for every index and size up to 33', async () => {
    const { store, hashes } = await storeWith(33);
    for (let size = 1; size <= 33; size++) {
      const root = referenceRoot(hashes.slice(0, size), sha256);
      for (let index = 0; index < size; index++) {
        const proof = await inclusionPath(store, index, size, sha256Hash);
        const leaf = hashes[index] as Uint8Array;
        expect(safeVerifyInclusion({ leafHash: leaf, index, treeSize: size, proof, root })).toEqual(
          { ok: true, value: true },
        );
        if (size > 1) {
          expect(
            verifyInclusion({
              leafHash: leaf,
              index: (index + 1) % size,
              treeSize: size,
              proof,
              root,
            }),
          ).toBe(false);
        }
      }
    }
  });

  it('verifies every consistency proof between sizes up to 33', async () => {
    const { store, hashes } = await storeWith(33);
    for (let newSize = 1; newSize <= 33; newSize++) {
      const newRoot = referenceRoot(hashes.slice(0, newSize), sha256);
      for (let oldSize = 1; oldSize <= newSize; oldSize++) {
        const oldRoot = referenceRoot(hashes.slice(0, oldSize), sha256);
        const proof =
          oldSize === newSize ? [] : await consistencyPath(store, oldSize, newSize, sha256Hash);
        expect(safeVerifyConsistency({ oldSize, newSize, oldRoot, newRoot, proof })).toEqual({
          ok: true,
          value: true,
        });
      }
    }
  });

  it('holds for random sizes, and any flipped bit breaks it (property)', async () => {
    const { store, hashes } = await storeWith(300);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 299 }),
        fc.integer({ min: 1, max: 300 }),
        fc.nat(),
        async (size, rawIndex, rawOld, flip) => {
          const index = rawIndex % size;
          const oldSize = 1 + (rawOld % size);
          const root = referenceRoot(hashes.slice(0, size), sha256);
          const proof = await inclusionPath(store, index, size, sha256Hash);
          const leaf = hashes[index] as Uint8Array;
          expect(verifyInclusion({ leafHash: leaf, index, treeSize: size, proof, root })).toBe(
            true,
          );
          const oldRoot = referenceRoot(hashes.slice(0, oldSize), sha256);
          const cproof =
            oldSize === size ? [] : await consistencyPath(store, oldSize, size, sha256Hash);
          expect(
            verifyConsistency({ oldSize, newSize: size, oldRoot, newRoot: root, proof: cproof }),
          ).toBe(true);
          if (proof.length > 0) {
            const bad = proof.map((p) => p.slice());
            const target = bad[flip % bad.length] as Uint8Array;
            target[flip % 32] = (target[flip % 32] as number) ^ (1 << (flip % 8));
            expect(
              verifyInclusion({ leafHash: leaf, index, treeSize: size, proof: bad, root }),
            ).toBe(false);
          }
          if (cproof.length > 0) {
            const bad = cproof.map((p) => p.slice());
            const target = bad[flip % bad.length] as Uint8Array;
            target[0] = (target[0] as number) ^ 1;
            expect(
              verifyConsistency({ oldSize, newSize: size, oldRoot, newRoot: root, proof: bad }),
            ).toBe(false);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('proves inclusion in a tree of 2^16 + 3 leaves from O(log n) nodes', async () => {
    const store = createMemoryLedgerStore();
    const size = 2 ** 16 + 3;
    const batch = 8192;
    for (let from = 0; from < size; from += batch) {
      const leaves = [];
      for (let i = from; i < Math.min(size, from + batch); i++) {
        const bytes = Uint8Array.of(i & 255, (i >> 8) & 255, (i >> 16) & 255);
        leaves.push({ bytes, hash: leafHash(bytes) });
      }
      await store.append(leaves, sha256Hash);
    }
    let reads = 0;
    const counting = {
      ...store,
      getNodes: (ids: Parameters<typeof store.getNodes>[0]) => {
        reads += ids.length;
        return store.getNodes(ids);
      },
    };
    const root = await treeRoot(store, size, sha256Hash);
    const index = 47_777;
    const proof = await inclusionPath(counting, index, size, sha256Hash);
    const leaf = (await store.getNode(0, index)) as Uint8Array;
    expect(verifyInclusion({ leafHash: leaf, index, treeSize: size, proof, root })).toBe(true);
    expect(reads).toBeLessThanOrEqual(2 * 17);
  });
});

describe('verification input checks', () => {
  const h = leafHash(Uint8Array.of(1));
  it('rejects non-byte arguments with a typed error', () => {
    expect(() =>
      verifyInclusion({
        leafHash: 'x' as unknown as Uint8Array,
        index: 0,
        treeSize: 1,
        proof: [],
        root: h,
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_VALIDATION', reason: 'not-bytes' }));
    expect(() =>
      verifyConsistency({
        oldSize: 1,
        newSize: 1,
        oldRoot: h,
        newRoot: h,
        proof: [1] as unknown as Uint8Array[],
      }),
    ).toThrow(expect.objectContaining({ reason: 'not-bytes' }));
  });
  it('explains failures', () => {
    expect(
      safeVerifyInclusion({ leafHash: h, index: -1, treeSize: 1, proof: [], root: h }),
    ).toMatchObject({ ok: false, error: { reason: 'invalid-size' } });
    expect(
      safeVerifyInclusion({ leafHash: h, index: 1, treeSize: 1, proof: [], root: h }),
    ).toMatchObject({ ok: false, error: { reason: 'index-out-of-range' } });
    expect(
      safeVerifyInclusion({ leafHash: h, index: 0, treeSize: 2, proof: [], root: h }),
    ).toMatchObject({ ok: false, error: { reason: 'proof-too-short' } });
    expect(
      safeVerifyInclusion({ leafHash: h, index: 0, treeSize: 1, proof: [h], root: h }),
    ).toMatchObject({ ok: false, error: { reason: 'proof-too-long' } });
    expect(
      safeVerifyInclusion({ leafHash: h.slice(1), index: 0, treeSize: 1, proof: [], root: h }),
    ).toMatchObject({ ok: false, error: { reason: 'bad-hash-length' } });
    expect(
      safeVerifyConsistency({ oldSize: 0, newSize: 1, oldRoot: h, newRoot: h, proof: [] }),
    ).toMatchObject({ ok: false, error: { reason: 'old-size-zero' } });
    expect(
      safeVerifyConsistency({ oldSize: 2, newSize: 1, oldRoot: h, newRoot: h, proof: [] }),
    ).toMatchObject({ ok: false, error: { reason: 'old-size-greater' } });
    expect(
      safeVerifyConsistency({ oldSize: 1, newSize: 1, oldRoot: h, newRoot: h, proof: [h] }),
    ).toMatchObject({ ok: false, error: { reason: 'proof-not-empty' } });
  });
});
