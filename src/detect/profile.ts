// Column profiling: header names plus a sample of values suggest each
// column's identifier type, PI category, field role and grade.
import { safeString } from '../core/assert.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { DatasetDefinition, FieldDefinition } from '../tags/dataset.ts';
import { isSensitive, type PiCategory } from '../tags/pi-category.ts';
import type { FieldRole, Grade } from '../tags/vocabulary.ts';
import type { ValidateOptions } from './explain-reason.ts';
import { headerHint } from './header-hints.ts';
import { type IdentifierType, identifierTypeInfo } from './identifier-type.ts';
import { profileFreeText, type TextFindingShare } from './text-profile.ts';
import { explainers } from './validate.ts';

/** Options of {@link profileColumn}. */
export interface ProfileOptions extends ValidateOptions {
  /** The column's header. */
  readonly name?: string | undefined;
  /** How many values to examine, from the start (default 1000). */
  readonly sampleSize?: number | undefined;
  /** Share of non-empty sampled values that must validate for a type to be suggested from values alone (default 0.8). */
  readonly minShare?: number | undefined;
}

/** What profiling suggests for one column. */
export interface ColumnProfile {
  readonly name?: string;
  readonly identifierType?: IdentifierType;
  readonly piCategory?: PiCategory;
  readonly role: FieldRole;
  /** The suggested grade (GB/T 43697): sensitive PI 4, other direct identifiers 3, other PI 2, unknown 2. */
  readonly grade: Grade;
  readonly sensitive: boolean;
  /** Share of non-empty sampled values valid as `identifierType` (0 when there is none). */
  readonly matchShare: number;
  /** Non-empty values examined. */
  readonly sampled: number;
  /** Empty values among those examined. */
  readonly empty: number;
  /** What the suggestion rests on. */
  readonly evidence: readonly ('header' | 'values')[];
  /** Types that some sampled values matched, best first. */
  readonly candidates: readonly { readonly type: IdentifierType; readonly share: number }[];
  /** For a free-text column (most values are sentences): the free-text entity types found, with shares. */
  readonly textFindings?: readonly TextFindingShare[];
  /** `text` when the column is free text holding personal information: release it through the `text` transform. */
  readonly transform?: 'text';
}

// When shares tie, the more specific type wins (checksums before plain formats).
const SPECIFICITY: readonly IdentifierType[] = [
  'cn-resident-id',
  'cn-uscc',
  'hk-id',
  'tw-id',
  'bank-card',
  'imei',
  'cn-business-license',
  'email',
  'cn-mobile',
  'ipv6',
  'ipv4',
  'mac-address',
  'cn-plate',
  'cn-military-id',
  'cn-passport',
  'cn-hkmo-travel-permit',
  'cn-resident-id-15',
  'cn-region-code',
  'cn-service-number',
  'cn-landline',
  'cn-postal-code',
  'hk-mobile',
  'mo-mobile',
  'mo-id',
  'cn-tw-travel-permit',
];

function readProfileOptions(options: ProfileOptions | undefined): {
  sampleSize: number;
  minShare: number;
} {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new ValidationError('options must be an object', { reason: 'type', path: 'options' });
  }
  if (options?.name !== undefined && typeof options.name !== 'string') {
    throw new ValidationError('options.name must be a string', {
      reason: 'type',
      path: 'options.name',
    });
  }
  const sampleSize = options?.sampleSize ?? 1000;
  const minShare = options?.minShare ?? 0.8;
  if (!Number.isInteger(sampleSize) || sampleSize < 1) {
    throw new ValidationError('options.sampleSize must be a positive integer', {
      reason: 'range',
      path: 'options.sampleSize',
    });
  }
  if (typeof minShare !== 'number' || !(minShare > 0 && minShare <= 1)) {
    throw new ValidationError('options.minShare must be in (0, 1]', {
      reason: 'range',
      path: 'options.minShare',
    });
  }
  return { sampleSize, minShare };
}

/**
 * Suggests what a column holds from its header (Chinese or English) and a
 * sample of its values: identifier type, PI category, field role, grade, and
 * the share of values that matched.
 *
 * @param values - the column's values (strings; others are stringified, null and undefined count as empty)
 * @param options - header `name`, `sampleSize`, `minShare`, validation options
 * @returns the column profile
 * @throws {ValidationError} when `values` is not an array, options is not an object or is out of range
 * @example
 * ```ts
 * import { profileColumn } from 'dataguard/detect';
 * profileColumn(['13812345678', '13912345678'], { name: '联系电话' }).identifierType; // 'cn-mobile'
 * ```
 */
export function profileColumn(values: readonly unknown[], options?: ProfileOptions): ColumnProfile {
  if (!Array.isArray(values)) {
    throw new ValidationError('values must be an array', { reason: 'type', path: 'values' });
  }
  const { sampleSize, minShare } = readProfileOptions(options);
  const name = options?.name;
  const validateOptions: ValidateOptions = {
    regionCheck: options?.regionCheck,
    clock: options?.clock,
  };
  const counts = new Map<IdentifierType, number>();
  let sampled = 0;
  let empty = 0;
  const texts: string[] = [];
  const limit = Math.min(values.length, sampleSize);
  for (let i = 0; i < limit; i++) {
    const raw = values[i];
    // safeString off the string path: a Symbol or null-prototype cell must not throw.
    const value =
      typeof raw === 'string'
        ? raw.trim()
        : raw === null || raw === undefined
          ? ''
          : safeString(raw).trim();
    if (value === '') {
      empty++;
      continue;
    }
    sampled++;
    texts.push(value);
    for (const type of SPECIFICITY) {
      if (explainers[type](value, validateOptions) === undefined)
        counts.set(type, (counts.get(type) ?? 0) + 1);
    }
  }
  const candidates = [...counts.entries()]
    .map(([type, count]) => ({ type, share: round(count / sampled) }))
    .sort((a, b) => b.share - a.share || SPECIFICITY.indexOf(a.type) - SPECIFICITY.indexOf(b.type));
  const hint = name === undefined ? undefined : headerHint(name);
  const share = (type: IdentifierType): number =>
    candidates.find((c) => c.type === type)?.share ?? 0;

  let identifierType: IdentifierType | undefined;
  let piCategory: PiCategory | undefined;
  // Conservative: a column nothing recognises is drafted as a quasi-identifier
  // (it may still single people out), never silently as insensitive.
  let role: FieldRole = 'quasi-identifier';
  const evidence: ('header' | 'values')[] = [];
  const top = candidates[0];
  if (top !== undefined && top.share >= minShare) {
    // The header breaks near-ties between value types (postal vs region codes, landline vs mobile).
    const hinted = hint?.identifierType;
    const chosen = hinted !== undefined && share(hinted) >= minShare ? hinted : top.type;
    identifierType = chosen;
    const info = identifierTypeInfo[chosen];
    piCategory = info.piCategory;
    role = info.role;
    evidence.push('values');
    if (hint !== undefined && (hinted === chosen || sameFamily(hinted, chosen)))
      evidence.unshift('header');
  } else if (hint !== undefined) {
    identifierType = hint.identifierType;
    piCategory = hint.piCategory;
    role = hint.role;
    evidence.push('header');
  }
  // A column of sentences no identifier type explains is scanned as free text.
  const freeText = identifierType === undefined ? profileFreeText(texts) : undefined;
  if (freeText !== undefined) {
    piCategory = freeText.piCategory;
    role = freeText.role;
    if (!evidence.includes('values')) evidence.push('values');
  }
  const sensitive = piCategory !== undefined && isSensitive(piCategory);
  const grade: Grade = sensitive
    ? 'general-4'
    : piCategory !== undefined && role === 'direct-identifier'
      ? 'general-3'
      : 'general-2';
  return {
    ...(name === undefined ? {} : { name }),
    ...(identifierType === undefined ? {} : { identifierType }),
    ...(piCategory === undefined ? {} : { piCategory }),
    role,
    grade,
    sensitive,
    matchShare: identifierType === undefined ? 0 : share(identifierType),
    sampled,
    empty,
    evidence,
    candidates,
    ...(freeText === undefined ? {} : { textFindings: freeText.findings, transform: 'text' }),
  };
}

function sameFamily(a: IdentifierType | undefined, b: IdentifierType): boolean {
  const phones = ['cn-mobile', 'cn-landline', 'hk-mobile', 'mo-mobile', 'cn-service-number'];
  const ids = ['cn-resident-id', 'cn-resident-id-15'];
  return (
    a !== undefined &&
    ((phones.includes(a) && phones.includes(b)) || (ids.includes(a) && ids.includes(b)))
  );
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Records as objects, or a header row with value rows. */
export type TableInput =
  | readonly Readonly<Record<string, unknown>>[]
  | { readonly header: readonly string[]; readonly rows: readonly (readonly unknown[])[] };

/** Options of {@link profileTable}. */
export interface ProfileTableOptions extends Omit<ProfileOptions, 'name'> {
  /** Id of the drafted dataset (default `draft`). */
  readonly id?: string | undefined;
  /** Version of the drafted dataset (default `0`). */
  readonly version?: string | undefined;
  readonly title?: string | undefined;
}

/** The result of {@link profileTable}. */
export interface TableProfile {
  readonly columns: readonly ColumnProfile[];
  /** A draft ready for `defineDataset` (dataguard/tags): review roles, grades and sharing before use. */
  readonly definition: DatasetDefinition;
}

/**
 * Profiles every column of a table and drafts a dataset definition: PI
 * columns are drafted as conditionally shared and closed to opening (PIPL
 * Art. 25), other columns as conditionally shared and open on application.
 *
 * @param records - objects keyed by column, or `{ header, rows }`
 * @param options - dataset id, version, title, and {@link profileColumn} options
 * @returns the column profiles and the draft definition
 * @throws {ValidationError} on malformed input
 * @example
 * ```ts
 * import { profileTable } from 'dataguard/detect';
 * const { definition } = profileTable([{ 姓名: '张三', 手机号: '13812345678' }]);
 * definition.fields.map((f) => f.piCategory); // ['basic', 'basic']
 * ```
 */
export function profileTable(records: TableInput, options?: ProfileTableOptions): TableProfile {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new ValidationError('options must be an object', { reason: 'type', path: 'options' });
  }
  for (const key of ['id', 'version', 'title'] as const) {
    if (options?.[key] !== undefined && typeof options[key] !== 'string') {
      throw new ValidationError(`options.${key} must be a string`, {
        reason: 'type',
        path: `options.${key}`,
      });
    }
  }
  const { header, column } = columnsOf(records, options?.sampleSize ?? 1000);
  const columns = header.map((name, i) => profileColumn(column(i), { ...options, name }));
  const fields: FieldDefinition[] = columns.map((profile, i) =>
    fieldOf(profile, header[i] === '' ? `column_${i + 1}` : (header[i] as string)),
  );
  const definition: DatasetDefinition = {
    id: options?.id ?? 'draft',
    version: options?.version ?? '0',
    ...(options?.title === undefined ? {} : { title: options.title }),
    fields,
  };
  return { columns, definition };
}

function fieldOf(profile: ColumnProfile, name: string): FieldDefinition {
  const personal = profile.piCategory !== undefined;
  const basis =
    profile.evidence.length === 0
      ? 'nothing recognised: a quasi-identifier until reviewed (conservative draft)'
      : profile.evidence.join(' and ');
  const text =
    profile.textFindings === undefined
      ? ''
      : `; free text holding ${profile.textFindings.map((f) => f.type).join(', ')}: release it only through the text transform`;
  return {
    name,
    description: `drafted by profileTable from ${basis}${text}`,
    role: profile.role,
    ...(profile.piCategory === undefined ? {} : { piCategory: profile.piCategory }),
    ...(profile.identifierType === undefined ? {} : { identifierType: profile.identifierType }),
    grade: profile.grade,
    share: 'conditional',
    open: personal ? 'closed' : 'on-application',
    ...(personal
      ? {
          openBasis:
            'PIPL Art. 25 (personal information is not made public without separate consent)',
        }
      : {}),
  };
}

function columnsOf(
  records: TableInput,
  sampleSize: number,
): { header: string[]; column: (i: number) => unknown[] } {
  if (Array.isArray(records)) {
    const rows = records as readonly Readonly<Record<string, unknown>>[];
    const header: string[] = [];
    const seen = new Set<string>();
    const limit = Math.min(rows.length, sampleSize);
    for (let r = 0; r < limit; r++) {
      const row = rows[r];
      if (typeof row !== 'object' || row === null) {
        throw new ValidationError(`records[${r}] must be an object`, {
          reason: 'type',
          path: `records[${r}]`,
        });
      }
      for (const key of Object.keys(row)) {
        if (!seen.has(key)) {
          seen.add(key);
          header.push(key);
        }
      }
    }
    return { header, column: (i) => rows.slice(0, limit).map((row) => row[header[i] as string]) };
  }
  if (
    typeof records === 'object' &&
    records !== null &&
    'header' in records &&
    Array.isArray(records.header) &&
    Array.isArray(records.rows)
  ) {
    const { header, rows } = records;
    if (!header.every((h) => typeof h === 'string')) {
      throw new ValidationError('records.header must list strings', {
        reason: 'type',
        path: 'records.header',
      });
    }
    const limit = Math.min(rows.length, sampleSize);
    return {
      header: [...header],
      column: (i) => {
        const out: unknown[] = [];
        for (let r = 0; r < limit; r++) {
          const row = rows[r];
          if (!Array.isArray(row)) {
            throw new ValidationError(`records.rows[${r}] must be an array`, {
              reason: 'type',
              path: `records.rows[${r}]`,
            });
          }
          out.push(row[i]);
        }
        return out;
      },
    };
  }
  throw new ValidationError('records must be an array of objects or { header, rows }', {
    reason: 'type',
    path: 'records',
  });
}
