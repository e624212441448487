import type { z } from 'zod';
import { validationErrorFromZod } from '../errors/from-zod.ts';

/**
 * Parses a public entry point's argument with its schema, throwing a
 * ValidationError that names the argument (never echoing the value).
 */
export function parseArgument<T extends z.ZodType>(
  schema: T,
  value: unknown,
  argument: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationErrorFromZod(argument, result.error);
  return result.data;
}
