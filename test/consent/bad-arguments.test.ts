// Public entry points refuse malformed arguments with a ValidationError
// (issue 12): never a TypeError or a DataCloneError from deep inside.
import { describe, expect, it } from 'vitest';
import { ageReachedAt } from '../../src/consent/birth-date.ts';
import { consentStateAt } from '../../src/consent/consent-record.ts';
import { addDuration } from '../../src/consent/duration.ts';
import { createConsentDecider, createMemoryConsentStore } from '../../src/consent/index.ts';
import { noticeChanges } from '../../src/consent/notice.ts';
import { ValidationError } from '../../src/errors/index.ts';

function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).reason;
  }
  throw new Error('expected a ValidationError');
}

describe('consent: malformed arguments', () => {
  it('createConsentDecider needs an options object', () => {
    expect(reasonOf(() => createConsentDecider(null as never))).toBe('invalid-argument');
  });

  it('prepare() refuses a template it cannot copy, and publishNotice a non-object', () => {
    const decider = createConsentDecider({ store: createMemoryConsentStore() });
    const template = { purpose: Symbol('p'), processing: 'use', fields: [{ name: 'a' }] };
    expect(reasonOf(() => decider.prepare(template as never))).toBe('invalid-argument');
    expect(reasonOf(() => decider.prepare(null as never))).toBe('invalid-argument');
    expect(reasonOf(() => decider.publishNotice(undefined as never))).toBe('invalid-argument');
  });

  it('addDuration and ageReachedAt check their numbers', () => {
    expect(reasonOf(() => addDuration(Object.create(null), { years: 1 }))).toBe('invalid-argument');
    expect(reasonOf(() => addDuration(0, { years: Object.create(null) }))).toBe('invalid-argument');
    expect(reasonOf(() => ageReachedAt([] as never, 14))).toBe('invalid-argument');
    expect(reasonOf(() => ageReachedAt({ year: 2012, month: 3, day: 1 }, '14' as never))).toBe(
      'invalid-argument',
    );
    expect(addDuration(0, { days: 1 }, 0)).toBe(86_400_000);
  });

  it('noticeChanges and consentStateAt refuse what is not a notice or a record', () => {
    expect(reasonOf(() => noticeChanges(0 as never, [] as never))).toBe('invalid-argument');
    expect(reasonOf(() => consentStateAt('x' as never, 0))).toBe('invalid-argument');
    expect(
      reasonOf(() =>
        consentStateAt(
          { id: 'c', validity: { from: '2026-01-01T00:00:00Z' }, events: [] } as never,
          0,
        ),
      ),
    ).toBe('invalid-argument');
  });
});
