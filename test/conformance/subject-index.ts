// Conformance suite every SubjectIndex (memory, SQLite, PostgreSQL) must pass.
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/core/bytes.ts';
import type { SubjectIndex } from '../../src/pipeline/index.ts';

/** Digest n as a test stands it in: 16 bytes, big-endian n in the last four. */
function raw(...ns: number[]): Uint8Array {
  return rawOf(ns);
}

function rawOf(ns: readonly number[]): Uint8Array {
  const out = new Uint8Array(ns.length * 16);
  const view = new DataView(out.buffer);
  for (let i = 0; i < ns.length; i++) view.setUint32(i * 16 + 12, ns[i] as number);
  return out;
}
const hex = (n: number) => toHex(raw(n));

async function read(index: SubjectIndex, id: string): Promise<string[] | undefined> {
  const found = await index.subjectsOf({ id });
  if (found === undefined) return undefined;
  const out: string[] = [];
  for await (const digest of found) out.push(digest);
  return out;
}

/**
 * Registers the subject index conformance tests.
 *
 * @param name - label of the index under test
 * @param factory - returns a fresh, empty index
 */
export function runSubjectIndexConformance(
  name: string,
  factory: () => Promise<SubjectIndex> | SubjectIndex,
): void {
  describe(`SubjectIndex conformance: ${name}`, () => {
    it('knows no copy until one is filed; a filed copy with no subjects is known and empty', async () => {
      const index = await factory();
      expect(await read(index, 'c1')).toBeUndefined();
      await index.record({ id: 'c1' }, new Set());
      expect(await read(index, 'c1')).toEqual([]);
      expect(await read(index, 'c2')).toBeUndefined();
    });

    it('records a copy and returns its digests sorted, separately from other copies', async () => {
      const index = await factory();
      await index.record({ id: 'c1' }, new Set([hex(3), hex(1), hex(2)]));
      await index.record({ id: 'c2' }, new Set([hex(2), hex(9)]));
      expect(await read(index, 'c1')).toEqual([hex(1), hex(2), hex(3)]);
      expect(await read(index, 'c2')).toEqual([hex(2), hex(9)]);
    });

    it('replaces a copy’s earlier filing instead of adding to it', async () => {
      const index = await factory();
      await index.record({ id: 'c1' }, new Set([hex(1), hex(2)]));
      await index.record({ id: 'c1' }, new Set([hex(7)]));
      expect(await read(index, 'c1')).toEqual([hex(7)]);
      const filing = await index.stage({ id: 'c1' });
      await filing.add(raw(8, 9));
      await filing.commit();
      expect(await read(index, 'c1')).toEqual([hex(8), hex(9)]);
    });

    it('keeps a staged filing invisible until commit, and each digest once', async () => {
      const index = await factory();
      await index.record({ id: 'c1' }, new Set([hex(1)]));
      const filing = await index.stage({ id: 'c1' });
      await filing.add(raw(5, 4, 5));
      await filing.add(raw(4, 6));
      await filing.add(new Uint8Array(0));
      expect(await read(index, 'c1')).toEqual([hex(1)]);
      expect(await read(index, 'fresh')).toBeUndefined();
      await filing.commit();
      expect(await read(index, 'c1')).toEqual([hex(4), hex(5), hex(6)]);
      await expect(async () => filing.add(raw(7))).rejects.toMatchObject({
        name: 'ValidationError',
        reason: 'filing-closed',
      });
    });

    it('abort drops what was staged and leaves the earlier filing', async () => {
      const index = await factory();
      await index.record({ id: 'c1' }, new Set([hex(1)]));
      const filing = await index.stage({ id: 'c1' });
      await filing.add(raw(2, 3));
      await filing.abort();
      await filing.abort();
      expect(await read(index, 'c1')).toEqual([hex(1)]);
      const fresh = await index.stage({ id: 'c2' });
      await fresh.add(raw(2));
      await fresh.abort();
      expect(await read(index, 'c2')).toBeUndefined();
    });

    it('two filings of one copy staged together: the last committed wins whole', async () => {
      const index = await factory();
      const a = await index.stage({ id: 'c1' });
      const b = await index.stage({ id: 'c1' });
      await a.add(raw(1, 2));
      await b.add(raw(3));
      await a.add(raw(4));
      await b.commit();
      expect(await read(index, 'c1')).toEqual([hex(3)]);
      await a.commit();
      expect(await read(index, 'c1')).toEqual([hex(1), hex(2), hex(4)]);
    });

    it('keeps the key id each live filing was made under', async () => {
      const index = await factory();
      expect(await index.keyOf({ id: 'c1' })).toBeUndefined();
      await index.record({ id: 'c1' }, new Set([hex(1)]), 'k1');
      await index.record({ id: 'c2' }, new Set([hex(1)]));
      expect(await index.keyOf({ id: 'c1' })).toBe('k1');
      expect(await index.keyOf({ id: 'c2' })).toBeUndefined();
      const filing = await index.stage({ id: 'c1' }, 'k2');
      await filing.add(raw(2));
      expect(await index.keyOf({ id: 'c1' })).toBe('k1');
      await filing.commit();
      expect(await index.keyOf({ id: 'c1' })).toBe('k2');
    });

    it('reads a large filing whole, across pages, in order', async () => {
      const index = await factory();
      const filing = await index.stage({ id: 'big' });
      const total = 20_011;
      // Added in a scrambled order (a multiplicative permutation of 0…total-1), in batches.
      const order = Array.from({ length: total }, (_, i) => (i * 7919) % total);
      for (let at = 0; at < total; at += 3000) await filing.add(rawOf(order.slice(at, at + 3000)));
      await filing.commit();
      const digests = (await read(index, 'big')) ?? [];
      expect(digests).toHaveLength(total);
      expect(digests[0]).toBe(hex(0));
      expect(digests[total - 1]).toBe(hex(total - 1));
      expect(digests.every((d, i) => i === 0 || (digests[i - 1] as string) < d)).toBe(true);
    });

    it('refuses malformed digests without quoting them, and files nothing', async () => {
      const index = await factory();
      for (const bad of ['a1', 'ABCDEF0123456789ABCDEF0123456789', `${'0'.repeat(31)}g`]) {
        await expect(async () =>
          index.record({ id: 'c1' }, new Set([hex(1), bad])),
        ).rejects.toThrow(
          expect.objectContaining({
            name: 'ValidationError',
            reason: 'bad-subject-digest',
            message: expect.not.stringContaining(bad),
          }),
        );
      }
      expect(await read(index, 'c1')).toBeUndefined();
      const filing = await index.stage({ id: 'c1' });
      await expect(async () => filing.add(new Uint8Array(15))).rejects.toMatchObject({
        name: 'ValidationError',
        reason: 'bad-subject-digest',
      });
      await filing.abort();
    });
  });
}
