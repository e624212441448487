import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PartyRef } from '../../src/core/refs.ts';
import {
  type CustodyStore,
  createEventLog,
  createMemoryCustodyStore,
  createResponsibilityChain,
  type LedgerEntryLike,
  type ProcessingEventLike,
  type ResponsibleParty,
} from '../../src/responsibility/index.ts';
import type { Processing } from '../../src/tags/index.ts';

const A: PartyRef = { id: 'a', kind: 'agency' };
const B: PartyRef = { id: 'b', kind: 'agency' };
const C: PartyRef = { id: 'c', kind: 'enterprise' };
const D: PartyRef = { id: 'd', kind: 'enterprise' };

let counter = 0;
function ev(
  processing: Processing,
  actor: PartyRef,
  inputs: string[],
  outputs: string[],
  extra: Partial<ProcessingEventLike> = {},
): ProcessingEventLike {
  counter += 1;
  return {
    id: extra.id ?? `x${counter}`,
    time: extra.time ?? `2026-01-01T00:00:${String(counter % 60).padStart(2, '0')}Z`,
    processing,
    actor,
    purpose: 'public-service',
    legalBasis: 'statutory-duty',
    inputs: inputs.map((id) => ({ id })),
    outputs: outputs.map((id) => ({ id })),
    ...extra,
  };
}

async function derive(
  events: ProcessingEventLike[],
  catalog?: Parameters<typeof createResponsibilityChain>[0]['catalog'],
) {
  const chain = createResponsibilityChain({ ledger: createEventLog(events), catalog });
  await chain.sync();
  return chain;
}

function roles(parties: readonly ResponsibleParty[]) {
  return Object.fromEntries(parties.map((p) => [p.party.id, [...p.roles]]));
}

describe('event conventions', () => {
  it('collect on behalf of another: both collect, the principal holds, the agent manages', async () => {
    const chain = await derive([
      ev('collect', C, [], ['d1'], { onBehalfOf: A, details: { owner: A } }),
    ]);
    expect(roles(await chain.responsibleParties('d1'))).toEqual({
      a: ['owner', 'holder', 'collector'],
      c: ['manager', 'collector'],
    });
  });

  it('details.owner overrides the catalog provider', async () => {
    const catalog = { get: (id: string) => (id === 'd1' ? { provider: B } : undefined) };
    const declared = await derive(
      [ev('collect', A, [], ['d1'], { details: { owner: A } })],
      catalog,
    );
    expect(roles(await declared.responsibleParties('d1')).a).toContain('owner');
    expect(roles(await declared.responsibleParties('d1')).b).toBeUndefined();
    const fromCatalog = await derive([ev('collect', A, [], ['d1'])], catalog);
    const parties = await fromCatalog.responsibleParties('d1');
    expect(roles(parties)).toEqual({ a: ['holder', 'collector'], b: ['owner'] });
    expect(parties.find((p) => p.party.id === 'b')?.assignments[0]?.via).toBe('catalog');
  });

  it('records a missing owner as an anomaly instead of guessing', async () => {
    const chain = await derive([ev('collect', A, [], ['d1'], { id: 'c1' })]);
    expect(roles(await chain.responsibleParties('d1'))).toEqual({ a: ['holder', 'collector'] });
    expect((await chain.describeCopy('d1')).anomalies).toEqual([
      {
        copy: 'd1',
        index: 0,
        eventId: 'c1',
        code: 'owner-undeclared',
        message: 'no event or catalog entry declares an owner',
      },
    ]);
  });

  it('a malformed details.owner is an anomaly and declares nobody', async () => {
    const chain = await derive([ev('collect', A, [], ['d1'], { details: { owner: 'a' } })]);
    expect(roles(await chain.responsibleParties('d1'))).toEqual({ a: ['holder', 'collector'] });
    expect((await chain.describeCopy('d1')).anomalies.map((x) => x.code)).toEqual([
      'invalid-detail',
    ]);
  });

  it('details.ownerTransferTo hands ownership over from that time', async () => {
    const chain = await derive([
      ev('collect', A, [], ['d1'], { details: { owner: A }, time: '2026-01-01T00:00:00Z' }),
      ev('trade', A, ['d1'], [], {
        id: 'transfer',
        details: { ownerTransferTo: B },
        time: '2026-02-01T00:00:00Z',
      }),
    ]);
    const before = await chain.responsibleParties('d1', { at: '2026-01-15T00:00:00Z' });
    expect(roles(before).a).toContain('owner');
    const after = await chain.responsibleParties('d1', { at: '2026-02-15T00:00:00Z' });
    expect(roles(after)).toEqual({ a: ['holder', 'collector'], b: ['owner'] });
    expect(after.find((p) => p.party.id === 'b')?.basis).toEqual(['transfer']);
    // trade naming no new copy is recorded as an anomaly on the input.
    expect((await chain.describeCopy('d1')).anomalies.map((x) => x.code)).toEqual([
      'copy-not-named',
    ]);
  });

  it('store by the holder itself makes it holder; store end ends the manager or holder', async () => {
    const chain = await derive([
      ev('store', A, [], ['d1'], { details: { owner: A }, time: '2026-01-01T00:00:00Z' }),
      ev('store', C, ['d1'], [], { onBehalfOf: A, time: '2026-01-02T00:00:00Z' }),
      ev('store', C, ['d1'], [], {
        onBehalfOf: A,
        details: { end: true },
        time: '2026-01-03T00:00:00Z',
      }),
    ]);
    expect(roles(await chain.responsibleParties('d1', { at: '2026-01-02T12:00:00Z' }))).toEqual({
      a: ['owner', 'holder'],
      c: ['manager'],
    });
    expect(roles(await chain.responsibleParties('d1'))).toEqual({ a: ['owner', 'holder'] });
    expect((await chain.describeCopy('d1')).copy.origin).toBe('observed');
  });

  it('share without recipients, or onto the same copy, is an anomaly', async () => {
    const chain = await derive([
      ev('collect', A, [], ['d1'], { details: { owner: A } }),
      ev('share', A, ['d1'], ['d2']),
      ev('share', A, ['d1'], ['d1'], { recipients: [B] }),
    ]);
    expect(roles(await chain.responsibleParties('d2'))).toEqual({ a: ['owner'] });
    expect((await chain.describeCopy('d2')).anomalies.map((x) => x.code)).toEqual([
      'missing-recipients',
    ]);
    expect((await chain.describeCopy('d1')).anomalies.map((x) => x.code)).toEqual([
      'output-is-input',
    ]);
    expect(roles(await chain.responsibleParties('d1')).b).toBeUndefined();
  });

  it('open without recipients leaves the published copy with the publisher', async () => {
    const chain = await derive([
      ev('collect', A, [], ['d1'], { details: { owner: A } }),
      ev('open', C, ['d1'], ['d1-open'], { onBehalfOf: A }),
    ]);
    expect(roles(await chain.responsibleParties('d1-open'))).toEqual({
      a: ['owner', 'holder'],
      c: ['manager'],
    });
  });

  it('transmit with recipients makes a copy for them; without, the actor holds the new copy', async () => {
    const chain = await derive([
      ev('collect', A, [], ['d1'], { details: { owner: A } }),
      ev('transmit', A, ['d1'], ['d1-b'], { recipients: [B] }),
      ev('transmit', A, ['d1'], ['d1-backup']),
    ]);
    expect(roles(await chain.responsibleParties('d1-b'))).toEqual({
      a: ['owner'],
      b: ['holder', 'user'],
    });
    expect(roles(await chain.responsibleParties('d1-backup'))).toEqual({
      a: ['owner', 'holder', 'user'],
    });
    expect(roles(await chain.responsibleParties('d1')).a).toEqual([
      'owner',
      'holder',
      'user',
      'collector',
    ]);
  });

  it('entrust with a working copy: the entruster holds it, the processor manages it', async () => {
    const chain = await derive([
      ev('collect', A, [], ['d1'], { details: { owner: A } }),
      ev('entrust', A, ['d1'], ['d1-work'], { recipients: [C, D] }),
      ev('entrust', A, ['d1'], []),
    ]);
    expect(roles(await chain.responsibleParties('d1-work'))).toEqual({
      a: ['owner', 'holder'],
      c: ['manager'],
      d: ['manager'],
    });
    expect(roles(await chain.responsibleParties('d1'))).toEqual({
      a: ['owner', 'holder', 'collector'],
    });
    expect((await chain.describeCopy('d1')).anomalies.map((x) => x.code)).toEqual([
      'missing-recipients',
    ]);
  });

  it('use makes users; repeated use adds nothing; use with end stops it', async () => {
    const chain = await derive([
      ev('collect', A, [], ['d1'], { details: { owner: A }, time: '2026-01-01T00:00:00Z' }),
      ev('use', B, ['d1'], [], { id: 'u1', time: '2026-01-02T00:00:00Z' }),
      ev('use', B, ['d1'], [], { id: 'u2', time: '2026-01-03T00:00:00Z' }),
      ev('use', B, ['d1'], [], { id: 'u3', details: { end: true }, time: '2026-01-04T00:00:00Z' }),
    ]);
    const during = await chain.responsibleParties('d1', { at: '2026-01-03T12:00:00Z' });
    const user = during.find((p) => p.party.id === 'b');
    expect(user?.roles).toEqual(['user']);
    expect(user?.basis).toEqual(['u1']);
    expect(user?.assignments).toHaveLength(1);
    expect(roles(await chain.responsibleParties('d1')).b).toBeUndefined();
    const history = await chain.custodyChain('d1');
    const ended = history.copies[0]?.parties.find((p) => p.party.id === 'b');
    expect(ended?.until).toBe('2026-01-04T00:00:00Z');
    expect(ended?.assignments[0]?.endedBy).toBe('u3');
  });

  it('a field-level delete changes no roles; a later event on a deleted copy is flagged', async () => {
    const chain = await derive([
      ev('collect', A, [], ['d1'], { details: { owner: A } }),
      ev('delete', A, ['d1'], [], { fields: ['phone'] }),
      ev('delete', A, ['d1'], [], { id: 'del' }),
      ev('use', B, ['d1'], [], { id: 'late' }),
    ]);
    const described = await chain.describeCopy('d1');
    expect(described.copy.deletedBy).toBe('del');
    expect(described.anomalies.map((x) => [x.code, x.eventId])).toEqual([
      ['named-after-deletion', 'late'],
    ]);
    // The facts are still recorded: the late user is a user.
    expect(roles(await chain.responsibleParties('d1'))).toEqual({ b: ['user'] });
  });

  it('incident and object events are recorded on the copy without changing roles', async () => {
    const chain = await derive([
      ev('collect', A, [], ['d1'], { details: { owner: A } }),
      ev('object', D, ['d1'], []),
      ev('incident', B, ['d1'], []),
    ]);
    expect(roles(await chain.responsibleParties('d1'))).toEqual({
      a: ['owner', 'holder', 'collector'],
    });
    expect((await chain.describeCopy('d1')).events.map((e) => e.processing)).toEqual([
      'collect',
      'object',
      'incident',
    ]);
  });

  it('a merge derives from every input and inherits every owner', async () => {
    const chain = await derive([
      ev('collect', A, [], ['d1'], { details: { owner: A } }),
      ev('collect', B, [], ['d2'], { details: { owner: B } }),
      ev('process', C, ['d1', 'd2', 'd1'], ['joined'], { id: 'join' }),
    ]);
    const described = await chain.describeCopy('joined');
    expect(described.copy.parents).toEqual(['d1', 'd2']);
    expect(roles(await chain.responsibleParties('joined'))).toEqual({
      a: ['owner'],
      b: ['owner'],
      c: ['holder', 'user'],
    });
    const tree = await chain.custodyChain('joined');
    expect(tree.roots).toEqual(['d1', 'd2']);
    expect(tree.copies.map((c) => c.copy.id)).toEqual(['d1', 'd2', 'joined']);
    expect(described.events[0]?.as).toBe('output');
    expect((await chain.describeCopy('d1')).events.at(-1)?.as).toBe('input');
  });

  it('an observed copy takes its owner from the catalog', async () => {
    const catalog = { get: () => ({ provider: A }) };
    const chain = await derive([ev('use', B, ['legacy'], [])], catalog);
    expect((await chain.describeCopy('legacy')).copy.origin).toBe('observed');
    expect(roles(await chain.responsibleParties('legacy'))).toEqual({ a: ['owner'], b: ['user'] });
  });

  it('keeps the latest subject count of a copy', async () => {
    const chain = await derive([
      ev('collect', A, [], ['d1'], { subjectCount: 10, details: { owner: A } }),
      ev('collect', A, [], ['d1'], { subjectCount: 12 }),
      ev('use', A, ['d1'], [], { subjectCount: 3 }),
    ]);
    expect((await chain.describeCopy('d1')).copy.subjectCount).toBe(12);
  });
});

describe('reading the ledger', () => {
  const three = [
    ev('collect', A, [], ['d1'], { details: { owner: A } }),
    ev('use', B, ['d1'], []),
    ev('use', C, ['d1'], []),
  ];

  it('refuses a gap in the ledger', async () => {
    const entries: LedgerEntryLike[] = [
      { index: 0, event: three[0] as ProcessingEventLike },
      { index: 2, event: three[2] as ProcessingEventLike },
    ];
    const chain = createResponsibilityChain({ ledger: entries });
    await expect(chain.sync()).rejects.toMatchObject({
      code: 'ERR_RESPONSIBILITY',
      reason: 'ledger-gap',
    });
  });

  it('refuses malformed entries with the field named', async () => {
    const bad = [{ index: 0, event: { ...three[0], time: 'yesterday' } }];
    const chain = createResponsibilityChain({ ledger: bad as LedgerEntryLike[] });
    await expect(chain.sync()).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
      path: 'entry.event.time',
    });
    const notEntries = createResponsibilityChain({
      ledger: three as unknown as LedgerEntryLike[],
    });
    await expect(notEntries.sync()).rejects.toMatchObject({
      reason: 'invalid-ledger-entry',
      path: 'entry.index',
    });
    for (const [field, value] of [
      ['processing', 'burn'],
      ['actor', { id: '' }],
      ['inputs', [{}]],
      ['recipients', 'x'],
      ['subjectCount', -1],
      ['id', ''],
    ] as const) {
      const broken = [{ index: 0, event: { ...three[0], [field]: value } }];
      await expect(
        createResponsibilityChain({ ledger: broken as LedgerEntryLike[] }).sync(),
      ).rejects.toMatchObject({ reason: 'invalid-ledger-entry' });
    }
  });

  it('reads async iterables and sources with entries({ from })', async () => {
    async function* source() {
      for (const [index, event] of three.entries()) yield { index, event };
    }
    const chain = createResponsibilityChain({ ledger: source() });
    expect(await chain.sync()).toEqual({ position: 2, applied: 3 });
    const froms: number[] = [];
    const log = createEventLog(three);
    const spy = {
      entries(options?: { from: number }) {
        froms.push(options?.from ?? 0);
        return log.entries(options);
      },
    };
    const spied = createResponsibilityChain({ ledger: spy });
    await spied.sync();
    log.append(ev('use', D, ['d1'], []));
    expect(await spied.sync()).toEqual({ position: 3, applied: 1 });
    expect(froms).toEqual([0, 3]);
  });

  it('reads a plain array from where it left off', async () => {
    const entries: LedgerEntryLike[] = three.map((event, index) => ({ index, event }));
    const chain = createResponsibilityChain({ ledger: entries });
    expect(await chain.sync()).toEqual({ position: 2, applied: 3 });
    entries.push({ index: 3, event: ev('use', D, ['d1'], []) });
    expect(await chain.sync()).toEqual({ position: 3, applied: 1 });
    expect(roles(await chain.responsibleParties('d1')).d).toEqual(['user']);
  });

  it('resumes from the store position: a second chain on the same store rescans nothing', async () => {
    const store = createMemoryCustodyStore();
    const log = createEventLog(three);
    await createResponsibilityChain({ ledger: log, store }).sync();
    const again = createResponsibilityChain({ ledger: log, store });
    expect(await again.sync()).toEqual({ position: 2, applied: 0 });
    expect(roles(await again.responsibleParties('d1'))).toEqual({
      a: ['owner', 'holder', 'collector'],
      b: ['user'],
      c: ['user'],
    });
  });

  it('concurrent queries share one consistent sync', async () => {
    const log = createEventLog(three);
    const chain = createResponsibilityChain({ ledger: log, batchSize: 1 });
    const results = await Promise.all([
      chain.responsibleParties('d1'),
      chain.responsibleParties('d1'),
      chain.sync(),
    ]);
    expect(roles(results[0])).toEqual(roles(results[1]));
    expect(await chain.store.position()).toBe(2);
  });

  it('validates options', () => {
    expect(() => createResponsibilityChain({ ledger: [], batchSize: 0 })).toThrowError(
      expect.objectContaining({ reason: 'invalid-batch-size' }),
    );
    expect(() =>
      createResponsibilityChain(
        undefined as unknown as Parameters<typeof createResponsibilityChain>[0],
      ),
    ).toThrowError(expect.objectContaining({ reason: 'missing-ledger' }));
    expect(() =>
      createResponsibilityChain({ ledger: [], correctionPeriod: '30 days' }),
    ).toThrowError(expect.objectContaining({ reason: 'invalid-duration' }));
  });
});

async function dump(store: CustodyStore, ids: readonly string[]) {
  const out: Record<string, unknown> = { position: await store.position() };
  for (const id of ids) {
    out[id] = {
      copy: await store.copy(id),
      children: (await store.children(id)).map((c) => c.id),
      assignments: await store.assignments(id),
      events: await store.events(id),
      anomalies: await store.anomalies(id),
    };
  }
  for (const party of ['a', 'b', 'c', 'd'])
    out[`party:${party}`] = await store.assignmentsOf(party);
  return out;
}

describe('incremental derivation', () => {
  const copies = ['k0', 'k1', 'k2', 'k3', 'k4'];
  const parties = [A, B, C, D];
  const processing: Processing[] = [
    'collect',
    'store',
    'use',
    'process',
    'share',
    'provide',
    'open',
    'trade',
    'entrust',
    'delete',
    'transmit',
    'incident',
  ];
  const arbEvent = fc.record({
    processing: fc.constantFrom(...processing),
    actor: fc.constantFrom(...parties),
    onBehalfOf: fc.option(fc.constantFrom(...parties), { nil: undefined }),
    inputs: fc.subarray(copies, { maxLength: 2 }),
    outputs: fc.subarray(copies, { maxLength: 2 }),
    recipients: fc.option(fc.subarray(parties, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    end: fc.boolean(),
    owner: fc.option(fc.constantFrom(...parties), { nil: undefined }),
    minute: fc.integer({ min: 0, max: 59 }),
  });

  it('gives the same custody whatever the batch size and however often it syncs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbEvent, { maxLength: 25 }), async (specs) => {
        const events = specs.map((s, i) =>
          ev(s.processing, s.actor, s.inputs, s.outputs, {
            id: `p${i}`,
            time: `2026-01-01T00:${String(s.minute).padStart(2, '0')}:00Z`,
            ...(s.onBehalfOf === undefined ? {} : { onBehalfOf: s.onBehalfOf }),
            ...(s.recipients === undefined ? {} : { recipients: s.recipients }),
            ...(s.end || s.owner !== undefined
              ? {
                  details: {
                    ...(s.end ? { end: true } : {}),
                    ...(s.owner ? { owner: s.owner } : {}),
                  },
                }
              : {}),
          }),
        );
        const whole = createResponsibilityChain({
          ledger: createEventLog(events),
          batchSize: 1000,
        });
        await whole.sync();
        const single = createResponsibilityChain({ ledger: createEventLog(events), batchSize: 1 });
        await single.sync();
        const log = createEventLog();
        const stepwise = createResponsibilityChain({ ledger: log, batchSize: 3 });
        for (const event of events) {
          log.append(event);
          if (event.id.endsWith('3') || event.id.endsWith('7')) await stepwise.sync();
        }
        await stepwise.sync();
        const expected = await dump(whole.store, copies);
        expect(await dump(single.store, copies)).toEqual(expected);
        expect(await dump(stepwise.store, copies)).toEqual(expected);
        // Invariant: no party holds the same role twice at once on a copy.
        for (const id of copies) {
          const active = (await whole.store.assignments(id, { active: true })).map(
            (a) => `${a.party.id}/${a.role}`,
          );
          expect(new Set(active).size).toBe(active.length);
        }
      }),
      { numRuns: 60 },
    );
  });
});
