import { createMemoryTokenVault } from '../../src/deidentify/index.ts';
import { postgresTokenVault } from '../../src/store/postgres/index.ts';
import { sqliteTokenVault } from '../../src/store/sqlite/index.ts';
import { runTokenVaultStoreConformance } from '../conformance/token-vault-store.ts';
import { announcePgSkip, PG_URL, postgresFactory, sqliteFactory } from './harness.ts';

announcePgSkip('token-vault.test.ts');

runTokenVaultStoreConformance('memory', () => createMemoryTokenVault());

const sqlite = sqliteFactory();
runTokenVaultStoreConformance('sqlite', () => sqliteTokenVault(sqlite()));

if (PG_URL !== undefined) {
  const pg = postgresFactory();
  runTokenVaultStoreConformance('postgres', async () => postgresTokenVault(await pg.fresh()));
}
