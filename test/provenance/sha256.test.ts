import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../src/core/bytes.ts';
import { sha256Hash } from '../../src/provenance/hash-function.ts';
import { hashLeaf, hashNode } from '../../src/provenance/merkle-hash.ts';

// The default tree hash is a one-shot SHA-256; FIPS 180-4 examples and
// @noble/hashes are the references.
describe('sha256Hash', () => {
  it('matches the FIPS 180-4 / NIST example vectors', () => {
    expect(toHex(sha256Hash(utf8('')))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(toHex(sha256Hash(utf8('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(
      toHex(sha256Hash(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))),
    ).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(toHex(sha256Hash(new Uint8Array(1_000_000).fill(0x61)))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('equals @noble/hashes at every length around the block and padding edges', () => {
    for (let n = 0; n <= 260; n++) {
      const data = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(toHex(sha256Hash(data))).toBe(toHex(sha256(data)));
    }
  });

  it('equals @noble/hashes on random inputs, and leaf/node hashes equal H(prefix || …)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.uint8Array({ maxLength: 70 }), (a, b) => {
        expect(toHex(sha256Hash(a))).toBe(toHex(sha256(a)));
        expect(toHex(hashLeaf(a, sha256Hash))).toBe(toHex(sha256(new Uint8Array([0, ...a]))));
        expect(toHex(hashNode(a, b, sha256Hash))).toBe(
          toHex(sha256(new Uint8Array([1, ...a, ...b]))),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('does not keep or modify its input', () => {
    const data = new Uint8Array(100).fill(7);
    const first = sha256Hash(data);
    expect(data.every((x) => x === 7)).toBe(true);
    sha256Hash(new Uint8Array(5000).fill(1));
    expect(sha256Hash(data)).toEqual(first);
  });
});
