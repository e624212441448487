import { expect } from 'vitest';
import type { Keyring } from '../../src/crypto/index.ts';
import { reidentify, type TransformSpec } from '../../src/deidentify/index.ts';
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

/** Reverses one value of a one-field policy with the public `reidentify`. */
export async function reverseOne(
  spec: TransformSpec,
  value: string,
  keyring: Keyring,
  identifierType?: string,
): Promise<unknown> {
  const [out] = await reidentify([{ v: value }], {
    release: { keyIds: [keyring.activeKeyId()] },
    policy: {
      id: 'p',
      version: '1',
      rules: [{ id: 'r', select: { fields: ['v'] }, transform: spec }],
    },
    dataset: {
      id: 'd',
      version: '1',
      fields: [
        {
          name: 'v',
          role: 'direct-identifier',
          identifierType,
          share: 'conditional',
          open: 'open',
        },
      ],
    },
    keyring,
    fields: ['v'],
  });
  return out?.v;
}
