// The keyring types de-identification uses, from dataguard/crypto.
export type {
  Keyring,
  KeyringFf1 as Ff1Cipher,
} from '../crypto/index.ts';
