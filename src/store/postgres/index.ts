/**
 * PostgreSQL stores for dataguard (`pg`, an optional peer dependency loaded on
 * first use). Every store lives in one schema (default `dataguard`), migrated
 * when the database is opened.
 *
 * @packageDocumentation
 */

export type { Migration } from '../shared/migration.ts';
export type { PostgresConsentStore, PostgresConsentStoreOptions } from './consent-store.ts';
export { postgresConsentStore } from './consent-store.ts';
export { postgresCustodyStore } from './custody-store.ts';
export { postgresLedgerStore } from './ledger-store.ts';
export type { PostgresMigrationResult } from './migrate.ts';
export type { IsolationLevel, PostgresOptions } from './postgres-database.ts';
export { DEFAULT_POSTGRES_SCHEMA, openPostgres, PostgresDatabase } from './postgres-database.ts';
export { postgresPrivacyBudgetStore } from './privacy-budget-store.ts';
export { createPostgresSubjectIndex } from './subject-index.ts';
export { postgresTokenVault } from './token-vault.ts';
