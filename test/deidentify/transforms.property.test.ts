import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, compileTransform, type TransformSpec } from '../../src/deidentify/index.ts';
import { TransformError } from '../../src/errors/index.ts';
import { residents, testKeyring } from './fixtures.ts';
import { reasonOf } from './helpers.ts';

const keyring = testKeyring();
const specs: TransformSpec[] = [
  { type: 'redact', mode: 'null' },
  { type: 'replace', label: 'cn-name' },
  { type: 'mask', keepStart: 1, keepEnd: 1 },
  { type: 'generalize', method: 'interval', width: 10 },
  { type: 'generalize', method: 'age', width: 10 },
  { type: 'noise', mechanism: 'laplace', scale: 1 },
  { type: 'noise', mechanism: 'gaussian', scale: 1, decimals: 2 },
  { type: 'pseudonymize', output: 'base32' },
  { type: 'pseudonymize', output: 'format', alphabet: 'lowercase' },
  { type: 'encrypt', mode: 'deterministic' },
  { type: 'fpe', format: 'alphanumeric' },
];
const compiled = specs.map((spec) => compileTransform(spec, { keyring }));

describe('every transform on arbitrary input', () => {
  it('returns a value or throws a TransformError, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.double(),
          fc.integer(),
          fc.boolean(),
        ),
        fc.nat(specs.length - 1),
        (value, i) => {
          try {
            (compiled[i] as (v: unknown) => unknown)(value);
          } catch (error) {
            expect(error).toBeInstanceOf(TransformError);
            expect((error as TransformError).reason).toMatch(/^[a-z0-9-]+$/);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('irreversible transforms do not let a non-empty original through', () => {
    const irreversible = specs
      .map((spec, i) => ({ spec, fn: compiled[i] as (v: unknown) => unknown }))
      .filter(
        ({ spec }) =>
          ['redact', 'replace', 'mask'].includes(spec.type) || spec.type === 'pseudonymize',
      );
    fc.assert(
      fc.property(
        fc.string({ minLength: 3 }).filter((s) => s !== '[姓名]'),
        (text) => {
          for (const { fn } of irreversible) {
            try {
              expect(fn(text)).not.toBe(text);
            } catch (error) {
              expect(error).toBeInstanceOf(TransformError);
            }
          }
        },
      ),
    );
  });

  it('a whole policy never passes an uncovered field through (property)', () => {
    const t = compilePolicy(
      {
        id: 'p',
        version: '1',
        rules: [
          { id: 'n', select: { fields: ['name'] }, transform: { type: 'mask', preset: 'cn-name' } },
        ],
      },
      { dataset: residents },
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(...residents.fields.map((f) => f.name), 'extra'),
          fc.string(),
        ),
        (record) => {
          const out = t.recordSync(record) as Record<string, unknown>;
          expect(Object.keys(out)).toEqual(['name']);
        },
      ),
    );
  });

  it('refuses presets, shifts and noise on fields of another identifier type', () => {
    expect(
      reasonOf(() =>
        compileTransform(
          { type: 'mask', preset: 'cn-mobile' },
          { field: { identifierType: 'email' } },
        ),
      ),
    ).toBe('incompatible-field');
    expect(
      reasonOf(() =>
        compilePolicy(
          {
            id: 'p',
            version: '1',
            rules: [
              {
                id: 'd',
                select: { fields: ['mobile'] },
                transform: { type: 'dateShift', maxDays: 3, subjectField: 'name' },
              },
            ],
          },
          { dataset: residents, keyring },
        ),
      ),
    ).toBe('incompatible-field');
  });
});
