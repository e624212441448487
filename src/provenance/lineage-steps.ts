import { z } from 'zod';
import { assertRecord, assertString } from '../core/assert.ts';
import { parseArgument } from '../core/parse.ts';
import { ProcessingEventSchema } from './event.ts';
import type { LineageStep } from './lineage.ts';

/** Schema of the lineage steps the exports take: ledger indexes with stored events (internal). */
const LineageStepsSchema: z.ZodType<LineageStep[]> = z.array(
  z.object({
    index: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    event: ProcessingEventSchema,
  }),
);

/**
 * Checks the arguments shared by the public exports (internal): the steps
 * are parsed once here, so the export loops work on trusted events.
 */
export function parseExportArguments(
  steps: unknown,
  options: unknown,
): { readonly steps: LineageStep[]; readonly origin: string } {
  const parsed = parseArgument(LineageStepsSchema, steps, 'steps');
  assertRecord(options, 'options');
  assertString(options.origin, 'options.origin');
  return { steps: parsed, origin: options.origin };
}
