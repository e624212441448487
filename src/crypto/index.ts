/**
 * `dataguard/crypto`: the international (SHA-256, AES, Ed25519) and national
 * (SM3, SM4, SM2) crypto suites, FF1 format-preserving encryption, and the
 * keyring with versioned keys, per-use subkeys and rotation.
 *
 * @module
 */

export type { Alphabet, AlphabetSpec } from './alphabet.ts';
export type { BlockCipher, BlockCipherName } from './block-cipher.ts';
export { createBlockCipher } from './block-cipher.ts';
export { createEd25519, ed25519 } from './ed25519.ts';
export type { Ff1, Ff1Cipher, Ff1Options } from './ff1.ts';
export { FF1_MAX_LENGTH, FF1_MAX_TWEAK, ff1 } from './ff1.ts';
export type { KeyProvider, KeyProviderOptions } from './key-provider.ts';
export { createKeyProvider, defaultKeyProvider } from './key-provider.ts';
export { createKeyring } from './keyring.ts';
export type { GenerateKeyOptions, RotateKeyOptions } from './keyring-file.ts';
export {
  generateKeyring,
  KeyId,
  KeyMaterialInput,
  KeyMaterialRecord,
  KeyringFile,
  KeyStatus,
  MASTER_KEY_BYTES,
  rotateKeyring,
} from './keyring-file.ts';
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
export { createSm2, SM2_DEFAULT_ID, sm2, sm2Za } from './sm2.ts';
export { Sm3State, sm3, sm3Hash } from './sm3.ts';
export { expandSm4Key, sm4DecryptBlock, sm4EncryptBlock, sm4Rounds } from './sm4.ts';
export { createSuite, getSuite, international, national } from './suites.ts';
export type {
  AeadScheme,
  BoundAead,
  CryptoSuite,
  SignatureScheme,
  SuiteId,
} from './types.ts';
