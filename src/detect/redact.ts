import { ValidationError } from '../errors/kinds.ts';
import { type Finding, type ScanOptions, scan } from './scan.ts';

/** How `redact` replaces a finding: its type label, a same-length mask, or a function. */
export type Replacement = 'label' | 'mask' | ((finding: Finding) => string);

/** Options of {@link redact}: the scan options plus the replacement. */
export interface RedactOptions extends ScanOptions {
  /** `label` (default) writes `[type]`; `mask` replaces each letter and digit with `*`, keeping separators. */
  readonly replacement?: Replacement | undefined;
}

/**
 * Replaces the identifiers {@link scan} finds in text.
 *
 * @param text - the text to redact
 * @param options - scan options and `replacement`
 * @returns the text with every finding replaced
 * @throws {ValidationError} on invalid text or options
 * @example
 * ```ts
 * import { redact } from 'dataguard/detect';
 * redact('手机13812345678'); // '手机[cn-mobile]'
 * redact('手机13812345678', { replacement: 'mask' }); // '手机***********'
 * ```
 */
export function redact(text: string, options?: RedactOptions): string {
  const replacement = options?.replacement ?? 'label';
  if (replacement !== 'label' && replacement !== 'mask' && typeof replacement !== 'function') {
    throw new ValidationError('options.replacement must be label, mask or a function', {
      reason: 'range',
      path: 'options.replacement',
    });
  }
  const findings = scan(text, { ...options, includeValue: typeof replacement === 'function' });
  if (findings.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const finding of findings) {
    parts.push(text.slice(at, finding.start));
    if (replacement === 'label') parts.push(`[${finding.type}]`);
    else if (replacement === 'mask') parts.push(mask(text.slice(finding.start, finding.end)));
    else parts.push(String(replacement(finding)));
    at = finding.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

// Letters, digits (ASCII and full-width) and CJK characters become '*'; separators stay.
const MASKABLE = /[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u4e00-\u9fff]/g;

function mask(value: string): string {
  return value.replace(MASKABLE, '*');
}
