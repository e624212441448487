import type { PiCategory } from '../tags/pi-category.ts';
import type { FieldRole } from '../tags/vocabulary.ts';
import { type IdentifierType, identifierTypes, isIdentifierType } from './identifier-type.ts';

/**
 * A kind of personal information found in free text without a check
 * character: `person-name` 姓名, `address` 地址, `organization` 工作单位/机构,
 * `sensitive-fact` 敏感个人信息 (PIPL Art. 28: health, religion, specific
 * identity, property), `date` 日期 (of birth) and `age` 年龄.
 */
export type TextEntityType =
  | 'person-name'
  | 'address'
  | 'organization'
  | 'sensitive-fact'
  | 'date'
  | 'age';

/** Every free-text entity type. */
export const textEntityTypes: readonly TextEntityType[] = Object.freeze([
  'person-name',
  'address',
  'organization',
  'sensitive-fact',
  'date',
  'age',
] as const);

/** Any type `scan` can report: an identifier or a free-text entity. */
export type FindingType = IdentifierType | TextEntityType;

/** Every type `scan` can report (pass as `types` to find free-text entities too). */
export const findingTypes: readonly FindingType[] = Object.freeze([
  ...identifierTypes,
  ...textEntityTypes,
]);

const TEXT_SET: ReadonlySet<string> = new Set(textEntityTypes);

/**
 * True when `value` names a free-text entity type.
 *
 * @param value - anything
 * @returns whether it is one of `textEntityTypes`
 * @example
 * ```ts
 * import { isTextEntityType } from './text-types.ts';
 * isTextEntityType('person-name'); // true
 * ```
 */
export function isTextEntityType(value: unknown): value is TextEntityType {
  return typeof value === 'string' && TEXT_SET.has(value);
}

/**
 * How precise an address is, coarse to fine: 省 province, 市 prefecture,
 * 区县 county, 乡镇街道 township, 村/社区/小区 village, 路/街/巷 street,
 * 号/栋/单元/室 door.
 */
export type AddressLevel =
  | 'province'
  | 'prefecture'
  | 'county'
  | 'township'
  | 'village'
  | 'street'
  | 'door';

/** Address levels, coarse to fine. */
export const addressLevels: readonly AddressLevel[] = Object.freeze([
  'province',
  'prefecture',
  'county',
  'township',
  'village',
  'street',
  'door',
] as const);

/** How dataguard tags a free-text entity type. */
export interface TextEntityTypeInfo {
  readonly type: TextEntityType;
  /** The Chinese name, also the label of the `text` transform (`[姓名1]`). */
  readonly zh: string;
  /** The PI category (a sensitive fact carries its own on each finding). */
  readonly piCategory: PiCategory;
  readonly role: FieldRole;
}

/** What each free-text entity type is, and how a field holding it is tagged. */
export const textEntityTypeInfo: Readonly<Record<TextEntityType, TextEntityTypeInfo>> = {
  'person-name': {
    type: 'person-name',
    zh: '姓名',
    piCategory: 'basic',
    role: 'direct-identifier',
  },
  address: { type: 'address', zh: '地址', piCategory: 'location', role: 'quasi-identifier' },
  organization: {
    type: 'organization',
    zh: '单位',
    piCategory: 'education-work',
    role: 'quasi-identifier',
  },
  'sensitive-fact': {
    type: 'sensitive-fact',
    zh: '敏感信息',
    piCategory: 'health',
    role: 'sensitive',
  },
  date: { type: 'date', zh: '日期', piCategory: 'basic', role: 'quasi-identifier' },
  age: { type: 'age', zh: '年龄', piCategory: 'basic', role: 'quasi-identifier' },
};

/**
 * True when `value` names a type `scan` can report.
 *
 * @param value - anything
 * @returns whether it is one of {@link findingTypes}
 */
export function isFindingType(value: unknown): value is FindingType {
  return isTextEntityType(value) || isIdentifierType(value);
}
