// Exact decimal arithmetic for numeric transforms: values and parameters are
// read as decimal text (a JS number as its shortest round-trip text, the way
// String() writes it) into scaled BigInts, so 2.8 with width 0.1 lands in
// [2.8, 2.9) and 8.35 rounds to 8.4, which binary floats get wrong.
import { contractError } from './values.ts';

/** An exact decimal number: `units × 10^-scale`, scale ≥ 0. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/;
// Bounds keep one hostile cell from building a huge BigInt; no real quantity comes near them.
const MAX_TEXT_LENGTH = 400;
const MAX_EXPONENT = 400;

const powers: bigint[] = [1n];

/**
 * 10^n as a BigInt (cached).
 *
 * @param n - a non-negative exponent
 * @returns 10^n
 */
export function pow10(n: number): bigint {
  for (let i = powers.length; i <= n; i++) powers.push((powers[i - 1] as bigint) * 10n);
  return powers[n] as bigint;
}

/**
 * Reads decimal text (`-12.5`, `.5`, `1e-7`, surrounding spaces allowed).
 *
 * @param text - the text
 * @returns the decimal, or undefined when the text is not a decimal number or exceeds the bounds
 */
function parseDecimal(text: string): Decimal | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TEXT_LENGTH) return undefined;
  const match = DECIMAL_TEXT.exec(trimmed);
  if (match === null) return undefined;
  const whole = match[2] as string;
  const fraction = match[3] ?? '';
  if (whole.length === 0 && fraction.length === 0) return undefined;
  const exponent = match[4] === undefined ? 0 : Number(match[4]);
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
  let units = BigInt(whole + fraction);
  if (match[1] === '-') units = -units;
  const scale = fraction.length - exponent;
  return scale >= 0 ? { units, scale } : { units: units * pow10(-scale), scale: 0 };
}

/**
 * The exact decimal of a number (its shortest round-trip text) or of decimal text.
 *
 * @param value - a finite number or decimal text
 * @returns the decimal
 * @throws {TransformError} reason `not-a-number` for anything else
 */
export function decimalOf(value: unknown): Decimal {
  const decimal =
    typeof value === 'number'
      ? Number.isFinite(value)
        ? parseDecimal(String(value))
        : undefined
      : typeof value === 'string'
        ? parseDecimal(value)
        : undefined;
  if (decimal === undefined) {
    throw contractError('not-a-number', 'value is not a finite decimal number');
  }
  return decimal;
}

/**
 * The units of `value` at a scale at least its own.
 *
 * @param value - the decimal
 * @param scale - the target scale, ≥ value.scale
 * @returns value × 10^scale
 */
export function unitsAt(value: Decimal, scale: number): bigint {
  return scale === value.scale ? value.units : value.units * pow10(scale - value.scale);
}

const SHORT_INTEGER = /^-?\d{1,15}$/;

/**
 * The value as a number when that is exact and cheap: a safe-integer number,
 * or integer text of at most 15 digits. Comparing such a number with a
 * parameter as doubles gives the decimal answer (no integer lies between a
 * double and its shortest text), so hot paths can skip BigInt for them.
 *
 * @param value - a cell value
 * @returns the integer, or undefined when the value needs the decimal path
 */
export function smallIntegerOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value + 0 : undefined;
  return typeof value === 'string' && SHORT_INTEGER.test(value) ? Number(value) + 0 : undefined;
}

/**
 * Compares two decimals exactly.
 *
 * @param a - one decimal
 * @param b - the other
 * @returns -1, 0 or 1 as a is below, equal to or above b
 */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = unitsAt(a, scale);
  const y = unitsAt(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Floor division (BigInt division truncates toward zero).
 *
 * @param a - the dividend
 * @param b - the divisor, > 0
 * @returns ⌊a / b⌋
 */
export function floorDivide(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a < 0n && quotient * b !== a ? quotient - 1n : quotient;
}

/**
 * Writes `units × 10^-scale` as plain decimal text: no exponent, no trailing
 * fractional zeros, never `-0`.
 *
 * @param units - the scaled integer
 * @param scale - the number of decimal places it carries
 * @returns the text
 */
export function formatDecimal(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  let text = digits;
  if (scale > 0) {
    const padded = digits.padStart(scale + 1, '0');
    let end = padded.length;
    while (end > padded.length - scale && padded.charCodeAt(end - 1) === 48) end--;
    const whole = padded.slice(0, -scale);
    text = end > whole.length ? `${whole}.${padded.slice(whole.length, end)}` : whole;
  }
  return negative && units !== 0n ? `-${text}` : text;
}

/**
 * Rounds to the nearest multiple of `multiple` (> 0), halves away from zero.
 *
 * @param value - the decimal to round
 * @param multiple - the step, > 0
 * @returns the result, at the larger of the two scales
 */
export function roundToMultiple(value: Decimal, multiple: Decimal): Decimal {
  const scale = Math.max(value.scale, multiple.scale);
  const x = unitsAt(value, scale);
  const m = unitsAt(multiple, scale);
  const magnitude = x < 0n ? -x : x;
  const count = (2n * magnitude + m) / (2n * m);
  return { units: x < 0n ? -count * m : count * m, scale };
}
