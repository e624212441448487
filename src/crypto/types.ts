// The suite-level interfaces every keyed transform, digest and signature uses.
import type { RandomSource } from '../core/random.ts';

/** An authenticated cipher whose output is self-contained (nonce/IV and tag included). */
export interface AeadScheme {
  /** Algorithm name, e.g. `AES-256-SIV`, `SM4-GCM`. */
  readonly name: string;
  /** Key length in bytes. */
  readonly keyLength: number;
  /**
   * Encrypts and authenticates; `associatedData` is authenticated, not encrypted
   * (absent and empty are the same).
   */
  encrypt(key: Uint8Array, plaintext: Uint8Array, associatedData?: Uint8Array): Uint8Array;
  /** Decrypts; throws CryptoError (`authentication-failed`) when anything was altered. */
  decrypt(key: Uint8Array, ciphertext: Uint8Array, associatedData?: Uint8Array): Uint8Array;
  /** Expands the key once for repeated use (what the keyring does). */
  withKey(key: Uint8Array): BoundAead;
}

/** An AEAD with its key already expanded. */
export interface BoundAead {
  encrypt(plaintext: Uint8Array, associatedData?: Uint8Array): Uint8Array;
  decrypt(ciphertext: Uint8Array, associatedData?: Uint8Array): Uint8Array;
  /** Wipes the expanded key. */
  destroy(): void;
}

/** A signature algorithm: Ed25519 (RFC 8032) or SM2 (GB/T 32918.2). */
export interface SignatureScheme {
  readonly name: 'ed25519' | 'sm2';
  /** A new 32-byte secret key from the random source (default: the platform CSPRNG). */
  generateSecretKey(random?: RandomSource): Uint8Array;
  /** The public key: 32 bytes for Ed25519, 65 bytes (04 || x || y) for SM2. */
  getPublicKey(secretKey: Uint8Array): Uint8Array;
  /** A 64-byte signature (Ed25519 R || S; SM2 r || s, big-endian). */
  sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array;
  /** True only for a valid signature; never throws on malformed input. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** Which suite: `international` (SHA-256, AES, Ed25519) or `national` (SM3, SM4, SM2). */
export type SuiteId = 'international' | 'national';

/** A complete set of algorithms; deployments switch suites by configuration. */
export interface CryptoSuite {
  readonly id: SuiteId;
  readonly digestAlgorithm: 'sha-256' | 'sm3';
  /** 32-byte digest. */
  digest(data: Uint8Array): Uint8Array;
  /** 32-byte HMAC. */
  hmac(key: Uint8Array, data: Uint8Array): Uint8Array;
  /** HKDF (RFC 5869) with the suite's hash. */
  hkdf(ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number): Uint8Array;
  /** AES-256-SIV (RFC 5297) | SM4-SIV: equal inputs give equal outputs. */
  readonly deterministicAead: AeadScheme;
  /** AES-256-GCM | SM4-GCM with a random 96-bit nonce. */
  readonly randomizedAead: AeadScheme;
  /** Ed25519 | SM2 with Z_A over the default id `1234567812345678`. */
  readonly signature: SignatureScheme;
  /** FF1's block cipher in this suite. */
  readonly blockCipher: 'aes' | 'sm4';
}
