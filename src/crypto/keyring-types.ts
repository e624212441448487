// The keyring's public types: the keyring and the keyed handles it hands out.
import type { Clock } from '../core/clock.ts';
import type { RandomSource } from '../core/random.ts';
import type { AlphabetSpec } from './alphabet.ts';
import type { Ff1 } from './ff1.ts';
import type { KeyProvider } from './key-provider.ts';
import type { KeyMaterialInput, KeyringFile, KeyStatus } from './keyring-file.ts';
import type { CryptoSuite, SuiteId } from './types.ts';

/** Non-secret facts about one key. */
export interface KeyInfo {
  readonly id: string;
  readonly suite: SuiteId;
  readonly status: KeyStatus;
  readonly createdAt: string;
}

/** A keyed HMAC for one pseudonym domain. */
export interface Pseudonymizer {
  readonly keyId: string;
  /** The 32-byte HMAC of the data under this domain's subkey. */
  mac(data: Uint8Array): Uint8Array;
}

/** FF1 keyed for one domain; the key id must be stored beside the output. */
export interface KeyringFf1 extends Ff1 {
  readonly keyId: string;
  readonly alphabet: string;
  readonly minLength: number;
  readonly maxLength: number;
}

/** An AEAD for one domain whose sealed output names the key that sealed it. */
export interface KeyringAead {
  /** The key `seal` uses (the active key). */
  readonly keyId: string;
  readonly mode: 'deterministic' | 'randomized';
  /** Encrypts; output = header (version, key id) || AEAD output; the header is authenticated. */
  seal(plaintext: Uint8Array, associatedData?: Uint8Array): Uint8Array;
  /** Decrypts with the key named in the header (active or decrypt-only). */
  open(sealed: Uint8Array, associatedData?: Uint8Array): Uint8Array;
}

/** A signing key derived from a master key. */
export interface KeyringSigner {
  readonly keyId: string;
  readonly algorithm: 'ed25519' | 'sm2';
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** Verification with a key's derived public key (active or decrypt-only keys). */
export interface KeyringVerifier {
  readonly keyId: string;
  readonly algorithm: 'ed25519' | 'sm2';
  readonly publicKey: Uint8Array;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** Versioned master keys and the keyed operations derived from them. */
export interface Keyring {
  /** The suite of the active key. */
  readonly suite: CryptoSuite;
  activeKeyId(): string;
  /** Every key id, in file order. */
  keyIds(): readonly string[];
  /** Non-secret facts about every key. */
  keys(): readonly KeyInfo[];
  /** HMAC keyed by HKDF(master, "pseudonym:" + domain); active key only. */
  pseudonymizer(domain: string, keyId?: string): Pseudonymizer;
  /** FF1 keyed by HKDF(master, "ff1:" + domain), AES or SM4 by the key's suite; decrypt-only keys only decrypt. */
  ff1(domain: string, spec: AlphabetSpec, keyId?: string): KeyringFf1;
  /** AEAD keyed by HKDF(master, "aead:<mode>:" + domain); seals with the active key, opens with the named one. */
  aead(domain: string, mode: 'deterministic' | 'randomized'): KeyringAead;
  /** A signer with a key derived by HKDF(master, "signature:<algorithm>"); active key only. */
  signer(keyId?: string): KeyringSigner;
  /** The verifier for a key's signatures (active or decrypt-only). */
  verifier(keyId?: string): KeyringVerifier;
  /** Wipes all key material and derived keys; every later call throws KeyError. */
  destroy(): void;
}

/** Options for {@link createKeyring}. */
export interface CreateKeyringOptions {
  /** Key records, or a keyring file `{ keys }`. */
  keys: readonly KeyMaterialInput[] | KeyringFile | { keys: readonly KeyMaterialInput[] };
  /** Resolves material references (default: hex, base64, `env:NAME`). */
  provider?: KeyProvider | undefined;
  /** Randomness for randomized AEAD nonces and hedged SM2 signatures (default: the platform CSPRNG). */
  random?: RandomSource | undefined;
  /** Accepted for symmetry with {@link generateKeyring}; the keyring itself never reads the time. */
  clock?: Clock | undefined;
}
