import { addDays } from 'date-fns/addDays';
import { z } from 'zod';
import type { ExactSchema } from '../../core/exact-schema.ts';
import { formatCalendarDate, localDate, parseCalendarDate } from '../calendar-date.ts';
import { utf8Scratch } from '../encoding.ts';
import { Domain, FieldName, KeyId, type SpecSchema } from '../spec-fields.ts';
import type { TransformDefinition } from '../types.ts';
import { contractError, isEmptyValue, textOf } from '../values.ts';

/** `dateShift`: a per-subject keyed offset within ±maxDays. */
export interface DateShiftSpec {
  type: 'dateShift';
  maxDays: number;
  subjectField: string;
  domain?: string | undefined;
  keyId?: string | undefined;
}

const dateShiftSpec = z.strictObject({
  type: z.literal('dateShift'),
  maxDays: z.int().min(1).max(3650),
  subjectField: FieldName,
  domain: Domain.optional(),
  keyId: KeyId.optional(),
});

/** Zod schema of {@link DateShiftSpec}. */
export const DateShiftSpecSchema: SpecSchema<DateShiftSpec> = dateShiftSpec satisfies ExactSchema<
  DateShiftSpec,
  typeof dateShiftSpec
>;

/**
 * `dateShift`: moves every date of one subject by the same keyed offset of
 * 1…maxDays days, earlier or later (never 0), so intervals between a
 * subject's dates survive while the dates themselves do not. The offset is
 * HMAC(domain key, subject) reduced to ±maxDays; the date's layout and any
 * time part are kept. Not reversible from the output alone (the subject field
 * is usually de-identified too).
 */
export const dateShiftTransform: TransformDefinition<DateShiftSpec> = {
  type: 'dateShift',
  traits: () => ({ reversible: false, keyed: true, formatPreserving: true }),
  compile(params, context) {
    if (context.field.identifierType !== undefined) {
      context.fail('incompatible-field', 'dateShift applies to dates, not identifiers');
    }
    const subjectIndex = context.fieldIndex(params.subjectField, 'transform.subjectField');
    const offsetOf = subjectOffset(
      context
        .requireKeyring()
        .pseudonymizer(`date-shift:${params.domain ?? 'default'}`, params.keyId),
      params.maxDays,
    );
    return {
      kind: 'value',
      apply: (value, row, layout) => {
        const position = layout[subjectIndex] as number;
        const subject = position < 0 ? undefined : row[position];
        if (isEmptyValue(subject)) {
          throw contractError('missing-subject', 'the subject field of a date shift is empty');
        }
        const date = parseCalendarDate(value);
        const shifted = addDays(
          localDate(date.year, date.month, date.day),
          offsetOf(textOf(subject)),
        );
        return formatCalendarDate(
          date,
          shifted.getFullYear(),
          shifted.getMonth() + 1,
          shifted.getDate(),
        );
      },
    };
  },
};

/**
 * The keyed day offset of a subject: ±1…maxDays from the first 48 bits of its
 * HMAC (the modulo bias is below 2^-35 for maxDays ≤ 3650).
 */
function subjectOffset(
  mac: { mac(data: Uint8Array): Uint8Array },
  maxDays: number,
): (subject: string) => number {
  return (subject) => {
    const h = mac.mac(utf8Scratch(subject));
    const u =
      ((h[0] as number) * 2 ** 40 +
        (h[1] as number) * 2 ** 32 +
        (h[2] as number) * 2 ** 24 +
        (h[3] as number) * 2 ** 16 +
        (h[4] as number) * 2 ** 8 +
        (h[5] as number)) %
      (2 * maxDays);
    return u < maxDays ? -(u + 1) : u - maxDays + 1;
  };
}
