// Conformance suite for LedgerStore backends: memory runs it now, SQLite and
// PostgreSQL reuse it. Call it at a test file's top level.
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { sha256Hash } from '../../src/provenance/hash-function.ts';
import {
  type HashFunction,
  type LedgerStore,
  leafHash,
  type StoredCheckpoint,
} from '../../src/provenance/index.ts';
import { nodeHash } from '../../src/provenance/merkle-hash.ts';

const encoder = new TextEncoder();

function leafOf(text: string, hash: HashFunction = sha256Hash) {
  const bytes = encoder.encode(text);
  return { bytes, hash: leafHash(bytes, hash) };
}

/** Reference Merkle tree hash (RFC 9162 §2.1.1), recursive and slow on purpose. */
function referenceRoot(hashes: readonly Uint8Array[], hash: HashFunction): Uint8Array {
  if (hashes.length === 0) return hash(new Uint8Array(0));
  if (hashes.length === 1) return hashes[0] as Uint8Array;
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return nodeHash(
    referenceRoot(hashes.slice(0, k), hash),
    referenceRoot(hashes.slice(k), hash),
    hash,
  );
}

function checkpoint(size: number, tag: string): StoredCheckpoint {
  return { size, root: sha256(encoder.encode(tag)), note: `example.org/log\n${size}\n${tag}\n` };
}

/**
 * Runs the LedgerStore contract against a backend.
 *
 * @param name - backend name for the test titles
 * @param factory - returns a new, empty store for each test
 */
export function runLedgerStoreConformance(
  name: string,
  factory: () => Promise<LedgerStore> | LedgerStore,
): void {
  describe(`LedgerStore conformance: ${name}`, () => {
    it('starts empty', async () => {
      const store = await factory();
      expect(await store.size()).toBe(0);
      expect(await store.getLeaf(0)).toBeUndefined();
      expect(await store.getLeaves(0, 10)).toEqual([]);
      expect(await store.getNode(0, 0)).toBeUndefined();
      expect(await store.listCheckpoints()).toEqual([]);
      expect(await store.latestCheckpoint()).toBeUndefined();
    });

    it('appends leaves and reports where they landed', async () => {
      const store = await factory();
      expect(await store.append([leafOf('a'), leafOf('b')], sha256Hash)).toEqual({
        firstIndex: 0,
        size: 2,
      });
      expect(await store.append([leafOf('c')], sha256Hash)).toEqual({ firstIndex: 2, size: 3 });
      expect(await store.append([], sha256Hash)).toEqual({ firstIndex: 3, size: 3 });
      expect(await store.size()).toBe(3);
      const leaf = await store.getLeaf(1);
      expect(new TextDecoder().decode(leaf?.bytes)).toBe('b');
      expect(leaf?.hash).toEqual(leafOf('b').hash);
      const range = await store.getLeaves(1, 10);
      expect(range.map((l) => new TextDecoder().decode(l.bytes))).toEqual(['b', 'c']);
      expect(range.map((l) => l.index)).toEqual([1, 2]);
      expect(leaf?.index).toBe(1);
      expect(await store.getLeaves(2, 1)).toEqual([]);
      expect(await store.getLeaf(3)).toBeUndefined();
      expect(await store.getLeaf(-1)).toBeUndefined();
    });

    it('does not keep references to caller buffers', async () => {
      const store = await factory();
      const leaf = leafOf('original');
      const original = leaf.bytes.slice();
      await store.append([leaf], sha256Hash);
      leaf.bytes.fill(0);
      expect((await store.getLeaf(0))?.bytes).toEqual(original);
    });

    it('stores every perfect subtree node, equal to the reference tree', async () => {
      const store = await factory();
      const leaves = Array.from({ length: 37 }, (_, i) => leafOf(`leaf ${i}`));
      // Uneven batches exercise frontier carry-over between appends.
      for (const [from, to] of [
        [0, 1],
        [1, 4],
        [4, 5],
        [5, 20],
        [20, 37],
      ] as const) {
        await store.append(leaves.slice(from, to), sha256Hash);
      }
      const hashes = leaves.map((l) => l.hash);
      for (let level = 0; 2 ** level <= hashes.length; level++) {
        const width = 2 ** level;
        const count = Math.floor(hashes.length / width);
        for (let index = 0; index < count; index++) {
          const expected = referenceRoot(hashes.slice(index * width, (index + 1) * width), sha256);
          expect(await store.getNode(level, index)).toEqual(expected);
        }
        expect(await store.getNode(level, count)).toBeUndefined();
        const row = await store.getNodeRange(level, 0, count + 5);
        expect(row.length).toBe(count);
      }
      const ids = [
        { level: 5, index: 0 },
        { level: 0, index: 36 },
        { level: 6, index: 0 },
      ];
      const batch = await store.getNodes(ids);
      expect(batch[0]).toEqual(referenceRoot(hashes.slice(0, 32), sha256));
      expect(batch[1]).toEqual(hashes[36]);
      expect(batch[2]).toBeUndefined();
    });

    it('hashes nodes with the hash function it is given', async () => {
      const store = await factory();
      const sha512t: HashFunction = (data) => sha512(data).subarray(0, 32);
      const leaves = [leafOf('x', sha512t), leafOf('y', sha512t)];
      await store.append(leaves, sha512t);
      expect(await store.getNode(1, 0)).toEqual(
        nodeHash(leaves[0]?.hash as Uint8Array, leaves[1]?.hash as Uint8Array, sha512t),
      );
    });

    it('serializes concurrent appends without losing or duplicating leaves', async () => {
      const store = await factory();
      const batches = Array.from({ length: 16 }, (_, b) =>
        Array.from({ length: 1 + (b % 3) }, (_, i) => leafOf(`b${b}-${i}`)),
      );
      const results = await Promise.all(batches.map((batch) => store.append(batch, sha256Hash)));
      const total = batches.reduce((n, b) => n + b.length, 0);
      expect(await store.size()).toBe(total);
      const starts = results.map((r) => r.firstIndex).sort((a, b) => a - b);
      expect(new Set(starts).size).toBe(batches.length);
      // Each batch is contiguous: its leaves sit at firstIndex.. in order.
      for (const [b, result] of results.entries()) {
        const stored = await store.getLeaves(
          result.firstIndex,
          result.firstIndex + (batches[b] as unknown[]).length,
        );
        expect(stored.map((l) => l.hash)).toEqual(batches[b]?.map((l) => l.hash));
      }
      const all = await store.getLeaves(0, total);
      expect(all.map((l) => l.index)).toEqual(Array.from({ length: total }, (_, i) => i));
      const top = await store.getNodes([{ level: 4, index: 0 }]);
      expect(top[0]).toEqual(
        referenceRoot(
          all.slice(0, 16).map((l) => l.hash),
          sha256,
        ),
      );
    });

    it('keeps checkpoints ordered by size', async () => {
      const store = await factory();
      await store.putCheckpoint(checkpoint(5, 'five'));
      await store.putCheckpoint(checkpoint(2, 'two'));
      await store.putCheckpoint(checkpoint(9, 'nine'));
      await store.putCheckpoint(checkpoint(9, 'nine again'));
      const list = await store.listCheckpoints();
      expect(list.map((c) => c.size)).toEqual([2, 5, 9, 9]);
      expect(list[0]?.note).toBe(checkpoint(2, 'two').note);
      expect(list[0]?.root).toEqual(checkpoint(2, 'two').root);
      expect((await store.latestCheckpoint())?.note).toBe(checkpoint(9, 'nine again').note);
    });
  });
}
