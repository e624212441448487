// Public entry points refuse malformed arguments with a DataguardError
// (issue 12): never a TypeError from deep inside.
import { describe, expect, it } from 'vitest';
import { addressLevels } from '../../src/deidentify/cn-address.ts';
import { parseHierarchy } from '../../src/deidentify/hierarchy.ts';
import {
  policyDigest,
  pseudonymCollisionProbability,
  transformTraits,
} from '../../src/deidentify/index.ts';
import { maskText } from '../../src/deidentify/mask-text.ts';
import { DataguardError } from '../../src/errors/index.ts';

function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DataguardError);
    return (error as DataguardError).reason;
  }
  throw new Error('expected a DataguardError');
}

describe('deidentify: malformed arguments', () => {
  it('maskText takes defaults and checks its text and options', () => {
    expect(maskText('13800138000', { keepStart: 3, keepEnd: 4 })).toBe('138****8000');
    expect(maskText('abcd', {})).toBe('****');
    expect(reasonOf(() => maskText(new Int32Array(1) as never, {}))).toBe('invalid-argument');
    expect(reasonOf(() => maskText('x', { keepStart: -1 }))).toBe('invalid-argument');
    expect(reasonOf(() => maskText('x', { char: '' }))).toBe('invalid-argument');
  });

  it('the standalone helpers check their arguments', () => {
    expect(reasonOf(() => addressLevels(0 as never))).toBe('invalid-argument');
    expect(reasonOf(() => pseudonymCollisionProbability(Object.create(null), 1))).toBe(
      'invalid-argument',
    );
    expect(reasonOf(() => transformTraits({} as never))).toBe('invalid_union');
    expect(reasonOf(() => parseHierarchy(null as never))).toBe('bad-hierarchy');
    expect(reasonOf(() => parseHierarchy([['a', 1]] as never))).toBe('bad-hierarchy');
    const policy = { id: 'p', version: '1', rules: [] } as never;
    expect(reasonOf(() => policyDigest(policy, {} as never))).toBe('invalid-argument');
  });
});
