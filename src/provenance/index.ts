/**
 * Provenance ledger (处理全流程记录): processing events in an RFC 9162 Merkle
 * log with inclusion and consistency proofs, C2SP signed-note checkpoints,
 * lineage queries and W3C PROV / OpenLineage export.
 *
 * @packageDocumentation
 */

export type {
  Checkpoint,
  CheckpointFailureReason,
  VerifiedCheckpoint,
  VerifyCheckpointOptions,
} from './checkpoint.ts';
export { safeVerifyCheckpoint, verifyCheckpoint } from './checkpoint.ts';
export type { DecisionLink } from './decision-link.ts';
export { ed25519NoteSigner, noteSignerFromScheme, openCheckpoint } from './deprecated.ts';
export type { ProcessingEvent, ProcessingEventInput } from './event.ts';
export { ProcessingEventSchema } from './event.ts';
export type { DetailValue, EventDetails } from './event-details.ts';
export type {
  OpenLineageDataset,
  OpenLineageFacet,
  OpenLineageOptions,
  OpenLineageRunEvent,
} from './export-openlineage.ts';
export { exportOpenLineage } from './export-openlineage.ts';
export type { ProvDocument, ProvLiteral, ProvRecord } from './export-prov.ts';
export { exportProv } from './export-prov.ts';
export type { HashFunction } from './hash-function.ts';
export type {
  ConsistencyProof,
  InclusionProof,
  Ledger,
  LedgerCheckpoint,
  LedgerEntry,
  LedgerOptions,
} from './ledger.ts';
export { createLedger } from './ledger.ts';
export type {
  AppendResult,
  LedgerLeaf,
  LedgerStore,
  StoredCheckpoint,
  StoredLeaf,
} from './ledger-store.ts';
export type { Lineage, LineageIndex, LineageStep, SourceLabel, SourceLabels } from './lineage.ts';
export type { MemoryLedgerInternals, MemoryLedgerStore } from './memory-ledger-store.ts';
export { createMemoryLedgerStore } from './memory-ledger-store.ts';
export { leafHash } from './merkle-hash.ts';
export type {
  CustomNoteSignerOptions,
  CustomNoteVerifierOptions,
  NoteKey,
  NoteSigner,
  NoteSignerOptions,
  NoteVerifier,
  NoteVerifierOptions,
  SchemeNoteSignerOptions,
  SchemeNoteVerifierOptions,
  SignatureSchemeLike,
} from './note-keys.ts';
export {
  createNoteSigner,
  createNoteVerifier,
  formatVerifierKey,
  parseVerifierKey,
} from './note-keys.ts';
export type { ProofFailureReason } from './proof-check.ts';
export type { ConsistencyProofJson, InclusionProofJson } from './proof-json.ts';
export {
  consistencyProofFromJson,
  consistencyProofToJson,
  inclusionProofFromJson,
  inclusionProofToJson,
} from './proof-json.ts';
export type {
  CheckpointConsistencyCheck,
  CheckpointPairInput,
  CheckpointProofFailure,
  CheckpointTrust,
  InclusionAgainstCheckpointInput,
  InconsistencyEvidence,
} from './verify-against-checkpoint.ts';
export {
  checkCheckpointConsistency,
  safeVerifyInclusionAgainstCheckpoint,
  verifyInclusionAgainstCheckpoint,
} from './verify-against-checkpoint.ts';
export type { ConsistencyProofInput } from './verify-consistency.ts';
export { safeVerifyConsistency, verifyConsistency } from './verify-consistency.ts';
export type { InclusionProofInput } from './verify-inclusion.ts';
export { safeVerifyInclusion, verifyInclusion } from './verify-inclusion.ts';
export type { LedgerProblem, LedgerVerifyReport, VerifyOptions } from './verify-ledger.ts';
