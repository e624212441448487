import { ValidationError } from '../errors/kinds.ts';

/** A JSON value that RFC 8785 can serialize. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

const MAX_DEPTH = 256;
const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * Serializes a value as RFC 8785 (JSON Canonicalization Scheme) text.
 *
 * Object keys are sorted by UTF-16 code units, numbers use ECMAScript's
 * shortest round-trip form, strings use JSON.stringify's escaping. Values JSON
 * cannot represent exactly are rejected rather than altered: NaN, ±Infinity,
 * lone surrogates, undefined array items, functions, symbols, bigints, class
 * instances (Date included) and cycles. Object properties whose value is
 * `undefined` are omitted, as JSON.stringify does.
 *
 * @param value - the value to serialize
 * @returns the canonical JSON text
 * @throws {ValidationError} when the value has no canonical form (the message names the path)
 * @example
 * ```ts
 * import { canonicalJson } from './canonical-json.ts';
 * canonicalJson({ b: 1, a: [true, null, 1e21] }); // '{"a":[true,null,1e+21],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, '$', 0, new Set());
  return parts.join('');
}

/**
 * The UTF-8 bytes of {@link canonicalJson}: what dataguard hashes and signs.
 *
 * @param value - the value to serialize
 * @returns UTF-8 bytes of the canonical JSON text
 * @throws {ValidationError} when the value has no canonical form
 * @example
 * ```ts
 * import { canonicalBytes } from './canonical-json.ts';
 * canonicalBytes({ a: 1 }); // Uint8Array of '{"a":1}'
 * ```
 */
export function canonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value));
}

function write(
  value: unknown,
  out: string[],
  path: string,
  depth: number,
  seen: Set<object>,
): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) fail(path, 'non-finite-number', 'is not a finite number');
      // ECMAScript Number-to-String is exactly RFC 8785 §3.2.2.3; -0 becomes "0".
      out.push(Object.is(value, -0) ? '0' : String(value));
      return;
    case 'string':
      out.push(quote(value, path));
      return;
    case 'object':
      break;
    default:
      fail(path, 'unsupported-type', `has unsupported type ${typeof value}`);
  }
  const object = value as object;
  if (depth >= MAX_DEPTH) fail(path, 'too-deep', `is nested deeper than ${MAX_DEPTH}`);
  if (seen.has(object)) fail(path, 'cycle', 'is part of a cycle');
  seen.add(object);
  if (Array.isArray(object)) {
    out.push('[');
    for (let i = 0; i < object.length; i++) {
      if (i > 0) out.push(',');
      const item: unknown = object[i];
      if (item === undefined) fail(`${path}[${i}]`, 'undefined', 'is undefined');
      write(item, out, `${path}[${i}]`, depth + 1, seen);
    }
    out.push(']');
  } else {
    const proto = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) {
      fail(path, 'not-plain-object', 'is not a plain object (convert it to JSON values first)');
    }
    const record = object as Record<string, unknown>;
    const keys = Object.keys(record).sort(compareCodeUnits);
    out.push('{');
    let first = true;
    for (const key of keys) {
      const item = record[key];
      if (item === undefined) continue;
      if (!first) out.push(',');
      first = false;
      out.push(quote(key, `${path}.<key>`), ':');
      write(item, out, `${path}.${key}`, depth + 1, seen);
    }
    out.push('}');
  }
  seen.delete(object);
}

// Array.prototype.sort's default comparison is by UTF-16 code units, which is
// what RFC 8785 §3.2.3 asks for; spelled out so the intent survives refactors.
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function quote(text: string, path: string): string {
  if (!text.isWellFormed()) fail(path, 'lone-surrogate', 'contains a lone surrogate');
  return JSON.stringify(text);
}

function fail(path: string, reason: string, problem: string): never {
  throw new ValidationError(`canonical JSON: value at ${path} ${problem}`, { path, reason });
}
