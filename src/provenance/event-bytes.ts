import { canonicalJson } from '../core/canonical-json.ts';
import type { DatasetRef, PartyRef } from '../core/refs.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { ProcessingEvent } from './event.ts';

const encoder = /* @__PURE__ */ new TextEncoder();

// JSON.stringify escapes strings exactly as RFC 8785 §3.2.2.2 asks, except
// that it writes lone surrogates as escapes where RFC 8785 rejects them.
function str(value: string, path: string): string {
  if (!value.isWellFormed()) {
    throw new ValidationError(`canonical JSON: value at ${path} contains a lone surrogate`, {
      path,
      reason: 'lone-surrogate',
    });
  }
  return JSON.stringify(value);
}

function party(ref: PartyRef, path: string): string {
  const name = ref.name === undefined ? '' : `,"name":${str(ref.name, `${path}.name`)}`;
  return `{"id":${str(ref.id, `${path}.id`)},"kind":${str(ref.kind, `${path}.kind`)}${name}}`;
}

function dataset(ref: DatasetRef, path: string): string {
  const digest = ref.digest === undefined ? '' : `"digest":${str(ref.digest, `${path}.digest`)},`;
  const version =
    ref.version === undefined ? '' : `,"version":${str(ref.version, `${path}.version`)}`;
  return `{${digest}"id":${str(ref.id, `${path}.id`)}${version}}`;
}

function list<T>(
  items: readonly T[],
  path: string,
  write: (item: T, path: string) => string,
): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    out += write(items[i] as T, `${path}[${i}]`);
  }
  return `${out}]`;
}

/**
 * The RFC 8785 canonical JSON of a validated event, written field by field
 * in sorted key order: equal to `canonicalJson(event)` (a property test checks
 * it), without the generic serializer's per-value bookkeeping on the append path.
 */
export function eventJson(event: ProcessingEvent): string {
  // Keys in UTF-16 code unit order, as RFC 8785 §3.2.3 sorts them.
  let out = `{"actor":${party(event.actor, 'actor')}`;
  if (event.details !== undefined) out += `,"details":${canonicalJson(event.details)}`;
  if (event.fields !== undefined) out += `,"fields":${list(event.fields, 'fields', str)}`;
  out += `,"id":${str(event.id, 'id')}`;
  out += `,"inputs":${list(event.inputs, 'inputs', dataset)}`;
  if (event.keyIds !== undefined) out += `,"keyIds":${list(event.keyIds, 'keyIds', str)}`;
  out += `,"legalBasis":${str(event.legalBasis, 'legalBasis')}`;
  if (event.onBehalfOf !== undefined)
    out += `,"onBehalfOf":${party(event.onBehalfOf, 'onBehalfOf')}`;
  out += `,"outputs":${list(event.outputs, 'outputs', dataset)}`;
  if (event.policyDigest !== undefined)
    out += `,"policyDigest":${str(event.policyDigest, 'policyDigest')}`;
  out += `,"processing":${str(event.processing, 'processing')}`;
  out += `,"purpose":${str(event.purpose, 'purpose')}`;
  if (event.recipients !== undefined)
    out += `,"recipients":${list(event.recipients, 'recipients', party)}`;
  if (event.subjectCount !== undefined) out += `,"subjectCount":${String(event.subjectCount)}`;
  return `${out},"time":${str(event.time, 'time')}}`;
}

/** UTF-8 bytes of {@link eventJson}: the event's leaf bytes. */
export function eventBytes(event: ProcessingEvent): Uint8Array {
  return encoder.encode(eventJson(event));
}
