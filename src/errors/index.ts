/**
 * Typed errors of dataguard: one base class with a stable `code`, and one
 * subclass per kind of failure.
 *
 * @packageDocumentation
 */

export type { DataguardErrorOptions, ErrorDetails } from './dataguard-error.ts';
export { DataguardError } from './dataguard-error.ts';
export {
  AnonymityError,
  ConsentError,
  CryptoError,
  InputError,
  IntegrityError,
  KeyError,
  LedgerError,
  PolicyError,
  PrivacyBudgetError,
  ResponsibilityError,
  SchemaVersionError,
  StoreError,
  TransformError,
  ValidationError,
} from './kinds.ts';
export type { SafeResult } from './safe-result.ts';
