/**
 * SQLite stores for dataguard (better-sqlite3): the embedded default. One file
 * (default `.dataguard/dataguard.db`) in WAL mode holds every store; the schema
 * is migrated when it is opened.
 *
 * @packageDocumentation
 */

export type { Migration } from '../shared/migration.ts';
export type { SqliteConsentStore, SqliteConsentStoreOptions } from './consent-store.ts';
export { createSqliteConsentStore } from './consent-store.ts';
export { createSqliteCustodyStore } from './custody-store.ts';
export {
  sqliteConsentStore,
  sqliteCustodyStore,
  sqliteLedgerStore,
  sqlitePrivacyBudgetStore,
  sqliteTokenVault,
} from './deprecated.ts';
export { createSqliteLedgerStore } from './ledger-store.ts';
export type { MigrationResult } from './migrate.ts';
export { createSqlitePrivacyBudgetStore } from './privacy-budget-store.ts';
export type { SqliteDatabase, SqliteOptions } from './sqlite-database.ts';
export { openSqlite } from './sqlite-database.ts';
export { createSqliteSubjectIndex } from './subject-index.ts';
export { createSqliteTokenVault } from './token-vault.ts';
