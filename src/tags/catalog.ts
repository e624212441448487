import { z } from 'zod';
import { assertFunction, assertRecord, assertString } from '../core/assert.ts';
import { canonicalJson } from '../core/canonical-json.ts';
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import { parseArgument } from '../core/parse.ts';
import { DatasetRef, type PartyRef } from '../core/refs.ts';
import { ValidationError } from '../errors/kinds.ts';
import {
  type Dataset,
  type DatasetDefinition,
  DatasetDefinitionSchema,
  defineDataset,
} from './dataset.ts';
import { gradeByImpact, gradeRank, highestGrade, isAtLeast } from './grade.ts';
import { isSensitive } from './pi-category.ts';
import {
  type DataDomain,
  type Grade,
  Impact,
  type OpenType,
  type ShareType,
} from './vocabulary.ts';

/** A catalog document: versioned dataset definitions (published as `schemas/catalog.schema.json`). */
export interface CatalogDocument {
  datasets: DatasetDefinition[];
}

/** Zod schema of {@link CatalogDocument}. */
export const CatalogDocumentSchema: z.ZodType<CatalogDocument> = z.strictObject({
  datasets: z.array(DatasetDefinitionSchema),
});

/** One entry of the negative list (负面清单): a field not shared or not opened, with its legal basis (G-CATALOG). */
export interface NegativeListEntry {
  readonly dataset: string;
  readonly version: string;
  readonly field: string;
  readonly share: ShareType;
  readonly open: OpenType;
  readonly shareBasis?: string;
  /** When the `none` share type is due for review (暂不共享 is temporary). */
  readonly shareReviewBy?: string;
  readonly openBasis?: string;
}

/** One entry of the responsibility list (责任清单): who provides which dataset, at which grade (G-CATALOG). */
export interface ResponsibilityListEntry {
  readonly dataset: string;
  readonly version: string;
  readonly title?: string;
  readonly domain: DataDomain;
  readonly provider?: PartyRef;
  readonly grade: Grade;
  readonly fieldCount: number;
  readonly registeredAt: string;
}

/** A reason attached to a grading result, citing its rule. */
export interface GradingReason {
  readonly rule: string;
  readonly article: string;
  readonly code: string;
  readonly message: string;
}

/** One source of an aggregation: a dataset and, optionally, only some of its fields. */
export interface AggregationSource {
  readonly dataset: DatasetRef;
  readonly fields?: readonly string[] | undefined;
}

/** The result of {@link Catalog.assessAggregation} (rule G-AGGREGATE). */
export interface AggregationAssessment {
  /** The grade of the combined data. */
  readonly grade: Grade;
  /** The grade of each input (over its selected fields). */
  readonly inputGrades: readonly {
    readonly dataset: string;
    readonly version: string;
    readonly grade: Grade;
  }[];
  /** True when the combination grades above every input: a security assessment is required (Fujian Art. 35). */
  readonly assessmentRequired: boolean;
  readonly reasons: readonly GradingReason[];
}

/** A versioned catalog of dataset schemas (G-CATALOG). */
export interface Catalog {
  /** Registers a dataset version; re-registering identical content is a no-op, different content is an error. */
  register(definition: DatasetDefinition | Dataset): Dataset;
  /** The given version of a dataset, or its latest registered version. */
  get(id: string, version?: string): Dataset | undefined;
  /** Like {@link Catalog.get} but throws a ValidationError naming the dataset when unknown. */
  resolve(ref: DatasetRef): Dataset;
  /** All registered versions of a dataset, oldest first. */
  versions(id: string): readonly Dataset[];
  /** The latest version of every dataset. */
  list(): readonly Dataset[];
  /** Fields not shared or not opened, with their legal basis. */
  negativeList(): readonly NegativeListEntry[];
  /** Who provides each dataset and at which grade. */
  responsibilityList(): readonly ResponsibilityListEntry[];
  /** The starting grade of data derived from the given sources (G-HIGHEST, GB/T 43697 §6.6). */
  derivedGrade(sources: readonly AggregationSource[]): Grade;
  /** Whether combining the sources needs a security assessment (G-AGGREGATE). */
  assessAggregation(
    sources: readonly AggregationSource[],
    options?: { readonly resultImpacts?: readonly Impact[] },
  ): AggregationAssessment;
  /** The catalog as a document (latest and earlier versions, in registration order). */
  toJSON(): CatalogDocument;
}

const Sources = z
  .array(z.strictObject({ dataset: DatasetRef, fields: z.array(z.string()).optional() }))
  .min(1);
const AggregationOptions = z.strictObject({ resultImpacts: z.array(Impact).optional() });

/**
 * Creates an in-memory, versioned catalog of dataset schemas.
 *
 * @param options - `clock` for registration times; `document` to load a catalog document
 * @returns the catalog
 * @throws {ValidationError} when the document is invalid, or options is not an object (`invalid-argument`)
 * @example
 * ```ts
 * import { createCatalog } from 'dataguard/tags';
 * const catalog = createCatalog();
 * catalog.register({ id: 'households', version: '1', fields: [
 *   { name: 'address', role: 'quasi-identifier', piCategory: 'basic', share: 'conditional', open: 'closed',
 *     openBasis: 'PIPL Art. 25' },
 * ] });
 * catalog.negativeList(); // [{ dataset: 'households', field: 'address', open: 'closed', … }]
 * ```
 */
export function createCatalog(
  options: { clock?: Clock; document?: CatalogDocument } = {},
): Catalog {
  assertRecord(options, 'options');
  if (options.clock !== undefined) assertFunction(options.clock, 'options.clock');
  const clock = options.clock ?? systemClock;
  const byId = new Map<string, { schema: Dataset; definition: string; registeredAt: string }[]>();
  const order: DatasetDefinition[] = [];

  function register(input: DatasetDefinition | Dataset): Dataset {
    const definition = isSchema(input) ? toDefinition(input) : input;
    const schema = defineDataset(definition);
    const text = canonicalJson(toDefinition(schema));
    const list = byId.get(schema.id) ?? [];
    const existing = list.find((entry) => entry.schema.version === schema.version);
    if (existing !== undefined) {
      if (existing.definition === text) return existing.schema;
      throw new ValidationError(
        `dataset ${schema.id} version ${schema.version} is already registered with different content; register a new version`,
        { path: 'dataset.version', reason: 'version-conflict' },
      );
    }
    list.push({ schema, definition: text, registeredAt: new Date(clock()).toISOString() });
    byId.set(schema.id, list);
    order.push(toDefinition(schema));
    return schema;
  }

  function get(id: string, version?: string): Dataset | undefined {
    const list = byId.get(id);
    if (list === undefined) return undefined;
    if (version === undefined) return list[list.length - 1]?.schema;
    return list.find((entry) => entry.schema.version === version)?.schema;
  }

  function resolve(ref: DatasetRef): Dataset {
    assertRecord(ref, 'ref');
    assertString(ref.id, 'ref.id');
    if (ref.version !== undefined) assertString(ref.version, 'ref.version');
    const schema = get(ref.id, ref.version);
    if (schema === undefined) {
      throw new ValidationError(
        `unknown dataset ${ref.id}${ref.version === undefined ? '' : ` version ${ref.version}`} (not in the catalog)`,
        { path: 'dataset', reason: 'unknown-dataset' },
      );
    }
    return schema;
  }

  function selectedGrade(source: AggregationSource): { schema: Dataset; grade: Grade } {
    const schema = resolve(source.dataset);
    if (source.fields === undefined) return { schema, grade: schema.grade };
    const grades = source.fields.map((name) => {
      const field = schema.fields.find((candidate) => candidate.name === name);
      if (field === undefined) {
        throw new ValidationError(`dataset ${schema.id} has no field named ${name}`, {
          path: 'sources.fields',
          reason: 'unknown-field',
        });
      }
      return field.grade;
    });
    return { schema, grade: highestGrade(grades) };
  }

  const catalog: Catalog = {
    register,
    get,
    resolve,
    versions: (id) => (byId.get(id) ?? []).map((entry) => entry.schema),
    list: () =>
      [...byId.values()].map((list) => (list[list.length - 1] as { schema: Dataset }).schema),
    negativeList() {
      const out: NegativeListEntry[] = [];
      for (const schema of catalog.list()) {
        for (const field of schema.fields) {
          if (field.share !== 'none' && field.open !== 'closed') continue;
          out.push({
            dataset: schema.id,
            version: schema.version,
            field: field.name,
            share: field.share,
            open: field.open,
            ...(field.shareBasis === undefined ? {} : { shareBasis: field.shareBasis }),
            ...(field.shareReviewBy === undefined ? {} : { shareReviewBy: field.shareReviewBy }),
            ...(field.openBasis === undefined ? {} : { openBasis: field.openBasis }),
          });
        }
      }
      return out;
    },
    responsibilityList() {
      return [...byId.values()].map((list) => {
        const entry = list[list.length - 1] as { schema: Dataset; registeredAt: string };
        const { schema } = entry;
        return {
          dataset: schema.id,
          version: schema.version,
          ...(schema.title === undefined ? {} : { title: schema.title }),
          domain: schema.domain,
          ...(schema.provider === undefined ? {} : { provider: schema.provider }),
          grade: schema.grade,
          fieldCount: schema.fields.length,
          registeredAt: entry.registeredAt,
        };
      });
    },
    derivedGrade(sources) {
      const parsed = parseArgument(Sources, sources, 'sources');
      return highestGrade(parsed.map((source) => selectedGrade(source).grade));
    },
    assessAggregation(sources, aggregationOptions = {}) {
      const parsed = parseArgument(Sources, sources, 'sources');
      const { resultImpacts } = parseArgument(AggregationOptions, aggregationOptions, 'options');
      const inputs = parsed.map(selectedGrade);
      const inputGrade = highestGrade(inputs.map((input) => input.grade));
      const reasons: GradingReason[] = [];
      let grade = inputGrade;
      if (resultImpacts !== undefined && resultImpacts.length > 0) {
        const assessed = gradeByImpact(resultImpacts);
        if (gradeRank(assessed) < gradeRank(grade)) {
          grade = assessed;
          reasons.push({
            rule: 'G-AGGREGATE',
            article: 'Fujian Art. 35; GB/T 43697-2024 §6.6',
            code: 'aggregate-impact',
            message: `the assessed impact of the combined data grades it ${assessed}, above every input (${inputGrade})`,
          });
        }
      }
      // Joining data about minors under 14 with other PI makes all of the
      // joined PI sensitive (PIPL Art. 28), which can exceed every input.
      const hasMinors = inputs.some((input) => input.schema.minorsUnder14);
      const joinsOtherPi = inputs.some((input, i) => {
        if (input.schema.minorsUnder14) return false;
        const fields = selectedFields(input.schema, parsed[i]?.fields);
        return fields.some(
          (field) => field.piCategory !== undefined && !isSensitive(field.piCategory),
        );
      });
      if (hasMinors && joinsOtherPi && !isAtLeast(grade, 'general-4')) {
        grade = 'general-4';
        reasons.push({
          rule: 'G-AGGREGATE',
          article: 'Fujian Art. 35; PIPL Art. 28',
          code: 'aggregate-minors',
          message:
            'joining PI of minors under 14 with other PI makes the joined PI sensitive (general-4)',
        });
      }
      const assessmentRequired = inputs.every((input) => gradeRank(grade) < gradeRank(input.grade));
      if (!assessmentRequired) reasons.length = 0;
      else {
        reasons.push({
          rule: 'G-AGGREGATE',
          article: 'Fujian Art. 35',
          code: 'assessment-required',
          message: `the combination (${grade}) grades above every input; a security assessment is required before processing`,
        });
      }
      return {
        grade,
        inputGrades: inputs.map((input) => ({
          dataset: input.schema.id,
          version: input.schema.version,
          grade: input.grade,
        })),
        assessmentRequired,
        reasons,
      };
    },
    toJSON: () => ({ datasets: order.map((definition) => structuredClone(definition)) }),
  };

  if (options.document !== undefined) {
    const document = parseArgument(CatalogDocumentSchema, options.document, 'document');
    for (const definition of document.datasets) register(definition);
  }
  return catalog;
}

function selectedFields(schema: Dataset, names: readonly string[] | undefined): Dataset['fields'] {
  return names === undefined
    ? schema.fields
    : schema.fields.filter((field) => names.includes(field.name));
}

function isSchema(input: DatasetDefinition | Dataset): input is Dataset {
  // Shape checks only, so that toDefinition cannot throw on a look-alike:
  // defineDataset then validates what it returns.
  return (
    typeof input === 'object' &&
    input !== null &&
    typeof (input as Dataset).grade === 'string' &&
    typeof (input as Dataset).personal === 'boolean' &&
    Array.isArray((input as Dataset).fields) &&
    (input as Dataset).fields.every((field) => typeof field === 'object' && field !== null)
  );
}

/** Recovers the declaration of a schema (effective grades become explicit grades). */
function toDefinition(schema: Dataset): DatasetDefinition {
  return {
    id: schema.id,
    version: schema.version,
    ...(schema.title === undefined ? {} : { title: schema.title }),
    domain: schema.domain,
    ...(schema.provider === undefined ? {} : { provider: { ...schema.provider } }),
    ...(schema.minorsUnder14 ? { minorsUnder14: true } : {}),
    fields: schema.fields.map((field) => ({
      name: field.name,
      ...(field.description === undefined ? {} : { description: field.description }),
      role: field.role,
      ...(field.piCategory === undefined ? {} : { piCategory: field.piCategory }),
      ...(field.identifierType === undefined ? {} : { identifierType: field.identifierType }),
      ...(field.deidentified ? { deidentified: true } : {}),
      grade: field.grade,
      share: field.share,
      open: field.open,
      ...(field.shareBasis === undefined ? {} : { shareBasis: field.shareBasis }),
      ...(field.shareReviewBy === undefined ? {} : { shareReviewBy: field.shareReviewBy }),
      ...(field.openBasis === undefined ? {} : { openBasis: field.openBasis }),
      ...(field.openAfter === undefined ? {} : { openAfter: field.openAfter }),
    })),
  };
}
