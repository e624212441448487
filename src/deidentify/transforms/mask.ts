import { z } from 'zod';
import type { ExactSchema } from '../../core/exact-schema.ts';
import { MASK_PRESETS, type MaskPreset, maskPresets } from '../mask-presets.ts';
import { maskChars } from '../mask-text.ts';
import type { SpecSchema } from '../spec-fields.ts';
import type { TransformDefinition } from '../types.ts';
import { textOf } from '../values.ts';

/** `mask`: a named Chinese preset, or keepStart / keepEnd / preserve / fixedLength. */
export interface MaskSpec {
  type: 'mask';
  preset?: MaskPreset | undefined;
  keepStart?: number | undefined;
  keepEnd?: number | undefined;
  /** Mask character, default `*`. */
  char?: string | undefined;
  /** Characters left in place and not counted (separators). */
  preserve?: string | undefined;
  /** Emit this many mask characters whatever the hidden length. */
  fixedLength?: number | undefined;
}

const maskSpec = z.strictObject({
  type: z.literal('mask'),
  preset: z.enum(MASK_PRESETS).optional(),
  keepStart: z.int().min(0).max(64).optional(),
  keepEnd: z.int().min(0).max(64).optional(),
  char: z.string().min(1).max(2).optional().describe('Mask character, default *'),
  preserve: z
    .string()
    .max(32)
    .optional()
    .describe('Characters left in place and not counted (separators such as - or space)'),
  fixedLength: z
    .int()
    .min(1)
    .max(64)
    .optional()
    .describe('Emit this many mask characters regardless of the hidden length'),
});

/** Zod schema of {@link MaskSpec}. */
export const MaskSpecSchema: SpecSchema<MaskSpec> = maskSpec satisfies ExactSchema<
  MaskSpec,
  typeof maskSpec
>;

// Presets made for one identifier type refuse fields declared as another.
const PRESET_TYPES: Readonly<Partial<Record<string, string>>> = {
  'cn-resident-id': 'cn-resident-id',
  'cn-mobile': 'cn-mobile',
  'cn-landline': 'cn-landline',
  'bank-card': 'bank-card',
  email: 'email',
};

/**
 * `mask`: hides part of a value behind a mask character, by code point. Either
 * a named preset (Chinese display conventions, see {@link maskPresets}) or
 * `keepStart` / `keepEnd` / `preserve` / `fixedLength`. Irreversible; it keeps
 * the length unless `fixedLength` is set.
 */
export const maskTransform: TransformDefinition<MaskSpec> = {
  type: 'mask',
  traits: (params) => ({
    reversible: false,
    keyed: false,
    formatPreserving: params.fixedLength === undefined,
  }),
  compile(params, context) {
    const char = params.char ?? '*';
    if (Array.from(char).length !== 1) {
      context.fail('bad-parameters', 'mask char must be one character', 'transform.char');
    }
    if (params.preset !== undefined) {
      if (
        params.keepStart !== undefined ||
        params.keepEnd !== undefined ||
        params.preserve !== undefined ||
        params.fixedLength !== undefined
      ) {
        context.fail(
          'bad-parameters',
          'a mask preset takes no keepStart/keepEnd/preserve/fixedLength',
        );
      }
      const expected = PRESET_TYPES[params.preset];
      const actual = context.field.identifierType;
      if (expected !== undefined && actual !== undefined && actual !== expected) {
        context.fail(
          'incompatible-field',
          `mask preset ${params.preset} cannot take a field of type ${actual}`,
        );
      }
      const preset = maskPresets[params.preset];
      return { kind: 'value', apply: (value) => preset(textOf(value), char) };
    }
    const options = {
      keepStart: params.keepStart ?? 0,
      keepEnd: params.keepEnd ?? 0,
      char,
      preserve: params.preserve ?? '',
      fixedLength: params.fixedLength,
    };
    return { kind: 'value', apply: (value) => maskChars(textOf(value), options) };
  },
};
