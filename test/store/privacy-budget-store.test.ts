import { createMemoryPrivacyBudgetStore } from '../../src/anonymity/index.ts';
import { createPostgresPrivacyBudgetStore } from '../../src/store/postgres/index.ts';
import { createSqlitePrivacyBudgetStore } from '../../src/store/sqlite/index.ts';
import { runPrivacyBudgetStoreConformance } from '../conformance/privacy-budget-store.ts';
import { announcePgSkip, PG_URL, postgresFactory, sqliteFactory } from './harness.ts';

announcePgSkip('privacy-budget-store.test.ts');

runPrivacyBudgetStoreConformance('memory', () => createMemoryPrivacyBudgetStore());

const sqlite = sqliteFactory();
runPrivacyBudgetStoreConformance('sqlite', () => createSqlitePrivacyBudgetStore(sqlite()));

if (PG_URL !== undefined) {
  const pg = postgresFactory();
  runPrivacyBudgetStoreConformance('postgres', async () =>
    createPostgresPrivacyBudgetStore(await pg.fresh()),
  );
}
