/**
 * `dataguard/crypto`: the international (SHA-256, AES, Ed25519) and national
 * (SM3, SM4, SM2) crypto suites, FF1 format-preserving encryption, and the
 * keyring with versioned keys, per-use subkeys and rotation.
 *
 * @module
 */

export type { Alphabet, AlphabetSpec } from './alphabet.ts';
export type { BlockCipher, BlockCipherName } from './block-cipher.ts';
export type { Ff1, Ff1Cipher, Ff1Options } from './ff1.ts';
export { ff1 } from './ff1.ts';
export type { KeyProvider, KeyProviderOptions } from './key-provider.ts';
export { createKeyProvider } from './key-provider.ts';
export { createKeyring } from './keyring.ts';
export type {
  GenerateKeyOptions,
  KeyMaterialInput,
  KeyMaterialRecord,
  KeyringFile,
  KeyStatus,
  RotateKeyOptions,
} from './keyring-file.ts';
export { generateKeyring, KeyringFileSchema, rotateKeyring } from './keyring-file.ts';
export type {
  CreateKeyringOptions,
  KeyInfo,
  Keyring,
  KeyringAead,
  KeyringFf1,
  KeyringSigner,
  KeyringVerifier,
  Pseudonymizer,
} from './keyring-types.ts';
export { createSm2 } from './sm2.ts';
export { createSuite, getSuite, international, national } from './suites.ts';
export type {
  AeadScheme,
  BoundAead,
  CryptoSuite,
  SignatureScheme,
  SuiteId,
} from './types.ts';
