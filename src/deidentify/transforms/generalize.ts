import { z } from 'zod';
import type { ExactSchema } from '../../core/exact-schema.ts';
import { type AddressSpec, AddressSpecSchema, compileAddress } from '../generalize-address.ts';
import {
  type AgeSpec,
  AgeSpecSchema,
  compileAge,
  compileDate,
  type DateSpec,
  DateSpecSchema,
} from '../generalize-date.ts';
import {
  compileInterval,
  compileRound,
  compileTopBottom,
  type IntervalSpec,
  IntervalSpecSchema,
  type RoundSpec,
  RoundSpecSchema,
  type TopBottomSpec,
  TopBottomSpecSchema,
} from '../generalize-number.ts';
import {
  compileRegion,
  compileResidentId,
  type RegionSpec,
  RegionSpecSchema,
  type ResidentIdSpec,
  ResidentIdSpecSchema,
} from '../generalize-region.ts';
import { parseHierarchy } from '../hierarchy.ts';
import type { SpecSchema } from '../spec-fields.ts';
import type { CompileContext, TransformDefinition, ValueFunction } from '../types.ts';
import { contractError, textOf } from '../values.ts';

/** `generalize` / `hierarchy`: an ARX-style table (by name or inline) at a level. */
export interface HierarchySpec {
  type: 'generalize';
  method: 'hierarchy';
  hierarchy: string | string[][];
  level: number;
}

const hierarchySpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('hierarchy'),
  hierarchy: z
    .union([z.string().min(1).max(128), z.array(z.array(z.string().max(256)).min(1)).min(1)])
    .describe('A hierarchy name given to compilePolicy, or the table inline (ARX layout)'),
  level: z.int().min(0).max(64),
});

/** Zod schema of {@link HierarchySpec}. */
const HierarchySpecSchema: SpecSchema<HierarchySpec> = hierarchySpec satisfies ExactSchema<
  HierarchySpec,
  typeof hierarchySpec
>;

/** Any `generalize` transform. */
export type GeneralizeSpec =
  | IntervalSpec
  | TopBottomSpec
  | RoundSpec
  | DateSpec
  | AgeSpec
  | HierarchySpec
  | RegionSpec
  | AddressSpec
  | ResidentIdSpec;

const generalizeSpec = z.discriminatedUnion('method', [
  IntervalSpecSchema,
  TopBottomSpecSchema,
  RoundSpecSchema,
  DateSpecSchema,
  AgeSpecSchema,
  HierarchySpecSchema,
  RegionSpecSchema,
  AddressSpecSchema,
  ResidentIdSpecSchema,
]);

/** Zod schema of {@link GeneralizeSpec}. */
export const GeneralizeSpecSchema: SpecSchema<GeneralizeSpec> =
  generalizeSpec satisfies ExactSchema<GeneralizeSpec, typeof generalizeSpec>;

const NUMERIC_METHODS = new Set(['interval', 'top-bottom', 'round', 'age']);
const IDENTIFIER_METHODS: Readonly<Record<string, readonly string[]>> = {
  region: ['cn-region-code'],
  'resident-id': ['cn-resident-id', 'cn-resident-id-15'],
};

/**
 * `generalize`: replaces values by coarser ones. Methods: `interval`,
 * `top-bottom`, `round` (numbers); `date` (day/month/quarter/year) and `age`
 * (bands, from ages or birth dates with date-fns); `hierarchy` (ARX-style
 * tables); `region` (GB/T 2260 codes), `address` (Chinese addresses) and
 * `resident-id` (to region and birth year). Irreversible.
 */
export const generalizeTransform: TransformDefinition<GeneralizeSpec> = {
  type: 'generalize',
  traits: (params) => ({
    reversible: false,
    keyed: false,
    formatPreserving: params.method === 'round' || params.method === 'top-bottom',
  }),
  compile(params, context) {
    const identifierType = context.field.identifierType;
    if (identifierType !== undefined) {
      const allowed = IDENTIFIER_METHODS[params.method];
      if (
        NUMERIC_METHODS.has(params.method) ||
        (allowed !== undefined && !allowed.includes(identifierType))
      ) {
        context.fail(
          'incompatible-field',
          `generalize method ${params.method} cannot take a field of type ${identifierType}`,
        );
      }
    }
    return { kind: 'value', apply: compileMethod(params, context) };
  },
};

function compileMethod(params: GeneralizeSpec, context: CompileContext): ValueFunction {
  switch (params.method) {
    case 'interval':
      return compileInterval(params);
    case 'top-bottom':
      return compileTopBottom(params, context);
    case 'round':
      return compileRound(params);
    case 'date':
      return compileDate(params);
    case 'age':
      return compileAge(params, context);
    case 'hierarchy':
      return compileHierarchy(params, context);
    case 'region':
      return compileRegion(params);
    case 'address':
      return compileAddress(params);
    case 'resident-id':
      return compileResidentId(params);
  }
}

function compileHierarchy(params: HierarchySpec, context: CompileContext): ValueFunction {
  let table = params.hierarchy;
  if (typeof table === 'string') {
    const named = context.hierarchies[table];
    if (named === undefined) {
      context.fail('unknown-hierarchy', `no hierarchy named ${table} was given to compilePolicy`);
    }
    table = named as string | string[][];
  }
  let hierarchy: ReturnType<typeof parseHierarchy>;
  try {
    hierarchy = parseHierarchy(table);
  } catch (error) {
    context.fail('bad-hierarchy', (error as Error).message);
  }
  const level = params.level;
  if (level >= hierarchy.levels) {
    context.fail('bad-parameters', `the hierarchy has levels 0..${hierarchy.levels - 1}`);
  }
  return (value) => {
    const general = hierarchy.generalize(textOf(value), level);
    if (general === undefined) {
      throw contractError('not-in-hierarchy', 'value is not in the hierarchy table');
    }
    return general;
  };
}
