import { differenceInYears } from 'date-fns/differenceInYears';
import { z } from 'zod';
import type { ExactSchema } from '../core/exact-schema.ts';
import { localDate, pad2, pad4, parseCalendarDate } from './calendar-date.ts';
import { type Decimal, decimalOf, floorDivide, pow10 } from './decimal.ts';
import type { SpecSchema } from './spec-fields.ts';
import type { CompileContext, ValueFunction } from './types.ts';
import { contractError } from './values.ts';

/** `generalize` / `date`: to day, month, quarter or year. */
export interface DateSpec {
  type: 'generalize';
  method: 'date';
  unit: 'day' | 'month' | 'quarter' | 'year';
}

const dateSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('date'),
  unit: z.enum(['day', 'month', 'quarter', 'year']),
});

/** Zod schema of {@link DateSpec}. */
export const DateSpecSchema: SpecSchema<DateSpec> = dateSpec satisfies ExactSchema<
  DateSpec,
  typeof dateSpec
>;

/** `generalize` / `age`: ages (or birth dates at `referenceDate`) to bands of `width` or at `bands` bounds. */
export interface AgeSpec {
  type: 'generalize';
  method: 'age';
  input?: 'age' | 'birth-date' | undefined;
  referenceDate?: string | undefined;
  width?: number | undefined;
  bands?: number[] | undefined;
  top?: number | undefined;
}

const ageSpec = z.strictObject({
  type: z.literal('generalize'),
  method: z.literal('age'),
  input: z.enum(['age', 'birth-date']).optional().describe('default age'),
  referenceDate: z.iso
    .date()
    .optional()
    .describe('The date ages are computed at (required for birth dates)'),
  width: z.int().min(1).max(100).optional(),
  bands: z.array(z.int().min(0).max(200)).min(1).max(50).optional(),
  top: z.int().min(1).max(200).optional().describe('Ages at or above form one open band'),
});

/** Zod schema of {@link AgeSpec}. */
export const AgeSpecSchema: SpecSchema<AgeSpec> = ageSpec satisfies ExactSchema<
  AgeSpec,
  typeof ageSpec
>;

/** Dates to day (`2024-03-15`), month (`2024-03`), quarter (`2024-Q1`) or year (`2024`). */
export function compileDate(params: DateSpec): ValueFunction {
  switch (params.unit) {
    case 'day':
      return (value) => {
        const d = parseCalendarDate(value);
        return `${pad4(d.year)}-${pad2(d.month)}-${pad2(d.day)}`;
      };
    case 'month':
      return (value) => {
        const d = parseCalendarDate(value);
        return `${pad4(d.year)}-${pad2(d.month)}`;
      };
    case 'quarter':
      return (value) => {
        const d = parseCalendarDate(value);
        return `${pad4(d.year)}-Q${Math.ceil(d.month / 3)}`;
      };
    case 'year':
      return (value) => pad4(parseCalendarDate(value).year);
  }
}

/**
 * Ages (or birth dates, aged at a fixed reference date with date-fns) to bands:
 * fixed `width` (`30-39`) or explicit lower `bounds` (`18-34`, last band `60+`);
 * ages at or above `top` form one open band (`90+`).
 */
export function compileAge(params: AgeSpec, context: CompileContext): ValueFunction {
  if ((params.width === undefined) === (params.bands === undefined)) {
    context.fail('bad-parameters', 'age bands need exactly one of width and bands');
  }
  const bands = params.bands;
  if (bands?.some((b, i) => i > 0 && b <= (bands[i - 1] as number))) {
    context.fail('bad-parameters', 'age bands must be strictly increasing');
  }
  const top = params.top;
  let reference: Date | undefined;
  if (params.input === 'birth-date') {
    if (params.referenceDate === undefined) {
      context.fail('bad-parameters', 'ages from birth dates need a fixed referenceDate');
    }
    const r = parseCalendarDate(params.referenceDate);
    reference = localDate(r.year, r.month, r.day);
  }
  const band = (age: number): string => {
    if (top !== undefined && age >= top) return `${top}+`;
    if (bands === undefined) {
      const width = params.width as number;
      const low = Math.floor(age / width) * width;
      return `${low}-${low + width - 1}`;
    }
    if (age < (bands[0] as number)) return `<${bands[0]}`;
    for (let i = bands.length - 1; i >= 0; i--) {
      const low = bands[i] as number;
      if (age >= low) {
        const next = bands[i + 1];
        if (next === undefined) return `${low}+`;
        return top !== undefined && next > top ? `${low}-${top - 1}` : `${low}-${next - 1}`;
      }
    }
    return `<${bands[0]}`;
  };
  if (reference === undefined) {
    return (value) => {
      const age = wholeAge(decimalOf(value));
      if (age < 0) throw contractError('out-of-range', 'an age is negative');
      return band(age);
    };
  }
  const at = reference;
  return (value) => {
    const d = parseCalendarDate(value);
    const birth = localDate(d.year, d.month, d.day);
    if (birth > at) throw contractError('out-of-range', 'a birth date is after the reference date');
    return band(differenceInYears(at, birth));
  };
}

/** The whole part of an age (exactly: 29.99999999999999999 is 29, not 30). */
function wholeAge(age: Decimal): number {
  return Number(floorDivide(age.units, pow10(age.scale)));
}
