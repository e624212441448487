/**
 * SQLite stores for dataguard (better-sqlite3): the embedded default. One file
 * (default `.dataguard/dataguard.db`) in WAL mode holds every store; the schema
 * is migrated when it is opened.
 *
 * @packageDocumentation
 */

export type { Migration } from '../shared/migration.ts';
export type { SqliteConsentStore, SqliteConsentStoreOptions } from './consent-store.ts';
export { sqliteConsentStore } from './consent-store.ts';
export { sqliteCustodyStore } from './custody-store.ts';
export { sqliteLedgerStore } from './ledger-store.ts';
export type { MigrationResult } from './migrate.ts';
export { sqlitePrivacyBudgetStore } from './privacy-budget-store.ts';
export type { SqliteOptions } from './sqlite-database.ts';
export { DEFAULT_SQLITE_PATH, openSqlite, SqliteDatabase } from './sqlite-database.ts';
export { createSqliteSubjectIndex } from './subject-index.ts';
export { sqliteTokenVault } from './token-vault.ts';
