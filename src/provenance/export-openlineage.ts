import { sha256 } from '@noble/hashes/sha2.js';
import { assertRecord, assertString } from '../core/assert.ts';
import { utf8 } from '../core/bytes.ts';
import type { DatasetRef, PartyRef } from '../core/refs.ts';
import type { ProcessingEvent } from './event.ts';
import type { LineageStep } from './lineage.ts';
import { parseExportArguments } from './lineage-steps.ts';
import { formatUuid } from './uuid.ts';

/** The OpenLineage object model version the export follows. */
export const OPENLINEAGE_SCHEMA_URL =
  'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';

/** Options of the OpenLineage export. */
export interface OpenLineageOptions {
  /** URI of the producer (default `urn:dataguard:provenance`). */
  readonly producer?: string | undefined;
  /** Job namespace (default: the ledger origin). */
  readonly jobNamespace?: string | undefined;
  /** Dataset namespace (default: the ledger origin). */
  readonly datasetNamespace?: string | undefined;
}

/** An OpenLineage facet: `_producer`, `_schemaURL` and its own fields. */
export interface OpenLineageFacet {
  readonly _producer: string;
  readonly _schemaURL: string;
  readonly [field: string]: unknown;
}

/** An OpenLineage dataset reference. */
export interface OpenLineageDataset {
  readonly namespace: string;
  readonly name: string;
  readonly facets?: Readonly<Record<string, OpenLineageFacet>> | undefined;
}

/**
 * An OpenLineage RunEvent (spec 2-0-2). A ledger event is a run that
 * completed, so the export emits START and COMPLETE only: a release that
 * fails or is aborted leaves no ledger event (P-RECORD), hence no FAIL or ABORT.
 */
export interface OpenLineageRunEvent {
  readonly eventType: 'START' | 'COMPLETE';
  readonly eventTime: string;
  readonly producer: string;
  readonly schemaURL: string;
  readonly run: {
    readonly runId: string;
    readonly facets: Readonly<Record<string, OpenLineageFacet>>;
  };
  readonly job: { readonly namespace: string; readonly name: string };
  readonly inputs: readonly OpenLineageDataset[];
  readonly outputs: readonly OpenLineageDataset[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FACET_SCHEMA = 'urn:dataguard:openlineage:facets:1#/$defs/';
const VERSION_FACET_SCHEMA =
  'https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet';

/**
 * The run id of an event: its id when that is a UUID (the default v7 ids),
 * else a UUID version 8 derived from SHA-256 of origin and id, so the same
 * event always maps to the same run.
 *
 * @param event - the event (only `id` is read)
 * @param origin - the ledger's origin
 * @returns a lowercase UUID
 * @throws {ValidationError} when `event` has no string `id` or `origin` is not a string
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createLedger, createNoteSigner } from 'dataguard/provenance';
 * import { runIdOf } from './export-openlineage.ts';
 * const secretKey = ed25519.generateSecretKey();
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createNoteSigner({ name: origin, secretKey }) });
 * const actor = { id: 'civil-affairs', kind: 'agency' } as const;
 * const entry = await ledger.append({ processing: 'collect', actor, purpose: 'public-service',
 *   legalBasis: 'statutory-duty', inputs: [], outputs: [{ id: 'households' }] });
 * runIdOf(entry.event, origin); // '…-…-…-…-…'
 * runIdOf(entry.event, origin) === runIdOf(entry.event, origin); // true (one event, one run id)
 * ```
 */
export function runIdOf(event: ProcessingEvent, origin: string): string {
  assertRecord(event, 'event');
  assertString(event.id, 'event.id');
  assertString(origin, 'origin');
  return runIdFor(event, origin);
}

function runIdFor(event: ProcessingEvent, origin: string): string {
  const lower = event.id.toLowerCase();
  if (UUID.test(lower)) return lower;
  const bytes = sha256(utf8(`dataguard-run\n${origin}\n${event.id}`)).slice(0, 16);
  bytes[6] = 0x80 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  return formatUuid(bytes);
}

function party(ref: PartyRef): Record<string, string> {
  return ref.name === undefined
    ? { id: ref.id, kind: ref.kind }
    : { id: ref.id, kind: ref.kind, name: ref.name };
}

/**
 * Exports ledger events as OpenLineage run events: per ledger event, a START
 * and a COMPLETE event of one run (same run id, at the event's time, with the
 * same job, facets and datasets), as the spec asks of every run. The job is `<purpose>/<processing>`, the run carries a
 * `dataguard_processing` facet (actor, legal basis, ledger position), and
 * datasets carry the standard `version` facet and a `dataguard_digest` facet.
 *
 * @param steps - the events with their ledger indexes
 * @param options - `origin` of the ledger, and `producer`, `jobNamespace`, `datasetNamespace`
 * @returns the run events in ledger order, START before COMPLETE for each
 * @throws {ValidationError} when a step or an option is invalid
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
 * const events = await ledger.exportOpenLineage({ id: 'households' });
 * events.map((event) => event.eventType); // ['START', 'COMPLETE']
 * ```
 */
export function exportOpenLineage(
  steps: readonly LineageStep[],
  options: OpenLineageOptions & { readonly origin: string },
): OpenLineageRunEvent[] {
  const checked = parseExportArguments(steps, options);
  assertOpenLineageOptions(options, 'options');
  return buildOpenLineage(checked.steps, { ...options, origin: checked.origin });
}

/** Throws unless the optional OpenLineage names are strings (internal boundary check). */
export function assertOpenLineageOptions(options: unknown, path: string): void {
  assertRecord(options, path);
  for (const key of ['producer', 'jobNamespace', 'datasetNamespace'] as const) {
    if (options[key] !== undefined) assertString(options[key], `${path}.${key}`);
  }
}

/** {@link exportOpenLineage} on trusted arguments: the ledger's own events (internal). */
export function buildOpenLineage(
  steps: readonly LineageStep[],
  options: OpenLineageOptions & { readonly origin: string },
): OpenLineageRunEvent[] {
  const producer = options.producer ?? 'urn:dataguard:provenance';
  const jobNamespace = options.jobNamespace ?? options.origin;
  const datasetNamespace = options.datasetNamespace ?? options.origin;
  const facet = (name: string, fields: Record<string, unknown>): OpenLineageFacet => ({
    _producer: producer,
    _schemaURL: `${FACET_SCHEMA}${name}`,
    ...fields,
  });
  const dataset = (ref: DatasetRef): OpenLineageDataset => {
    const facets: Record<string, OpenLineageFacet> = {};
    if (ref.version !== undefined) {
      facets.version = {
        _producer: producer,
        _schemaURL: VERSION_FACET_SCHEMA,
        datasetVersion: ref.version,
      };
    }
    if (ref.digest !== undefined)
      facets.dataguard_digest = facet('DigestDatasetFacet', { digest: ref.digest });
    return Object.keys(facets).length === 0
      ? { namespace: datasetNamespace, name: ref.id }
      : { namespace: datasetNamespace, name: ref.id, facets };
  };
  const seen = new Set<number>();
  const out: OpenLineageRunEvent[] = [];
  for (const { index, event } of [...steps].sort((a, b) => a.index - b.index)) {
    if (seen.has(index)) continue;
    seen.add(index);
    const processing: Record<string, unknown> = {
      processing: event.processing,
      purpose: event.purpose,
      legalBasis: event.legalBasis,
      actor: party(event.actor),
      eventId: event.id,
      ledgerOrigin: options.origin,
      ledgerIndex: index,
    };
    if (event.onBehalfOf !== undefined) processing.onBehalfOf = party(event.onBehalfOf);
    if (event.recipients !== undefined) processing.recipients = event.recipients.map(party);
    if (event.fields !== undefined) processing.fields = [...event.fields];
    if (event.policyDigest !== undefined) processing.policyDigest = event.policyDigest;
    if (event.keyIds !== undefined) processing.keyIds = [...event.keyIds];
    if (event.subjectCount !== undefined) processing.subjectCount = event.subjectCount;
    const run = {
      eventTime: event.time,
      producer,
      schemaURL: OPENLINEAGE_SCHEMA_URL,
      run: {
        runId: runIdFor(event, options.origin),
        facets: { dataguard_processing: facet('ProcessingRunFacet', processing) },
      },
      job: { namespace: jobNamespace, name: `${event.purpose}/${event.processing}` },
      inputs: event.inputs.map(dataset),
      outputs: event.outputs.map(dataset),
    };
    // Two independent objects: a caller adding facets to one must not change the other.
    out.push({ eventType: 'START', ...run }, { eventType: 'COMPLETE', ...structuredClone(run) });
  }
  return out;
}
