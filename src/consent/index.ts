/**
 * Consent, purpose and public-data sharing decisions: notices, ISO/IEC TS
 * 27560 consent records, a dotted purpose taxonomy, `decide()` over the C-*
 * rules (PIPL) and `decideShare()` / grants / opening over the S-* rules
 * (Fujian, Qingdao, Guiyang), with a store interface and a memory store.
 *
 * @packageDocumentation
 */

export type { SafeResult } from '../errors/safe-result.ts';
export { agencyPurposes } from './agency-purposes.ts';
export type { CivilDate } from './birth-date.ts';
export { birthDateFromResidentId } from './birth-date.ts';
export type {
  ConsentLedger,
  ConsentLedgerEvent,
  DecisionLink,
  LedgerDetailValue,
} from './consent-ledger.ts';
export type { ConsentChange, ConsentInput } from './consent-ops.ts';
export type {
  ConsentReceipt,
  ReceiptEvent,
  ReceiptId,
  ReceiptParty,
} from './consent-receipt.ts';
export { fromConsentReceipt, toConsentReceipt } from './consent-receipt.ts';
export type {
  ConsentEvent,
  ConsentGiver,
  ConsentRecord,
  ConsentState,
  SeparateConsents,
} from './consent-record.ts';
export { CONSENT_RECORD_FORMAT_VERSION, ConsentRecordSchema } from './consent-record.ts';
export type {
  ConsentService,
  ConsentServiceOptions,
  GrantOperations,
  ObjectionOperations,
  UseRecord,
} from './consent-service.ts';
export { createConsentService } from './consent-service.ts';
export type {
  AsyncConsentDecider,
  ConsentDecider,
  PreparedDecision,
} from './decider.ts';
export { assertDecision, createAsyncConsentDecider, createConsentDecider } from './decider.ts';
export type { Decision } from './decision.ts';
export type { ConsentDeciderOptions, DutyDefinition, DutyRegistry } from './engine.ts';
export type { FieldTag } from './fields.ts';
export type { Grant, GrantEvent, GrantState } from './grant.ts';
export { GRANT_FORMAT_VERSION, GrantSchema } from './grant.ts';
export type { DecisionEvidence, LinkedDecision } from './linked-decision.ts';
export { createMemoryConsentStore } from './memory-store.ts';
export type { Notice, NoticeChanges, NoticeDefinition } from './notice.ts';
export { defineNotice } from './notice.ts';
export type { Objection, ObjectionEvent } from './objection.ts';
export { OBJECTION_FORMAT_VERSION, ObjectionSchema } from './objection.ts';
export type { PublicDataApi } from './public-data.ts';
export type {
  GrantChange,
  GrantDecision,
  GrantInput,
  GrantUseRequest,
  MisuseReport,
  ObjectionInput,
  OpenRequest,
  ShareCommitment,
  ShareDecision,
  ShareGrantRequest,
  ShareRequest,
  TermInput,
} from './public-data-types.ts';
export type {
  Purpose,
  PurposeBasis,
  PurposeDefinition,
  PurposeExtension,
  PurposeNeeds,
  PurposeTaxonomy,
} from './purposes.ts';
export { createPurposeTaxonomy } from './purposes.ts';
export type { Obligation, Reason } from './reason.ts';
export type { DatasetFields, DecisionRequest, DecisionTemplate, Needs } from './request.ts';
export type { RuleId } from './rules.ts';
export type { SafeDecision } from './safe-result.ts';
export type { Awaitable, ConsentStore, ConsentStoreChange, SyncConsentStore } from './store.ts';
export type { SubjectDirectory, SubjectFields, SubjectRecord } from './subject.ts';
