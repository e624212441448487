import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { fromBase64, utf8 } from '../../src/core/bytes.ts';
import {
  createNoteSigner,
  createNoteVerifier,
  formatVerifierKey,
  parseVerifierKey,
  type SignatureSchemeLike,
} from '../../src/provenance/index.ts';
import {
  NOTE_ALGORITHM_ED25519,
  NOTE_ALGORITHM_SM2,
  noteKeyId,
} from '../../src/provenance/note-keys.ts';
import { formatNote, isValidKeyName, parseNote } from '../../src/provenance/signed-note.ts';
import { safeVerifyNote, signNote, verifyNote } from '../../src/provenance/verify-note.ts';
import { sharedPath } from '../fixtures/shared-path.ts';
import { SECRET } from './helpers.ts';

const vector = JSON.parse(readFileSync(sharedPath('vectors/signed-note.json'), 'utf8')) as {
  verifierKey: string;
  text: string;
  signatureLine: string;
};
const vectorNote = `${vector.text}\n${vector.signatureLine}\n`;

describe('C2SP signed-note example', () => {
  it('parses the verifier key and checks its key id', () => {
    const verifier = parseVerifierKey(vector.verifierKey);
    expect(verifier.name).toBe('example.com/foo');
    expect(verifier.keyId.toString(16)).toBe('530d903a');
    const [, , key] = vector.verifierKey.split('+');
    const bytes = fromBase64(key as string) as Uint8Array;
    const expected = sha256(new Uint8Array([...utf8('example.com/foo'), 0x0a, ...bytes]));
    expect(verifier.keyId).toBe(new DataView(expected.buffer).getUint32(0));
    expect(formatVerifierKey(verifier)).toBe(vector.verifierKey);
  });

  it('verifies the example note', () => {
    const verifier = parseVerifierKey(vector.verifierKey);
    const opened = verifyNote(vectorNote, [verifier]);
    expect(opened.text).toBe(vector.text);
    expect(opened.verifiedBy).toEqual([verifier]);
  });

  it('rejects the example note once its text changes', () => {
    const verifier = parseVerifierKey(vector.verifierKey);
    const tampered = vectorNote.replace('example', 'exempla');
    expect(safeVerifyNote(tampered, [verifier])).toMatchObject({
      ok: false,
      error: { reason: 'bad-signature' },
    });
    expect(() => verifyNote(tampered, [verifier])).toThrow(
      expect.objectContaining({ code: 'ERR_INTEGRITY', reason: 'bad-signature' }),
    );
  });

  it('rejects a verifier key whose id does not match the key', () => {
    const wrong = vector.verifierKey.replace('530d903a', '530d903b');
    expect(() => parseVerifierKey(wrong)).toThrow(
      expect.objectContaining({ reason: 'malformed-verifier-key' }),
    );
    expect(() => parseVerifierKey('no-plus-signs')).toThrow(
      expect.objectContaining({ reason: 'malformed-verifier-key' }),
    );
    expect(() => parseVerifierKey('a+530d903a+Ag==')).toThrow(
      expect.objectContaining({ reason: 'malformed-verifier-key' }),
    );
  });
});

describe('signing and opening notes', () => {
  const signer = createNoteSigner({ name: 'example.gov.cn/ledger', secretKey: SECRET });
  const verifier = createNoteVerifier({
    name: 'example.gov.cn/ledger',
    publicKey: ed25519.getPublicKey(SECRET),
  });

  it('computes the C2SP key id for Ed25519', () => {
    const pub = ed25519.getPublicKey(SECRET);
    expect(signer.keyId).toBe(noteKeyId('example.gov.cn/ledger', NOTE_ALGORITHM_ED25519, pub));
    expect(verifier.keyId).toBe(signer.keyId);
    expect(parseVerifierKey(formatVerifierKey(signer)).keyId).toBe(signer.keyId);
  });

  it('signs and opens a note', () => {
    const note = signNote('hello\nworld\n', [signer]);
    expect(note.startsWith('hello\nworld\n\n\u2014 example.gov.cn/ledger ')).toBe(true);
    expect(verifyNote(note, [verifier]).text).toBe('hello\nworld\n');
    // Ed25519 is deterministic: same text, same note.
    expect(signNote('hello\nworld\n', [signer])).toBe(note);
  });

  it('ignores unknown signatures but needs one known signature', () => {
    const other = createNoteSigner({
      name: 'other.example/key',
      secretKey: new Uint8Array(32).fill(9),
    });
    const note = signNote('text\n', [other, signer]);
    expect(verifyNote(note, [verifier]).verifiedBy).toEqual([verifier]);
    expect(safeVerifyNote(signNote('text\n', [other]), [verifier])).toMatchObject({
      ok: false,
      error: { reason: 'no-known-signature' },
    });
  });

  it('ignores a key that shares only the name or only the id', () => {
    const sameName = createNoteVerifier({
      name: 'example.gov.cn/ledger',
      publicKey: ed25519.getPublicKey(new Uint8Array(32).fill(3)),
    });
    const note = signNote('text\n', [signer]);
    expect(safeVerifyNote(note, [sameName])).toMatchObject({
      ok: false,
      error: { reason: 'no-known-signature' },
    });
  });

  it('parses the text up to the last blank line', () => {
    const note = signNote('a\n\nb\n', [signer]);
    const parsed = parseNote(note);
    expect(parsed.text).toBe('a\n\nb\n');
    expect(parsed.signatures).toHaveLength(1);
    expect(parsed.signatures[0]?.keyId).toBe(signer.keyId);
  });

  it.each([
    ['no trailing newline', 'text\n\n\u2014 k AAAAAQE='],
    ['no blank line', 'text\n\u2014 k AAAAAQE=\n'],
    ['a control character', 'te\u0007xt\n\n\u2014 k AAAAAQE=\n'],
    ['a line without em dash', 'text\n\n- k AAAAAQE=\n'],
    ['a name with a plus', 'text\n\n\u2014 k+1 AAAAAQE=\n'],
    ['a short signature', 'text\n\n\u2014 k AAAA\n'],
    ['bad base64', 'text\n\n\u2014 k !!!!\n'],
    ['no signatures', 'text\n\n'],
  ])('rejects a note with %s', (_, note) => {
    expect(() => parseNote(note)).toThrow(expect.objectContaining({ reason: 'malformed-note' }));
    expect(safeVerifyNote(note, [verifier])).toMatchObject({
      ok: false,
      error: { reason: 'malformed-note' },
    });
  });

  it('refuses to sign invalid text', () => {
    expect(() => signNote('no newline', [signer])).toThrow(
      expect.objectContaining({ reason: 'malformed-note' }),
    );
    expect(() => signNote('tab\there\n', [signer])).toThrow(
      expect.objectContaining({ reason: 'malformed-note' }),
    );
    expect(() => signNote('ok\n', [])).toThrow(expect.objectContaining({ reason: 'no-signer' }));
    expect(() =>
      formatNote('ok\n', [{ name: 'a b', keyId: 1, signature: new Uint8Array(1) }]),
    ).toThrow(expect.objectContaining({ reason: 'invalid-key-name' }));
  });

  it('validates keys', () => {
    expect(() => createNoteSigner({ name: 'name', secretKey: new Uint8Array(31) })).toThrow(
      expect.objectContaining({ code: 'ERR_KEY' }),
    );
    expect(() => createNoteVerifier({ name: 'name', publicKey: new Uint8Array(33) })).toThrow(
      expect.objectContaining({ code: 'ERR_KEY' }),
    );
    expect(() => createNoteSigner({ name: 'bad name', secretKey: SECRET })).toThrow(
      expect.objectContaining({ reason: 'invalid-key-name' }),
    );
  });

  it("treats key-name whitespace as Go's unicode.IsSpace does (U+0085 out, U+FEFF in)", () => {
    const spaces = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x200a];
    for (const cp of [...spaces, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]) {
      expect({ cp, valid: isValidKeyName(`a${String.fromCodePoint(cp)}b`) }).toEqual({
        cp,
        valid: false,
      });
    }
    for (const cp of [0xfeff, 0x200b, 0x180e, 0x2060, 0x1c, 0x1f]) {
      expect({ cp, valid: isValidKeyName(`a${String.fromCodePoint(cp)}b`) }).toEqual({
        cp,
        valid: true,
      });
    }
    expect(() => createNoteSigner({ name: 'log\u0085example', secretKey: SECRET })).toThrow(
      expect.objectContaining({ code: 'ERR_VALIDATION', reason: 'invalid-key-name' }),
    );
    expect(createNoteSigner({ name: 'log\ufeffexample', secretKey: SECRET }).name).toBe(
      'log\ufeffexample',
    );
    expect(() => parseNote('text\n\n\u2014 a\u0085b AAAAAQE=\n')).toThrow(
      expect.objectContaining({ reason: 'malformed-note' }),
    );
    expect(parseNote('text\n\n\u2014 a\ufeffb AAAAAQE=\n').signatures[0]?.name).toBe('a\ufeffb');
  });

  it('never leaks the secret key through the signer object', () => {
    const text = JSON.stringify(signer);
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(Object.values(signer)).not.toContainEqual(SECRET);
  });
});

describe('pluggable algorithms (SM2)', () => {
  // A stand-in scheme with the SignatureScheme shape of dataguard/crypto.
  const fake: SignatureSchemeLike = {
    name: 'sm2',
    getPublicKey: (sk) => Uint8Array.from([4, ...sk, ...sk]),
    sign: (sk, m) => sha256(new Uint8Array([...sk, ...m])),
    verify: (pk, m, s) =>
      Buffer.from(sha256(new Uint8Array([...pk.subarray(1, 33), ...m]))).equals(Buffer.from(s)),
  };

  it('uses type 0xff with the dataguard/sm2-sm3 identifier', () => {
    expect(NOTE_ALGORITHM_SM2[0]).toBe(0xff);
    expect(new TextDecoder().decode(NOTE_ALGORITHM_SM2.subarray(1))).toBe('dataguard/sm2-sm3');
  });

  it('signs with a scheme and verifies through a parsed verifier key', () => {
    const signer = createNoteSigner({ name: 'gov.example/sm2', scheme: fake, secretKey: SECRET });
    const note = signNote('x\n', [signer]);
    const key = formatVerifierKey(signer);
    expect(() => parseVerifierKey(key)).toThrow(
      expect.objectContaining({ reason: 'unsupported-algorithm' }),
    );
    const verifier = parseVerifierKey(key, { schemes: [fake] });
    expect(verifier.keyId).toBe(noteKeyId('gov.example/sm2', NOTE_ALGORITHM_SM2, signer.publicKey));
    expect(verifyNote(note, [verifier]).text).toBe('x\n');
    expect(
      signer.verifier?.verify(utf8('x\n'), parseNote(note).signatures[0]?.signature as Uint8Array),
    ).toBe(true);
  });

  it('accepts any sign/verify pair through createNoteSigner/createNoteVerifier', () => {
    const pub = Uint8Array.of(1, 2, 3);
    const signer = createNoteSigner({
      name: 'hsm.example/k',
      algorithm: Uint8Array.of(0xff, 1),
      publicKey: pub,
      sign: () => Uint8Array.of(42),
    });
    const verifier = createNoteVerifier({
      name: 'hsm.example/k',
      algorithm: Uint8Array.of(0xff, 1),
      publicKey: pub,
      verify: (_, s) => s.length === 1 && s[0] === 42,
    });
    expect(verifyNote(signNote('y\n', [signer]), [verifier]).text).toBe('y\n');
    const throwing = createNoteVerifier({
      name: 'hsm.example/k',
      algorithm: Uint8Array.of(0xff, 1),
      publicKey: pub,
      verify: () => {
        throw new Error('boom');
      },
    });
    expect(throwing.verify(utf8('y\n'), Uint8Array.of(1))).toBe(false);
  });

  it.skipIf(!existsSync(resolve(import.meta.dirname, '../../src/crypto/sm2.ts')))(
    'works with the real SM2 of dataguard/crypto',
    async () => {
      const { sm2 } = (await import('../../src/crypto/sm2.ts')) as unknown as {
        sm2: SignatureSchemeLike;
      };
      const secret = sha256(utf8('sm2 test key'));
      const signer = createNoteSigner({ name: 'gov.example/sm2', scheme: sm2, secretKey: secret });
      const note = signNote('checkpoint\n', [signer]);
      const verifier = parseVerifierKey(formatVerifierKey(signer), { schemes: [sm2] });
      expect(verifyNote(note, [verifier]).text).toBe('checkpoint\n');
      expect(safeVerifyNote(note.replace('checkpoint', 'checkpoinT'), [verifier]).ok).toBe(false);
    },
  );
});
