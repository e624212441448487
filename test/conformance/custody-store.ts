// Conformance suite for CustodyStore backends: memory runs it now, SQLite and
// PostgreSQL reuse it. Call it at a test file's top level.
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors/index.ts';
import type {
  CopyEvent,
  CopyRecord,
  CustodyAnomaly,
  CustodyBatch,
  CustodyStore,
  RoleAssignment,
} from '../../src/responsibility/index.ts';

const civil = { id: 'civil-affairs', kind: 'agency', name: '民政局' } as const;
const health = { id: 'health', kind: 'agency' } as const;

function copy(id: string, index: number, parents: string[] = [], extra: Partial<CopyRecord> = {}) {
  const record: CopyRecord = {
    id,
    ref: { id },
    origin: parents.length > 0 ? 'derived' : 'collected',
    parents,
    createdBy: `e${index}`,
    createdIndex: index,
    createdAt: `2026-01-0${(index % 9) + 1}T09:00:00+08:00`,
    createdHow: parents.length > 0 ? 'share' : 'collect',
    ...extra,
  };
  return record;
}

function assignment(
  copyId: string,
  index: number,
  seq: number,
  role: RoleAssignment['role'],
  party: RoleAssignment['party'] = civil,
  extra: Partial<RoleAssignment> = {},
): RoleAssignment {
  return {
    id: `${index}.${seq}`,
    copy: copyId,
    party,
    role,
    since: `2026-01-0${(index % 9) + 1}T09:00:00+08:00`,
    basis: [`e${index}`],
    via: 'event',
    index,
    seq,
    ...extra,
  };
}

function event(copyId: string, index: number, as: CopyEvent['as'] = 'output'): CopyEvent {
  return {
    copy: copyId,
    index,
    eventId: `e${index}`,
    time: `2026-01-0${(index % 9) + 1}T09:00:00+08:00`,
    processing: 'collect',
    actor: civil,
    purpose: 'public-service',
    as,
  };
}

function batch(after: number, position: number, parts: Partial<CustodyBatch>): CustodyBatch {
  return { after, position, copies: [], assignments: [], events: [], anomalies: [], ...parts };
}

async function expectStoreError(promise: Promise<unknown>, reason: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).reason).toBe(reason);
}

/**
 * Runs the CustodyStore contract against a backend.
 *
 * @param name - backend name for the test titles
 * @param factory - returns a new, empty store for each test
 */
export function runCustodyStoreConformance(
  name: string,
  factory: () => Promise<CustodyStore> | CustodyStore,
): void {
  describe(`CustodyStore conformance: ${name}`, () => {
    it('starts empty at position -1', async () => {
      const store = await factory();
      expect(await store.position()).toBe(-1);
      expect(await store.copy('x')).toBeUndefined();
      expect(await store.children('x')).toEqual([]);
      expect(await store.assignments('x')).toEqual([]);
      expect(await store.assignments('x', { active: true })).toEqual([]);
      expect(await store.assignmentsOf('x')).toEqual([]);
      expect(await store.events('x')).toEqual([]);
      expect(await store.anomalies('x')).toEqual([]);
    });

    it('stores a batch and returns the records exactly', async () => {
      const store = await factory();
      const root = copy('households', 0, [], {
        ref: { id: 'households', version: '1', digest: `sha-256:${'ab'.repeat(32)}` },
        subjectCount: 1200,
      });
      const owner = assignment('households', 0, 0, 'owner', civil, {
        via: 'catalog',
        basis: ['e0', 'decl'],
      });
      const holder = assignment('households', 0, 1, 'holder');
      const touch: CopyEvent = {
        ...event('households', 0),
        onBehalfOf: health,
        recipients: [health, civil],
      };
      const anomaly: CustodyAnomaly = {
        copy: 'households',
        index: 0,
        eventId: 'e0',
        code: 'owner-undeclared',
        message: 'no owner',
      };
      await store.apply(
        batch(-1, 0, {
          copies: [root],
          assignments: [owner, holder],
          events: [touch],
          anomalies: [anomaly],
        }),
      );
      expect(await store.position()).toBe(0);
      expect(await store.copy('households')).toStrictEqual(root);
      expect(await store.assignments('households')).toStrictEqual([owner, holder]);
      expect(await store.assignmentsOf(civil.id)).toStrictEqual([owner, holder]);
      expect(await store.events('households')).toStrictEqual([touch]);
      expect(await store.anomalies('households')).toStrictEqual([anomaly]);
    });

    it('replaces copies and assignments by id (ending, deletion)', async () => {
      const store = await factory();
      const root = copy('d', 0);
      const holder = assignment('d', 0, 0, 'holder');
      await store.apply(batch(-1, 0, { copies: [root], assignments: [holder] }));
      const ended = { ...holder, until: '2026-02-01T00:00:00Z', endedBy: 'e5' };
      const deleted = { ...root, deletedAt: '2026-02-01T00:00:00Z', deletedBy: 'e5' };
      await store.apply(batch(0, 5, { copies: [deleted], assignments: [ended] }));
      expect(await store.position()).toBe(5);
      expect(await store.copy('d')).toStrictEqual(deleted);
      expect(await store.assignments('d')).toStrictEqual([ended]);
      expect(await store.assignments('d', { active: true })).toEqual([]);
      expect(await store.assignmentsOf(civil.id)).toStrictEqual([ended]);
    });

    it('filters active assignments and orders by (index, seq)', async () => {
      const store = await factory();
      const a = assignment('d', 0, 1, 'holder');
      const b = assignment('d', 0, 0, 'owner');
      const c = assignment('d', 3, 0, 'user', health, {
        until: '2026-03-01T00:00:00Z',
        endedBy: 'e4',
      });
      const d = assignment('d', 2, 0, 'manager', health);
      await store.apply(batch(-1, 4, { copies: [copy('d', 0)], assignments: [c, a, d, b] }));
      expect((await store.assignments('d')).map((x) => x.id)).toEqual(['0.0', '0.1', '2.0', '3.0']);
      expect((await store.assignments('d', { active: true })).map((x) => x.id)).toEqual([
        '0.0',
        '0.1',
        '2.0',
      ]);
      expect((await store.assignmentsOf(health.id)).map((x) => x.id)).toEqual(['2.0', '3.0']);
    });

    it('lists children in creation order, across batches, with several parents', async () => {
      const store = await factory();
      await store.apply(batch(-1, 1, { copies: [copy('a', 0), copy('b', 1)] }));
      await store.apply(batch(1, 3, { copies: [copy('c', 2, ['a']), copy('m', 3, ['a', 'b'])] }));
      await store.apply(batch(3, 4, { copies: [copy('d', 4, ['c'])] }));
      expect((await store.children('a')).map((x) => x.id)).toEqual(['c', 'm']);
      expect((await store.children('b')).map((x) => x.id)).toEqual(['m']);
      expect((await store.children('c')).map((x) => x.id)).toEqual(['d']);
      expect(await store.children('d')).toEqual([]);
      // Replacing a copy does not duplicate it among its parent's children.
      await store.apply(batch(4, 5, { copies: [{ ...copy('c', 2, ['a']), subjectCount: 3 }] }));
      expect((await store.children('a')).map((x) => x.id)).toEqual(['c', 'm']);
      expect((await store.children('a'))[0]?.subjectCount).toBe(3);
    });

    it('orders events and anomalies by ledger index', async () => {
      const store = await factory();
      await store.apply(batch(-1, 0, { copies: [copy('d', 0)], events: [event('d', 0)] }));
      await store.apply(
        batch(0, 7, {
          events: [event('d', 7, 'input'), event('d', 3, 'both')],
          anomalies: [
            { copy: 'd', index: 6, eventId: 'e6', code: 'b', message: 'b' },
            { copy: 'd', index: 2, eventId: 'e2', code: 'a', message: 'a' },
          ],
        }),
      );
      expect((await store.events('d')).map((e) => [e.index, e.as])).toEqual([
        [0, 'output'],
        [3, 'both'],
        [7, 'input'],
      ]);
      expect((await store.anomalies('d')).map((a) => a.code)).toEqual(['a', 'b']);
    });

    it('refuses a batch that does not start at its position, changing nothing', async () => {
      const store = await factory();
      await store.apply(batch(-1, 2, { copies: [copy('d', 0)] }));
      await expectStoreError(
        store.apply(batch(1, 3, { copies: [copy('e', 3)] })),
        'position-conflict',
      );
      await expectStoreError(
        store.apply(batch(-1, 3, { copies: [copy('e', 3)] })),
        'position-conflict',
      );
      expect(await store.position()).toBe(2);
      expect(await store.copy('e')).toBeUndefined();
    });

    it('refuses a batch that does not advance', async () => {
      const store = await factory();
      await expectStoreError(store.apply(batch(-1, -1, {})), 'invalid-batch');
      await store.apply(batch(-1, 0, { copies: [copy('d', 0)] }));
      await expectStoreError(store.apply(batch(0, 0, {})), 'invalid-batch');
      expect(await store.position()).toBe(0);
    });

    it('refuses records about unknown copies, atomically', async () => {
      const store = await factory();
      await expectStoreError(
        store.apply(
          batch(-1, 0, {
            copies: [copy('d', 0)],
            assignments: [assignment('ghost', 0, 0, 'holder')],
          }),
        ),
        'unknown-copy',
      );
      expect(await store.position()).toBe(-1);
      expect(await store.copy('d')).toBeUndefined();
      await expectStoreError(
        store.apply(batch(-1, 0, { copies: [copy('c', 0, ['ghost'])] })),
        'unknown-copy',
      );
      await expectStoreError(
        store.apply(batch(-1, 0, { events: [event('x', 0)] })),
        'unknown-copy',
      );
      await expectStoreError(
        store.apply(
          batch(-1, 0, {
            anomalies: [{ copy: 'x', index: 0, eventId: 'e0', code: 'c', message: 'm' }],
          }),
        ),
        'unknown-copy',
      );
      expect(await store.position()).toBe(-1);
    });

    it('refuses to move an assignment to another copy', async () => {
      const store = await factory();
      await store.apply(
        batch(-1, 0, {
          copies: [copy('a', 0), copy('b', 0)],
          assignments: [assignment('a', 0, 0, 'holder')],
        }),
      );
      await expectStoreError(
        store.apply(batch(0, 1, { assignments: [assignment('b', 0, 0, 'holder')] })),
        'invalid-batch',
      );
      expect((await store.assignments('a')).length).toBe(1);
      expect(await store.assignments('b')).toEqual([]);
    });

    it('is not affected by callers mutating what they passed or received', async () => {
      const store = await factory();
      const root = copy('d', 0) as { -readonly [K in keyof CopyRecord]: CopyRecord[K] };
      const holder = assignment('d', 0, 0, 'holder');
      const basis = holder.basis as string[];
      await store.apply(batch(-1, 0, { copies: [root], assignments: [holder] }));
      root.createdBy = 'mutated';
      basis.push('mutated');
      const read = (await store.copy('d')) as { createdBy: string };
      read.createdBy = 'mutated again';
      const assignments = await store.assignments('d');
      ((assignments[0] as RoleAssignment).basis as string[]).push('x');
      expect((await store.copy('d'))?.createdBy).toBe('e0');
      expect((await store.assignments('d'))[0]?.basis).toEqual(['e0']);
    });

    it('keeps unicode party names and large batches intact', async () => {
      const store = await factory();
      const many: RoleAssignment[] = [];
      for (let i = 0; i < 2000; i++) {
        many.push(
          assignment('big', 0, i, 'user', { id: `p${i}`, kind: 'individual', name: `用户${i}` }),
        );
      }
      await store.apply(batch(-1, 0, { copies: [copy('big', 0)], assignments: many }));
      const read = await store.assignments('big');
      expect(read.length).toBe(2000);
      expect(read[1999]?.party).toStrictEqual({
        id: 'p1999',
        kind: 'individual',
        name: '用户1999',
      });
      expect((await store.assignmentsOf('p42'))[0]?.seq).toBe(42);
    });
  });
}
