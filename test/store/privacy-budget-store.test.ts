import { createMemoryPrivacyBudgetStore } from '../../src/anonymity/index.ts';
import { postgresPrivacyBudgetStore } from '../../src/store/postgres/index.ts';
import { sqlitePrivacyBudgetStore } from '../../src/store/sqlite/index.ts';
import { runPrivacyBudgetStoreConformance } from '../conformance/privacy-budget-store.ts';
import { announcePgSkip, PG_URL, postgresFactory, sqliteFactory } from './harness.ts';

announcePgSkip('privacy-budget-store.test.ts');

runPrivacyBudgetStoreConformance('memory', () => createMemoryPrivacyBudgetStore());

const sqlite = sqliteFactory();
runPrivacyBudgetStoreConformance('sqlite', () => sqlitePrivacyBudgetStore(sqlite()));

if (PG_URL !== undefined) {
  const pg = postgresFactory();
  runPrivacyBudgetStoreConformance('postgres', async () =>
    postgresPrivacyBudgetStore(await pg.fresh()),
  );
}
