import { toHex } from '../../core/bytes.ts';
import {
  assertHexDigests,
  assertRawDigests,
  closedFiling,
  type SubjectFiling,
  type SubjectIndex,
} from '../../responsibility/subject-index.ts';
import { digestBuffers, rawDigests, SUBJECT_PAGE } from '../shared/subject-digests.ts';
import type { SqliteDatabase } from './sqlite-database.ts';

/**
 * A {@link SubjectIndex} in SQLite: each copy's keyed subject digests (16
 * bytes each, never an identifier), in the same file as the ledger. A filing
 * is staged while its release runs — appended in batches, invisible — and
 * made the copy's filing in one transaction that replaces the earlier one;
 * `subjectsOf` reads a copy's digests in pages, sorted, each once.
 *
 * @param database - an open database from `openSqlite`
 * @returns the index
 * @example
 * ```ts
 * import { openSqlite, createSqliteSubjectIndex } from 'dataguard/store/sqlite';
 * const db = openSqlite({ path: ':memory:' });
 * const index = createSqliteSubjectIndex(db);
 * index.record({ id: 'residents.health.r1' }, new Set(['0'.repeat(32)]));
 * db.close();
 * ```
 */
export function createSqliteSubjectIndex(database: SqliteDatabase): SubjectIndex {
  const db = database.db;
  const newFiling = db.prepare('INSERT INTO subject_filings (copy, live, key) VALUES (?, 0, ?)');
  const liveKey = db.prepare('SELECT key FROM subject_filings WHERE copy = ? AND live = 1').pluck();
  const addStaged = db.prepare('INSERT INTO subject_staged (filing, digest) VALUES (?, ?)');
  // Sorted, the move appends to the keyed table in key order; duplicates are kept once.
  const settle = db.prepare(
    `INSERT OR IGNORE INTO subject_digests (filing, digest)
     SELECT filing, digest FROM subject_staged WHERE filing = ? ORDER BY digest`,
  );
  const dropStaged = db.prepare('DELETE FROM subject_staged WHERE filing = ?');
  const liveFiling = db
    .prepare('SELECT id FROM subject_filings WHERE copy = ? AND live = 1')
    .pluck();
  const dropDigests = db.prepare('DELETE FROM subject_digests WHERE filing = ?');
  const dropFiling = db.prepare('DELETE FROM subject_filings WHERE id = ?');
  const goLive = db.prepare('UPDATE subject_filings SET live = 1 WHERE id = ?');
  const page = db
    .prepare(
      'SELECT digest FROM subject_digests WHERE filing = ? AND digest > ? ORDER BY digest LIMIT ?',
    )
    .pluck();

  const stage = (copy: string, key: string | undefined): SubjectFiling => {
    const id = Number(newFiling.run(copy, key ?? null).lastInsertRowid);
    const append = db.transaction((digests: readonly Buffer[]) => {
      for (const digest of digests) addStaged.run(id, digest);
    });
    let open = true;
    return {
      add(digests) {
        assertRawDigests(digests);
        if (!open) throw closedFiling();
        append.immediate(digestBuffers(digests));
      },
      commit() {
        if (!open) throw closedFiling();
        open = false;
        // Still invisible after the first transaction; the second swaps filings at once.
        database.transaction(() => {
          settle.run(id);
          dropStaged.run(id);
        });
        database.transaction(() => {
          const old = liveFiling.get(copy) as number | undefined;
          if (old !== undefined) {
            dropDigests.run(old);
            dropFiling.run(old);
          }
          goLive.run(id);
        });
      },
      abort() {
        if (!open) return;
        open = false;
        database.transaction(() => {
          dropStaged.run(id);
          dropDigests.run(id);
          dropFiling.run(id);
        });
      },
    };
  };

  return {
    record(copy, digests, key) {
      assertHexDigests(digests);
      const filing = stage(copy.id, key);
      try {
        filing.add(rawDigests(digests));
      } catch (error) {
        filing.abort();
        throw error;
      }
      filing.commit();
    },
    stage: (copy, key) => stage(copy.id, key),
    keyOf: (copy) => (liveKey.get(copy.id) as string | null | undefined) ?? undefined,
    subjectsOf(dataset) {
      const id = liveFiling.get(dataset.id) as number | undefined;
      if (id === undefined) return undefined;
      return pages(id);
    },
  };

  function* pages(id: number): Generator<string> {
    let after: Buffer = Buffer.alloc(0);
    for (;;) {
      const rows = page.all(id, after, SUBJECT_PAGE) as Buffer[];
      for (const digest of rows) yield toHex(digest);
      if (rows.length < SUBJECT_PAGE) return;
      after = rows[rows.length - 1] as Buffer;
    }
  }
}
