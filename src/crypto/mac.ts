// HMAC with the inner and outer pad states computed once per key. A short
// value then costs exactly two compression-function calls (noble's SHA-256
// compression, or our SM3's) and no per-call hash-object bookkeeping, which is
// what lets pseudonymization approach half the bulk block rate.
import { _SHA256 } from '@noble/hashes/sha2.js';
import { Sm3State } from './sm3.ts';

/** A keyed HMAC ready for repeated use. */
export interface PrecomputedMac {
  /** HMAC of the data (a new 32-byte array). */
  mac(data: Uint8Array): Uint8Array;
  /** Wipes the pad states. */
  destroy(): void;
}

/** One Merkle–Damgård compression function with an 8-word chaining state. */
interface Compressor {
  load(state: Int32Array): void;
  store(state: Int32Array): void;
  compress(block: Uint8Array, view: DataView): void;
  wipe(): void;
}

// Drives noble's reviewed SHA-256 compression directly; a subclass is the only
// way to reach it, and it is used only through the methods below.
class Sha256Compressor extends _SHA256 implements Compressor {
  load(s: Int32Array): void {
    this.set(s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!, s[6]!, s[7]!);
  }
  store(s: Int32Array): void {
    s[0] = this.A;
    s[1] = this.B;
    s[2] = this.C;
    s[3] = this.D;
    s[4] = this.E;
    s[5] = this.F;
    s[6] = this.G;
    s[7] = this.H;
  }
  compress(_block: Uint8Array, view: DataView): void {
    this.process(view, 0);
  }
  wipe(): void {
    this.roundClean();
    this.set(0, 0, 0, 0, 0, 0, 0, 0);
  }
}

class Sm3Compressor implements Compressor {
  private readonly state = new Sm3State();
  load(s: Int32Array): void {
    this.state.loadState(s);
  }
  store(s: Int32Array): void {
    this.state.storeState(s);
  }
  compress(block: Uint8Array): void {
    this.state.compressBlock(block, 0);
  }
  wipe(): void {
    this.state.destroy();
  }
}

function writeBE(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = v >>> 16;
  b[o + 2] = v >>> 8;
  b[o + 3] = v;
}

/**
 * Precomputes HMAC (RFC 2104) pad states for `key` with SHA-256 or SM3.
 *
 * @param hash - `sha-256` or `sm3`
 * @param key - the HMAC key (not retained; keys over 64 bytes are hashed first)
 * @returns the keyed MAC
 * @example
 * ```ts
 * import { precomputeMac } from './mac.ts';
 * import { hmac } from '@noble/hashes/hmac.js';
 * import { sha256 } from '@noble/hashes/sha2.js';
 * const key = new Uint8Array(32).fill(7);
 * const value = new TextEncoder().encode('13800138000');
 * const mac = precomputeMac('sha-256', key);
 * const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
 * hex(mac.mac(value)) === hex(hmac(sha256, key, value)); // true (plain HMAC, pads computed once)
 * ```
 */
export function precomputeMac(hash: 'sha-256' | 'sm3', key: Uint8Array): PrecomputedMac {
  const c: Compressor = hash === 'sm3' ? new Sm3Compressor() : new Sha256Compressor();
  const block = new Uint8Array(64);
  const view = new DataView(block.buffer);
  const iv = new Int32Array(8);
  c.store(iv);
  const inner = new Int32Array(8);
  const outer = new Int32Array(8);
  const work = new Int32Array(8);

  // One full hash through the compressor, used only for keys longer than a block.
  const hashAll = (prefixState: Int32Array, data: Uint8Array, prefixBytes: number): void => {
    c.load(prefixState);
    let o = 0;
    for (; o + 64 <= data.length; o += 64) {
      block.set(data.subarray(o, o + 64));
      c.compress(block, view);
    }
    const rest = data.length - o;
    block.fill(0);
    for (let i = 0; i < rest; i++) block[i] = data[o + i]!;
    block[rest] = 0x80;
    if (rest >= 56) {
      c.compress(block, view);
      block.fill(0);
    }
    const bits = (prefixBytes + data.length) * 8;
    writeBE(block, 56, Math.floor(bits / 0x100000000));
    writeBE(block, 60, bits >>> 0);
    c.compress(block, view);
    c.store(work);
  };

  let k = key;
  if (key.length > 64) {
    hashAll(iv, key, 0);
    k = new Uint8Array(32);
    for (let i = 0; i < 8; i++) writeBE(k, 4 * i, work[i]!);
  }
  for (const [pad, target] of [
    [0x36, inner],
    [0x5c, outer],
  ] as const) {
    block.fill(pad);
    for (let i = 0; i < k.length; i++) block[i] = k[i]! ^ pad;
    c.load(iv);
    c.compress(block, view);
    c.store(target);
  }
  if (k !== key) k.fill(0);
  block.fill(0);

  return {
    mac(data) {
      hashAll(inner, data, 64);
      // Outer hash: one block holding the inner digest, 0x80 and the 96-byte length.
      for (let i = 0; i < 8; i++) writeBE(block, 4 * i, work[i]!);
      block[32] = 0x80;
      block.fill(0, 33, 60);
      writeBE(block, 60, (64 + 32) * 8);
      c.load(outer);
      c.compress(block, view);
      c.store(work);
      const out = new Uint8Array(32);
      for (let i = 0; i < 8; i++) writeBE(out, 4 * i, work[i]!);
      block.fill(0);
      return out;
    },
    destroy() {
      inner.fill(0);
      outer.fill(0);
      work.fill(0);
      block.fill(0);
      c.wipe();
    },
  };
}
