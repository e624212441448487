// Cutting a free-text address to a coarser level (for the `text` transform).
import { readAddressParts } from './text-addresses.ts';
import { TextContext } from './text-context.ts';
import { type AddressLevel, addressLevels } from './text-types.ts';

/**
 * The beginning of `address` down to `level` (长沙市岳麓区麓山南路2号 at
 * `county` → 长沙市岳麓区), or undefined when the address has no part at that
 * level or coarser. Internal: the `text` transform uses it.
 *
 * @param address - an address as `scan` reports it
 * @param level - the finest level to keep
 * @returns the kept prefix, or undefined
 */
export function cutAddress(address: string, level: AddressLevel): string | undefined {
  const limit = addressLevels.indexOf(level);
  const ctx = new TextContext(address);
  let end = -1;
  for (const part of readAddressParts(ctx, 0)) {
    if (part.level > limit) break;
    end = part.end;
  }
  return end > 0 ? address.slice(0, end) : undefined;
}
