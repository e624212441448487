import { findAddressLevels } from './cn-address.ts';
import type { AddressSpec } from './policy-schema.ts';
import type { ValueFunction } from './types.ts';
import { contractError, textOf } from './values.ts';

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
