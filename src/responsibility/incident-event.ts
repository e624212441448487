import type { PartyRef } from '../core/refs.ts';
import { toIso } from '../core/time.ts';
import type {
  AffectedCopy,
  AffectedSubjects,
  GrantAction,
  IncidentKind,
} from './incident-report.ts';
import type { RecordedEvent } from './ledger-entry.ts';

// The provenance ledger's limits on one event: refs per list, items per details array.
const MAX_EVENT_REFS = 1000;
const MAX_DETAIL_ITEMS = 32;

/** The purpose the incident event is recorded under. */
export const INCIDENT_PURPOSE = 'security.incident-response';

/**
 * The `incident` event recorded in the ledger (P-RECORD): counts, never subject ids.
 *
 * @param input - the incident facts
 * @returns the event
 */
export function incidentEvent(input: {
  id: string;
  time: string;
  reportedBy: PartyRef;
  kind: IncidentKind;
  discovered: number;
  occurred: number | undefined;
  copies: readonly AffectedCopy[];
  subjects: AffectedSubjects;
  fields: readonly string[] | undefined;
  grantActions: readonly GrantAction[];
}): RecordedEvent {
  // Subject ids never go into the ledger: only counts. Lists are capped to
  // the ledger's limits on event size (the report keeps the full lists).
  const named = input.copies.filter((c) => c.relation === 'named').map((c) => c.copy);
  const downstream = input.copies.filter((c) => c.relation === 'downstream').map((c) => c.copy);
  const grants = input.grantActions.map((g) => g.grant);
  return {
    id: input.id,
    time: input.time,
    processing: 'incident',
    actor: input.reportedBy,
    purpose: INCIDENT_PURPOSE,
    legalBasis: 'statutory-duty',
    inputs: input.copies.slice(0, MAX_EVENT_REFS).map((c) => c.ref),
    outputs: [],
    ...(input.fields === undefined ? {} : { fields: input.fields.slice(0, MAX_EVENT_REFS) }),
    ...(input.subjects.count === null ? {} : { subjectCount: input.subjects.count }),
    details: {
      kind: input.kind,
      discoveredAt: toIso(input.discovered),
      ...(input.occurred === undefined ? {} : { occurredAt: toIso(input.occurred) }),
      named: named.slice(0, MAX_DETAIL_ITEMS),
      namedCount: named.length,
      downstream: downstream.slice(0, MAX_DETAIL_ITEMS),
      downstreamCount: downstream.length,
      subjectCountBasis: input.subjects.basis,
      suspendedGrants: grants.slice(0, MAX_DETAIL_ITEMS),
      rule: 'P-INCIDENT',
    },
  };
}
