/**
 * Provenance ledger (处理全流程记录): processing events in an RFC 9162 Merkle
 * log with inclusion and consistency proofs, C2SP signed-note checkpoints,
 * lineage queries and W3C PROV / OpenLineage export.
 *
 * @packageDocumentation
 */

export type {
  Checkpoint,
  CheckpointCheck,
  CheckpointFailureReason,
  OpenCheckpointOptions,
  VerifiedCheckpoint,
} from './checkpoint.ts';
export {
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  safeOpenCheckpoint,
  signCheckpoint,
} from './checkpoint.ts';
export type { AppendPlan, NodeId, NodeRecord } from './compact-range.ts';
export { computeAppend, frontierIds, rangeNodeIds } from './compact-range.ts';
export type { DecisionLink } from './decision-link.ts';
export type { ProcessingEvent, ProcessingEventInput } from './event.ts';
export { ProcessingEventInputSchema, ProcessingEventSchema } from './event.ts';
export type { DetailValue, EventDetails } from './event-details.ts';
export { DETAIL_LIMITS, EventDetailsSchema } from './event-details.ts';
export type {
  OpenLineageDataset,
  OpenLineageFacet,
  OpenLineageOptions,
  OpenLineageRunEvent,
} from './export-openlineage.ts';
export { exportOpenLineage, OPENLINEAGE_SCHEMA_URL, runIdOf } from './export-openlineage.ts';
export type { ProvDocument, ProvLiteral, ProvRecord } from './export-prov.ts';
export {
  exportProv,
  PROV_PREFIXES,
  provActivityId,
  provAgentId,
  provDatasetId,
} from './export-prov.ts';
export type { HashFunction } from './hash-function.ts';
export { hashSize, sha256Hash } from './hash-function.ts';
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
export { ACQUISITION_PROCESSING, createLineageIndex } from './lineage.ts';
export type { MemoryLedgerInternals, MemoryLedgerStore } from './memory-ledger-store.ts';
export { createMemoryLedgerStore } from './memory-ledger-store.ts';
export { emptyRoot, leafHash, nodeHash } from './merkle-hash.ts';
export type { NoteKey, NoteSigner, NoteVerifier, SignatureSchemeLike } from './note-keys.ts';
export {
  createNoteSigner,
  createNoteVerifier,
  ed25519NoteSigner,
  ed25519NoteVerifier,
  formatVerifierKey,
  NOTE_ALGORITHM_ED25519,
  NOTE_ALGORITHM_SM2,
  noteKeyId,
  noteSignerFromScheme,
  noteVerifierFromScheme,
  parseVerifierKey,
} from './note-keys.ts';
export type { NoteCheck, NoteFailureReason, OpenedNote } from './open-note.ts';
export { openNote, safeOpenNote, signNote } from './open-note.ts';
export type { ProofCheck, ProofFailureReason } from './proof-check.ts';
export type { ConsistencyProofJson, InclusionProofJson } from './proof-json.ts';
export {
  consistencyProofFromJson,
  consistencyProofToJson,
  inclusionProofFromJson,
  inclusionProofToJson,
} from './proof-json.ts';
export type { NoteSignature, ParsedNote } from './signed-note.ts';
export { formatNote, isValidKeyName, MAX_NOTE_SIGNATURES, parseNote } from './signed-note.ts';
export { uuidV7 } from './uuid.ts';
export type {
  CheckpointConsistencyCheck,
  CheckpointInclusionCheck,
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
