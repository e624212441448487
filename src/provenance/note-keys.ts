import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, fromBase64, fromHex, toBase64, utf8 } from '../core/bytes.ts';
import { KeyError, ValidationError } from '../errors/kinds.ts';
import { isValidKeyName } from './signed-note.ts';

/**
 * C2SP signed-note signature type 0x01: Ed25519 (RFC 8032) over the note text.
 */
export const NOTE_ALGORITHM_ED25519: Uint8Array = /* @__PURE__ */ Uint8Array.of(0x01);

/**
 * SM2 (GB/T 32918.2, with SM3 and the default user id `1234567812345678`)
 * over the note text, signature `r || s` (64 bytes), public key `04 || x || y`.
 * C2SP assigns no byte to SM2, so this uses the reserved type 0xff followed
 * by the identifier `dataguard/sm2-sm3`, as the spec recommends for
 * unassigned types. The key id hashes all of these bytes.
 */
export const NOTE_ALGORITHM_SM2: Uint8Array = /* @__PURE__ */ concatBytes(
  Uint8Array.of(0xff),
  utf8('dataguard/sm2-sm3'),
);

/** A note key: its name, signature type bytes, public key and C2SP key id. */
export interface NoteKey {
  readonly name: string;
  /** Signature type identifier bytes (0x01 for Ed25519; see NOTE_ALGORITHM_SM2). */
  readonly algorithm: Uint8Array;
  readonly publicKey: Uint8Array;
  /** `SHA-256(name || 0x0A || algorithm || publicKey)[:4]` as a big-endian uint32. */
  readonly keyId: number;
}

/** A key that signs notes. */
export interface NoteSigner extends NoteKey {
  sign(message: Uint8Array): Uint8Array;
  /** The matching verifier, when the signer can build one. */
  readonly verifier?: NoteVerifier | undefined;
}

/** A key that verifies note signatures. */
export interface NoteVerifier extends NoteKey {
  /** True only for a valid signature; never throws on malformed input. */
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/**
 * A signature scheme as dataguard/crypto defines it (structural, so this
 * module does not import crypto): Ed25519 or SM2.
 */
export interface SignatureSchemeLike {
  readonly name: 'ed25519' | 'sm2';
  getPublicKey(secretKey: Uint8Array): Uint8Array;
  sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array;
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/**
 * The C2SP key id: first four bytes (big-endian) of
 * `SHA-256(name || 0x0A || algorithm || publicKey)`. SHA-256 also under the
 * national suite: the id is an identifier fixed by the note format.
 *
 * @param name - key name
 * @param algorithm - signature type bytes
 * @param publicKey - encoded public key
 * @returns the key id as an unsigned 32-bit integer
 * @example
 * ```ts
 * import { ed25519 } from 'dataguard/crypto';
 * import { NOTE_ALGORITHM_ED25519, noteKeyId } from 'dataguard/provenance';
 * const publicKey = ed25519.getPublicKey(ed25519.generateSecretKey());
 * typeof noteKeyId('example.com/foo', NOTE_ALGORITHM_ED25519, publicKey); // 'number'
 * ```
 */
export function noteKeyId(name: string, algorithm: Uint8Array, publicKey: Uint8Array): number {
  const digest = sha256(concatBytes(utf8(name), Uint8Array.of(0x0a), algorithm, publicKey));
  return new DataView(digest.buffer, digest.byteOffset).getUint32(0, false);
}

function assertKeyName(name: string): void {
  if (typeof name !== 'string' || !isValidKeyName(name)) {
    throw new ValidationError('note key name must be non-empty without spaces or "+"', {
      path: 'name',
      reason: 'invalid-key-name',
    });
  }
}

function assertKeyBytes(value: unknown, path: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array) || value.length === 0) {
    throw new ValidationError(`${path} must be a non-empty Uint8Array`, {
      path,
      reason: 'not-bytes',
    });
  }
}

/**
 * Builds a note signer from any signature function (Ed25519, SM2, an HSM…).
 *
 * @param key - name, algorithm bytes, public key, `sign`, and optionally `verify` for the matching verifier
 * @returns a {@link NoteSigner}
 * @throws {ValidationError} on an invalid name or key bytes
 * @example
 * ```ts
 * import { sm2 } from 'dataguard/crypto';
 * import { NOTE_ALGORITHM_SM2, createNoteSigner } from 'dataguard/provenance';
 * const secretKey = sm2.generateSecretKey();
 * const signer = createNoteSigner({ name: 'log.example', algorithm: NOTE_ALGORITHM_SM2,
 *   publicKey: sm2.getPublicKey(secretKey), sign: (message) => sm2.sign(secretKey, message) });
 * signer.name; // 'log.example'
 * ```
 */
export function createNoteSigner(key: {
  readonly name: string;
  readonly algorithm: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly sign: (message: Uint8Array) => Uint8Array;
  readonly verify?: ((message: Uint8Array, signature: Uint8Array) => boolean) | undefined;
}): NoteSigner {
  assertKeyName(key.name);
  assertKeyBytes(key.algorithm, 'algorithm');
  assertKeyBytes(key.publicKey, 'publicKey');
  const algorithm = key.algorithm.slice();
  const publicKey = key.publicKey.slice();
  const keyId = noteKeyId(key.name, algorithm, publicKey);
  const verifier =
    key.verify === undefined
      ? undefined
      : createNoteVerifier({ name: key.name, algorithm, publicKey, verify: key.verify });
  const sign = key.sign;
  return {
    name: key.name,
    algorithm,
    publicKey,
    keyId,
    sign: (message) => sign(message),
    verifier,
  };
}

/**
 * Builds a note verifier from any verification function.
 *
 * @param key - name, algorithm bytes, public key and `verify`
 * @returns a {@link NoteVerifier} whose `verify` never throws
 * @throws {ValidationError} on an invalid name or key bytes
 * @example
 * ```ts
 * import { sm2 } from 'dataguard/crypto';
 * import { NOTE_ALGORITHM_SM2, createNoteVerifier } from 'dataguard/provenance';
 * const publicKey = sm2.getPublicKey(sm2.generateSecretKey());
 * const verifier = createNoteVerifier({ name: 'log.example', algorithm: NOTE_ALGORITHM_SM2, publicKey,
 *   verify: (message, signature) => sm2.verify(publicKey, message, signature) });
 * verifier.name; // 'log.example'
 * ```
 */
export function createNoteVerifier(key: {
  readonly name: string;
  readonly algorithm: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly verify: (message: Uint8Array, signature: Uint8Array) => boolean;
}): NoteVerifier {
  assertKeyName(key.name);
  assertKeyBytes(key.algorithm, 'algorithm');
  assertKeyBytes(key.publicKey, 'publicKey');
  const algorithm = key.algorithm.slice();
  const publicKey = key.publicKey.slice();
  const check = key.verify;
  return {
    name: key.name,
    algorithm,
    publicKey,
    keyId: noteKeyId(key.name, algorithm, publicKey),
    verify(message, signature) {
      try {
        return check(message, signature) === true;
      } catch {
        return false;
      }
    },
  };
}

const ed25519Scheme: SignatureSchemeLike = {
  name: 'ed25519',
  getPublicKey: (secretKey) => ed25519.getPublicKey(secretKey),
  sign: (secretKey, message) => ed25519.sign(message, secretKey),
  verify: (publicKey, message, signature) => ed25519.verify(signature, message, publicKey),
};

function algorithmOf(scheme: SignatureSchemeLike): Uint8Array {
  return scheme.name === 'ed25519' ? NOTE_ALGORITHM_ED25519 : NOTE_ALGORITHM_SM2;
}

/**
 * A note signer from a signature scheme and secret key: how the Ed25519 and
 * SM2 schemes of dataguard/crypto plug in.
 *
 * @param name - key name (for checkpoints, usually the log's origin)
 * @param scheme - an Ed25519 or SM2 scheme
 * @param secretKey - the scheme's secret key (kept in the closure, never exposed)
 * @returns a signer with its matching verifier
 * @throws {ValidationError} on an invalid name; {@link KeyError} when the scheme rejects the key
 * @example
 * ```ts
 * import { national } from 'dataguard/crypto';
 * import { noteSignerFromScheme } from 'dataguard/provenance';
 * const secretKey = national.signature.generateSecretKey();
 * const signer = noteSignerFromScheme('log.example', national.signature, secretKey);
 * signer.name; // 'log.example'
 * ```
 */
export function noteSignerFromScheme(
  name: string,
  scheme: SignatureSchemeLike,
  secretKey: Uint8Array,
): NoteSigner {
  let publicKey: Uint8Array;
  try {
    publicKey = scheme.getPublicKey(secretKey);
  } catch (cause) {
    throw new KeyError(`${scheme.name} secret key is invalid`, { reason: 'invalid-key', cause });
  }
  const key = secretKey.slice();
  return createNoteSigner({
    name,
    algorithm: algorithmOf(scheme),
    publicKey,
    sign: (message) => scheme.sign(key, message),
    verify: (message, signature) => scheme.verify(publicKey, message, signature),
  });
}

/**
 * A note verifier from a signature scheme and public key.
 *
 * @param name - key name
 * @param scheme - an Ed25519 or SM2 scheme
 * @param publicKey - the public key
 * @returns a {@link NoteVerifier}
 * @throws {ValidationError} on an invalid name or key
 * @example
 * ```ts
 * import { national } from 'dataguard/crypto';
 * import { noteVerifierFromScheme } from 'dataguard/provenance';
 * const publicKey = national.signature.getPublicKey(national.signature.generateSecretKey());
 * const verifier = noteVerifierFromScheme('log.example', national.signature, publicKey);
 * verifier.name; // 'log.example'
 * ```
 */
export function noteVerifierFromScheme(
  name: string,
  scheme: SignatureSchemeLike,
  publicKey: Uint8Array,
): NoteVerifier {
  return createNoteVerifier({
    name,
    algorithm: algorithmOf(scheme),
    publicKey,
    verify: (message, signature) => scheme.verify(publicKey, message, signature),
  });
}

/**
 * An Ed25519 note signer (type 0x01) with its verifier.
 *
 * @param name - key name
 * @param secretKey - 32-byte Ed25519 secret key
 * @returns a {@link NoteSigner}
 * @throws {KeyError} when the secret key is not 32 bytes
 * @example
 * ```ts
 * import { ed25519 } from 'dataguard/crypto';
 * import { ed25519NoteSigner } from 'dataguard/provenance';
 * const signer = ed25519NoteSigner('example.gov.cn/ledger', ed25519.generateSecretKey());
 * signer.name; // 'example.gov.cn/ledger'
 * ```
 */
export function ed25519NoteSigner(name: string, secretKey: Uint8Array): NoteSigner {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) {
    throw new KeyError('Ed25519 secret key must be 32 bytes', {
      reason: 'invalid-key',
      path: 'secretKey',
    });
  }
  return noteSignerFromScheme(name, ed25519Scheme, secretKey);
}

/**
 * An Ed25519 note verifier (type 0x01).
 *
 * @param name - key name
 * @param publicKey - 32-byte Ed25519 public key
 * @returns a {@link NoteVerifier}
 * @throws {KeyError} when the public key is not 32 bytes
 * @example
 * ```ts
 * import { ed25519 } from 'dataguard/crypto';
 * import { ed25519NoteVerifier } from 'dataguard/provenance';
 * const publicKey = ed25519.getPublicKey(ed25519.generateSecretKey());
 * const verifier = ed25519NoteVerifier('example.gov.cn/ledger', publicKey);
 * verifier.name; // 'example.gov.cn/ledger'
 * ```
 */
export function ed25519NoteVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new KeyError('Ed25519 public key must be 32 bytes', {
      reason: 'invalid-key',
      path: 'publicKey',
    });
  }
  return noteVerifierFromScheme(name, ed25519Scheme, publicKey);
}

/**
 * Formats a verifier key as `<name>+<hex key id>+<base64(algorithm || public key)>`,
 * the text a third party configures to verify checkpoints.
 *
 * @param key - the key (a signer or verifier)
 * @returns the verifier key string
 * @example
 * ```ts
 * import { ed25519 } from 'dataguard/crypto';
 * import { ed25519NoteSigner, formatVerifierKey } from 'dataguard/provenance';
 * const signer = ed25519NoteSigner('example.gov.cn/ledger', ed25519.generateSecretKey());
 * formatVerifierKey(signer); // 'example.gov.cn/ledger+…+…'
 * ```
 */
export function formatVerifierKey(key: NoteKey): string {
  const id = (key.keyId >>> 0).toString(16).padStart(8, '0');
  return `${key.name}+${id}+${toBase64(concatBytes(key.algorithm, key.publicKey))}`;
}

function badVerifierKey(problem: string): never {
  throw new ValidationError(`verifier key is malformed: ${problem}`, {
    path: 'verifierKey',
    reason: 'malformed-verifier-key',
  });
}

/**
 * Parses a verifier key string into a verifier. Ed25519 keys work out of the
 * box; SM2 keys need the SM2 scheme in `options.schemes`. The key id in the
 * string must equal the one computed from the key.
 *
 * @param text - `<name>+<hex key id>+<base64(algorithm || public key)>`
 * @param options - `schemes`: extra signature schemes (SM2)
 * @returns a {@link NoteVerifier}
 * @throws {ValidationError} `malformed-verifier-key` or `unsupported-algorithm`
 * @example
 * ```ts
 * import { parseVerifierKey } from 'dataguard/provenance';
 * const verifier = parseVerifierKey('example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k');
 * verifier.name; // 'example.com/foo'
 * ```
 */
export function parseVerifierKey(
  text: string,
  options: { readonly schemes?: readonly SignatureSchemeLike[] | undefined } = {},
): NoteVerifier {
  if (typeof text !== 'string') badVerifierKey('not a string');
  // Base64 may contain '+': split at the first two only.
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) badVerifierKey('expected name+keyid+key');
  const name = text.slice(0, first);
  const idHex = text.slice(first + 1, second);
  const keyB64 = text.slice(second + 1);
  if (!isValidKeyName(name)) badVerifierKey('invalid name');
  const idBytes = /^[0-9a-f]{8}$/.test(idHex) ? fromHex(idHex) : undefined;
  if (idBytes === undefined) badVerifierKey('key id must be 8 lowercase hex digits');
  const keyBytes = fromBase64(keyB64);
  if (keyBytes === undefined || keyBytes.length < 2) badVerifierKey('key is not base64');
  const id = new DataView(idBytes.buffer).getUint32(0, false);
  let verifier: NoteVerifier;
  if (keyBytes[0] === 0x01) {
    const publicKey = keyBytes.slice(1);
    if (publicKey.length !== 32) badVerifierKey('Ed25519 key must be 32 bytes');
    verifier = ed25519NoteVerifier(name, publicKey);
  } else if (startsWith(keyBytes, NOTE_ALGORITHM_SM2)) {
    const scheme = options.schemes?.find((s) => s.name === 'sm2');
    if (scheme === undefined) {
      throw new ValidationError('SM2 verifier keys need the SM2 scheme in options.schemes', {
        path: 'verifierKey',
        reason: 'unsupported-algorithm',
      });
    }
    verifier = noteVerifierFromScheme(name, scheme, keyBytes.slice(NOTE_ALGORITHM_SM2.length));
  } else {
    throw new ValidationError('verifier key uses an unsupported signature type', {
      path: 'verifierKey',
      reason: 'unsupported-algorithm',
    });
  }
  if (verifier.keyId !== id) badVerifierKey('key id does not match the key');
  return verifier;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length <= prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}
