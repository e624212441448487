// The `reason` of the ValidationError a call throws (or its promise rejects
// with); fails the test when it returns normally or throws anything else.
import { expect } from 'vitest';
import { ValidationError } from '../../src/errors/index.ts';

/** The reason of the ValidationError `run` throws synchronously. */
export function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).reason;
  }
  throw new Error('expected a ValidationError');
}

/** The reason of the ValidationError `run` throws or rejects with. */
export async function asyncReasonOf(run: () => unknown): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).reason;
  }
  throw new Error('expected a ValidationError');
}
