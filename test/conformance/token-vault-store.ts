// Conformance suite for TokenVault implementations: the memory vault runs it
// in test/deidentify, the SQLite and PostgreSQL stores run it in test/store.
import { describe, expect, it } from 'vitest';
import type { TokenVault, TokenVaultEntry } from '../../src/deidentify/index.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const entry = (index: number, token: string, subject?: string): TokenVaultEntry => ({
  index: bytes(index, index, index),
  token,
  sealed: bytes(100 + index, 7),
  ...(subject === undefined ? {} : { subject }),
});

/**
 * Registers the TokenVault conformance tests.
 *
 * @param name - the implementation's name, for the describe block
 * @param factory - makes a new, empty vault (and may return a cleanup)
 */
export function runTokenVaultStoreConformance(
  name: string,
  factory: () => Promise<TokenVault> | TokenVault,
): void {
  describe(`TokenVault conformance: ${name}`, () => {
    it('stores new entries and returns their proposed tokens', async () => {
      const vault = await factory();
      expect(await vault.tokenize('d', [entry(1, 't1'), entry(2, 't2')])).toEqual(['t1', 't2']);
      expect(await vault.lookup('d', ['t1', 't2', 'missing'])).toEqual([
        bytes(101, 7),
        bytes(102, 7),
        undefined,
      ]);
    });

    it('returns the existing token for a known index', async () => {
      const vault = await factory();
      await vault.tokenize('d', [entry(1, 't1')]);
      expect(await vault.tokenize('d', [entry(1, 'other')])).toEqual(['t1']);
      expect(await vault.lookup('d', ['other'])).toEqual([undefined]);
    });

    it('returns undefined when a proposed token belongs to another index', async () => {
      const vault = await factory();
      await vault.tokenize('d', [entry(1, 't1')]);
      expect(await vault.tokenize('d', [entry(2, 't1')])).toEqual([undefined]);
      expect(await vault.tokenize('d', [entry(2, 't2')])).toEqual(['t2']);
    });

    it('handles repeated indexes within one call', async () => {
      const vault = await factory();
      expect(await vault.tokenize('d', [entry(3, 'a'), entry(3, 'b')])).toEqual(['a', 'a']);
    });

    it('keeps domains apart', async () => {
      const vault = await factory();
      await vault.tokenize('d1', [entry(1, 't1')]);
      expect(await vault.tokenize('d2', [entry(1, 't9')])).toEqual(['t9']);
      expect(await vault.tokenize('d2', [entry(5, 't1')])).toEqual(['t1']);
      expect(await vault.lookup('d1', ['t9'])).toEqual([undefined]);
      expect(await vault.lookup('d3', ['t1'])).toEqual([undefined]);
    });

    it("deletes a subject's tokens in every domain", async () => {
      const vault = await factory();
      await vault.tokenize('d1', [entry(1, 'a', 's1'), entry(2, 'b', 's2')]);
      await vault.tokenize('d2', [entry(1, 'c', 's1')]);
      expect(await vault.deleteSubject('s1')).toBe(2);
      expect(await vault.lookup('d1', ['a', 'b'])).toEqual([undefined, bytes(102, 7)]);
      expect(await vault.lookup('d2', ['c'])).toEqual([undefined]);
      expect(await vault.deleteSubject('s1')).toBe(0);
      // The freed index can be tokenized again, with a new token.
      expect(await vault.tokenize('d1', [entry(1, 'z', 's1')])).toEqual(['z']);
    });

    it('gives each subject its own token for an equal index', async () => {
      const vault = await factory();
      const shared = (token: string, subject?: string) => entry(4, token, subject);
      expect(
        await vault.tokenize('d', [shared('a', 's1'), shared('b', 's2'), shared('c')]),
      ).toEqual(['a', 'b', 'c']);
      // Each (subject, index) keeps its token; repeated in one call too.
      expect(
        await vault.tokenize('d', [
          shared('x', 's2'),
          shared('y', 's1'),
          shared('z'),
          shared('w', 's1'),
        ]),
      ).toEqual(['b', 'a', 'c', 'a']);
      expect(await vault.deleteSubject('s1')).toBe(1);
      expect(await vault.lookup('d', ['a', 'b', 'c'])).toEqual([
        undefined,
        bytes(104, 7),
        bytes(104, 7),
      ]);
      expect(await vault.deleteSubject('s2')).toBe(1);
      expect(await vault.lookup('d', ['b', 'c'])).toEqual([undefined, bytes(104, 7)]);
    });

    it('refuses an empty subject', async () => {
      const vault = await factory();
      await expect(vault.tokenize('d', [entry(1, 't1', '')])).rejects.toMatchObject({
        reason: 'invalid-entry',
        path: 'entries[0].subject',
      });
      expect(await vault.lookup('d', ['t1'])).toEqual([undefined]);
    });

    it('deletes tokens by value', async () => {
      const vault = await factory();
      await vault.tokenize('d', [entry(1, 'a'), entry(2, 'b')]);
      expect(await vault.deleteTokens('d', ['a', 'a', 'missing'])).toBe(1);
      expect(await vault.lookup('d', ['a', 'b'])).toEqual([undefined, bytes(102, 7)]);
      expect(await vault.deleteTokens('nope', ['b'])).toBe(0);
    });

    it('copies what it stores and returns', async () => {
      const vault = await factory();
      const e = entry(1, 't1');
      await vault.tokenize('d', [e]);
      (e.sealed as Uint8Array)[0] = 0;
      const [first] = await vault.lookup('d', ['t1']);
      (first as Uint8Array)[0] = 0;
      expect(await vault.lookup('d', ['t1'])).toEqual([bytes(101, 7)]);
    });

    it('stays consistent under concurrent calls', async () => {
      const vault = await factory();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => vault.tokenize('d', [entry(7, `t${i}`)])),
      );
      const tokens = new Set(results.map((r) => r[0]));
      expect(tokens.size).toBe(1);
    });
  });
}
