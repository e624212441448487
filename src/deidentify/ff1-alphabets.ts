import type { Ff1Cipher, Keyring } from './keyring.ts';
import { contractError } from './values.ts';

/** Character classes FF1 can rewrite in place. */
export type Ff1AlphabetName = 'digits' | 'alphanumeric' | 'lowercase' | 'uppercase';

const ALPHABETS: Readonly<Record<Ff1AlphabetName, string>> = {
  digits: '0123456789',
  lowercase: 'abcdefghijklmnopqrstuvwxyz',
  uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  alphanumeric: '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
};

/** FF1 over one character class, leaving every other character where it is. */
export interface InPlaceFf1 {
  readonly keyId: string;
  encrypt(text: string, tweak?: Uint8Array): string;
  decrypt(text: string, tweak?: Uint8Array): string;
}

/**
 * Binds FF1 for a domain and character class: the class's characters are
 * gathered, enciphered together and put back in their positions. NIST SP
 * 800-38G Rev. 1 asks for a domain of at least one million values, so values
 * with fewer class characters than that needs break the input contract.
 */
export function inPlaceFf1(
  keyring: Keyring,
  domain: string,
  alphabet: Ff1AlphabetName,
  keyId?: string,
): InPlaceFf1 {
  const chars = ALPHABETS[alphabet];
  const cipher: Ff1Cipher =
    alphabet === 'digits'
      ? keyring.ff1(domain, { radix: 10 }, keyId)
      : alphabet === 'alphanumeric'
        ? keyring.ff1(domain, { radix: 62 }, keyId)
        : keyring.ff1(domain, { alphabet: chars }, keyId);
  const minLength = Math.ceil(6 / Math.log10(chars.length));
  const run = (text: string, tweak: Uint8Array | undefined, decrypt: boolean): string => {
    let picked = '';
    for (let i = 0; i < text.length; i++) if (chars.includes(text[i] as string)) picked += text[i];
    if (picked.length < minLength) {
      throw contractError(
        'too-short-for-ff1',
        `value has fewer than ${minLength} ${alphabet} characters for FF1`,
      );
    }
    if (cipher.maxLength !== undefined && picked.length > cipher.maxLength) {
      throw contractError(
        'too-long-for-ff1',
        `value has more than ${cipher.maxLength} characters for FF1`,
      );
    }
    const out = decrypt ? cipher.decrypt(picked, tweak) : cipher.encrypt(picked, tweak);
    if (picked.length === text.length) return out;
    let result = '';
    let next = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      result += chars.includes(c) ? (out[next++] as string) : c;
    }
    return result;
  };
  return {
    keyId: cipher.keyId,
    encrypt: (text, tweak) => run(text, tweak, false),
    decrypt: (text, tweak) => run(text, tweak, true),
  };
}
