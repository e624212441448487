/** Structured, non-personal details attached to an error (field names, counts, rule ids). */
export type ErrorDetails = Readonly<
  Record<string, string | number | boolean | null | readonly string[]>
>;

/** Options accepted by every dataguard error. */
export interface DataguardErrorOptions {
  /** The underlying failure, passed through unchanged. */
  readonly cause?: unknown;
  /** A finer, stable reason code within the error's kind (e.g. `missing-legal-basis`). */
  readonly reason?: string;
  /** The argument, field or rule the error is about (never its value). */
  readonly path?: string;
  /** Non-personal details: counts, names, rule ids. */
  readonly details?: ErrorDetails;
}

/**
 * Base class of every error dataguard throws.
 *
 * `code` is stable across versions and identifies the kind of failure; `reason`
 * refines it. Messages name the offending argument or field and never contain
 * the personal data or key material involved.
 *
 * @example
 * ```ts
 * import { DataguardError, ValidationError } from 'dataguard/errors';
 * try {
 *   throw new ValidationError('dataset.fields[2].shareBasis is required', { path: 'fields[2]' });
 * } catch (error) {
 *   if (!(error instanceof DataguardError)) throw error;
 *   error.code; // 'ERR_VALIDATION'
 * }
 * ```
 */
export class DataguardError extends Error {
  /** The stable code of this kind of failure. */
  static readonly code: string = 'ERR_DATAGUARD';
  /** The stable code of this error. */
  readonly code: string;
  /** A finer reason within the kind, when one applies. */
  readonly reason: string | undefined;
  /** The argument, field or rule concerned. */
  readonly path: string | undefined;
  /** Non-personal structured details. */
  readonly details: ErrorDetails | undefined;

  constructor(message: string, options: DataguardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = (new.target as typeof DataguardError).code;
    this.reason = options.reason;
    this.path = options.path;
    this.details = options.details;
  }

  /** A JSON form without the cause chain (causes may hold inputs). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.reason === undefined ? {} : { reason: this.reason }),
      ...(this.path === undefined ? {} : { path: this.path }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}
