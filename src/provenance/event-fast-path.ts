import { IsoDateTime } from '../core/time.ts';
import { LegalBasis, Processing } from '../tags/vocabulary.ts';
import type { ProcessingEventInput } from './event.ts';
import { EventDetailsSchema } from './event-details.ts';

// A hand-written check of well-formed event input that accepts a subset of
// what ProcessingEventInputSchema accepts and returns the same output (fresh
// objects and arrays). Anything unusual returns undefined and the caller runs
// the zod parse, so errors are zod's, unchanged. The patterns and limits
// below are those of src/core/refs.ts and event.ts; a property test compares
// both paths.

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const ID = /^[^\u0000-\u001f\u007f]+$/;
const PURPOSE = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$/;
const MAX_REFS = 1000;
const MAX_KEY_IDS = 100;
const MAX_TIME = 8.64e15;

const PROCESSING: ReadonlySet<string> = /* @__PURE__ */ new Set(Processing.options);
const LEGAL_BASIS: ReadonlySet<string> = /* @__PURE__ */ new Set(LegalBasis.options);
const PARTY_KINDS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'agency',
  'enterprise',
  'individual',
  'system',
]);
const EVENT_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'id',
  'time',
  'processing',
  'actor',
  'onBehalfOf',
  'purpose',
  'legalBasis',
  'inputs',
  'outputs',
  'fields',
  'policyDigest',
  'keyIds',
  'recipients',
  'subjectCount',
  'details',
]);

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 256 && ID.test(value);
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= max;
}

// DIGEST by hand: the regex engine is slow on the concatenated strings
// callers typically build digests as.
function isDigest(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  let at: number;
  if (value.length === 72 && value.startsWith('sha-256:')) at = 8;
  else if (value.length === 68 && value.startsWith('sm3:')) at = 4;
  else return false;
  for (; at < value.length; at++) {
    const c = value.charCodeAt(at);
    // 0-9 or a-f
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

// Only the keys a strict object allows, each checked by `allowed`.
function onlyKeys(value: Plain, a: string, b: string, c: string): boolean {
  for (const key in value) {
    if (key !== a && key !== b && key !== c) return false;
  }
  return true;
}

const BAD = Symbol('bad');

function party(value: unknown): Plain | typeof BAD {
  if (!isPlain(value) || !onlyKeys(value, 'id', 'kind', 'name')) return BAD;
  const { id, kind, name } = value;
  if (!isId(id) || typeof kind !== 'string' || !PARTY_KINDS.has(kind)) return BAD;
  if (name === undefined) return { id, kind };
  return isText(name, 256) ? { id, kind, name } : BAD;
}

function dataset(value: unknown): Plain | typeof BAD {
  if (!isPlain(value) || !onlyKeys(value, 'id', 'version', 'digest')) return BAD;
  const { id, version, digest } = value;
  if (!isId(id)) return BAD;
  const out: Plain = { id };
  if (version !== undefined) {
    if (!isText(version, 64)) return BAD;
    out.version = version;
  }
  if (digest !== undefined) {
    if (!isDigest(digest)) return BAD;
    out.digest = digest;
  }
  return out;
}

function list<T>(
  value: unknown,
  max: number,
  item: (v: unknown) => T | typeof BAD,
): T[] | typeof BAD {
  if (!Array.isArray(value) || value.length > max) return BAD;
  const out: T[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const parsed = item(value[i]);
    if (parsed === BAD) return BAD;
    out[i] = parsed;
  }
  return out;
}

const idItem = (value: unknown): string | typeof BAD => (isId(value) ? value : BAD);

function time(value: unknown): boolean {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= -MAX_TIME && value <= MAX_TIME;
  }
  return typeof value === 'string' && IsoDateTime.safeParse(value).success;
}

/**
 * The parsed event when `value` is a well-formed {@link ProcessingEventInput}
 * that needs no schema machinery; undefined otherwise (then parse with zod).
 */
export function fastParseEventInput(value: unknown): ProcessingEventInput | undefined {
  if (!isPlain(value)) return undefined;
  for (const key in value) if (!EVENT_KEYS.has(key)) return undefined;
  const v = value;
  if (v.time !== undefined && !time(v.time)) return undefined;
  if (v.id !== undefined && !isId(v.id)) return undefined;
  if (typeof v.processing !== 'string' || !PROCESSING.has(v.processing)) return undefined;
  if (typeof v.legalBasis !== 'string' || !LEGAL_BASIS.has(v.legalBasis)) return undefined;
  if (typeof v.purpose !== 'string' || v.purpose.length > 256 || !PURPOSE.test(v.purpose)) {
    return undefined;
  }
  const actor = party(v.actor);
  if (actor === BAD) return undefined;
  const inputs = list(v.inputs, MAX_REFS, dataset);
  if (inputs === BAD) return undefined;
  const outputs = list(v.outputs, MAX_REFS, dataset);
  if (outputs === BAD) return undefined;
  const out: Plain = {
    processing: v.processing,
    actor,
    purpose: v.purpose,
    legalBasis: v.legalBasis,
    inputs,
    outputs,
  };
  if (v.id !== undefined) out.id = v.id;
  if (v.time !== undefined) out.time = v.time;
  if (v.onBehalfOf !== undefined) {
    const onBehalfOf = party(v.onBehalfOf);
    if (onBehalfOf === BAD) return undefined;
    out.onBehalfOf = onBehalfOf;
  }
  if (v.fields !== undefined) {
    const fields = list(v.fields, MAX_REFS, idItem);
    if (fields === BAD) return undefined;
    out.fields = fields;
  }
  if (v.policyDigest !== undefined) {
    if (!isDigest(v.policyDigest)) return undefined;
    out.policyDigest = v.policyDigest;
  }
  if (v.keyIds !== undefined) {
    const keyIds = list(v.keyIds, MAX_KEY_IDS, idItem);
    if (keyIds === BAD) return undefined;
    out.keyIds = keyIds;
  }
  if (v.recipients !== undefined) {
    const recipients = list(v.recipients, MAX_REFS, party);
    if (recipients === BAD) return undefined;
    out.recipients = recipients;
  }
  if (v.subjectCount !== undefined) {
    const count = v.subjectCount;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return undefined;
    out.subjectCount = count;
  }
  if (v.details !== undefined) {
    // The details check is a custom refinement that passes the value through.
    if (!EventDetailsSchema.safeParse(v.details).success) return undefined;
    out.details = v.details;
  }
  return out as unknown as ProcessingEventInput;
}
