/**
 * dataguard: data security and personal-information protection — classify
 * and grade, de-identify and anonymize, check consent and purpose, record the
 * processing chain, and attribute responsibility.
 *
 * The root export holds the main job, `protect()` (a release: plan, decide,
 * compile, run, gate, commit, custody), and the most common entry point of
 * each runtime-neutral module. Each module is its own subpath
 * (`dataguard/tags`, `dataguard/consent`, `dataguard/errors` …) with its full
 * API.
 *
 * @packageDocumentation
 */

export { RiskReportSchema } from './anonymity/report-schema.ts';
export type { ConsentDecider, Decision, PurposeTaxonomy } from './consent/index.ts';
export {
  createConsentDecider,
  createMemoryConsentStore,
  createPurposeTaxonomy,
} from './consent/index.ts';
export type { Keyring, KeyringFile } from './crypto/index.ts';
export { createKeyring, generateKeyring } from './crypto/index.ts';
export type { PolicyDocument } from './deidentify/index.ts';
export { parsePolicy } from './deidentify/index.ts';
export type { Finding } from './detect/index.ts';
export { scan } from './detect/index.ts';
export type { SafeResult } from './errors/index.ts';
export { DataguardError } from './errors/index.ts';
export type {
  MemorySink,
  ProtectConsent,
  ProtectGrant,
  ProtectOpen,
  ProtectOptions,
  ProtectProcessing,
  ProtectReject,
  ProtectShare,
  ProtectSubjects,
  ProtectSummary,
  RecordSink,
  ReleasePlan,
  ReleaseRequirements,
  SubjectIndex,
} from './pipeline/index.ts';
export {
  createLedgerSigner,
  createMemorySink,
  createMemorySubjectIndex,
  ledgerSigner,
  protect,
} from './pipeline/index.ts';
export type { Ledger, LedgerStore, ProcessingEvent } from './provenance/index.ts';
export { createLedger, createMemoryLedgerStore } from './provenance/index.ts';
export type { Catalog, Dataset, DatasetDefinition, Grade } from './tags/index.ts';
export { createCatalog, defineDataset, gradeByImpact } from './tags/index.ts';
