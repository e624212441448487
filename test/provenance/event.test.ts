import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonical-json.ts';
import type { DataguardError } from '../../src/errors/index.ts';
import { eventJson } from '../../src/provenance/event-bytes.ts';
import { EventDetailsSchema } from '../../src/provenance/event-details.ts';
import {
  createLedger,
  type ProcessingEvent,
  ProcessingEventSchema,
} from '../../src/provenance/index.ts';
import { counterRandom, event, ORIGIN, testClock } from './helpers.ts';

function ledger() {
  return createLedger({ origin: ORIGIN, clock: testClock(), random: counterRandom() });
}

describe('processing events', () => {
  it('fills id (UUID v7) and time from the injected clock and random source', async () => {
    const entry = await ledger().append(event());
    expect(entry.event.time).toBe('2026-03-01T00:00:00.000Z');
    expect(entry.event.id).toMatch(
      /^019[0-9a-f]{5}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    // The UUID v7 timestamp is the clock's milliseconds.
    expect(Number.parseInt(entry.event.id.replace('-', '').slice(0, 12), 16)).toBe(
      Date.parse('2026-03-01T00:00:00Z'),
    );
  });

  it('normalizes time to UTC and keeps given ids', async () => {
    const entry = await ledger().append(event({ id: 'evt-1', time: '2026-03-02T10:00:00+08:00' }));
    expect(entry.event).toMatchObject({ id: 'evt-1', time: '2026-03-02T02:00:00.000Z' });
    const fromDate = await ledger().append(event({ time: new Date(0) }));
    expect(fromDate.event.time).toBe('1970-01-01T00:00:00.000Z');
  });

  it('stores the event as RFC 8785 canonical JSON', async () => {
    const entry = await ledger().append(
      event({ details: { z: 1, a: [true, null] }, subjectCount: 12 }),
    );
    const text = new TextDecoder().decode(entry.bytes);
    expect(text).toBe(canonicalJson(entry.event));
    expect(text.indexOf('"actor"')).toBeLessThan(text.indexOf('"details"'));
    expect(text).toContain('"details":{"a":[true,null],"z":1}');
  });

  it.each([
    ['an unknown processing', { processing: 'sell' }],
    ['a bad purpose', { purpose: 'Not A Purpose' }],
    ['an unknown legal basis', { legalBasis: 'because' }],
    ['a bad dataset digest', { outputs: [{ id: 'x', digest: 'md5:abc' }] }],
    ['an unknown field', { extra: 1 }],
    ['a negative subject count', { subjectCount: -1 }],
    ['a time without offset', { time: '2026-03-01T08:00:00' }],
    ['a time out of the Date range', { time: 1e20 }],
    ['an invalid Date', { time: new Date(Number.NaN) }],
    ['a bad party kind', { actor: { id: 'x', kind: 'robot' } }],
  ])('rejects %s with a ValidationError', async (_, patch) => {
    await expect(ledger().append({ ...event(), ...patch } as never)).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
    });
  });

  it('never echoes input values in error messages', async () => {
    const phone = '13800138000';
    try {
      await ledger().append(event({ details: { note: phone } }));
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(phone);
      expect(JSON.stringify(error)).not.toContain(phone);
    }
  });
});

describe('event details', () => {
  const ok = (value: unknown) => EventDetailsSchema.safeParse(value).success;
  it('accepts small non-personal parameters', () => {
    expect(
      ok({
        k: 5,
        model: 'k-anonymity',
        params: { k: 5, l: 2 },
        rows: 1200,
        digest: `sha-256:${'a'.repeat(64)}`,
      }),
    ).toBe(true);
  });
  it.each([
    ['a phone number', { contact: '13800138000' }],
    ['a grouped phone number', { contact: '138 0013 8000' }],
    ['a resident ID number', { id: '11010519491231002X' }],
    ['a bank card number', { card: '6222 0202 0000 1234 567' }],
    ['an e-mail address', { to: 'zhang.san@example.com' }],
    ['a long integer', { n: 13800138000 }],
    ['deep nesting', { a: { b: { c: { d: { e: 1 } } } } }],
    ['a long string', { s: 'x'.repeat(201) }],
    ['too many keys', Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i]))],
    ['too many items', { list: Array.from({ length: 33 }, (_, i) => i) }],
    ['a key that is not an identifier', { 'a b': 1 }],
    ['an array at the top', [1, 2]],
    ['a Date', { when: new Date() }],
    ['a non-finite number', { x: Number.NaN }],
  ])('rejects %s', (_, value) => {
    expect(ok(value)).toBe(false);
  });
  it('rejects details larger than 4 KiB', () => {
    const big = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`k${i}`, 'y'.repeat(180)]),
    );
    expect(ok(big)).toBe(false);
  });
  it('round-trips the stored event schema', async () => {
    const entry = await ledger().append(event({ details: { k: 5 } }));
    expect(ProcessingEventSchema.parse(JSON.parse(new TextDecoder().decode(entry.bytes)))).toEqual(
      entry.event,
    );
  });
});

describe('event leaf bytes', () => {
  const text = fc.string({ unit: 'binary', maxLength: 12 });
  const party = fc.record(
    { id: text, kind: fc.constantFrom('agency', 'enterprise', 'individual', 'system'), name: text },
    { requiredKeys: ['id', 'kind'] },
  );
  const ref = fc.record({ id: text, version: text, digest: text }, { requiredKeys: ['id'] });
  const arbitraryEvent = fc.record(
    {
      id: text,
      time: text,
      processing: text,
      actor: party,
      onBehalfOf: party,
      purpose: text,
      legalBasis: text,
      inputs: fc.array(ref, { maxLength: 3 }),
      outputs: fc.array(ref, { maxLength: 3 }),
      fields: fc.array(text, { maxLength: 3 }),
      policyDigest: text,
      keyIds: fc.array(text, { maxLength: 2 }),
      recipients: fc.array(party, { maxLength: 2 }),
      subjectCount: fc.nat(),
      details: fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    },
    {
      requiredKeys: [
        'id',
        'time',
        'processing',
        'actor',
        'purpose',
        'legalBasis',
        'inputs',
        'outputs',
      ],
    },
  );

  it('equal canonicalJson for any event (property)', () => {
    fc.assert(
      fc.property(arbitraryEvent, (value) => {
        const event = value as unknown as ProcessingEvent;
        let expected: string | DataguardError;
        try {
          expected = canonicalJson(event);
        } catch (error) {
          expected = error as DataguardError;
        }
        if (typeof expected !== 'string') {
          expect(() => eventJson(event)).toThrow(
            expect.objectContaining({ reason: expected.reason }),
          );
        } else {
          expect(eventJson(event)).toBe(expected);
        }
      }),
      { numRuns: 500 },
    );
  });
});
