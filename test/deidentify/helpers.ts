import { expect } from 'vitest';
import { DataguardError } from '../../src/errors/index.ts';

/** The `reason` of the DataguardError the function throws (fails when it does not throw one). */
export function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DataguardError);
    return (error as DataguardError).reason;
  }
  throw new Error('expected a DataguardError');
}

/** The async twin of {@link reasonOf}. */
export async function reasonOfAsync(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DataguardError);
    return (error as DataguardError).reason;
  }
  throw new Error('expected a DataguardError');
}
