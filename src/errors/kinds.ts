import { DataguardError } from './dataguard-error.ts';

/** An argument or document failed validation (wrong shape, type or value). */
export class ValidationError extends DataguardError {
  static override readonly code: string = 'ERR_VALIDATION';
}

/** A de-identification policy is invalid or cannot apply to its dataset. */
export class PolicyError extends DataguardError {
  static override readonly code: string = 'ERR_POLICY';
}

/** A value broke a transform's input contract (e.g. FPE on a malformed resident ID). */
export class TransformError extends DataguardError {
  static override readonly code: string = 'ERR_TRANSFORM';
}

/** A key is missing, retired, of the wrong suite, or not allowed for the operation. */
export class KeyError extends DataguardError {
  static override readonly code: string = 'ERR_KEY';
}

/** A cryptographic operation failed (authentication failure, bad ciphertext, bad parameters). */
export class CryptoError extends DataguardError {
  static override readonly code: string = 'ERR_CRYPTO';
}

/** A consent or sharing decision denied the request (thrown by `assertAllowed`). */
export class ConsentError extends DataguardError {
  static override readonly code: string = 'ERR_CONSENT_DENIED';
}

/** A release failed its anonymity requirements. */
export class AnonymityError extends DataguardError {
  static override readonly code: string = 'ERR_ANONYMITY';
}

/** A differential-privacy query would exceed the privacy budget. */
export class PrivacyBudgetError extends DataguardError {
  static override readonly code: string = 'ERR_PRIVACY_BUDGET';
}

/** The provenance ledger was misused (bad index, bad proof request). */
export class LedgerError extends DataguardError {
  static override readonly code: string = 'ERR_LEDGER';
}

/** Stored data failed an integrity check: it was modified, deleted, inserted or reordered. */
export class IntegrityError extends DataguardError {
  static override readonly code: string = 'ERR_INTEGRITY';
}

/** A store failed or holds data this version cannot use. */
export class StoreError extends DataguardError {
  static override readonly code: string = 'ERR_STORE';
}

/** A database's schema is newer than this version understands, or needs a destructive migration. */
export class SchemaVersionError extends StoreError {
  static override readonly code: string = 'ERR_SCHEMA_VERSION';
}

/** Input data (CSV, NDJSON, text) could not be read. */
export class InputError extends DataguardError {
  static override readonly code: string = 'ERR_INPUT';
}

/** Responsibility or custody could not be attributed from the records. */
export class ResponsibilityError extends DataguardError {
  static override readonly code: string = 'ERR_RESPONSIBILITY';
}
