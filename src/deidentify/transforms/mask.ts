import { maskPresets } from '../mask-presets.ts';
import { maskChars } from '../mask-text.ts';
import type { MaskSpec } from '../policy-schema.ts';
import type { TransformDefinition } from '../types.ts';
import { textOf } from '../values.ts';

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
