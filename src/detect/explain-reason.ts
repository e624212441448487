/**
 * Why a value is not a valid identifier: `length` (wrong number of
 * characters), `format` (wrong characters or layout), `checksum` (check
 * character mismatch), `date` (embedded date impossible or in the future),
 * `region` (unknown province or division code), `segment` (number range not
 * allocated, e.g. a mobile prefix), `range` (a component out of range, e.g. an
 * IPv4 octet above 255).
 */
export type ExplainReason =
  | 'length'
  | 'format'
  | 'checksum'
  | 'date'
  | 'region'
  | 'segment'
  | 'range';

/** The result of `explain`: valid, or the first rule the value breaks. */
export type Explanation =
  | { readonly valid: true }
  | { readonly valid: false; readonly reason: ExplainReason };

/** Options shared by validate, explain and scan. */
export interface ValidateOptions {
  /**
   * How resident ID address codes are checked: `province` (default) accepts
   * any known province-level prefix; `county` also requires the six-digit
   * code to be in the embedded GB/T 2260 table (current or abolished).
   */
  readonly regionCheck?: 'province' | 'county' | undefined;
  /** Clock for "birth date not in the future" (epoch ms); defaults to `Date.now`. */
  readonly clock?: (() => number) | undefined;
}
