/**
 * Responsibility chain (R-WHO, R-MANY, R-LIFECYCLE): who owns, holds, manages,
 * uses or collected each copy of a dataset at any time, derived from
 * provenance events; duties per role; duty audits; incident response
 * (P-INCIDENT, S-SUSPEND).
 *
 * @packageDocumentation
 */

export type { OwnerCatalog } from './apply-event.ts';
export type { ResponsibleParty } from './attribution.ts';
export type {
  AuditFacts,
  AuditOptions,
  DutyAudit,
  Holding,
  OpenObligation,
} from './audit-duties.ts';
export type { SyncResult } from './chain-core.ts';
export type { Citation } from './citations.ts';
export type { ConsentGrantsOptions } from './consent-grants.ts';
export { consentGrants } from './consent-grants.ts';
export type {
  CopyDescription,
  CustodyChain,
  CustodyNode,
  ResponsibilityChain,
  ResponsibilityChainOptions,
} from './create-responsibility-chain.ts';
export { createResponsibilityChain } from './create-responsibility-chain.ts';
export type {
  AssignmentVia,
  CopyEvent,
  CopyOrigin,
  CopyRecord,
  CustodyAnomaly,
  CustodyBatch,
  CustodyStore,
  RoleAssignment,
} from './custody-store.ts';
export type { Duty } from './duties.ts';
export { dutiesOf } from './duties.ts';
export type { EventLog } from './event-log.ts';
export { createEventLog } from './event-log.ts';
export type {
  GrantActionReason,
  GrantController,
  GrantFacts,
  GrantSource,
  Instant,
  ManyOf,
  MaybePromise,
  RetentionSource,
  SubjectSource,
  Withdrawal,
  WithdrawalSource,
} from './facts.ts';
export type {
  AffectedCopy,
  AffectedSubjects,
  CopyParty,
  GrantAction,
  IncidentDuty,
  IncidentKind,
  IncidentNotification,
  IncidentParty,
  IncidentReport,
  TimelineEntry,
} from './incident-report.ts';
export { incidentToHtml } from './incident-to-html.ts';
export { incidentToMarkdown } from './incident-to-markdown.ts';
export type {
  DetailJson,
  EntriesOptions,
  EventAppender,
  IndexedLedger,
  LedgerEntryLike,
  LedgerSource,
  ProcessingEventLike,
  RecordedEvent,
  StrictDetailJson,
} from './ledger-entry.ts';
export { createMemoryCustodyStore } from './memory-custody-store.ts';
export type { ResolveMisuseOptions } from './misuse-grants.ts';
export type { IncidentInput } from './open-incident.ts';
export type { IncidentRenderOptions, IncidentReportLang } from './render-incident.ts';
