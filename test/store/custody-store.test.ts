import { createMemoryCustodyStore } from '../../src/responsibility/index.ts';
import { postgresCustodyStore } from '../../src/store/postgres/index.ts';
import { sqliteCustodyStore } from '../../src/store/sqlite/index.ts';
import { runCustodyStoreConformance } from '../conformance/custody-store.ts';
import { announcePgSkip, PG_URL, postgresFactory, sqliteFactory } from './harness.ts';

announcePgSkip('custody-store.test.ts');

runCustodyStoreConformance('memory', () => createMemoryCustodyStore());

const sqlite = sqliteFactory();
runCustodyStoreConformance('sqlite', () => sqliteCustodyStore(sqlite()));

if (PG_URL !== undefined) {
  const pg = postgresFactory();
  runCustodyStoreConformance('postgres', async () => postgresCustodyStore(await pg.fresh()));
}
