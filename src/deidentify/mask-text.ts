import { assertFiniteNumber, assertRecord, assertString } from '../core/assert.ts';
import { ValidationError } from '../errors/kinds.ts';

/** How `maskText` hides a value. */
export interface MaskOptions {
  /** Characters kept at the start (default 0). */
  readonly keepStart: number;
  /** Characters kept at the end (default 0). */
  readonly keepEnd: number;
  /** The mask character. */
  readonly char: string;
  /** Characters left in place and not counted (separators). */
  readonly preserve: string;
  /** When set, the hidden part becomes exactly this many mask characters. */
  readonly fixedLength: number | undefined;
}

/**
 * Masks the middle of a text by Unicode code points, keeping `keepStart` and
 * `keepEnd` countable characters and leaving `preserve` characters in place.
 * When the text is too short for what is kept (nothing would be masked), at
 * least half of its characters (rounded up) are masked instead, so a short
 * value is never shown whole.
 *
 * @param text - the value
 * @param options - kept counts, mask character (default `*`), preserved separators, fixed length
 * @returns the masked text
 * @throws {ValidationError} reason `invalid-argument` when `text` is not a string or an option is out of range
 * @example
 * ```ts
 * import { maskText } from './mask-text.ts';
 * maskText('13800138000', { keepStart: 3, keepEnd: 4, char: '*', preserve: '', fixedLength: undefined }); // '138****8000'
 * ```
 */
export function maskText(text: string, options: Partial<MaskOptions> = {}): string {
  assertString(text, 'text');
  assertRecord(options, 'options');
  const { keepStart = 0, keepEnd = 0, char = '*', preserve = '', fixedLength } = options;
  count(keepStart, 'options.keepStart', 0);
  count(keepEnd, 'options.keepEnd', 0);
  assertString(char, 'options.char');
  // The limits of a policy's mask specification: one mask character (a
  // surrogate pair at most), and a bounded fixed length.
  if (char.length === 0 || char.length > 2) invalid('options.char', 'one character');
  assertString(preserve, 'options.preserve');
  if (fixedLength !== undefined) {
    count(fixedLength, 'options.fixedLength', 1);
    if (fixedLength > 64) invalid('options.fixedLength', 'at most 64');
  }
  return maskChars(text, { keepStart, keepEnd, char, preserve, fixedLength });
}

function count(value: unknown, path: string, min: number): void {
  assertFiniteNumber(value, path);
  if (!Number.isInteger(value) || value < min) invalid(path, `an integer of at least ${min}`);
}

function invalid(path: string, expected: string): never {
  throw new ValidationError(`${path} must be ${expected}`, { path, reason: 'invalid-argument' });
}

/**
 * `maskText` without argument checks, for the mask transform and presets
 * (their options come from a validated policy).
 *
 * @param text - the value
 * @param options - kept counts, mask character, preserved separators, fixed length
 * @returns the masked text
 */
export function maskChars(text: string, options: MaskOptions): string {
  const chars = Array.from(text);
  const preserve = options.preserve;
  let count = 0;
  for (const char of chars) if (!preserve.includes(char)) count++;
  let keepStart = options.keepStart;
  let keepEnd = options.keepEnd;
  if (keepStart + keepEnd >= count) {
    const maxKeep = count - Math.ceil(count / 2);
    keepEnd = Math.min(keepEnd, Math.floor(maxKeep / 2));
    keepStart = Math.min(keepStart, maxKeep - keepEnd);
  }
  const maskFrom = keepStart;
  const maskTo = count - keepEnd;
  let out = '';
  let seen = 0;
  let fixedDone = false;
  for (const char of chars) {
    if (preserve.includes(char)) {
      if (options.fixedLength === undefined || seen <= maskFrom || seen >= maskTo) out += char;
      continue;
    }
    if (seen >= maskFrom && seen < maskTo) {
      if (options.fixedLength === undefined) out += options.char;
      else if (!fixedDone) {
        out += options.char.repeat(options.fixedLength);
        fixedDone = true;
      }
    } else {
      out += char;
    }
    seen++;
  }
  return out;
}
