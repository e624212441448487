/**
 * PostgreSQL stores for dataguard (`pg`, an optional peer dependency loaded on
 * first use). Every store lives in one schema (default `dataguard`), migrated
 * when the database is opened.
 *
 * @packageDocumentation
 */

export type { Migration } from '../shared/migration.ts';
export type { PostgresConsentStore, PostgresConsentStoreOptions } from './consent-store.ts';
export { createPostgresConsentStore } from './consent-store.ts';
export { createPostgresCustodyStore } from './custody-store.ts';
export {
  postgresConsentStore,
  postgresCustodyStore,
  postgresLedgerStore,
  postgresPrivacyBudgetStore,
  postgresTokenVault,
} from './deprecated.ts';
export { createPostgresLedgerStore } from './ledger-store.ts';
export type { PostgresMigrationResult } from './migrate.ts';
export type { IsolationLevel, PostgresDatabase, PostgresOptions } from './postgres-database.ts';
export { openPostgres } from './postgres-database.ts';
export { createPostgresPrivacyBudgetStore } from './privacy-budget-store.ts';
export { createPostgresSubjectIndex } from './subject-index.ts';
export { createPostgresTokenVault } from './token-vault.ts';
