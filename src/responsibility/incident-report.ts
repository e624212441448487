import type { DatasetRef, PartyRef } from '../core/refs.ts';
import type { Processing, ResponsibilityRole } from '../tags/vocabulary.ts';
import type { Citation } from './citations.ts';
import type { CustodyAnomaly } from './custody-store.ts';

/** 安全事件 kinds (PIPL Art. 57: 泄露, 篡改, 丢失; Fujian Arts. 33-34: misuse). */
export type IncidentKind = 'leak' | 'tamper' | 'loss' | 'misuse';

/** One party responsible for an affected copy at the incident time. */
export interface CopyParty {
  readonly party: PartyRef;
  readonly roles: readonly ResponsibilityRole[];
  readonly since: string;
  readonly until?: string | undefined;
  readonly basis: readonly string[];
}

/** A copy the incident affects. */
export interface AffectedCopy {
  readonly copy: string;
  readonly ref: DatasetRef;
  /** `named`: listed in the incident; `downstream`: derived from a named copy. */
  readonly relation: 'named' | 'downstream';
  readonly parents: readonly string[];
  /** True when the copy was derived after the incident occurred (it carries the affected data on). */
  readonly derivedAfterIncident: boolean;
  /** The instant its parties are attributed at: the incident time, or its creation if later. */
  readonly attributedAt: string;
  readonly subjectCount?: number | undefined;
  readonly parties: readonly CopyParty[];
}

/** How many subjects are affected, and on what that number rests. */
export interface AffectedSubjects {
  /** The count, or null when nothing records it. */
  readonly count: number | null;
  /** `scope`: given with the incident; `subject-source`: from the consent store; `ledger`: from event subject counts. */
  readonly basis: 'scope' | 'subject-source' | 'ledger' | 'unknown';
  /** True when the true number may be higher (overlap between copies unknown, or a copy without a count). */
  readonly lowerBound: boolean;
  /** Subject ids, where the scope or the subject source names them. */
  readonly ids?: readonly string[] | undefined;
}

/** Someone who must be told, by whom, under which rule (P-INCIDENT, R-MANY). */
export interface IncidentNotification extends Citation {
  /** `subjects`: the affected persons; `authority`: a competent authority; `party`: another responsible party. */
  readonly to: 'subjects' | 'authority' | 'party';
  /** The authority or party to notify. */
  readonly party?: PartyRef | undefined;
  /** Who must send it. */
  readonly by: readonly PartyRef[];
  readonly required: boolean;
  readonly reason: string;
  /** What the notice must contain. */
  readonly contents?: readonly string[] | undefined;
}

/** One incident duty of a party, with the copies it applies to. */
export interface IncidentDuty extends Citation {
  readonly code: string;
  readonly description: string;
  readonly copies: readonly string[];
}

/** One responsible party, its roles per affected copy, and what it must do. */
export interface IncidentParty {
  readonly party: PartyRef;
  readonly copies: readonly {
    readonly copy: string;
    readonly roles: readonly ResponsibilityRole[];
  }[];
  readonly duties: readonly IncidentDuty[];
}

/** An action taken (or required) on a grant because of misuse (S-SUSPEND). */
export interface GrantAction extends Citation {
  readonly grant: string;
  readonly grantee: string;
  readonly dataset: string;
  readonly action:
    | 'suspended'
    | 'suspension-required'
    | 'terminated'
    | 'termination-required'
    | 'reinstated'
    | 'reinstatement-required';
  readonly at: string;
  /** For a suspension: the deadline to correct the misuse. */
  readonly correctBy?: string | undefined;
}

/** One ledger event in the incident timeline. */
export interface TimelineEntry {
  readonly index: number;
  readonly time: string;
  readonly eventId: string;
  readonly processing: Processing;
  readonly actor: PartyRef;
  readonly onBehalfOf?: PartyRef | undefined;
  readonly recipients?: readonly PartyRef[] | undefined;
  readonly purpose: string;
  /** The affected or upstream copies the event named. */
  readonly copies: readonly string[];
}

/** The incident report: JSON-serializable; render with `incidentToMarkdown` / `incidentToHtml`. */
export interface IncidentReport {
  readonly id: string;
  readonly kind: IncidentKind;
  readonly discoveredAt: string;
  readonly occurredAt?: string | undefined;
  readonly reportedAt: string;
  readonly reportedBy: PartyRef;
  readonly description?: string | undefined;
  readonly fields?: readonly string[] | undefined;
  /** The copies named in the incident. */
  readonly datasets: readonly string[];
  /** Named and downstream copies with their responsible parties at the incident time. */
  readonly copies: readonly AffectedCopy[];
  /** Ancestors of the named copies (context: where the data came from). */
  readonly upstream: readonly string[];
  readonly subjects: AffectedSubjects;
  readonly notifications: readonly IncidentNotification[];
  readonly parties: readonly IncidentParty[];
  readonly grantActions: readonly GrantAction[];
  readonly timeline: readonly TimelineEntry[];
  readonly anomalies: readonly CustodyAnomaly[];
  /** Where the incident event was recorded in the ledger. */
  readonly recorded?: { readonly index: number; readonly eventId: string } | undefined;
  /** Every rule the report rests on. */
  readonly rules: readonly Citation[];
}
