import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../src/core/deep-freeze.ts';

describe('deepFreeze', () => {
  it('freezes nested objects and arrays in place and returns the same value', () => {
    const value = { a: { b: [1, { c: 'x' }] } };
    const frozen = deepFreeze(value);
    expect(frozen).toBe(value);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.a)).toBe(true);
    expect(Object.isFrozen(value.a.b)).toBe(true);
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
    expect(() => {
      (value.a.b[1] as { c: string }).c = 'y';
    }).toThrow(TypeError);
  });

  it('returns primitives and null unchanged', () => {
    expect(deepFreeze(null)).toBe(null);
    expect(deepFreeze('s')).toBe('s');
    expect(deepFreeze(3)).toBe(3);
  });
});
