import { cleanNumber } from './number-format.ts';
import type { IntervalSpec, RoundSpec, TopBottomSpec } from './policy-schema.ts';
import type { CompileContext, ValueFunction } from './types.ts';
import { numberOf, sameKind } from './values.ts';

/**
 * Numbers to intervals of `width` from `origin`: integer parameters give
 * inclusive labels (`30-39`), others half-open ones (`[0.5, 1)`).
 */
export function compileInterval(params: IntervalSpec): ValueFunction {
  const width = params.width;
  const origin = params.origin ?? 0;
  const integral = Number.isInteger(width) && Number.isInteger(origin);
  return (value) => {
    const number = numberOf(value);
    const low = cleanNumber(origin + Math.floor((number - origin) / width) * width);
    const high = cleanNumber(low + width);
    return integral ? `${low}-${high - 1}` : `[${low}, ${high})`;
  };
}

/** Top and bottom coding: values at or above `top` (below `bottom`) become the replacement. */
export function compileTopBottom(params: TopBottomSpec, context: CompileContext): ValueFunction {
  const { top, bottom } = params;
  if (top === undefined && bottom === undefined) {
    context.fail('bad-parameters', 'top-bottom coding needs top, bottom or both');
  }
  if (top !== undefined && bottom !== undefined && bottom >= top) {
    context.fail('bad-parameters', 'bottom must be below top');
  }
  const topValue = params.topValue ?? top;
  const bottomValue = params.bottomValue ?? bottom;
  const replace = (input: unknown, replacement: number | string | undefined) =>
    typeof replacement === 'number' ? sameKind(input, replacement) : replacement;
  return (value) => {
    const number = numberOf(value);
    if (top !== undefined && number >= top) return replace(value, topValue);
    if (bottom !== undefined && number < bottom) return replace(value, bottomValue);
    return value;
  };
}

/** Rounding to the nearest multiple (halves away from zero), in the input's type. */
export function compileRound(params: RoundSpec): ValueFunction {
  const multiple = params.multiple;
  return (value) => {
    const number = numberOf(value);
    const rounded = Math.sign(number) * Math.round(Math.abs(number) / multiple) * multiple;
    return sameKind(value, cleanNumber(rounded));
  };
}
