// Fast text encodings for tokens and ciphertexts (hot path: no per-byte allocation).

const HEX: readonly string[] = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const encoder = /* @__PURE__ */ new TextEncoder();
const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of a string. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

let scratch = /* @__PURE__ */ new Uint8Array(256);

/**
 * UTF-8 bytes of a string in a shared scratch buffer: valid only until the
 * next call, for handing straight to a MAC that copies nothing (hot paths).
 */
export function utf8Scratch(text: string): Uint8Array {
  if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  return scratch.subarray(0, written);
}

/** The string of UTF-8 bytes (throws on invalid UTF-8). */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** The first `length` lowercase hex characters of bytes. */
export function hexPrefix(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) out += HEX[bytes[i] as number];
  return out.length > length ? out.slice(0, length) : out;
}

/** The first `length` characters of the RFC 4648 base32 form of bytes (lowercase, no padding). */
export function base32Prefix(bytes: Uint8Array, length: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    buffer = ((buffer << 8) | (bytes[i] as number)) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0 && out.length < length) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** Base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000)); // spread-ok: 32 KiB slices
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Bytes of base64url (padding optional), or undefined when malformed. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
