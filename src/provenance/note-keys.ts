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
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { NOTE_ALGORITHM_ED25519, noteKeyId } from './note-keys.ts';
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

/** A signer's own signature function (an HSM, a remote signer …) with the key it signs for. */
export interface CustomNoteSignerOptions {
  /** Key name (for checkpoints, usually the log's origin). */
  readonly name: string;
  /** Signature type bytes (`NOTE_ALGORITHM_ED25519`, `NOTE_ALGORITHM_SM2` or your own). */
  readonly algorithm: Uint8Array;
  /** Encoded public key. */
  readonly publicKey: Uint8Array;
  /** Signs the note text. */
  readonly sign: (message: Uint8Array) => Uint8Array;
  /** Verifies a signature, for the signer's matching verifier. */
  readonly verify?: ((message: Uint8Array, signature: Uint8Array) => boolean) | undefined;
}

/** A secret key of a signature scheme (Ed25519 when `scheme` is omitted, or `national.signature` for SM2). */
export interface SchemeNoteSignerOptions {
  /** Key name (for checkpoints, usually the log's origin). */
  readonly name: string;
  /** The scheme's secret key (kept in the closure, never exposed). */
  readonly secretKey: Uint8Array;
  /** An Ed25519 or SM2 scheme of dataguard/crypto; default Ed25519. */
  readonly scheme?: SignatureSchemeLike | undefined;
}

/** What {@link createNoteSigner} takes: a scheme and secret key, or a signature function. */
export type NoteSignerOptions = SchemeNoteSignerOptions | CustomNoteSignerOptions;

/** A verifier's own verification function with the key it verifies. */
export interface CustomNoteVerifierOptions {
  /** Key name. */
  readonly name: string;
  /** Signature type bytes. */
  readonly algorithm: Uint8Array;
  /** Encoded public key. */
  readonly publicKey: Uint8Array;
  /** Verifies a signature over the note text. */
  readonly verify: (message: Uint8Array, signature: Uint8Array) => boolean;
}

/** A public key of a signature scheme (Ed25519 when `scheme` is omitted). */
export interface SchemeNoteVerifierOptions {
  /** Key name. */
  readonly name: string;
  /** The scheme's public key. */
  readonly publicKey: Uint8Array;
  /** An Ed25519 or SM2 scheme of dataguard/crypto; default Ed25519. */
  readonly scheme?: SignatureSchemeLike | undefined;
}

/** What {@link createNoteVerifier} takes: a scheme and public key, or a verification function. */
export type NoteVerifierOptions = SchemeNoteVerifierOptions | CustomNoteVerifierOptions;

function assertOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('note key options must be an object', {
      path: 'options',
      reason: 'not-object',
    });
  }
}

function customSigner(key: CustomNoteSignerOptions): NoteSigner {
  assertKeyName(key.name);
  assertKeyBytes(key.algorithm, 'algorithm');
  assertKeyBytes(key.publicKey, 'publicKey');
  const algorithm = key.algorithm.slice();
  const publicKey = key.publicKey.slice();
  const keyId = noteKeyId(key.name, algorithm, publicKey);
  const verifier =
    key.verify === undefined
      ? undefined
      : customVerifier({ name: key.name, algorithm, publicKey, verify: key.verify });
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

function customVerifier(key: CustomNoteVerifierOptions): NoteVerifier {
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

/** Ed25519 keys are 32 bytes; other schemes check their own keys. */
function assertEd25519Key(key: unknown, path: 'secretKey' | 'publicKey'): void {
  if (!(key instanceof Uint8Array) || key.length !== 32) {
    const what = path === 'secretKey' ? 'secret' : 'public';
    throw new KeyError(`Ed25519 ${what} key must be 32 bytes`, { reason: 'invalid-key', path });
  }
}

function schemeSigner(
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
  return customSigner({
    name,
    algorithm: algorithmOf(scheme),
    publicKey,
    sign: (message) => scheme.sign(key, message),
    verify: (message, signature) => scheme.verify(publicKey, message, signature),
  });
}

/**
 * Creates a note signer: from a secret key of a signature scheme (Ed25519 by
 * default, or `national.signature` for SM2), or from your own `sign` function
 * (an HSM, a remote signer) with its name, algorithm bytes and public key.
 *
 * @param options - `{ name, secretKey, scheme? }`, or `{ name, algorithm, publicKey, sign, verify? }`
 * @returns a {@link NoteSigner}, with its matching verifier when one is known
 * @throws {ValidationError} on an invalid name or key bytes; {@link KeyError} when the scheme
 *   rejects the secret key (an Ed25519 secret key must be 32 bytes)
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { national } from 'dataguard/crypto';
 * import { createNoteSigner } from 'dataguard/provenance';
 * const signer = createNoteSigner({ name: 'example.gov.cn/ledger', secretKey: ed25519.generateSecretKey() });
 * signer.name; // 'example.gov.cn/ledger'
 * const sm2Key = national.signature.generateSecretKey();
 * const sm2Signer = createNoteSigner({ name: 'log.example', scheme: national.signature, secretKey: sm2Key });
 * sm2Signer.name; // 'log.example'
 * ```
 */
export function createNoteSigner(options: NoteSignerOptions): NoteSigner {
  assertOptions(options);
  if ('sign' in options) return customSigner(options);
  const scheme = options.scheme ?? ed25519Scheme;
  if (options.scheme === undefined) assertEd25519Key(options.secretKey, 'secretKey');
  return schemeSigner(options.name, scheme, options.secretKey);
}

/**
 * Creates a note verifier: from a public key of a signature scheme (Ed25519 by
 * default), or from your own `verify` function with its name, algorithm bytes
 * and public key. Its `verify` never throws.
 *
 * @param options - `{ name, publicKey, scheme? }`, or `{ name, algorithm, publicKey, verify }`
 * @returns a {@link NoteVerifier}
 * @throws {ValidationError} on an invalid name or key bytes; {@link KeyError} when an Ed25519
 *   public key is not 32 bytes
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createNoteVerifier } from 'dataguard/provenance';
 * const publicKey = ed25519.getPublicKey(ed25519.generateSecretKey());
 * const verifier = createNoteVerifier({ name: 'example.gov.cn/ledger', publicKey });
 * verifier.name; // 'example.gov.cn/ledger'
 * ```
 */
export function createNoteVerifier(options: NoteVerifierOptions): NoteVerifier {
  assertOptions(options);
  if ('verify' in options && 'algorithm' in options) return customVerifier(options);
  const scheme = options.scheme ?? ed25519Scheme;
  if (options.scheme === undefined) assertEd25519Key(options.publicKey, 'publicKey');
  const publicKey = options.publicKey;
  return customVerifier({
    name: options.name,
    algorithm: algorithmOf(scheme),
    publicKey,
    verify: (message, signature) => scheme.verify(publicKey, message, signature),
  });
}

/**
 * Formats a verifier key as `<name>+<hex key id>+<base64(algorithm || public key)>`,
 * the text a third party configures to verify checkpoints.
 *
 * @param key - the key (a signer or verifier)
 * @returns the verifier key string
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createNoteSigner, formatVerifierKey } from 'dataguard/provenance';
 * const signer = createNoteSigner({ name: 'example.gov.cn/ledger', secretKey: ed25519.generateSecretKey() });
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
    verifier = createNoteVerifier({ name, publicKey });
  } else if (startsWith(keyBytes, NOTE_ALGORITHM_SM2)) {
    const scheme = options.schemes?.find((s) => s.name === 'sm2');
    if (scheme === undefined) {
      throw new ValidationError('SM2 verifier keys need the SM2 scheme in options.schemes', {
        path: 'verifierKey',
        reason: 'unsupported-algorithm',
      });
    }
    verifier = createNoteVerifier({
      name,
      scheme,
      publicKey: keyBytes.slice(NOTE_ALGORITHM_SM2.length),
    });
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
