import { describe, expect, it } from 'vitest';
import { sha256Hash } from '../../src/provenance/hash-function.ts';
import { createMemoryLedgerStore, type LedgerStore, leafHash } from '../../src/provenance/index.ts';
import { createPostgresLedgerStore } from '../../src/store/postgres/index.ts';
import { createSqliteLedgerStore } from '../../src/store/sqlite/index.ts';
import { runLedgerStoreConformance } from '../conformance/ledger-store.ts';
import { announcePgSkip, PG_URL, postgresFactory, sqliteFactory } from './harness.ts';

announcePgSkip('ledger-store.test.ts');

runLedgerStoreConformance('memory', () => createMemoryLedgerStore());

const sqlite = sqliteFactory();
runLedgerStoreConformance('sqlite', () => createSqliteLedgerStore(sqlite()));

if (PG_URL !== undefined) {
  const pg = postgresFactory();
  runLedgerStoreConformance('postgres', async () => createPostgresLedgerStore(await pg.fresh()));
}

const pgExtra = postgresFactory();

describe.each([
  ['memory', async () => createMemoryLedgerStore()],
  ['sqlite', async () => createSqliteLedgerStore(sqlite())],
  ...(PG_URL === undefined
    ? []
    : [['postgres', async () => createPostgresLedgerStore(await pgExtra.fresh())]]),
] as [string, () => Promise<LedgerStore>][])('%s ledger store ranges', (_name, open) => {
  it('reads open-ended and odd ranges without throwing', async () => {
    const store = await open();
    const leaves = Array.from({ length: 13 }, (_, i) => {
      const bytes = new TextEncoder().encode(`leaf ${i}`);
      return { bytes, hash: leafHash(bytes, sha256Hash) };
    });
    await store.append(leaves, sha256Hash);
    expect((await store.getLeaves(0, Number.POSITIVE_INFINITY)).length).toBe(13);
    expect((await store.getLeaves(-5, 2)).map((l) => l.index)).toEqual([0, 1]);
    expect(await store.getLeaves(Number.NaN, 3)).toEqual([]);
    for (const [level, count] of [
      [0, 13],
      [1, 6],
      [2, 3],
      [3, 1],
      [4, 0],
    ] as const) {
      expect((await store.getNodeRange(level, 0, Number.POSITIVE_INFINITY)).length).toBe(count);
    }
    expect((await store.getNodeRange(1, 2, 4)).length).toBe(2);
    expect(await store.getNode(0, 1.5)).toBeUndefined();
    expect(await store.getNode(-1, 0)).toBeUndefined();
    expect(await store.getLeaf(2 ** 60)).toBeUndefined();
  });
});
