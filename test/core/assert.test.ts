import { describe, expect, it } from 'vitest';
import {
  assertAnyIterable,
  assertFiniteNumber,
  assertFunction,
  assertIterable,
  assertObject,
  assertRecord,
  assertString,
  safeString,
} from '../../src/core/assert.ts';
import { ValidationError } from '../../src/errors/index.ts';

const refused = (run: () => void, reason: string, path: string) =>
  expect(run).toThrow(expect.objectContaining({ name: ValidationError.name, reason, path }));

describe('boundary assertions', () => {
  it('accept the right kinds of value', () => {
    expect(() => {
      assertObject([], 'a');
      assertRecord({}, 'a');
      assertString('', 'a');
      assertFiniteNumber(0, 'a');
      assertFunction(() => 1, 'a');
      assertIterable(new Set(), 'a');
      assertAnyIterable((async function* () {})(), 'a');
    }).not.toThrow();
  });
  it('refuse the wrong ones with a ValidationError naming the argument, not the value', () => {
    refused(() => assertObject(null, 'options'), 'invalid-argument', 'options');
    refused(() => assertRecord([], 'options'), 'invalid-argument', 'options');
    refused(() => assertString(110101199003070000, 'id'), 'invalid-argument', 'id');
    refused(() => assertFiniteNumber(Number.NaN, 'epsilon'), 'invalid-argument', 'epsilon');
    refused(() => assertFunction({}, 'random'), 'invalid-argument', 'random');
    refused(() => assertIterable({}, 'rows'), 'not-iterable', 'rows');
    refused(() => assertIterable(undefined, 'rows'), 'not-iterable', 'rows');
    refused(() => assertAnyIterable(42, 'input'), 'not-iterable', 'input');
    let error: unknown;
    try {
      assertString(13800138000, 'phone');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).not.toContain('13800138000');
  });
  it('safeString survives null-prototype objects and symbols', () => {
    expect(safeString(Object.create(null))).toBe('[object Object]');
    expect(safeString(Symbol('x'))).toBe('Symbol(x)');
    expect(safeString(12)).toBe('12');
  });
});
