import type { z } from 'zod';
import { ValidationError } from './kinds.ts';

/**
 * Turns a zod failure into a {@link ValidationError} naming the argument and
 * the paths that failed. Zod's issue messages describe expectations, not the
 * received value, so they are safe to repeat; the received input is dropped.
 */
export function validationErrorFromZod(argument: string, error: z.ZodError): ValidationError {
  const problems = error.issues.slice(0, 5).map((issue) => {
    const where = `${argument}${formatPath(issue.path)}`;
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  const first = error.issues[0];
  return new ValidationError(`invalid ${argument}: ${problems.join('; ')}${more}`, {
    path: first === undefined ? argument : `${argument}${formatPath(first.path)}`,
    reason: first?.code ?? 'invalid',
    details: { issues: error.issues.length },
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
}
