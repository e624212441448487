import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationErrorFromZod } from '../../src/errors/from-zod.ts';
import {
  DataguardError,
  PolicyError,
  SchemaVersionError,
  StoreError,
  ValidationError,
} from '../../src/errors/index.ts';

describe('DataguardError', () => {
  it('carries a stable code, the subclass name, reason, path and cause', () => {
    const cause = new Error('inner');
    const error = new PolicyError('rule 3 selects unknown field "x"', {
      cause,
      reason: 'unknown-field',
      path: 'rules[3]',
    });
    expect(error).toBeInstanceOf(DataguardError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('ERR_POLICY');
    expect(error.name).toBe('PolicyError');
    expect(error.reason).toBe('unknown-field');
    expect(error.path).toBe('rules[3]');
    expect(error.cause).toBe(cause);
  });

  it('subclasses of subclasses keep their own code', () => {
    const error = new SchemaVersionError('database schema 9 is newer than 2');
    expect(error).toBeInstanceOf(StoreError);
    expect(error.code).toBe('ERR_SCHEMA_VERSION');
  });

  it('toJSON leaves out the cause chain', () => {
    const error = new ValidationError('bad', { cause: new Error('secret 110101199003077777') });
    expect(JSON.stringify(error)).not.toContain('110101199003077777');
    expect(error.toJSON()).toEqual({
      name: 'ValidationError',
      code: 'ERR_VALIDATION',
      message: 'bad',
    });
  });
});

describe('validationErrorFromZod', () => {
  it('names the argument and paths, never the received value', () => {
    const schema = z.strictObject({ phone: z.string().regex(/^\d{11}$/), age: z.number() });
    const result = schema.safeParse({ phone: '13800138000x', age: 'forty-two' });
    expect(result.success).toBe(false);
    if (result.success) return;
    const error = validationErrorFromZod('record', result.error);
    expect(error.code).toBe('ERR_VALIDATION');
    expect(error.message).toContain('record.phone');
    expect(error.message).toContain('record.age');
    expect(error.message).not.toContain('13800138000x');
    expect(error.message).not.toContain('forty-two');
  });
});
