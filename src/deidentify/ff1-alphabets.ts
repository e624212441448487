import { GB2312_HANZI } from './gb2312-hanzi.ts';
import type { Ff1Cipher, Keyring } from './keyring.ts';
import { contractError } from './values.ts';

/**
 * Character classes FF1 can rewrite in place. `cjk-common` is the 6,763
 * Chinese characters of GB 2312; `cjk-unified` the CJK Unified Ideographs
 * block U+4E00–U+9FFF (20,992 characters).
 */
export type Ff1AlphabetName =
  | 'digits'
  | 'alphanumeric'
  | 'lowercase'
  | 'uppercase'
  | 'cjk-common'
  | 'cjk-unified';

const ASCII_ALPHABETS: Readonly<Record<string, string>> = {
  digits: '0123456789',
  lowercase: 'abcdefghijklmnopqrstuvwxyz',
  uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  alphanumeric: '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
};

/**
 * The characters of an alphabet, numeral 0 first (all in the BMP, one UTF-16 unit each).
 *
 * @param alphabet - the alphabet's name
 * @returns its characters as one string
 */
function ff1AlphabetText(alphabet: Ff1AlphabetName): string {
  if (alphabet === 'cjk-common') return GB2312_HANZI;
  if (alphabet === 'cjk-unified') {
    let text = '';
    for (let code = 0x4e00; code <= 0x9fff; code++) text += String.fromCharCode(code);
    return text;
  }
  return ASCII_ALPHABETS[alphabet] as string;
}

// A Chinese character (any Han code point, in or beyond the BMP).
const HAN = /\p{Script=Han}/u;

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
 * with fewer class characters than that needs break the input contract. With
 * a Chinese alphabet, a Chinese character outside it breaks the contract too
 * (`outside-ff1-alphabet`): left in place, a rare character would identify.
 */
export function inPlaceFf1(
  keyring: Keyring,
  domain: string,
  alphabet: Ff1AlphabetName,
  keyId?: string,
): InPlaceFf1 {
  const chars = ff1AlphabetText(alphabet);
  const cipher: Ff1Cipher =
    alphabet === 'digits'
      ? keyring.ff1(domain, { radix: 10 }, keyId)
      : alphabet === 'alphanumeric'
        ? keyring.ff1(domain, { radix: 62 }, keyId)
        : keyring.ff1(domain, { alphabet: chars }, keyId);
  // Membership by UTF-16 unit: every alphabet is BMP-only, so a surrogate is never a member.
  const member = new Uint8Array(65536);
  for (let i = 0; i < chars.length; i++) member[chars.charCodeAt(i)] = 1;
  const refuseOtherHan = alphabet === 'cjk-common' || alphabet === 'cjk-unified';
  const minLength = Math.ceil(6 / Math.log10(chars.length));
  const run = (text: string, tweak: Uint8Array | undefined, decrypt: boolean): string => {
    let picked = '';
    for (let i = 0; i < text.length; i++) {
      if (member[text.charCodeAt(i)] === 1) picked += text[i];
    }
    if (refuseOtherHan && picked.length < text.length) {
      for (const c of text) {
        if (HAN.test(c) && (c.length > 1 || member[c.charCodeAt(0)] !== 1)) {
          throw contractError(
            'outside-ff1-alphabet',
            `value has a Chinese character outside the ${alphabet} alphabet`,
          );
        }
      }
    }
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
      result += member[text.charCodeAt(i)] === 1 ? (out[next++] as string) : (text[i] as string);
    }
    return result;
  };
  return {
    keyId: cipher.keyId,
    encrypt: (text, tweak) => run(text, tweak, false),
    decrypt: (text, tweak) => run(text, tweak, true),
  };
}
