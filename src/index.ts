/**
 * dataguard: data security and personal-information protection — classify
 * and grade, de-identify and anonymize, check consent and purpose, record the
 * processing chain, and attribute responsibility.
 *
 * The root export holds the main names of every runtime-neutral module; each
 * module is also its own subpath (`dataguard/tags`, `dataguard/crypto` …)
 * with its full API.
 *
 * @packageDocumentation
 */

export {
  assertAnonymous,
  checkAnonymous,
  createPrivacyAccountant,
  dpCount,
  dpHistogram,
  dpMean,
  dpSum,
  measureAnonymity,
  optimalGeneralization,
  renderAnonymityReport,
  riskGrade,
} from './anonymity/index.ts';
export { RiskReportSchema } from './anonymity/report-schema.ts';
export type { ConsentDecider, ConsentService, Decision } from './consent/index.ts';
export {
  assertDecision,
  createAsyncConsentDecider,
  createConsentDecider,
  createConsentService,
  createMemoryConsentStore,
} from './consent/index.ts';
export type { CryptoSuite, Keyring } from './crypto/index.ts';
export {
  createKeyring,
  ff1,
  generateKeyring,
  getSuite,
  international,
  national,
  rotateKeyring,
} from './crypto/index.ts';
export type { PolicyDocument, Transformer } from './deidentify/index.ts';
export { compilePolicy, parsePolicy, policyDigest, reidentify } from './deidentify/index.ts';
export type { Finding, IdentifierType } from './detect/index.ts';
export {
  explain,
  generalizeRegion,
  identifierTypes,
  lookupRegion,
  parseResidentId,
  profileColumn,
  profileTable,
  redact,
  scan,
  validate,
} from './detect/index.ts';
export * from './errors/index.ts';
export * from './pipeline/index.ts';
export type { Ledger, LedgerStore, ProcessingEvent } from './provenance/index.ts';
export {
  checkCheckpointConsistency,
  createLedger,
  createMemoryLedgerStore,
  leafHash,
  openCheckpoint,
  safeVerifyConsistency,
  safeVerifyInclusion,
  verifyConsistency,
  verifyInclusion,
  verifyInclusionAgainstCheckpoint,
} from './provenance/index.ts';
export type { ResponsibilityChain } from './responsibility/index.ts';
export {
  createResponsibilityChain,
  incidentToHtml,
  incidentToMarkdown,
} from './responsibility/index.ts';
export * from './tags/index.ts';
