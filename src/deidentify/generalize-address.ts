import { z } from 'zod';
import type { ExactSchema } from '../core/exact-schema.ts';
import { findAddressLevels } from './cn-address.ts';
import { RegionLevel, type RegionLevelName, type SpecSchema } from './spec-fields.ts';
import type { ValueFunction } from './types.ts';
import { contractError, textOf } from './values.ts';

/** `generalize` / `address`: Chinese addresses cut after a level. */
export interface AddressSpec {
  type: 'generalize';
  method: 'address';
  level: RegionLevelName;
}

const addressSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('address'),
  level: RegionLevel,
});

/** Zod schema of {@link AddressSpec}. */
export const AddressSpecSchema: SpecSchema<AddressSpec> = addressSpec satisfies ExactSchema<
  AddressSpec,
  typeof addressSpec
>;

/** Chinese addresses cut after the given administrative level (福建省福州市鼓楼区…→ 福建省福州市). */
export function compileAddress(params: AddressSpec): ValueFunction {
  const level = params.level;
  return (value) => {
    const text = textOf(value);
    const end = findAddressLevels(text)[level];
    if (end === undefined) {
      throw contractError('unparsable-address', `address has no recognizable ${level} level`);
    }
    return text.slice(0, end);
  };
}
