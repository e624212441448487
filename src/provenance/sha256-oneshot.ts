// FIPS 180-4 SHA-256 specialised for the Merkle tree's one-shot inputs
// (`prefix || a || b`): the message is copied once into a padded scratch
// buffer and compressed block by block with the state in locals. It hashes
// public log data (events hold no personal data or keys), so the scratch is
// not wiped; @noble/hashes stays the reference the tests compare against.

// biome-ignore format: the 64 round constants read best as a table
const K = /* @__PURE__ */ new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const W = /* @__PURE__ */ new Int32Array(16);
let scratch = /* @__PURE__ */ new Uint8Array(1024);

function compress(data: Uint8Array, blocks: number, out: Uint8Array): void {
  let h0 = 0x6a09e667;
  let h1 = 0xbb67ae85 | 0;
  let h2 = 0x3c6ef372;
  let h3 = 0xa54ff53a | 0;
  let h4 = 0x510e527f;
  let h5 = 0x9b05688c | 0;
  let h6 = 0x1f83d9ab;
  let h7 = 0x5be0cd19;
  const w = W;
  const k = K;
  for (let block = 0, p = 0; block < blocks; block++) {
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    // Eight rounds per iteration with the working variables renamed instead
    // of shifted; Ch and Maj in their 3- and 4-operation forms.
    for (let i = 0; i < 64; i += 8) {
      {
        const j = i + 0;
        let wj: number;
        if (j < 16) {
          wj =
            ((data[p] as number) << 24) |
            ((data[p + 1] as number) << 16) |
            ((data[p + 2] as number) << 8) |
            (data[p + 3] as number);
          p += 4;
        } else {
          const x = w[(j - 15) & 15] as number;
          const y = w[(j - 2) & 15] as number;
          wj =
            ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) +
              (w[(j - 7) & 15] as number) +
              (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
              (w[j & 15] as number)) |
            0;
        }
        w[j & 15] = wj;
        const t1 =
          (h +
            (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
            (g ^ (e & (f ^ g))) +
            (k[j] as number) +
            wj) |
          0;
        d = (d + t1) | 0;
        h =
          (t1 +
            (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
            ((a & b) ^ (c & (a ^ b)))) |
          0;
      }
      {
        const j = i + 1;
        let wj: number;
        if (j < 16) {
          wj =
            ((data[p] as number) << 24) |
            ((data[p + 1] as number) << 16) |
            ((data[p + 2] as number) << 8) |
            (data[p + 3] as number);
          p += 4;
        } else {
          const x = w[(j - 15) & 15] as number;
          const y = w[(j - 2) & 15] as number;
          wj =
            ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) +
              (w[(j - 7) & 15] as number) +
              (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
              (w[j & 15] as number)) |
            0;
        }
        w[j & 15] = wj;
        const t1 =
          (g +
            (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) +
            (f ^ (d & (e ^ f))) +
            (k[j] as number) +
            wj) |
          0;
        c = (c + t1) | 0;
        g =
          (t1 +
            (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) +
            ((h & a) ^ (b & (h ^ a)))) |
          0;
      }
      {
        const j = i + 2;
        let wj: number;
        if (j < 16) {
          wj =
            ((data[p] as number) << 24) |
            ((data[p + 1] as number) << 16) |
            ((data[p + 2] as number) << 8) |
            (data[p + 3] as number);
          p += 4;
        } else {
          const x = w[(j - 15) & 15] as number;
          const y = w[(j - 2) & 15] as number;
          wj =
            ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) +
              (w[(j - 7) & 15] as number) +
              (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
              (w[j & 15] as number)) |
            0;
        }
        w[j & 15] = wj;
        const t1 =
          (f +
            (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) +
            (e ^ (c & (d ^ e))) +
            (k[j] as number) +
            wj) |
          0;
        b = (b + t1) | 0;
        f =
          (t1 +
            (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) +
            ((g & h) ^ (a & (g ^ h)))) |
          0;
      }
      {
        const j = i + 3;
        let wj: number;
        if (j < 16) {
          wj =
            ((data[p] as number) << 24) |
            ((data[p + 1] as number) << 16) |
            ((data[p + 2] as number) << 8) |
            (data[p + 3] as number);
          p += 4;
        } else {
          const x = w[(j - 15) & 15] as number;
          const y = w[(j - 2) & 15] as number;
          wj =
            ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) +
              (w[(j - 7) & 15] as number) +
              (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
              (w[j & 15] as number)) |
            0;
        }
        w[j & 15] = wj;
        const t1 =
          (e +
            (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) +
            (d ^ (b & (c ^ d))) +
            (k[j] as number) +
            wj) |
          0;
        a = (a + t1) | 0;
        e =
          (t1 +
            (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) +
            ((f & g) ^ (h & (f ^ g)))) |
          0;
      }
      {
        const j = i + 4;
        let wj: number;
        if (j < 16) {
          wj =
            ((data[p] as number) << 24) |
            ((data[p + 1] as number) << 16) |
            ((data[p + 2] as number) << 8) |
            (data[p + 3] as number);
          p += 4;
        } else {
          const x = w[(j - 15) & 15] as number;
          const y = w[(j - 2) & 15] as number;
          wj =
            ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) +
              (w[(j - 7) & 15] as number) +
              (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
              (w[j & 15] as number)) |
            0;
        }
        w[j & 15] = wj;
        const t1 =
          (d +
            (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) +
            (c ^ (a & (b ^ c))) +
            (k[j] as number) +
            wj) |
          0;
        h = (h + t1) | 0;
        d =
          (t1 +
            (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) +
            ((e & f) ^ (g & (e ^ f)))) |
          0;
      }
      {
        const j = i + 5;
        let wj: number;
        if (j < 16) {
          wj =
            ((data[p] as number) << 24) |
            ((data[p + 1] as number) << 16) |
            ((data[p + 2] as number) << 8) |
            (data[p + 3] as number);
          p += 4;
        } else {
          const x = w[(j - 15) & 15] as number;
          const y = w[(j - 2) & 15] as number;
          wj =
            ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) +
              (w[(j - 7) & 15] as number) +
              (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
              (w[j & 15] as number)) |
            0;
        }
        w[j & 15] = wj;
        const t1 =
          (c +
            (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) +
            (b ^ (h & (a ^ b))) +
            (k[j] as number) +
            wj) |
          0;
        g = (g + t1) | 0;
        c =
          (t1 +
            (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) +
            ((d & e) ^ (f & (d ^ e)))) |
          0;
      }
      {
        const j = i + 6;
        let wj: number;
        if (j < 16) {
          wj =
            ((data[p] as number) << 24) |
            ((data[p + 1] as number) << 16) |
            ((data[p + 2] as number) << 8) |
            (data[p + 3] as number);
          p += 4;
        } else {
          const x = w[(j - 15) & 15] as number;
          const y = w[(j - 2) & 15] as number;
          wj =
            ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) +
              (w[(j - 7) & 15] as number) +
              (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
              (w[j & 15] as number)) |
            0;
        }
        w[j & 15] = wj;
        const t1 =
          (b +
            (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) +
            (a ^ (g & (h ^ a))) +
            (k[j] as number) +
            wj) |
          0;
        f = (f + t1) | 0;
        b =
          (t1 +
            (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) +
            ((c & d) ^ (e & (c ^ d)))) |
          0;
      }
      {
        const j = i + 7;
        let wj: number;
        if (j < 16) {
          wj =
            ((data[p] as number) << 24) |
            ((data[p + 1] as number) << 16) |
            ((data[p + 2] as number) << 8) |
            (data[p + 3] as number);
          p += 4;
        } else {
          const x = w[(j - 15) & 15] as number;
          const y = w[(j - 2) & 15] as number;
          wj =
            ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) +
              (w[(j - 7) & 15] as number) +
              (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
              (w[j & 15] as number)) |
            0;
        }
        w[j & 15] = wj;
        const t1 =
          (a +
            (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) +
            (h ^ (f & (g ^ h))) +
            (k[j] as number) +
            wj) |
          0;
        e = (e + t1) | 0;
        a =
          (t1 +
            (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) +
            ((b & c) ^ (d & (b ^ c)))) |
          0;
      }
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  writeWord(out, 0, h0);
  writeWord(out, 4, h1);
  writeWord(out, 8, h2);
  writeWord(out, 12, h3);
  writeWord(out, 16, h4);
  writeWord(out, 20, h5);
  writeWord(out, 24, h6);
  writeWord(out, 28, h7);
}

function writeWord(out: Uint8Array, at: number, v: number): void {
  out[at] = v >>> 24;
  out[at + 1] = v >>> 16;
  out[at + 2] = v >>> 8;
  out[at + 3] = v;
}

/**
 * SHA-256 of `prefix || a || b` (prefix a byte, or -1 for none), in one pass
 * over a reused padded buffer (internal: the default tree hash).
 */
export function sha256Oneshot(prefix: number, a: Uint8Array, b?: Uint8Array): Uint8Array {
  const head = prefix < 0 ? 0 : 1;
  const length = head + a.length + (b === undefined ? 0 : b.length);
  // Message, the 0x80 byte and the 64-bit length, rounded up to whole blocks.
  const padded = Math.ceil((length + 9) / 64) * 64;
  if (padded > scratch.length) scratch = new Uint8Array(Math.max(padded, scratch.length * 2));
  const buf = scratch;
  if (head === 1) buf[0] = prefix;
  buf.set(a, head);
  if (b !== undefined) buf.set(b, head + a.length);
  buf[length] = 0x80;
  buf.fill(0, length + 1, padded - 8);
  const bits = length * 8;
  const high = Math.floor(bits / 0x100000000);
  buf[padded - 8] = high >>> 24;
  buf[padded - 7] = high >>> 16;
  buf[padded - 6] = high >>> 8;
  buf[padded - 5] = high;
  buf[padded - 4] = bits >>> 24;
  buf[padded - 3] = bits >>> 16;
  buf[padded - 2] = bits >>> 8;
  buf[padded - 1] = bits;
  const out = new Uint8Array(32);
  compress(buf, padded >>> 6, out);
  return out;
}
