import { z } from 'zod';
import type { ExactSchema } from '../../core/exact-schema.ts';
import { identifierTypeInfo } from '../../detect/identifier-type.ts';
import { scan } from '../../detect/scan.ts';
import type { Finding } from '../../detect/scan-options.ts';
import { cutAddress } from '../../detect/text-address-level.ts';
import {
  type AddressLevel,
  addressLevels,
  type FindingType,
  findingTypes,
  isTextEntityType,
  textEntityTypeInfo,
} from '../../detect/text-types.ts';
import { hasCompoundSurname } from '../cn-surnames.ts';
import { hexPrefix, utf8Scratch } from '../encoding.ts';
import { maskPresets } from '../mask-presets.ts';
import { Domain, KeyId, type SpecSchema } from '../spec-fields.ts';
import type { TransformDefinition } from '../types.ts';
import { textOf } from '../values.ts';

/** The operators of the `text` transform, in the order the JSON Schema lists them. */
const TEXT_OPERATORS = [
  'mask',
  'label',
  'surname',
  'pseudonym',
  'generalize',
  'drop',
  'keep',
] as const;

/**
 * What the `text` transform does with one finding: `mask` (same length, `*`),
 * `label` (`[姓名1]`, numbered per distinct value), `surname` (张某, 张某某, as
 * courts publish judgments), `pseudonym` (keyed, `[姓名:1a2b3c4d]`),
 * `generalize` (addresses to `addressLevel`, dates to the year, ages to a
 * decade), `drop` (removed), `keep` (left as is).
 */
export type TextOperator = (typeof TEXT_OPERATORS)[number];

const TextOperatorSchema = z.enum(TEXT_OPERATORS);
const FindingTypeName = z.enum(findingTypes as [FindingType, ...FindingType[]]);

/** `text`: finds personal information in a free-text field and rewrites each finding by its type's operator. */
export interface TextSpec {
  type: 'text';
  /** The operator per finding type; unlisted types use `default`. */
  operators?: Partial<Record<FindingType, TextOperator>> | undefined;
  /** The operator of types not in `operators` (default `label`). */
  default?: TextOperator | undefined;
  /** Types to find (default: every identifier and free-text type). */
  types?: FindingType[] | undefined;
  /** Minimum finding score, 0-1 (default 0.5). */
  threshold?: number | undefined;
  /** Level `generalize` keeps of an address (default `county`). */
  addressLevel?: AddressLevel | undefined;
  /** Pseudonym domain (default `text`). */
  domain?: string | undefined;
  keyId?: string | undefined;
}

const textSpec = z.strictObject({
  type: z.literal('text'),
  operators: z
    .partialRecord(FindingTypeName, TextOperatorSchema)
    .optional()
    .describe('The operator per finding type; unlisted types use default'),
  default: TextOperatorSchema.optional().describe('The operator of unlisted types (default label)'),
  types: z.array(FindingTypeName).min(1).optional().describe('Types to find (default all)'),
  threshold: z.number().min(0).max(1).optional(),
  addressLevel: z.enum(addressLevels as [AddressLevel, ...AddressLevel[]]).optional(),
  domain: Domain.optional(),
  keyId: KeyId.optional(),
});

/** Zod schema of {@link TextSpec}. */
export const TextSpecSchema: SpecSchema<TextSpec> = textSpec satisfies ExactSchema<
  TextSpec,
  typeof textSpec
>;

const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  health: '健康信息',
  'religious-belief': '宗教信仰',
  'specific-identity': '特定身份',
  property: '财产信息',
};
const ORDINALS = '甲乙丙丁戊己庚辛壬癸';
const MASKABLE = /[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u4e00-\u9fff]/g;

/** The Chinese label of a finding: 姓名, 地址, 居民身份证号码, 健康信息… */
function labelOf(finding: Finding): string {
  if (finding.type === 'sensitive-fact' && finding.category !== undefined) {
    return CATEGORY_LABELS[finding.category] ?? textEntityTypeInfo['sensitive-fact'].zh;
  }
  return isTextEntityType(finding.type)
    ? textEntityTypeInfo[finding.type].zh
    : identifierTypeInfo[finding.type].zh;
}

function operatorsOf(params: TextSpec): TextOperator[] {
  return [params.default ?? 'label', ...Object.values(params.operators ?? {})] as TextOperator[];
}

/**
 * `text`: scans a free-text value (names, addresses, organizations, sensitive
 * facts, dates, ages and every identifier type) and rewrites each finding by
 * its type's operator. Labels, court-style surnames and pseudonyms are
 * consistent for the whole compiled transform: the same person is `[姓名1]` in
 * every row of a dataset. `pseudonym` is keyed (HMAC) and irreversible.
 */
export const textTransform: TransformDefinition<TextSpec> = {
  type: 'text',
  traits: (params) => ({
    reversible: false,
    keyed: operatorsOf(params).includes('pseudonym'),
    formatPreserving: false,
  }),
  compile(params, context) {
    const operators = params.operators ?? {};
    const fallback = params.default ?? 'label';
    const addressLevel = params.addressLevel ?? 'county';
    const mac = operatorsOf(params).includes('pseudonym')
      ? context.requireKeyring().pseudonymizer(params.domain ?? 'text', params.keyId)
      : undefined;
    const options = {
      types: params.types ?? findingTypes,
      threshold: params.threshold ?? 0.5,
      includeValue: true,
    };
    // Consistency state of this compiled transform (one release).
    const numbers = new Map<string, Map<string, number>>();
    const surnames = new Map<string, string>();
    const surnameTaken = new Map<string, number>();
    const label = (finding: Finding, value: string): string => {
      const name = labelOf(finding);
      let seen = numbers.get(name);
      if (seen === undefined) {
        seen = new Map();
        numbers.set(name, seen);
      }
      let number = seen.get(value);
      if (number === undefined) {
        number = seen.size + 1;
        seen.set(value, number);
      }
      return `[${name}${number}]`;
    };
    const surname = (value: string): string => {
      const known = surnames.get(value);
      if (known !== undefined) return known;
      const s = hasCompoundSurname(value) ? 2 : 1;
      const given = Math.max(1, value.length - s);
      const mou = value.indexOf('某');
      const base =
        mou > 0 ? value.slice(0, mou + 1) : `${value.slice(0, s)}${given >= 2 ? '某某' : '某'}`;
      // A second person with the same surname becomes 张某甲, 张某乙… (court practice).
      const taken = surnameTaken.get(base) ?? 0;
      surnameTaken.set(base, taken + 1);
      const out = taken === 0 ? base : `${base}${ORDINALS.charAt((taken - 1) % ORDINALS.length)}`;
      surnames.set(value, out);
      return out;
    };
    const rewrite = (finding: Finding, value: string): string => {
      const operator = operators[finding.type] ?? fallback;
      switch (operator) {
        case 'keep':
          return value;
        case 'drop':
          return '';
        case 'mask': {
          if (finding.type === 'person-name') return maskPresets['cn-name'](value, '*');
          const preset =
            finding.type === 'cn-resident-id' ||
            finding.type === 'cn-mobile' ||
            finding.type === 'bank-card' ||
            finding.type === 'email'
              ? maskPresets[finding.type]
              : undefined;
          return preset === undefined ? value.replace(MASKABLE, '*') : preset(value, '*');
        }
        case 'surname':
          return finding.type === 'person-name' ? surname(value) : label(finding, value);
        case 'pseudonym':
          return `[${labelOf(finding)}:${hexPrefix((mac as NonNullable<typeof mac>).mac(utf8Scratch(value)), 8)}]`;
        case 'generalize':
          return generalize(finding, value, addressLevel) ?? label(finding, value);
        case 'label':
          return label(finding, value);
      }
    };
    return {
      kind: 'value',
      apply: (value) => {
        const text = textOf(value);
        const findings = scan(text, options);
        if (findings.length === 0) return text;
        const parts: string[] = [];
        let at = 0;
        for (const finding of findings) {
          parts.push(text.slice(at, finding.start), rewrite(finding, finding.value as string));
          at = finding.end;
        }
        parts.push(text.slice(at));
        return parts.join('');
      },
    };
  },
};

/** Addresses to a level, dates to the year, ages to a decade; undefined for other types. */
function generalize(finding: Finding, value: string, level: AddressLevel): string | undefined {
  if (finding.type === 'address') return cutAddress(value, level);
  if (finding.type === 'date') {
    const year = /^\d{4}年/.exec(value);
    return year === null ? undefined : year[0];
  }
  if (finding.type === 'age') {
    const age = Number.parseInt(value, 10);
    if (!Number.isFinite(age)) return undefined;
    const low = age - (age % 10);
    return `${low}-${low + 9}岁`;
  }
  return undefined;
}
