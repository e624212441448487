// Hostile arguments at the tags entry points give a ValidationError with a
// stable reason (issue 12), never a TypeError or a wrong answer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { highestGrade } from '../../src/tags/grade.ts';
import { createCatalog, isSensitive } from '../../src/tags/index.ts';
import { reasonOf } from '../helpers/validation-reason.ts';

const definition = JSON.parse(
  readFileSync(new URL('../../examples/residents.dataset.json', import.meta.url), 'utf8'),
);

describe('tags entry points reject malformed arguments', () => {
  it('highestGrade: a non-iterable or an unknown grade fails closed', () => {
    expect(reasonOf(() => highestGrade(0 as never))).toBe('not-iterable');
    expect(reasonOf(() => highestGrade(['general-2', 'secret'] as never))).toBe('unknown-grade');
    expect(reasonOf(() => highestGrade([Object.create(null)] as never))).toBe('unknown-grade');
    expect(highestGrade([])).toBe('general-1');
  });

  it('isSensitive: only known PI categories', () => {
    expect(reasonOf(() => isSensitive(0 as never))).toBe('unknown-pi-category');
    expect(reasonOf(() => isSensitive('toString' as never))).toBe('unknown-pi-category');
    expect(isSensitive('health')).toBe(true);
  });

  it('createCatalog and its operations', () => {
    expect(reasonOf(() => createCatalog(null as never))).toBe('invalid-argument');
    expect(reasonOf(() => createCatalog({ clock: 5 } as never))).toBe('invalid-argument');
    const catalog = createCatalog();
    catalog.register(definition);
    expect(reasonOf(() => catalog.register(null as never))).toBe('invalid_type');
    // A schema look-alike with garbage fields goes to validation, not toDefinition's TypeError.
    expect(
      reasonOf(() => catalog.register({ grade: 'core', personal: true, fields: [null] } as never)),
    ).toBe('invalid_type');
    expect(reasonOf(() => catalog.resolve(null as never))).toBe('invalid-argument');
    expect(reasonOf(() => catalog.resolve({ id: Object.create(null) } as never))).toBe(
      'invalid-argument',
    );
    expect(catalog.resolve({ id: 'residents' }).id).toBe('residents');
  });
});
