// Free-text scanning: the public entry point (identifiers in scanner.ts,
// names, addresses, organizations, sensitive facts, dates and ages in
// text-scanner.ts).
import { ValidationError } from '../errors/kinds.ts';
import { type Finding, readScanOptions, type ScanOptions } from './scan-options.ts';
import { Scanner } from './scanner.ts';
import type { Candidate } from './text-context.ts';
import { scanText } from './text-scanner.ts';

export type { Finding, ScanOptions } from './scan-options.ts';

/**
 * Finds personal information in free text (Chinese or English, no word
 * boundaries needed). By default it finds identifiers: resident IDs, phones,
 * bank cards, documents, plates, emails, IP and MAC addresses and the other
 * `identifierTypes`. Full-width digits and spaces or hyphens inside
 * phone and card numbers are handled; a digit run inside a longer digit run
 * never matches; context words raise the score; values failing their check
 * stay below the default threshold. With `types: findingTypes` (or any of
 * the text entity types) it also finds person names, addresses (with their
 * `level`), organizations, sensitive facts (with their PI `category`), dates
 * of birth and ages; where one of these overlaps an identifier, the
 * identifier wins.
 *
 * @param text - the text to scan
 * @param options - types, threshold, `includeValue`, context window, validation options
 * @returns findings in text order, without overlaps
 * @throws {ValidationError} on a non-string text or invalid options
 * @example
 * ```ts
 * import { findingTypes, scan } from 'dataguard/detect';
 * scan('张三，身份证号11010519491231002X，手机138 1234 5678');
 * // [{ type: 'cn-resident-id', start: 7, end: 25, score: 0.99, valid: true },
 * //  { type: 'cn-mobile', start: 28, end: 41, score: 0.99, valid: true }]
 * scan('申请人张三，住北京市朝阳区建国路88号，患有糖尿病。', { types: findingTypes }).map((f) => f.type);
 * // ['person-name', 'address', 'sensitive-fact']
 * ```
 */
export function scan(text: string, options?: ScanOptions): Finding[] {
  if (typeof text !== 'string') {
    throw new ValidationError('text must be a string', { reason: 'type', path: 'text' });
  }
  const resolved = readScanOptions(options);
  const identifiers = new Scanner(text, resolved).run();
  if (!resolved.text) return identifiers;
  const entities = scanText(text, resolved.enabled, resolved.threshold);
  if (entities.length === 0) return identifiers;
  return merge(text, identifiers, entities, resolved.includeValue);
}

/** Both lists in text order; an entity overlapping an identifier is dropped. */
function merge(
  text: string,
  identifiers: readonly Finding[],
  entities: readonly Candidate[],
  includeValue: boolean,
): Finding[] {
  const out: Finding[] = [];
  let k = 0;
  for (const entity of entities) {
    while (k < identifiers.length && (identifiers[k] as Finding).end <= entity.start) {
      out.push(identifiers[k] as Finding);
      k++;
    }
    const next = identifiers[k];
    if (next !== undefined && next.start < entity.end) {
      // An entity running into an identifier keeps the part before it
      // (an address followed by a phone); one starting inside it is dropped.
      if (next.start - entity.start >= 2 && entity.type === 'address') {
        out.push(toFinding(text, { ...entity, end: next.start }, includeValue));
      }
      continue;
    }
    out.push(toFinding(text, entity, includeValue));
  }
  while (k < identifiers.length) out.push(identifiers[k++] as Finding);
  return out;
}

function toFinding(text: string, c: Candidate, includeValue: boolean): Finding {
  const score = Math.round(c.score * 100) / 100;
  return {
    type: c.type,
    start: c.start,
    end: c.end,
    score,
    valid: true,
    ...(c.category === undefined ? {} : { category: c.category }),
    ...(c.level === undefined ? {} : { level: c.level }),
    ...(includeValue ? { value: text.slice(c.start, c.end) } : {}),
  };
}
