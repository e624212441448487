// FF1 alphabets: a radix with the default 0-9a-zA-Z numerals, or any string of
// distinct Unicode code points (e.g. common Chinese name characters).
import { CryptoError, ValidationError } from '../errors/kinds.ts';

const DEFAULT_NUMERALS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Maps between strings and numeral arrays for one alphabet. */
export interface Alphabet {
  readonly radix: number;
  /** The alphabet as one string, numeral 0 first. */
  readonly text: string;
  /** Numerals of `text` into `out`; returns the count, or throws CryptoError. */
  toNumerals(text: string, out: Uint16Array): number;
  /** The string of numerals `digits[0..length)`. */
  fromNumerals(digits: Uint16Array, length: number): string;
}

/** The FF1 alphabet specification: a radix (default numerals) or an explicit alphabet. */
export type AlphabetSpec = { readonly radix: number } | { readonly alphabet: string };

/**
 * Builds an alphabet from `{ radix }` (2..62, numerals `0-9a-zA-Z`) or `{ alphabet }`
 * (2..65536 distinct code points).
 *
 * @param spec - the radix or the alphabet
 * @returns the alphabet
 * @throws {ValidationError} `ff1-invalid-radix`, `ff1-alphabet-required`, `ff1-invalid-alphabet`, `ff1-duplicate-character`
 * @example
 * ```ts
 * import { createAlphabet } from './alphabet.ts';
 * createAlphabet({ radix: 10 }).text; // '0123456789'
 * createAlphabet({ alphabet: '甲乙丙' }).radix; // 3
 * ```
 */
export function createAlphabet(spec: AlphabetSpec): Alphabet {
  let chars: string[];
  if (spec !== null && typeof spec === 'object' && 'alphabet' in spec) {
    if (typeof spec.alphabet !== 'string') {
      throw new ValidationError('spec.alphabet must be a string', {
        reason: 'ff1-invalid-alphabet',
        path: 'spec.alphabet',
      });
    }
    chars = Array.from(spec.alphabet);
    if (chars.length < 2 || chars.length > 65536) {
      throw new ValidationError('spec.alphabet must have 2..65536 characters', {
        reason: 'ff1-invalid-alphabet',
        path: 'spec.alphabet',
      });
    }
  } else if (spec !== null && typeof spec === 'object' && 'radix' in spec) {
    const radix = spec.radix;
    if (!Number.isInteger(radix) || radix < 2 || radix > 65536) {
      throw new ValidationError('spec.radix must be an integer in 2..65536', {
        reason: 'ff1-invalid-radix',
        path: 'spec.radix',
      });
    }
    if (radix > DEFAULT_NUMERALS.length) {
      throw new ValidationError('spec.radix above 62 needs an explicit spec.alphabet', {
        reason: 'ff1-alphabet-required',
        path: 'spec.radix',
      });
    }
    chars = Array.from(DEFAULT_NUMERALS.slice(0, radix));
  } else {
    throw new ValidationError('spec must be { radix } or { alphabet }', {
      reason: 'ff1-invalid-alphabet',
      path: 'spec',
    });
  }
  const codes = chars.map((c) => c.codePointAt(0) as number);
  if (codes.some((code) => code >= 0xd800 && code <= 0xdfff)) {
    // A lone surrogate is not a character; paired ones are already one code point.
    throw new ValidationError('spec.alphabet must not contain lone surrogates', {
      reason: 'ff1-invalid-alphabet',
      path: 'spec.alphabet',
    });
  }
  const index = new Map<number, number>();
  // ASCII numerals (the common case) get an array lookup instead of a Map probe.
  const ascii = new Int32Array(128).fill(-1);
  codes.forEach((code, i) => {
    if (index.has(code)) {
      throw new ValidationError('spec.alphabet must not repeat a character', {
        reason: 'ff1-duplicate-character',
        path: 'spec.alphabet',
        details: { position: i },
      });
    }
    index.set(code, i);
    if (code < 128) ascii[code] = i;
  });
  const allAscii = codes.every((c) => c < 128);
  const text = chars.join('');
  return {
    radix: chars.length,
    text,
    toNumerals(value, out) {
      let n = 0;
      for (let i = 0; i < value.length; i++) {
        let code = value.charCodeAt(i);
        let digit: number;
        if (code < 128) {
          digit = ascii[code]!;
        } else {
          if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
            const low = value.charCodeAt(i + 1);
            if (low >= 0xdc00 && low <= 0xdfff) {
              code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
              i++;
            }
          }
          digit = index.get(code) ?? -1;
        }
        if (digit < 0) {
          throw new CryptoError(`character ${n + 1} of the value is not in the FF1 alphabet`, {
            reason: 'ff1-invalid-character',
            details: { position: n },
          });
        }
        if (n >= out.length) return out.length + 1;
        out[n++] = digit;
      }
      return n;
    },
    fromNumerals(digits, length) {
      if (allAscii) {
        let s = '';
        for (let i = 0; i < length; i++) s += String.fromCharCode(codes[digits[i]!]!);
        return s;
      }
      let s = '';
      for (let i = 0; i < length; i++) s += chars[digits[i]!]!;
      return s;
    },
  };
}
