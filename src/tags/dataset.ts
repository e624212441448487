import { z } from 'zod';
import { parseArgument } from '../core/parse.ts';
import { Id, PartyRef } from '../core/refs.ts';
import { ValidationError } from '../errors/kinds.ts';
import { gradeByImpact, highestGrade, isAtLeast } from './grade.ts';
import { isSensitive, PiCategory } from './pi-category.ts';
import {
  DataDomain,
  FieldRole,
  type Grade,
  Grade as GradeSchema,
  Impact,
  OpenType,
  ShareType,
} from './vocabulary.ts';

const Citation = z.string().trim().min(1).max(500);

/** The declaration of one field of a dataset (input of {@link defineDataset}). */
export interface FieldDefinition {
  /** Column or property name. */
  name: string;
  /** Other column names accepted for this field in input headers (e.g. `手机号` for `手机号码`). */
  aliases?: string[] | undefined;
  description?: string | undefined;
  role: FieldRole;
  /** PI category, when the field holds personal information. */
  piCategory?: PiCategory | undefined;
  /** Identifier type from dataguard/detect (e.g. `cn-resident-id`), when known. */
  identifierType?: string | undefined;
  /** True when the field already holds de-identified PI (G-PI-FLOOR still applies). */
  deidentified?: boolean | undefined;
  /** Assessed impacts (G-MATRIX); give these or `grade`, not both. */
  impacts?: Impact[] | undefined;
  /** An explicitly assigned grade; give this or `impacts`, not both. */
  grade?: Grade | undefined;
  share: ShareType;
  open: OpenType;
  /** The legal basis for `share: 'none'` (required then, rule S-TYPES). */
  shareBasis?: string | undefined;
  /** When a `share: 'none'` field (暂不共享, temporary) is due for review: ISO 8601 date (S-TYPES, G-CATALOG-REVIEW). */
  shareReviewBy?: string | undefined;
  /** The legal basis for `open: 'closed'` (required then, rule G-CATALOG). */
  openBasis?: string | undefined;
  /**
   * `anonymization`: the field is opened only after it is anonymized (PIPL
   * Art. 73: it then no longer identifies anyone). Required for `open: 'open'`
   * on a PI field (S-OPEN); the release that opens it must anonymize it.
   */
  openAfter?: 'anonymization' | undefined;
}

/** The declaration of a dataset (input of {@link defineDataset}). */
export interface DatasetDefinition {
  id: string;
  version: string;
  title?: string | undefined;
  /** 数据类别; defaults to `non-public`. */
  domain?: DataDomain | undefined;
  /** The department or party that provides the data (责任部门). */
  provider?: PartyRef | undefined;
  /** All subjects are minors under 14: every PI field is sensitive (PIPL Art. 28, 31). */
  minorsUnder14?: boolean | undefined;
  fields: FieldDefinition[];
}

/** Zod schema of {@link FieldDefinition}. */
const FieldDefinitionSchema: z.ZodType<FieldDefinition> = z.strictObject({
  name: z.string().min(1).max(128),
  aliases: z.array(z.string().min(1).max(128)).max(32).optional(),
  description: z.string().max(1000).optional(),
  role: FieldRole,
  piCategory: PiCategory.optional(),
  identifierType: z.string().min(1).max(64).optional(),
  deidentified: z.boolean().optional(),
  impacts: z.array(Impact).optional(),
  grade: GradeSchema.optional(),
  share: ShareType,
  open: OpenType,
  shareBasis: Citation.optional(),
  shareReviewBy: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  openBasis: Citation.optional(),
  openAfter: z.literal('anonymization').optional(),
});

/** Zod schema of {@link DatasetDefinition}; also published as `schemas/dataset.schema.json`. */
export const DatasetDefinitionSchema: z.ZodType<DatasetDefinition> = z.strictObject({
  id: Id,
  version: z.string().min(1).max(64),
  title: z.string().max(256).optional(),
  domain: DataDomain.optional(),
  provider: PartyRef.optional(),
  minorsUnder14: z.boolean().optional(),
  fields: z.array(FieldDefinitionSchema).min(1).max(10_000),
});

/** Why a field or dataset has its effective grade: the rules that set or raised it. */
export type GradeBasis = 'declared' | 'G-MATRIX' | 'G-PI-FLOOR' | 'G-SENSITIVE' | 'G-HIGHEST';

/** A field after validation, with its effective grade. */
export interface DatasetField {
  readonly name: string;
  /** Other column names accepted for this field in input headers. */
  readonly aliases: readonly string[];
  readonly description?: string;
  readonly role: FieldRole;
  readonly piCategory?: PiCategory;
  readonly identifierType?: string;
  readonly deidentified: boolean;
  readonly share: ShareType;
  readonly open: OpenType;
  readonly shareBasis?: string;
  readonly shareReviewBy?: string;
  readonly openBasis?: string;
  /** `anonymization` when the field is opened only once anonymized (S-OPEN). */
  readonly openAfter?: 'anonymization';
  /** True for sensitive PI (G-SENSITIVE). */
  readonly sensitive: boolean;
  /** The effective grade after G-MATRIX, G-PI-FLOOR and G-SENSITIVE. */
  readonly grade: Grade;
  readonly gradeBasis: readonly GradeBasis[];
}

/** An immutable, validated dataset schema with effective grades. */
export interface Dataset {
  readonly id: string;
  readonly version: string;
  readonly title?: string;
  readonly domain: DataDomain;
  readonly provider?: PartyRef;
  readonly minorsUnder14: boolean;
  readonly fields: readonly DatasetField[];
  /** The dataset's grade: the highest of its fields (G-HIGHEST). */
  readonly grade: Grade;
  /** True when any field is sensitive PI. */
  readonly sensitive: boolean;
  /** True when any field is PI. */
  readonly personal: boolean;
}

/**
 * Validates a dataset declaration and computes each field's effective grade
 * (G-MATRIX from impacts, raised by G-PI-FLOOR and G-SENSITIVE) and the
 * dataset's (G-HIGHEST). A `none` share type or `closed` open type without its
 * legal basis is rejected, naming the field; so is opening core or important
 * data (G-GRADE-GATES), and `open: 'open'` on a PI field not marked
 * `openAfter: 'anonymization'` (S-OPEN).
 *
 * @param definition - the dataset declaration
 * @returns a frozen {@link Dataset}
 * @throws {ValidationError} on any invalid or inconsistent declaration
 * @example
 * ```ts
 * import { defineDataset } from 'dataguard/tags';
 * const residents = defineDataset({
 *   id: 'residents', version: '1',
 *   fields: [
 *     { name: 'id_card', role: 'direct-identifier', piCategory: 'identity', share: 'conditional', open: 'closed',
 *       openBasis: 'PIPL Art. 25' },
 *     { name: 'district', role: 'quasi-identifier', piCategory: 'location', share: 'unconditional', open: 'open',
 *       openAfter: 'anonymization' },
 *   ],
 * });
 * residents.grade; // 'general-4'
 * ```
 */
export function defineDataset(definition: DatasetDefinition): Dataset {
  const parsed = parseArgument(DatasetDefinitionSchema, definition, 'dataset');
  const seen = new Set<string>();
  const fields = parsed.fields.map((field, index) => {
    const where = `dataset.fields[${index}] (${field.name})`;
    if (seen.has(field.name)) {
      throw new ValidationError(`${where}: duplicate field name`, {
        path: `fields[${index}]`,
        reason: 'duplicate-field',
      });
    }
    seen.add(field.name);
    if (field.share === 'none' && field.shareBasis === undefined) {
      throw new ValidationError(
        `${where}: share type "none" requires shareBasis (the legal basis, rule S-TYPES)`,
        {
          path: `fields[${index}].shareBasis`,
          reason: 'missing-legal-basis',
        },
      );
    }
    if (field.open === 'closed' && field.openBasis === undefined) {
      throw new ValidationError(
        `${where}: open type "closed" requires openBasis (the legal basis, rule G-CATALOG)`,
        {
          path: `fields[${index}].openBasis`,
          reason: 'missing-legal-basis',
        },
      );
    }
    if (field.impacts !== undefined && field.grade !== undefined) {
      throw new ValidationError(`${where}: give impacts or grade, not both`, {
        path: `fields[${index}]`,
        reason: 'ambiguous-grade',
      });
    }
    if (field.deidentified === true && field.piCategory === undefined) {
      throw new ValidationError(
        `${where}: deidentified applies only to a field with a piCategory`,
        {
          path: `fields[${index}].deidentified`,
          reason: 'deidentified-without-pi',
        },
      );
    }
    if (field.openAfter !== undefined && field.piCategory === undefined) {
      throw new ValidationError(`${where}: openAfter applies only to a field with a piCategory`, {
        path: `fields[${index}].openAfter`,
        reason: 'open-after-without-pi',
      });
    }
    const effective = effectiveField(field, parsed.minorsUnder14 === true);
    assertOpenable(effective, where, index);
    return effective;
  });
  // A header name must resolve to exactly one field.
  const names = new Map<string, string>();
  for (const field of parsed.fields) names.set(field.name, field.name);
  for (const field of parsed.fields) {
    for (const alias of field.aliases ?? []) {
      const owner = names.get(alias);
      if (owner !== undefined && !(owner === field.name && alias === field.name)) {
        throw new ValidationError(
          `dataset field ${field.name}: alias "${alias}" is already a name or alias of field ${owner}`,
          { path: `fields.${field.name}.aliases`, reason: 'duplicate-alias' },
        );
      }
      names.set(alias, field.name);
    }
  }
  const schema: Dataset = {
    id: parsed.id,
    version: parsed.version,
    ...(parsed.title === undefined ? {} : { title: parsed.title }),
    domain: parsed.domain ?? 'non-public',
    ...(parsed.provider === undefined ? {} : { provider: Object.freeze({ ...parsed.provider }) }),
    minorsUnder14: parsed.minorsUnder14 === true,
    fields: Object.freeze(fields),
    grade: highestGrade(fields.map((field) => field.grade)),
    sensitive: fields.some((field) => field.sensitive),
    personal: fields.some((field) => field.piCategory !== undefined),
  };
  return Object.freeze(schema);
}

// S-OPEN and G-GRADE-GATES: core and important data are never opened; PI,
// sensitive or not, is opened to everyone only once anonymized.
function assertOpenable(field: DatasetField, where: string, index: number): void {
  if (field.open !== 'closed' && (field.grade === 'core' || field.grade === 'important')) {
    throw new ValidationError(
      `${where}: ${field.grade} data is never opened (rule G-GRADE-GATES); declare open "closed" with its openBasis`,
      { path: `fields[${index}].open`, reason: 'open-important-data' },
    );
  }
  if (field.open === 'open' && field.piCategory !== undefined && field.openAfter === undefined) {
    throw new ValidationError(
      `${where}: ${field.sensitive ? 'sensitive ' : ''}personal information is never opened as it is (rule S-OPEN); mark openAfter "anonymization" if it is published only once anonymized, or declare it "closed"`,
      { path: `fields[${index}].open`, reason: 'open-personal-information' },
    );
  }
}

/** Applies G-MATRIX, G-PI-FLOOR and G-SENSITIVE to one field. */
function effectiveField(field: FieldDefinition, minorsUnder14: boolean): DatasetField {
  const basis: GradeBasis[] = [];
  let grade: Grade;
  if (field.grade !== undefined) {
    grade = field.grade;
    basis.push('declared');
  } else {
    grade = gradeByImpact(field.impacts ?? []);
    basis.push('G-MATRIX');
  }
  const category = field.piCategory;
  const sensitive = category !== undefined && (isSensitive(category) || minorsUnder14);
  if (sensitive && !isAtLeast(grade, 'general-4')) {
    grade = 'general-4';
    basis.push('G-SENSITIVE', 'G-PI-FLOOR');
  } else if (category !== undefined && !isAtLeast(grade, 'general-2')) {
    grade = 'general-2';
    basis.push('G-PI-FLOOR');
  }
  return Object.freeze({
    name: field.name,
    aliases: Object.freeze([...(field.aliases ?? [])]),
    ...(field.description === undefined ? {} : { description: field.description }),
    role: field.role,
    ...(category === undefined ? {} : { piCategory: category }),
    ...(field.identifierType === undefined ? {} : { identifierType: field.identifierType }),
    deidentified: field.deidentified === true,
    share: field.share,
    open: field.open,
    ...(field.shareBasis === undefined ? {} : { shareBasis: field.shareBasis }),
    ...(field.shareReviewBy === undefined ? {} : { shareReviewBy: field.shareReviewBy }),
    ...(field.openBasis === undefined ? {} : { openBasis: field.openBasis }),
    ...(field.openAfter === undefined ? {} : { openAfter: field.openAfter }),
    sensitive,
    grade,
    gradeBasis: Object.freeze(basis),
  });
}

/**
 * Finds a field of a dataset by name.
 *
 * @returns the field, or undefined
 * @example
 * ```ts
 * import { defineDataset, findField } from 'dataguard/tags';
 * const residents = defineDataset({
 *   id: 'residents', version: '1',
 *   fields: [
 *     { name: 'id_card', role: 'direct-identifier', piCategory: 'identity', share: 'conditional', open: 'closed',
 *       openBasis: 'PIPL Art. 25' },
 *   ],
 * });
 * findField(residents, 'id_card')?.grade; // 'general-4'
 * findField(residents, 'name'); // undefined
 * ```
 */
export function findField(dataset: Dataset, name: string): DatasetField | undefined {
  return dataset.fields.find((field) => field.name === name);
}
