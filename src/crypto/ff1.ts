// FF1 format-preserving encryption (NIST SP 800-38G Rev. 1, §5.1) over AES or SM4.
//
// Speed comes from what does not change between calls: the block-cipher key
// schedule, CIPH(P) (the first CBC-MAC block, fixed per length and tweak
// length), and, when radix^ceil(n/2) < 2^45, plain-number arithmetic for the
// round function instead of BigInt (11-digit phones, 18-character IDs).
import { CryptoError } from '../errors/kinds.ts';
import { type AlphabetSpec, createAlphabet } from './alphabet.ts';
import { type BlockCipherName, createBlockCipher } from './block-cipher.ts';

/** Format-preserving encryption over one alphabet. */
export interface Ff1 {
  /** The number of numerals in the alphabet. */
  readonly radix: number;
  /** Encrypts a value written in the alphabet; the result has the same length and alphabet. */
  encrypt(text: string, tweak?: Uint8Array): string;
  /** Inverts {@link Ff1.encrypt} for the same key and tweak. */
  decrypt(text: string, tweak?: Uint8Array): string;
}

/** An FF1 instance with its limits and a way to wipe its key. */
export interface Ff1Cipher extends Ff1 {
  /** The alphabet, numeral 0 first. */
  readonly alphabet: string;
  /** Shortest accepted value: the least n ≥ 2 with radix^n ≥ 1,000,000 (SP 800-38G Rev. 1). */
  readonly minLength: number;
  /** Longest accepted value (an implementation bound; the standard allows up to 2^32 − 1). */
  readonly maxLength: number;
  /** Wipes the expanded key and caches; later calls throw. */
  destroy(): void;
}

/** Options for {@link ff1}. */
export interface Ff1Options {
  /** The block cipher: `aes` (16/24/32-byte key, default) or `sm4` (16-byte key). */
  readonly cipher?: BlockCipherName;
}

/** Longest value FF1 accepts here, in numerals; longer data belongs in an AEAD. */
export const FF1_MAX_LENGTH = 4096;
/** Longest tweak FF1 accepts here, in bytes. */
export const FF1_MAX_TWEAK = 1024;
/** The minimum domain size radix^minlen required by SP 800-38G Rev. 1. */
const MIN_DOMAIN = 1_000_000n;
/** Below this bound all round arithmetic is exact in doubles (y·256 stays under 2^53). */
const FAST_LIMIT = 2n ** 45n;

const EMPTY = new Uint8Array(0);

interface LengthParams {
  readonly u: number;
  readonly b: number;
  readonly d: number;
  /** radix^u, radix^v as numbers when `fast`. */
  readonly modU: number;
  readonly modV: number;
  readonly bigModU: bigint;
  readonly bigModV: bigint;
  readonly fast: boolean;
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/**
 * Creates an FF1 cipher (NIST SP 800-38G) for an alphabet.
 *
 * @param key - AES key (16, 24 or 32 bytes) or SM4 key (16 bytes); copied
 * @param spec - `{ radix }` (2..62, numerals `0-9a-zA-Z`) or `{ alphabet }` (distinct code points)
 * @param options - `cipher`: `aes` (default) or `sm4`
 * @returns the cipher
 * @throws {ValidationError} on a bad radix or alphabet; {CryptoError} on a bad key length
 * @example
 * ```ts
 * import { ff1 } from 'dataguard/crypto';
 * const phone = ff1(new Uint8Array(32), { radix: 10 });
 * const token = phone.encrypt('13800138000');
 * phone.decrypt(token); // '13800138000'
 * ```
 */
export function ff1(key: Uint8Array, spec: AlphabetSpec, options: Ff1Options = {}): Ff1Cipher {
  const alphabet = createAlphabet(spec);
  const cipher = createBlockCipher(options.cipher ?? 'aes', key);
  const radix = alphabet.radix;
  const bigRadix = BigInt(radix);
  let minLength = 2;
  while (bigRadix ** BigInt(minLength) < MIN_DOMAIN) minLength++;

  const params = new Map<number, LengthParams>();
  const firstBlocks = new Map<number, Uint8Array>();
  const numerals = new Uint16Array(FF1_MAX_LENGTH);
  const block = new Uint8Array(16);
  let live = true;

  const lengthParams = (n: number): LengthParams => {
    let p = params.get(n);
    if (p === undefined) {
      const u = n >> 1;
      const v = n - u;
      const bigModU = bigRadix ** BigInt(u);
      const bigModV = bigRadix ** BigInt(v);
      const b = Math.ceil(bitLength(bigModV - 1n) / 8);
      const fast = bigModV < FAST_LIMIT;
      p = {
        u,
        b,
        d: 4 * Math.ceil(b / 4) + 4,
        bigModU,
        bigModV,
        modU: fast ? Number(bigModU) : 0,
        modV: fast ? Number(bigModV) : 0,
        fast,
      };
      params.set(n, p);
    }
    return p;
  };

  // CIPH(P), P = [1]1 [2]1 [1]1 [radix]3 [10]1 [u mod 256]1 [n]4 [t]4 (step 5).
  const firstBlock = (n: number, u: number, t: number): Uint8Array => {
    const cacheKey = n * (FF1_MAX_TWEAK + 1) + t;
    let r0 = firstBlocks.get(cacheKey);
    if (r0 === undefined) {
      r0 = Uint8Array.of(
        1,
        2,
        1,
        (radix >>> 16) & 0xff,
        (radix >>> 8) & 0xff,
        radix & 0xff,
        10,
        u & 0xff,
        n >>> 24,
        (n >>> 16) & 0xff,
        (n >>> 8) & 0xff,
        n & 0xff,
        t >>> 24,
        (t >>> 16) & 0xff,
        (t >>> 8) & 0xff,
        t & 0xff,
      );
      cipher.encryptBlock(r0);
      firstBlocks.set(cacheKey, r0);
    }
    return r0;
  };

  const run = (text: string, tweak: Uint8Array, decrypt: boolean): string => {
    if (!live) {
      throw new CryptoError('the FF1 key was destroyed', { reason: 'destroyed' });
    }
    if (typeof text !== 'string') {
      throw new CryptoError('FF1 input must be a string', {
        reason: 'invalid-input',
        path: 'text',
      });
    }
    if (!(tweak instanceof Uint8Array) || tweak.length > FF1_MAX_TWEAK) {
      throw new CryptoError(`FF1 tweak must be a Uint8Array of at most ${FF1_MAX_TWEAK} bytes`, {
        reason: 'ff1-invalid-tweak',
        path: 'tweak',
      });
    }
    const n = alphabet.toNumerals(text, numerals);
    if (n < minLength || n > FF1_MAX_LENGTH) {
      const tooShort = n < minLength;
      throw new CryptoError(
        tooShort
          ? `FF1 value is shorter than the minimum length ${minLength} for radix ${radix}`
          : `FF1 value is longer than the maximum length ${FF1_MAX_LENGTH}`,
        {
          reason: tooShort ? 'ff1-too-short' : 'ff1-too-long',
          details: { minLength, maxLength: FF1_MAX_LENGTH, radix },
        },
      );
    }
    const p = lengthParams(n);
    const t = tweak.length;
    const { u, b, d } = p;
    // Q = T || [0]^((−t−b−1) mod 16) || [i]1 || [NUM(B)]b; its tweak part is the same every round.
    const pad = (((-t - b - 1) % 16) + 16) % 16;
    const qLength = t + pad + 1 + b;
    const q = new Uint8Array(qLength);
    q.set(tweak);
    const roundStart = Math.floor((t + pad) / 16) * 16;
    const prefix = new Uint8Array(firstBlock(n, u, t));
    for (let o = 0; o < roundStart; o += 16) {
      for (let k = 0; k < 16; k++) prefix[k]! ^= q[o + k]!;
      cipher.encryptBlock(prefix);
    }
    const iAt = t + pad;
    const extraBlocks = Math.ceil(d / 16) - 1;
    const s = extraBlocks > 0 ? new Uint8Array(16 * (extraBlocks + 1)) : block;

    // PRF over the round-dependent tail of Q; leaves S (d bytes) in `s`.
    const prf = (i: number): void => {
      q[iAt] = i;
      block.set(prefix);
      for (let o = roundStart; o < qLength; o += 16) {
        for (let k = 0; k < 16; k++) block[k]! ^= q[o + k]!;
        cipher.encryptBlock(block);
      }
      if (extraBlocks > 0) {
        // S = R || CIPH(R ⊕ [1]16) || CIPH(R ⊕ [2]16) ... (step 6iii)
        s.set(block);
        for (let j = 1; j <= extraBlocks; j++) {
          const off = 16 * j;
          s.set(block, off);
          for (let k = 0; k < 4; k++) s[off + 15 - k]! ^= (j >>> (8 * k)) & 0xff;
          cipher.encryptBlock(s, off);
        }
      }
    };

    let result: string;
    if (p.fast) {
      // NUM_radix of each half as exact doubles.
      let a = 0;
      let bNum = 0;
      for (let k = 0; k < u; k++) a = a * radix + numerals[k]!;
      for (let k = u; k < n; k++) bNum = bNum * radix + numerals[k]!;
      for (let step = 0; step < 10; step++) {
        const i = decrypt ? 9 - step : step;
        // Encrypt hashes B into Q; decrypt hashes A (the roles swap, step 6 of Alg. 8).
        let x = decrypt ? a : bNum;
        for (let k = qLength - 1; k > qLength - 1 - b; k--) {
          q[k] = x % 256;
          x = Math.floor(x / 256);
        }
        prf(i);
        const m = i % 2 === 0 ? p.modU : p.modV;
        let y = 0;
        for (let k = 0; k < d; k++) y = (y * 256 + s[k]!) % m;
        if (decrypt) {
          const c = (bNum - y + m) % m;
          bNum = a;
          a = c;
        } else {
          const c = (a + y) % m;
          a = bNum;
          bNum = c;
        }
      }
      for (let k = u - 1; k >= 0; k--) {
        numerals[k] = a % radix;
        a = Math.floor(a / radix);
      }
      for (let k = n - 1; k >= u; k--) {
        numerals[k] = bNum % radix;
        bNum = Math.floor(bNum / radix);
      }
      result = alphabet.fromNumerals(numerals, n);
    } else {
      let a = toBig(numerals, 0, u, radix);
      let bNum = toBig(numerals, u, n, radix);
      for (let step = 0; step < 10; step++) {
        const i = decrypt ? 9 - step : step;
        writeBig(q, qLength - b, b, decrypt ? a : bNum);
        prf(i);
        const m = i % 2 === 0 ? p.bigModU : p.bigModV;
        const y = readBig(s, d) % m;
        if (decrypt) {
          const c = (((bNum - y) % m) + m) % m;
          bNum = a;
          a = c;
        } else {
          const c = (a + y) % m;
          a = bNum;
          bNum = c;
        }
      }
      fromBig(a, numerals, 0, u, radix);
      fromBig(bNum, numerals, u, n, radix);
      result = alphabet.fromNumerals(numerals, n);
    }
    numerals.fill(0, 0, n);
    q.fill(0);
    prefix.fill(0);
    s.fill(0);
    return result;
  };

  return {
    radix,
    alphabet: alphabet.text,
    minLength,
    maxLength: FF1_MAX_LENGTH,
    encrypt: (text, tweak = EMPTY) => run(text, tweak, false),
    decrypt: (text, tweak = EMPTY) => run(text, tweak, true),
    destroy() {
      live = false;
      cipher.destroy();
      for (const r0 of firstBlocks.values()) r0.fill(0);
      firstBlocks.clear();
      block.fill(0);
    },
  };
}

// Digits are folded in chunks whose value fits a double, so long values need
// few BigInt operations.
function chunkSize(radix: number): number {
  let k = 1;
  while (radix ** (k + 1) < 2 ** 52) k++;
  return k;
}

function toBig(digits: Uint16Array, from: number, to: number, radix: number): bigint {
  const k = chunkSize(radix);
  let acc = 0n;
  for (let i = from; i < to; i += k) {
    const end = Math.min(to, i + k);
    let chunk = 0;
    for (let j = i; j < end; j++) chunk = chunk * radix + digits[j]!;
    acc = acc * BigInt(radix) ** BigInt(end - i) + BigInt(chunk);
  }
  return acc;
}

function fromBig(
  value: bigint,
  digits: Uint16Array,
  from: number,
  to: number,
  radix: number,
): void {
  const k = chunkSize(radix);
  const divisor = BigInt(radix) ** BigInt(k);
  let x = value;
  for (let end = to; end > from; end -= k) {
    const start = Math.max(from, end - k);
    let chunk = Number(x % divisor);
    x /= divisor;
    for (let j = end - 1; j >= start; j--) {
      digits[j] = chunk % radix;
      chunk = Math.floor(chunk / radix);
    }
  }
}

function writeBig(target: Uint8Array, offset: number, length: number, value: bigint): void {
  const hex = value.toString(16).padStart(2 * length, '0');
  for (let k = 0; k < length; k++) {
    target[offset + k] = Number.parseInt(hex.slice(2 * k, 2 * k + 2), 16);
  }
}

function readBig(bytes: Uint8Array, length: number): bigint {
  let hex = '0x';
  for (let k = 0; k < length; k++) hex += bytes[k]!.toString(16).padStart(2, '0');
  return BigInt(hex);
}
