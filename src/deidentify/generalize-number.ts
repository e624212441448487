import { z } from 'zod';
import type { ExactSchema } from '../core/exact-schema.ts';
import {
  compareDecimals,
  type Decimal,
  decimalOf,
  floorDivide,
  formatDecimal,
  pow10,
  roundToMultiple,
  smallIntegerOf,
  unitsAt,
} from './decimal.ts';
import type { SpecSchema } from './spec-fields.ts';
import type { CompileContext, ValueFunction } from './types.ts';
import { sameKind } from './values.ts';

/** `generalize` / `interval`: numbers to intervals of `width` from `origin` (default 0). */
export interface IntervalSpec {
  type: 'generalize';
  method: 'interval';
  width: number;
  origin?: number | undefined;
}

const intervalSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('interval'),
  width: z.number().positive(),
  origin: z.number().optional(),
});

/** Zod schema of {@link IntervalSpec}. */
export const IntervalSpecSchema: SpecSchema<IntervalSpec> = intervalSpec satisfies ExactSchema<
  IntervalSpec,
  typeof intervalSpec
>;

/** `generalize` / `top-bottom`: values ≥ top become topValue (default top), values < bottom bottomValue. */
export interface TopBottomSpec {
  type: 'generalize';
  method: 'top-bottom';
  top?: number | undefined;
  topValue?: number | string | undefined;
  bottom?: number | undefined;
  bottomValue?: number | string | undefined;
}

const topBottomSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('top-bottom'),
  top: z.number().optional().describe('Values at or above are replaced by topValue'),
  topValue: z.union([z.number(), z.string().max(64)]).optional(),
  bottom: z.number().optional().describe('Values below are replaced by bottomValue'),
  bottomValue: z.union([z.number(), z.string().max(64)]).optional(),
});

/** Zod schema of {@link TopBottomSpec}. */
export const TopBottomSpecSchema: SpecSchema<TopBottomSpec> = topBottomSpec satisfies ExactSchema<
  TopBottomSpec,
  typeof topBottomSpec
>;

/** `generalize` / `round`: to the nearest multiple. */
export interface RoundSpec {
  type: 'generalize';
  method: 'round';
  multiple: number;
}

const roundSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('round'),
  multiple: z.number().positive(),
});

/** Zod schema of {@link RoundSpec}. */
export const RoundSpecSchema: SpecSchema<RoundSpec> = roundSpec satisfies ExactSchema<
  RoundSpec,
  typeof roundSpec
>;

// Values and parameters are exact decimals (see decimal.ts): binary floats put
// 2.8 in [2.7, 2.8) with width 0.1 and round 8.35 to 8.3.

/**
 * Numbers to intervals of `width` from `origin`: integer parameters give
 * inclusive labels (`30-39`), others half-open ones (`[0.5, 1)`).
 */
export function compileInterval(params: IntervalSpec): ValueFunction {
  const width = decimalOf(params.width);
  const origin = decimalOf(params.origin ?? 0);
  const integral = width.scale === 0 && origin.scale === 0;
  // Integer parameters and safe-integer numbers: exact in doubles, no BigInt needed.
  const w = params.width;
  const o = params.origin ?? 0;
  const fast = integral && Number.isSafeInteger(w) && Number.isSafeInteger(o);
  return (value) => {
    const small = fast ? smallIntegerOf(value) : undefined;
    if (small !== undefined && Number.isSafeInteger(small - o)) {
      // Remainders, not division: exact for safe integers.
      const rest = (small - o) % w;
      const low = small - (rest < 0 ? rest + w : rest);
      const high = low + w;
      if (Number.isSafeInteger(low) && Number.isSafeInteger(high)) return `${low + 0}-${high - 1}`;
    }
    const number = decimalOf(value);
    const scale = Math.max(number.scale, width.scale, origin.scale);
    const step = unitsAt(width, scale);
    const start = unitsAt(origin, scale);
    const low = start + floorDivide(unitsAt(number, scale) - start, step) * step;
    const high = low + step;
    return integral
      ? `${formatDecimal(low, scale)}-${formatDecimal(high - pow10(scale), scale)}`
      : `[${formatDecimal(low, scale)}, ${formatDecimal(high, scale)})`;
  };
}

/** Top and bottom coding: values at or above `top` (below `bottom`) become the replacement. */
export function compileTopBottom(params: TopBottomSpec, context: CompileContext): ValueFunction {
  const top = params.top === undefined ? undefined : decimalOf(params.top);
  const bottom = params.bottom === undefined ? undefined : decimalOf(params.bottom);
  if (top === undefined && bottom === undefined) {
    context.fail('bad-parameters', 'top-bottom coding needs top, bottom or both');
  }
  if (top !== undefined && bottom !== undefined && compareDecimals(bottom, top) >= 0) {
    context.fail('bad-parameters', 'bottom must be below top');
  }
  const topValue = params.topValue ?? params.top;
  const bottomValue = params.bottomValue ?? params.bottom;
  const replace = (input: unknown, replacement: number | string | undefined) =>
    typeof replacement === 'number' ? sameKind(input, replacement) : replacement;
  const topNumber = params.top;
  const bottomNumber = params.bottom;
  return (value) => {
    const small = smallIntegerOf(value);
    if (small !== undefined) {
      if (topNumber !== undefined && small >= topNumber) return replace(value, topValue);
      if (bottomNumber !== undefined && small < bottomNumber) return replace(value, bottomValue);
      return value;
    }
    const number = decimalOf(value);
    if (top !== undefined && compareDecimals(number, top) >= 0) return replace(value, topValue);
    if (bottom !== undefined && compareDecimals(number, bottom) < 0) {
      return replace(value, bottomValue);
    }
    return value;
  };
}

/** Rounding to the nearest multiple (halves away from zero), in the input's type. */
export function compileRound(params: RoundSpec): ValueFunction {
  const multiple = decimalOf(params.multiple);
  const m = Number.isSafeInteger(params.multiple) ? params.multiple : undefined;
  return (value) => {
    const small = m === undefined ? undefined : smallIntegerOf(value);
    if (small !== undefined && m !== undefined) {
      // Integers: exact in doubles while the result stays safe.
      const magnitude = small < 0 ? -small : small;
      const rest = magnitude % m;
      const rounded = 2 * rest >= m ? magnitude - rest + m : magnitude - rest;
      if (Number.isSafeInteger(rounded)) {
        const result = small < 0 && rounded !== 0 ? -rounded : rounded;
        return typeof value === 'number' ? result : String(result);
      }
    }
    return decimalSameKind(value, roundToMultiple(decimalOf(value), multiple));
  };
}

/**
 * A decimal result in the input's type: a number (the nearest double) for
 * numbers, its exact text for strings.
 *
 * @param input - the value the result was computed from
 * @param result - the exact result
 * @returns the result as a number or text
 */
export function decimalSameKind(input: unknown, result: Decimal): number | string {
  const text = formatDecimal(result.units, result.scale);
  return typeof input === 'number' ? Number(text) : text;
}
