// Free-text columns in profiling: a column of sentences (备注, 诉求内容) is
// scanned value by value, and the free-text entity types found in it are
// reported with the share of values holding them; such a column is drafted
// as needing the `text` transform.
import { isSensitive, type PiCategory } from '../tags/pi-category.ts';
import type { FieldRole } from '../tags/vocabulary.ts';
import { scan } from './scan.ts';
import { type TextEntityType, textEntityTypeInfo, textEntityTypes } from './text-types.ts';

/** A free-text entity type found in a column's sampled values. */
export interface TextFindingShare {
  readonly type: TextEntityType;
  /** Share of non-empty sampled values holding at least one finding of this type. */
  readonly share: number;
  /** For sensitive facts: the PI categories found (health, religious-belief…). */
  readonly categories?: readonly PiCategory[];
}

/** What the free-text pass of profiling concludes for one column. */
export interface TextColumnProfile {
  readonly findings: readonly TextFindingShare[];
  readonly piCategory: PiCategory;
  readonly role: FieldRole;
}

// Values shorter than this, or without Han characters, are not sentences.
const MIN_SENTENCE = 6;
const HAN = /[\u4e00-\u9fff]/;
const ROLE_RANK: Readonly<Record<FieldRole, number>> = {
  insensitive: 0,
  'quasi-identifier': 1,
  sensitive: 2,
  'direct-identifier': 3,
};

/**
 * Profiles a column as free text when most of its values are sentences.
 * @param values - the non-empty sampled values, trimmed
 * @returns the free-text entity types found with their shares, or undefined when the column is not free text or holds none
 */
export function profileFreeText(values: readonly string[]): TextColumnProfile | undefined {
  let sentences = 0;
  for (const value of values) if (value.length >= MIN_SENTENCE && HAN.test(value)) sentences++;
  if (values.length === 0 || sentences / values.length < 0.5) return undefined;
  const holding = new Map<TextEntityType, number>();
  const categories = new Set<PiCategory>();
  const options = { types: textEntityTypes };
  for (const value of values) {
    const seen = new Set<TextEntityType>();
    for (const finding of scan(value, options)) {
      const type = finding.type as TextEntityType;
      seen.add(type);
      if (finding.category !== undefined) categories.add(finding.category);
    }
    for (const type of seen) holding.set(type, (holding.get(type) ?? 0) + 1);
  }
  if (holding.size === 0) return undefined;
  const findings: TextFindingShare[] = textEntityTypes
    .filter((type) => holding.has(type))
    .map((type) => ({
      type,
      share: Math.round(((holding.get(type) as number) / values.length) * 10_000) / 10_000,
      ...(type === 'sensitive-fact' ? { categories: [...categories].sort() } : {}),
    }));
  // Fail closed: the column takes the strongest role and the most sensitive
  // category of anything found in it.
  let role: FieldRole = 'quasi-identifier';
  let piCategory: PiCategory = 'basic';
  for (const { type } of findings) {
    const info = textEntityTypeInfo[type];
    if (ROLE_RANK[info.role] > ROLE_RANK[role]) role = info.role;
    if (type !== 'sensitive-fact' && piCategory === 'basic') piCategory = info.piCategory;
  }
  const sensitiveCategory = [...categories].sort().find((c) => isSensitive(c));
  if (sensitiveCategory !== undefined) piCategory = sensitiveCategory;
  return { findings, piCategory, role };
}
