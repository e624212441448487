import { createMemoryCustodyStore } from '../../src/responsibility/index.ts';
import { createPostgresCustodyStore } from '../../src/store/postgres/index.ts';
import { createSqliteCustodyStore } from '../../src/store/sqlite/index.ts';
import { runCustodyStoreConformance } from '../conformance/custody-store.ts';
import { announcePgSkip, PG_URL, postgresFactory, sqliteFactory } from './harness.ts';

announcePgSkip('custody-store.test.ts');

runCustodyStoreConformance('memory', () => createMemoryCustodyStore());

const sqlite = sqliteFactory();
runCustodyStoreConformance('sqlite', () => createSqliteCustodyStore(sqlite()));

if (PG_URL !== undefined) {
  const pg = postgresFactory();
  runCustodyStoreConformance('postgres', async () => createPostgresCustodyStore(await pg.fresh()));
}
