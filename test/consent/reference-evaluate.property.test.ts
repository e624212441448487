import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD, O, R } from '../../src/consent/decide-reasons.ts';
import {
  type ConsentRecord,
  createConsentDecider,
  createMemoryConsentStore,
  createPurposeTaxonomy,
  type Decision,
  type FieldTag,
  type Notice,
  type SubjectRecord,
} from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { DataguardError } from '../../src/errors/index.ts';
import {
  type ReferenceOutcome,
  type ReferenceRequest,
  referenceDecide,
} from './reference-evaluate.ts';

// decide() (packed Float64Array, masks, caches) against the plain reference of
// reference-evaluate.ts, over random notices, consents, lifecycles, subjects,
// requests and times.

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00+08:00');
const iso = (ms: number) => new Date(ms).toISOString();

const PURPOSES = ['svc', 'svc.a', 'svc.a.x', 'svc.b', 'stats'] as const;
const CATEGORIES = ['basic', 'identity', 'health', 'minor-under-14'] as const;
const METHODS = ['collect', 'store', 'use', 'provide', 'disclose', 'entrust', 'share'] as const;
const FIELDS: readonly FieldTag[] = [
  { name: 'mobile', piCategory: 'basic' },
  { name: 'id', piCategory: 'identity' },
  { name: 'diagnosis', piCategory: 'health' },
  { name: 'kid', piCategory: 'minor-under-14' },
  { name: 'address', piCategory: 'basic', sensitive: true },
  { name: 'district' },
];

function taxonomy() {
  return createPurposeTaxonomy({
    seed: false,
    purposes: [
      { id: 'svc', needs: { categories: ['basic', 'identity', 'health', 'minor-under-14'] } },
      { id: 'svc.a', needs: { fields: ['mobile', 'id', 'kid', 'address'] } },
      { id: 'svc.a.x', retention: 'P2M' },
      {
        id: 'svc.b',
        retention: 'P1M',
        bases: [{ basis: 'statutory-duty', law: 'Test Law Art. 1' }],
      },
      { id: 'stats' },
    ],
  });
}

const day = fc.integer({ min: 0, max: 500 });
const hour = fc.integer({ min: 0, max: 23 });
const instant = fc.tuple(day, hour).map(([d, h]) => T0 + d * DAY + h * 3_600_000);
const early = fc
  .tuple(fc.integer({ min: 0, max: 120 }), hour)
  .map(([d, h]) => T0 + d * DAY + h * 3_600_000);
/** true with probability `p` (fast-check biases small integers, so no `n > 0` tricks). */
const chance = (p: number) =>
  fc.oneof(
    { arbitrary: fc.constant(true), weight: Math.round(p * 100) },
    { arbitrary: fc.constant(false), weight: Math.round((1 - p) * 100) },
  );
const likely = chance(0.8);
const soon = fc
  .tuple(fc.integer({ min: 60, max: 180 }), hour)
  .map(([d, h]) => T0 + d * DAY + h * 3_600_000);
const version = fc.record({
  purposes: fc.oneof(
    { arbitrary: fc.constant([...PURPOSES]), weight: 3 },
    { arbitrary: fc.subarray([...PURPOSES], { minLength: 1 }), weight: 1 },
  ),
  methods: fc.oneof(
    { arbitrary: fc.constant([...METHODS]), weight: 3 },
    { arbitrary: fc.subarray([...METHODS], { minLength: 1 }), weight: 1 },
  ),
  piCategories: fc.oneof(
    fc.constant([...CATEGORIES]),
    fc.subarray([...CATEGORIES], { minLength: 1 }),
  ),
  retention: fc.constantFrom('P1M', 'P3M', 'P1Y', 'P5Y', 'P5Y'),
  laterBy: fc.integer({ min: 1, max: 300 }),
});
const change = fc.record({
  type: fc.constantFrom('withdrawn', 'renewed', 'revoked', 'expired'),
  after: fc.integer({ min: 0, max: 200 }),
  until: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
});
const consent = fc.record({
  notice: fc.constantFrom(0, 1),
  version: fc.constantFrom('1', '2'),
  purposes: fc.oneof(fc.constant(31), fc.integer({ min: 1, max: 31 })),
  categories: fc.oneof(fc.constant(15), fc.integer({ min: 1, max: 15 })),
  methods: fc.oneof(
    { arbitrary: fc.constant(127), weight: 3 },
    { arbitrary: fc.integer({ min: 1, max: 127 }), weight: 1 },
  ),
  separate: fc.record({
    sensitive: likely,
    provide: likely,
    disclose: likely,
    crossBorder: likely,
  }),
  recipients: fc.subarray(['h1', 'h2', 'r1'], { minLength: 1 }),
  giver: fc.constantFrom('subject', 'subject', 'subject', 'g1', 'g2'),
  at: early,
  startsLater: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined, freq: 5 }),
  validDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined, freq: 3 }),
  refused: chance(0.05),
  changes: fc.oneof(
    { arbitrary: fc.constant([]), weight: 3 },
    { arbitrary: fc.array(change, { maxLength: 2 }), weight: 1 },
  ),
});
const subject = fc.record({
  birthDate: fc.constantFrom(
    undefined,
    '1990-01-01',
    '1985-07-31',
    '1970-03-31',
    '2012-02-29',
    '2011-06-15',
    '2016-02-29',
  ),
  guardians: fc.constantFrom(undefined, ['g1']),
});
const request = fc.record({
  purpose: fc.constantFrom(...PURPOSES, ...PURPOSES, 'unknown.purpose'),
  processing: fc.oneof(
    { arbitrary: fc.constantFrom('use', 'store', 'collect'), weight: 3 },
    { arbitrary: fc.constantFrom(...METHODS, 'delete', 'open', 'trade'), weight: 2 },
  ),
  fields: fc.subarray([...FIELDS], { minLength: 1, maxLength: 3 }),
  recipient: fc.constantFrom(undefined, 'h1', 'h2', 'r1', 'r9'),
  crossBorder: chance(0.15),
  legalBasis: fc.oneof(
    { arbitrary: fc.constantFrom(undefined, 'consent'), weight: 4 },
    { arbitrary: fc.constantFrom('statutory-duty', 'contract'), weight: 1 },
  ),
  handler: fc.constantFrom(undefined, undefined, undefined, 'h1', 'h2'),
  needed: fc.option(fc.record({ categories: fc.subarray([...CATEGORIES]) }), { nil: undefined }),
  collectedAt: fc.option(instant, { nil: undefined }),
  at: fc.oneof({ arbitrary: soon, weight: 3 }, { arbitrary: instant, weight: 1 }),
  known: chance(0.95),
});

/** Picks the members of `from` whose bit is set in `mask` (at least the first). */
function pick<T>(from: readonly T[], mask: number): T[] {
  const out = from.filter((_, i) => (mask & (1 << i)) !== 0);
  return out.length === 0 ? [from[0] as T] : out;
}

describe('decide() agrees with the plain reference (property)', () => {
  it('same allowed fields, reasons, obligations, basis and consents', () => {
    fc.assert(
      fc.property(
        fc.tuple(version, version, version, version),
        fc.array(consent, { minLength: 1, maxLength: 4 }),
        subject,
        request,
        fc.boolean(),
        (versions, drawn, who, drawnRequest, favourable) => {
          // Half the runs lean towards consents that hold, so allowed decisions are common too.
          const consents = favourable
            ? drawn.map((c) => ({ ...c, methods: 127, purposes: 31, refused: false, changes: [] }))
            : drawn;
          const req = favourable
            ? { ...drawnRequest, handler: undefined, legalBasis: undefined, known: true }
            : drawnRequest;
          const purposes = taxonomy();
          const store = createMemoryConsentStore();
          const decider = createConsentDecider({
            store,
            purposes,
            clock: fixedClock(T0 + 1000 * DAY),
          });
          const notices: Notice[] = [];
          versions.forEach((v, i) => {
            const id = i < 2 ? 'n1' : 'n2';
            const first = i % 2 === 0;
            notices.push(
              decider.publishNotice({
                id,
                version: first ? '1' : '2',
                handler: { id: id === 'n1' ? 'h1' : 'h2', kind: 'agency' },
                contact: 'privacy@example.gov.cn',
                purposes: [...v.purposes],
                processing: [...v.methods],
                piCategories: [...v.piCategories],
                retention: v.retention,
                rights: 'the counter',
                language: 'zh-CN',
                publishedAt: iso(T0 + (first ? 0 : v.laterBy * DAY)),
              }),
            );
          });
          const record: SubjectRecord = { id: 's1', ...stripUndefined(who) };
          for (const c of consents) {
            const shown = notices[c.notice * 2 + (c.version === '1' ? 0 : 1)] as Notice;
            try {
              const given = decider.recordConsent({
                subject: 's1',
                notice: { id: shown.id, version: shown.version },
                purposes: pick(shown.purposes, c.purposes),
                piCategories: pick(shown.piCategories, c.categories),
                processing: pick(shown.processing, c.methods),
                recipients: c.recipients.map((id) => ({ id, kind: 'agency' as const })),
                separate: c.separate,
                method: 'electronic',
                givenBy:
                  c.giver === 'subject'
                    ? { role: 'subject', id: 's1' }
                    : { role: 'guardian', id: c.giver, relation: 'parent' },
                at: iso(c.at),
                ...(c.startsLater === undefined
                  ? {}
                  : { validFrom: iso(c.at + c.startsLater * DAY) }),
                ...(c.validDays === undefined
                  ? {}
                  : { validUntil: iso(c.at + (c.startsLater ?? 0) * DAY + c.validDays * DAY) }),
                refused: c.refused,
              });
              let at = c.at;
              for (const ch of c.changes) {
                at += ch.after * DAY;
                const when = {
                  at: iso(at),
                  ...(ch.until === undefined ? {} : { until: iso(at + ch.until * DAY) }),
                };
                if (ch.type === 'withdrawn') decider.withdrawConsent(given.id, when);
                else if (ch.type === 'renewed') decider.renewConsent(given.id, when);
                else if (ch.type === 'revoked')
                  decider.revokeConsent(given.id, { ...when, by: 'h1' });
                else decider.expireConsent(given.id, when);
              }
            } catch (error) {
              // The lifecycle refuses some generated inputs (e.g. a change after withdrawal).
              if (!(error instanceof DataguardError)) throw error;
            }
          }
          const fields = req.fields;
          const input = {
            subject: req.known ? record : undefined,
            purpose: req.purpose,
            processing: req.processing,
            fields,
            recipient: req.recipient,
            crossBorder: req.crossBorder,
            legalBasis: req.legalBasis,
            handler: req.handler,
            needed: req.needed,
            collectedAt: req.collectedAt,
            at: req.at,
          } satisfies ReferenceRequest;
          const fast = decider.decide({
            ...input,
            subject: req.known ? record : 'nobody',
            legalBasis: req.legalBasis as never,
            processing: req.processing,
          } as Parameters<typeof decider.decide>[0]);
          const expected = referenceDecide(
            {
              taxonomy: purposes,
              notices,
              consents: store.consentsOf('s1') as readonly ConsentRecord[],
              offsetMinutes: 480,
            },
            input,
          );
          expect(outcomeOf(fast)).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const REASON_NAMES = new Map<object, string>(Object.entries(R).map(([name, r]) => [r, name]));
const OBLIGATION_NAMES = new Map<object, string>(Object.entries(O).map(([name, o]) => [o, name]));

/** The fast path's decision in the reference's terms. */
function outcomeOf(d: Decision): ReferenceOutcome {
  return {
    allowed: d.allowed,
    allowedFields: [...d.allowedFields],
    reasons: d.reasons.map((r) => {
      const shared = REASON_NAMES.get(r);
      if (shared !== undefined) return shared;
      if (r.rule === 'C-BASIS') return `basis:${r.code.slice('basis-'.length)}`;
      const template = Object.entries(FIELD).find(
        ([, t]) => t[1] === r.rule && t[3] === r.code && r.field !== undefined,
      );
      return template === undefined ? `?${r.rule}/${r.code}` : `${template[0]}:${r.field}`;
    }),
    obligations: d.obligations.map(
      (o) =>
        OBLIGATION_NAMES.get(o) ??
        (o.code === 'delete-by' ? `deleteBy@${String(o.due)}` : `?${o.code}`),
    ),
    legalBasis: d.legalBasis,
    consents: [...d.consents],
  };
}
