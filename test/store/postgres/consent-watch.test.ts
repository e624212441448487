import { describe, expect, it } from 'vitest';
import type { ConsentStoreChange } from '../../../src/consent/index.ts';
import type { ConsentSql } from '../../../src/store/postgres/consent-sql.ts';
import { watchConsentChanges } from '../../../src/store/postgres/consent-watch.ts';
import type { PostgresDatabase } from '../../../src/store/postgres/postgres-database.ts';

// A change feed in memory and a database whose "last seq" query this test answers by hand,
// so a write can commit between that query's read and its answer.
function fakeFeed() {
  const feed: { seq: string; kind: 'consent'; id: string }[] = [];
  let answerLastSeq: ((seq: number) => void) | undefined;
  const sql = { changesAfter: 'changes-after', lastSeq: 'last-seq' } as unknown as ConsentSql;
  const database = {
    query: async (text: string, params?: unknown[]) => {
      if (text === 'last-seq') {
        const seq = await new Promise<number>((resolve) => {
          answerLastSeq = resolve;
        });
        return { rows: [{ seq: String(seq) }] };
      }
      const after = Number(params?.[0] ?? 0);
      return { rows: feed.filter((row) => Number(row.seq) > after) };
    },
  } as unknown as PostgresDatabase;
  return {
    feed,
    sql,
    database,
    answer: (seq: number) => answerLastSeq?.(seq),
  };
}

describe('watchConsentChanges', () => {
  it('does not report an own write again when it commits while watching starts', async () => {
    const fake = fakeFeed();
    const reported: string[] = [];
    const watch = watchConsentChanges({
      database: fake.database,
      sql: fake.sql,
      watch: 'poll',
      intervalMs: 60_000,
      changeFor: async (row) => ({ type: 'consent', record: { id: row.id } }) as ConsentStoreChange,
    });
    const stop = watch.listeners.add((change) => {
      if (change.type === 'consent') reported.push(change.record.id);
    });
    // Watching starts: its "last seq" query has read the feed (empty) but not answered yet.
    await Promise.resolve();
    // Meanwhile this process writes: the row is seq 1, and the write notes it as its own.
    await watch.ownWrite(async () => {
      fake.feed.push({ seq: '1', kind: 'consent', id: 'own-1' });
      watch.noteOwn(1);
    });
    // Now the stale answer arrives (0), then a catch-up runs.
    fake.answer(0);
    await watch.ready();
    await watch.refresh();
    expect(reported).toEqual([]);
    // Another process's write after it is reported once.
    fake.feed.push({ seq: '2', kind: 'consent', id: 'other-2' });
    await watch.refresh();
    expect(reported).toEqual(['other-2']);
    stop();
    await watch.close();
  });
});
