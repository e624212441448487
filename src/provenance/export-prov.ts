import { assertRecord, assertString } from '../core/assert.ts';
import { canonicalJson } from '../core/canonical-json.ts';
import { parseArgument } from '../core/parse.ts';
import { DatasetRef, type PartyRef } from '../core/refs.ts';
import type { ProcessingEvent } from './event.ts';
import type { LineageStep } from './lineage.ts';
import { parseExportArguments } from './lineage-steps.ts';

/** A PROV-JSON attribute value: a plain or typed literal, or an array of them. */
export type ProvLiteral =
  | string
  | number
  | boolean
  | { readonly $: string | number | boolean; readonly type: string }
  | readonly (
      | string
      | number
      | boolean
      | { readonly $: string | number | boolean; readonly type: string }
    )[];

/** PROV-JSON attributes of one record, keyed by qualified name. */
export type ProvRecord = Readonly<Record<string, ProvLiteral>>;

/** A W3C PROV-JSON document (Member Submission 2013-04-24) as dataguard exports it. */
export interface ProvDocument {
  readonly prefix: Readonly<Record<string, string>>;
  readonly entity: Readonly<Record<string, ProvRecord>>;
  readonly activity: Readonly<Record<string, ProvRecord>>;
  readonly agent: Readonly<Record<string, ProvRecord>>;
  readonly used: Readonly<Record<string, ProvRecord>>;
  readonly wasGeneratedBy: Readonly<Record<string, ProvRecord>>;
  readonly wasAssociatedWith: Readonly<Record<string, ProvRecord>>;
  readonly actedOnBehalfOf: Readonly<Record<string, ProvRecord>>;
  readonly wasDerivedFrom: Readonly<Record<string, ProvRecord>>;
}

/** Namespaces of the exported identifiers. */
const PROV_PREFIXES: Readonly<Record<string, string>> = Object.freeze({
  dg: 'urn:dataguard:vocab:',
  ds: 'urn:dataguard:dataset:',
  ev: 'urn:dataguard:event:',
  party: 'urn:dataguard:party:',
});

const encoder = /* @__PURE__ */ new TextEncoder();

// PROV-N local names (PN_LOCAL) allow few characters unescaped: keep letters,
// digits, '.' and '-', percent-encode the rest (UTF-8), so '_' can separate an
// id from its version without ambiguity. Percent (PROV-N PERCENT), not '\'
// escapes: tools disagree on removing backslashes (the W3C Python library
// keeps them in the IRI), while %HH is the same IRI everywhere.
function encodePart(text: string): string {
  let out = '';
  for (const char of text) {
    if (/^[A-Za-z0-9.-]$/.test(char)) {
      out += char;
      continue;
    }
    for (const byte of encoder.encode(char))
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

// PN_LOCAL may not start with '-' or '.', nor end with '.'.
function local(...parts: readonly string[]): string {
  let name = parts.map(encodePart).join('_');
  if (name.startsWith('-')) name = `%2D${name.slice(1)}`;
  else if (name.startsWith('.')) name = `%2E${name.slice(1)}`;
  if (name.endsWith('.')) name = `${name.slice(0, -1)}%2E`;
  return name;
}

function datasetQName(ref: DatasetRef): string {
  return ref.version === undefined ? `ds:${local(ref.id)}` : `ds:${local(ref.id, ref.version)}`;
}

function agentQName(party: PartyRef): string {
  return `party:${local(party.kind, party.id)}`;
}

/**
 * The PROV qualified name of a dataset (by id and version).
 *
 * @param ref - the dataset reference
 * @returns `ds:<id>` or `ds:<id>_<version>`, percent-encoded
 * @throws {ValidationError} when `ref` has no string `id` or a version that is not a string
 * @example
 * ```ts
 * import { provDatasetId } from './export-prov.ts';
 * provDatasetId({ id: 'visits', version: '2026-02' }); // 'ds:visits_2026-02'
 * ```
 */
export function provDatasetId(ref: DatasetRef): string {
  assertRecord(ref, 'ref');
  assertString(ref.id, 'ref.id');
  if (ref.version !== undefined) assertString(ref.version, 'ref.version');
  return datasetQName(ref);
}

/**
 * The PROV qualified name of a party.
 *
 * @param party - the party reference
 * @returns `party:<kind>_<id>`, percent-encoded
 * @throws {ValidationError} when `party` has no string `id` and `kind`
 * @example
 * ```ts
 * import { provAgentId } from './export-prov.ts';
 * provAgentId({ id: 'fj-health', kind: 'agency' }); // 'party:agency_fj-health'
 * ```
 */
export function provAgentId(party: PartyRef): string {
  assertRecord(party, 'party');
  assertString(party.id, 'party.id');
  assertString(party.kind, 'party.kind');
  return agentQName(party);
}

/**
 * The PROV qualified name of an event.
 *
 * @param event - the event (only `id` is read)
 * @returns `ev:<id>`, percent-encoded
 * @throws {ValidationError} when `event` has no string `id`
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createLedger, createNoteSigner } from 'dataguard/provenance';
 * import { provActivityId } from './export-prov.ts';
 * const secretKey = ed25519.generateSecretKey();
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createNoteSigner({ name: origin, secretKey }) });
 * const actor = { id: 'civil-affairs', kind: 'agency' } as const;
 * const entry = await ledger.append({ processing: 'collect', actor, purpose: 'public-service',
 *   legalBasis: 'statutory-duty', inputs: [], outputs: [{ id: 'households' }] });
 * provActivityId(entry.event); // 'ev:…'
 * ```
 */
export function provActivityId(event: ProcessingEvent): string {
  assertRecord(event, 'event');
  assertString(event.id, 'event.id');
  return `ev:${local(event.id)}`;
}

// PROV-JSON types qualified-name values prov:QUALIFIED_NAME (xsd:QName would be
// read as a plain literal, so tools would not see prov:type as a PROV type).
function qname(value: string): { readonly $: string; readonly type: string } {
  return { $: value, type: 'prov:QUALIFIED_NAME' };
}

const AGENT_TYPE: Readonly<Record<PartyRef['kind'], string>> = {
  agency: 'prov:Organization',
  enterprise: 'prov:Organization',
  individual: 'prov:Person',
  system: 'prov:SoftwareAgent',
};

/**
 * Exports ledger events as one W3C PROV-JSON document: datasets become
 * entities, events activities, parties agents; inputs are `used`, outputs
 * `wasGeneratedBy` and `wasDerivedFrom` their inputs, actors
 * `wasAssociatedWith`, and `onBehalfOf` becomes `actedOnBehalfOf`.
 *
 * @param dataset - the dataset whose history this is (marked `dg:subject`)
 * @param steps - the events, with their ledger indexes
 * @param options - `origin`: the ledger's origin, recorded on each activity
 * @returns the PROV-JSON document
 * @throws {ValidationError} when the dataset, a step or the origin is invalid
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createLedger, createNoteSigner } from 'dataguard/provenance';
 * const secretKey = ed25519.generateSecretKey();
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createNoteSigner({ name: origin, secretKey }) });
 * const actor = { id: 'civil-affairs', kind: 'agency' } as const;
 * const entry = await ledger.append({ processing: 'collect', actor, purpose: 'public-service',
 *   legalBasis: 'statutory-duty', inputs: [], outputs: [{ id: 'households' }] });
 * const doc = await ledger.exportProv({ id: 'households' });
 * Object.keys(doc.activity ?? {}).length; // 1
 * ```
 */
export function exportProv(
  dataset: DatasetRef,
  steps: readonly LineageStep[],
  options: { readonly origin: string },
): ProvDocument {
  const ref = parseArgument(DatasetRef, dataset, 'dataset');
  const checked = parseExportArguments(steps, options);
  return buildProv(ref, checked.steps, checked.origin);
}

/** {@link exportProv} on trusted arguments: the ledger's own events (internal). */
export function buildProv(
  dataset: DatasetRef,
  steps: readonly LineageStep[],
  origin: string,
): ProvDocument {
  const entity: Record<string, Record<string, ProvLiteral>> = {};
  const activity: Record<string, ProvRecord> = {};
  const agent: Record<string, ProvRecord> = {};
  const used: Record<string, ProvRecord> = {};
  const wasGeneratedBy: Record<string, ProvRecord> = {};
  const wasAssociatedWith: Record<string, ProvRecord> = {};
  const actedOnBehalfOf: Record<string, ProvRecord> = {};
  const wasDerivedFrom: Record<string, ProvRecord> = {};
  let counter = 0;
  const blank = (kind: string) => `_:${kind}${++counter}`;

  const addEntity = (ref: DatasetRef): string => {
    const id = datasetQName(ref);
    const record = entity[id] ?? {
      'prov:type': qname('dg:Dataset'),
      'prov:label': ref.id,
      ...(ref.version === undefined ? {} : { 'dg:version': ref.version }),
    };
    if (ref.digest !== undefined) {
      const digests = (record['dg:digest'] as string[] | undefined) ?? [];
      if (!digests.includes(ref.digest)) record['dg:digest'] = [...digests, ref.digest];
    }
    entity[id] = record;
    return id;
  };
  // A party appears in many events, named in some: merge, never overwrite.
  const agentLabels = new Map<string, string[]>();
  const addAgent = (party: PartyRef): string => {
    const id = agentQName(party);
    const labels = agentLabels.get(id) ?? [];
    if (party.name !== undefined && !labels.includes(party.name)) labels.push(party.name);
    agentLabels.set(id, labels);
    agent[id] = {
      'prov:type': qname(AGENT_TYPE[party.kind]),
      'dg:partyKind': party.kind,
      'dg:partyId': party.id,
      ...(labels.length === 0
        ? {}
        : { 'prov:label': labels.length === 1 ? (labels[0] as string) : [...labels] }),
    };
    return id;
  };
  const seen = new Set<number>();
  for (const { index, event } of [...steps].sort((a, b) => a.index - b.index)) {
    if (seen.has(index)) continue;
    seen.add(index);
    const act = `ev:${local(event.id)}`;
    const record: Record<string, ProvLiteral> = {
      'prov:startTime': event.time,
      'prov:endTime': event.time,
      'prov:type': qname(`dg:${event.processing}`),
      'dg:purpose': event.purpose,
      'dg:legalBasis': event.legalBasis,
      'dg:ledgerOrigin': origin,
      'dg:ledgerIndex': index,
      'dg:eventId': event.id,
    };
    if (event.fields !== undefined) record['dg:fields'] = [...event.fields];
    if (event.policyDigest !== undefined) record['dg:policyDigest'] = event.policyDigest;
    if (event.keyIds !== undefined) record['dg:keyIds'] = [...event.keyIds];
    if (event.subjectCount !== undefined) record['dg:subjectCount'] = event.subjectCount;
    if (event.recipients !== undefined) {
      record['dg:recipients'] = event.recipients.map((party) => qname(addAgent(party)));
    }
    if (event.details !== undefined) record['dg:details'] = canonicalJson(event.details);
    activity[act] = record;

    const actor = addAgent(event.actor);
    wasAssociatedWith[blank('assoc')] = { 'prov:activity': act, 'prov:agent': actor };
    if (event.onBehalfOf !== undefined) {
      actedOnBehalfOf[blank('deleg')] = {
        'prov:delegate': actor,
        'prov:responsible': addAgent(event.onBehalfOf),
        'prov:activity': act,
      };
    }
    const inputs = event.inputs.map(addEntity);
    for (const input of inputs) {
      used[blank('use')] = { 'prov:activity': act, 'prov:entity': input, 'prov:time': event.time };
    }
    for (const output of event.outputs.map(addEntity)) {
      wasGeneratedBy[blank('gen')] = {
        'prov:entity': output,
        'prov:activity': act,
        'prov:time': event.time,
      };
      for (const input of inputs) {
        if (input === output) continue;
        wasDerivedFrom[blank('der')] = {
          'prov:generatedEntity': output,
          'prov:usedEntity': input,
          'prov:activity': act,
        };
      }
    }
  }
  const subject = addEntity(dataset);
  (entity[subject] as Record<string, ProvLiteral>)['dg:subject'] = true;
  return {
    prefix: { ...PROV_PREFIXES },
    entity,
    activity,
    agent,
    used,
    wasGeneratedBy,
    wasAssociatedWith,
    actedOnBehalfOf,
    wasDerivedFrom,
  };
}
