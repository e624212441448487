// SM3 (GB/T 32905-2016). A standalone class rather than a subclass of noble's
// HashMD: sharing HashMD's call sites with SHA-256 makes them polymorphic and
// slowed both hashes 2-3x when one process used both suites. It implements
// noble's Hash interface, so noble's hmac and hkdf accept it unchanged.
import { type CHash, createHasher, type Hash } from '@noble/hashes/utils.js';
import { CryptoError } from '../errors/kinds.ts';

// T_j <<< (j mod 32), precomputed so each round adds a constant.
const TJ = /* @__PURE__ */ (() => {
  const t = new Int32Array(64);
  for (let j = 0; j < 64; j++) {
    const base = j < 16 ? 0x79cc4519 : 0x7a879d8a;
    const s = j % 32;
    t[j] = s === 0 ? base : (base << s) | (base >>> (32 - s));
  }
  return t;
})();

// Shared message-expansion scratch (as noble's SHA-256 does); wiped after each use.
const W = /* @__PURE__ */ new Int32Array(68);

/** The SM3 hash state; use {@link sm3} or {@link sm3Hash} rather than this class directly. */
export class Sm3State implements Hash<Sm3State> {
  readonly blockLen: number = 64;
  readonly outputLen: number = 32;
  readonly canXOF: boolean = false;
  // Numeric fields (not an array) so the compression keeps them in registers.
  private a = 0x7380166f | 0;
  private b = 0x4914b2b9 | 0;
  private c = 0x172442d7 | 0;
  private d = 0xda8a0600 | 0;
  private e = 0xa96f30bc | 0;
  private f = 0x163138aa | 0;
  private g = 0xe38dee4d | 0;
  private h = 0xb0fb0e4e | 0;
  private readonly buffer = new Uint8Array(64);
  private pos = 0;
  private length = 0;
  private finished = false;
  private destroyed = false;

  /** Absorbs data. */
  update(data: Uint8Array): this {
    this.check();
    if (!(data instanceof Uint8Array)) {
      throw new CryptoError('SM3 input must be a Uint8Array', {
        reason: 'invalid-input',
        path: 'data',
      });
    }
    const buffer = this.buffer;
    let offset = 0;
    const n = data.length;
    if (this.pos > 0) {
      const take = Math.min(64 - this.pos, n);
      for (let i = 0; i < take; i++) buffer[this.pos + i] = data[i]!;
      this.pos += take;
      offset = take;
      if (this.pos === 64) {
        this.compress(buffer, 0);
        this.pos = 0;
      }
    }
    for (; offset + 64 <= n; offset += 64) this.compress(data, offset);
    for (let i = offset; i < n; i++) buffer[this.pos++] = data[i]!;
    this.length += n;
    return this;
  }

  /** Writes the 32-byte digest into `out` and finishes the state. */
  digestInto(out: Uint8Array): void {
    this.check();
    if (!(out instanceof Uint8Array) || out.length < 32) {
      throw new CryptoError('SM3 output buffer must hold 32 bytes', {
        reason: 'invalid-output',
        path: 'out',
      });
    }
    this.finished = true;
    const buffer = this.buffer;
    let pos = this.pos;
    buffer[pos++] = 0x80;
    if (pos > 56) {
      buffer.fill(0, pos);
      this.compress(buffer, 0);
      pos = 0;
    }
    buffer.fill(0, pos, 56);
    // Bit length as a 64-bit big-endian integer (exact for inputs below 2^53 bits).
    const bits = this.length * 8;
    const high = Math.floor(bits / 0x100000000);
    writeBE(buffer, 56, high);
    writeBE(buffer, 60, bits >>> 0);
    this.compress(buffer, 0);
    W.fill(0);
    writeBE(out, 0, this.a);
    writeBE(out, 4, this.b);
    writeBE(out, 8, this.c);
    writeBE(out, 12, this.d);
    writeBE(out, 16, this.e);
    writeBE(out, 20, this.f);
    writeBE(out, 24, this.g);
    writeBE(out, 28, this.h);
  }

  /** Returns the 32-byte digest and wipes the state. */
  digest(): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(32);
    this.digestInto(out);
    this.destroy();
    return out;
  }

  /** Copies this state into `to` (or a new state); used to precompute HMAC pads. */
  _cloneInto(to?: Sm3State): Sm3State {
    const target = to ?? new Sm3State();
    target.a = this.a;
    target.b = this.b;
    target.c = this.c;
    target.d = this.d;
    target.e = this.e;
    target.f = this.f;
    target.g = this.g;
    target.h = this.h;
    target.pos = this.pos;
    target.length = this.length;
    target.finished = this.finished;
    target.destroyed = this.destroyed;
    if (this.pos > 0) target.buffer.set(this.buffer);
    return target;
  }

  /** A copy of this state. */
  clone(): Sm3State {
    return this._cloneInto();
  }

  /** Wipes the state; later use throws. */
  destroy(): void {
    this.destroyed = true;
    this.a = this.b = this.c = this.d = this.e = this.f = this.g = this.h = 0;
    this.buffer.fill(0);
  }

  /** Internal: sets the chaining value (for precomputed HMAC states). */
  loadState(s: Int32Array): void {
    this.a = s[0]!;
    this.b = s[1]!;
    this.c = s[2]!;
    this.d = s[3]!;
    this.e = s[4]!;
    this.f = s[5]!;
    this.g = s[6]!;
    this.h = s[7]!;
  }

  /** Internal: reads the chaining value. */
  storeState(s: Int32Array): void {
    s[0] = this.a;
    s[1] = this.b;
    s[2] = this.c;
    s[3] = this.d;
    s[4] = this.e;
    s[5] = this.f;
    s[6] = this.g;
    s[7] = this.h;
  }

  /** Internal: one compression of the 64 bytes at `block[offset..]` (no padding, no length). */
  compressBlock(block: Uint8Array, offset: number): void {
    this.compress(block, offset);
  }

  private check(): void {
    if (this.destroyed) {
      throw new CryptoError('SM3 state was destroyed', { reason: 'destroyed' });
    }
    if (this.finished) {
      throw new CryptoError('SM3 digest was already taken', { reason: 'finished' });
    }
  }

  private compress(block: Uint8Array, offset: number): void {
    for (let i = 0; i < 16; i++) {
      const o = offset + 4 * i;
      W[i] = (block[o]! << 24) | (block[o + 1]! << 16) | (block[o + 2]! << 8) | block[o + 3]!;
    }
    for (let i = 16; i < 68; i++) {
      const w3 = W[i - 3]!;
      const w13 = W[i - 13]!;
      let x = W[i - 16]! ^ W[i - 9]! ^ ((w3 << 15) | (w3 >>> 17));
      x = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9));
      W[i] = x ^ ((w13 << 7) | (w13 >>> 25)) ^ W[i - 6]!;
    }
    let A = this.a;
    let B = this.b;
    let C = this.c;
    let D = this.d;
    let E = this.e;
    let F = this.f;
    let G = this.g;
    let H = this.h;
    // Rounds 0-15 and 16-63 differ only in FF/GG; two loops keep the body branch-free.
    for (let j = 0; j < 16; j++) {
      const a12 = (A << 12) | (A >>> 20);
      const t = (a12 + E + TJ[j]!) | 0;
      const ss1 = (t << 7) | (t >>> 25);
      const wj = W[j]!;
      const tt1 = ((A ^ B ^ C) + D + (ss1 ^ a12) + (wj ^ W[j + 4]!)) | 0;
      const tt2 = ((E ^ F ^ G) + H + ss1 + wj) | 0;
      D = C;
      C = (B << 9) | (B >>> 23);
      B = A;
      A = tt1;
      H = G;
      G = (F << 19) | (F >>> 13);
      F = E;
      E = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
    }
    for (let j = 16; j < 64; j++) {
      const a12 = (A << 12) | (A >>> 20);
      const t = (a12 + E + TJ[j]!) | 0;
      const ss1 = (t << 7) | (t >>> 25);
      const wj = W[j]!;
      const tt1 = (((A & B) | (A & C) | (B & C)) + D + (ss1 ^ a12) + (wj ^ W[j + 4]!)) | 0;
      const tt2 = (((E & F) | (~E & G)) + H + ss1 + wj) | 0;
      D = C;
      C = (B << 9) | (B >>> 23);
      B = A;
      A = tt1;
      H = G;
      G = (F << 19) | (F >>> 13);
      F = E;
      E = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
    }
    this.a ^= A;
    this.b ^= B;
    this.c ^= C;
    this.d ^= D;
    this.e ^= E;
    this.f ^= F;
    this.g ^= G;
    this.h ^= H;
  }
}

function writeBE(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = v >>> 16;
  b[o + 2] = v >>> 8;
  b[o + 3] = v;
}

/**
 * SM3 as a noble hash constructor (for `hmac`, `hkdf`, incremental hashing).
 *
 * @example
 * ```ts
 * import { sm3Hash } from './sm3.ts';
 * sm3Hash.create().update(new Uint8Array([0x61])).digest().length; // 32
 * ```
 */
export const sm3Hash: CHash<Sm3State> = /* @__PURE__ */ createHasher(() => new Sm3State(), {
  // 1.2.156.10197.1.401 (GM/T 0006)
  oid: Uint8Array.from([0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x11]),
});

/**
 * SM3 digest (GB/T 32905-2016) of the data.
 *
 * @param data - the message
 * @returns the 32-byte digest
 * @throws {CryptoError} when data is not a Uint8Array
 * @example
 * ```ts
 * import { sm3 } from './sm3.ts';
 * sm3(new TextEncoder().encode('abc')).length; // 32
 * ```
 */
export function sm3(data: Uint8Array): Uint8Array {
  return new Sm3State().update(data).digest();
}
