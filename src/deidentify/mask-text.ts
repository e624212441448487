/** How {@link maskText} hides a value. */
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
 * @param options - kept counts, mask character, preserved separators, fixed length
 * @returns the masked text
 * @example
 * ```ts no-run
 * maskText('13800138000', { keepStart: 3, keepEnd: 4, char: '*', preserve: '', fixedLength: undefined }); // '138****8000'
 * ```
 */
export function maskText(text: string, options: MaskOptions): string {
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
