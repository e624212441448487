// The keyring types de-identification uses, from dataguard/crypto.
export type {
  Keyring,
  KeyringAead as AeadCipher,
  KeyringFf1 as Ff1Cipher,
  Pseudonymizer,
} from '../crypto/index.ts';
