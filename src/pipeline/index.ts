export { ledgerSigner } from './deprecated.ts';
export { createLedgerSigner } from './ledger-signer.ts';
export type { MemorySink } from './protect.ts';
export { createMemorySink, protect } from './protect.ts';
export type {
  ProtectConsent,
  ProtectGrant,
  ProtectOpen,
  ProtectOptions,
  ProtectProcessing,
  ProtectReject,
  ProtectShare,
  RecordSink,
} from './protect-options.ts';
export type { ReleasePlan, ReleaseRequirements } from './release-plan.ts';
export type { ProtectSubjects, SubjectFiling, SubjectIndex } from './subject-index.ts';
export { createMemorySubjectIndex } from './subject-index.ts';
export type { ProtectSummary } from './summary.ts';
