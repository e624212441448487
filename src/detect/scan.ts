// Free-text scanning: the public entry point (the work is in scanner.ts).
import { ValidationError } from '../errors/kinds.ts';
import { type Finding, readScanOptions, type ScanOptions } from './scan-options.ts';
import { Scanner } from './scanner.ts';

export type { Finding, ScanOptions } from './scan-options.ts';

/**
 * Finds identifiers in free text (Chinese or English, no word boundaries
 * needed): resident IDs, phones, bank cards, documents, plates, emails, IP
 * and MAC addresses and the other {@link identifierTypes}. Full-width digits
 * and spaces or hyphens inside phone and card numbers are handled; a digit
 * run inside a longer digit run never matches; context words raise the score;
 * values failing their check stay below the default threshold.
 *
 * @param text - the text to scan
 * @param options - types, threshold, `includeValue`, context window, validation options
 * @returns findings in text order, without overlaps
 * @throws {ValidationError} on a non-string text or invalid options
 * @example
 * ```ts
 * scan('张三，身份证号11010519491231002X，手机138 1234 5678');
 * // [{ type: 'cn-resident-id', start: 7, end: 25, score: 0.99, valid: true },
 * //  { type: 'cn-mobile', start: 28, end: 41, score: 0.99, valid: true }]
 * ```
 */
export function scan(text: string, options?: ScanOptions): Finding[] {
  if (typeof text !== 'string') {
    throw new ValidationError('text must be a string', { reason: 'type', path: 'text' });
  }
  return new Scanner(text, readScanOptions(options)).run();
}
