import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProcessingEventInputSchema } from '../../src/provenance/event.ts';
import { fastParseEventInput } from '../../src/provenance/event-fast-path.ts';
import { createLedger } from '../../src/provenance/index.ts';
import { event, ORIGIN } from './helpers.ts';

// The append path validates well-formed events by hand and falls back to zod
// otherwise; the hand check must accept only what zod accepts, with the same
// output, so errors and stored bytes do not depend on which path ran.

const digest = `sha-256:${'ab'.repeat(32)}`;
// Mostly valid values, sometimes a near miss: most events then pass zod, and
// the ones that fail differ from a valid event in one or two places.
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: good, weight: 15 }, { arbitrary: bad, weight: 1 });
const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(fc.constant(undefined), fc.constant(undefined), arb);
const text = mostly(
  fc.oneof(
    fc.constantFrom('a', 'x'.repeat(64), 'y'.repeat(256), '数据集', 'a"b\\c', '\ud83d\ude00'),
    fc.string({ minLength: 1, maxLength: 10 }),
  ),
  fc.constantFrom(
    '',
    'x'.repeat(65),
    'y'.repeat(257),
    'ok\u0000',
    'tab\tx',
    'del\u007f',
    '\ud800',
    5,
  ),
);
const party = mostly(
  fc.record(
    {
      id: text,
      kind: mostly(fc.constantFrom('agency', 'system', 'individual'), fc.constant('robot')),
      name: maybe(text),
    },
    { requiredKeys: ['id', 'kind'] },
  ),
  fc.constantFrom(null, 'x', [], { id: 'a', kind: 'system', extra: 1 }),
);
const dataset = mostly(
  fc.record(
    {
      id: text,
      version: maybe(text),
      digest: maybe(
        mostly(
          fc.constantFrom(digest, `sm3:${'0'.repeat(64)}`),
          fc.constantFrom('md5:00', `SHA-256:${'a'.repeat(64)}`, `sha-256:${'a'.repeat(63)}`),
        ),
      ),
    },
    { requiredKeys: ['id'] },
  ),
  fc.constantFrom(undefined, 1, { id: 'a', other: 2 }),
);
const nearEvent = fc.record(
  {
    id: maybe(text),
    time: maybe(
      mostly(
        fc.oneof(
          fc.integer(),
          fc.constantFrom(
            8.64e15,
            -8.64e15,
            -0,
            '2026-03-01T08:00:00+08:00',
            '2026-03-01T00:00:00Z',
          ),
        ),
        fc.constantFrom(
          8.64e15 + 2,
          1.5,
          Number.NaN,
          '2026-03-01T08:00:00',
          '2026-13-01T00:00:00Z',
          new Date(0),
          new Date(Number.NaN),
        ),
      ),
    ),
    processing: mostly(
      fc.constantFrom('collect', 'deidentify', 'process'),
      fc.constantFrom('sell', 1),
    ),
    actor: party,
    onBehalfOf: maybe(party),
    purpose: mostly(
      fc.constantFrom('public-service.x', '0-a.b-c', 'a'),
      fc.constantFrom('Bad Purpose', 'a..b', 'a'.repeat(257), '-a'),
    ),
    legalBasis: mostly(fc.constantFrom('consent', 'statutory-duty'), fc.constant('because')),
    inputs: mostly(fc.array(dataset, { maxLength: 3 }), fc.constantFrom('x', [undefined])),
    outputs: mostly(
      fc.array(dataset, { maxLength: 3 }),
      fc.constant(Array(1001).fill({ id: 'd' })),
    ),
    fields: maybe(fc.array(text, { maxLength: 3 })),
    policyDigest: maybe(mostly(fc.constant(digest), fc.constant('sha-256:00'))),
    keyIds: maybe(mostly(fc.array(text, { maxLength: 3 }), fc.constant(Array(101).fill('k')))),
    recipients: maybe(fc.array(party, { maxLength: 2 })),
    subjectCount: maybe(
      mostly(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.constantFrom(-1, 1.5, 2 ** 53, Number.POSITIVE_INFINITY, '3'),
      ),
    ),
    details: maybe(
      mostly(
        fc.constantFrom({ rule: 'k-anon', k: 5 }, { nested: { a: [1, 'b'] } }),
        fc.constantFrom({ phone: '13800138000' }, [], { a: 1e12 }, 'x'),
      ),
    ),
    extra: fc.constantFrom(undefined, undefined, undefined, undefined, undefined, 1),
  },
  { requiredKeys: ['processing', 'actor', 'purpose', 'legalBasis', 'inputs', 'outputs'] },
);

describe('fast event validation', () => {
  it('accepts only what the zod schema accepts, with the same output', () => {
    let fast = 0;
    fc.assert(
      fc.property(nearEvent, (input) => {
        const quick = fastParseEventInput(input);
        const zod = ProcessingEventInputSchema.safeParse(input);
        // The only valid input left to zod is a Date time.
        if (zod.success && quick === undefined) expect(input.time).toBeInstanceOf(Date);
        if (quick !== undefined) {
          fast++;
          expect(zod.success).toBe(true);
          expect(quick).toEqual(zod.data);
        }
      }),
      { numRuns: 3000 },
    );
    // Most generated events take the fast path; the rest exercise the fallback.
    expect(fast).toBeGreaterThan(100);
  });

  it('takes the fast path for well-formed events and returns fresh objects', () => {
    const input = event({ id: 'evt-1', time: 0, subjectCount: 3, fields: ['a'] });
    const parsed = fastParseEventInput(input);
    expect(parsed).toEqual(ProcessingEventInputSchema.parse(input));
    expect(parsed?.actor).not.toBe(input.actor);
    expect(parsed?.inputs).not.toBe(input.inputs);
  });

  it('leaves unusual input to zod: class instances, Dates, inherited keys', () => {
    class Input {
      constructor(readonly processing = 'collect') {}
    }
    expect(fastParseEventInput(new Input())).toBeUndefined();
    expect(fastParseEventInput({ ...event(), time: new Date(0) })).toBeUndefined();
    expect(fastParseEventInput(null)).toBeUndefined();
  });

  it('appends give the same errors as the schema for bad input', async () => {
    const ledger = createLedger({ origin: ORIGIN });
    const bad = { ...event(), outputs: [{ id: 'x', digest: 'md5:0' }] };
    const expected = ProcessingEventInputSchema.safeParse(bad);
    expect(expected.success).toBe(false);
    await expect(ledger.append(bad as never)).rejects.toMatchObject({
      name: 'ValidationError',
      path: 'event.outputs[0].digest',
    });
  });
});
