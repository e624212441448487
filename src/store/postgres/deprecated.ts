import { createPostgresConsentStore } from './consent-store.ts';
import { createPostgresCustodyStore } from './custody-store.ts';
import { createPostgresLedgerStore } from './ledger-store.ts';
import { createPostgresPrivacyBudgetStore } from './privacy-budget-store.ts';
import { createPostgresTokenVault } from './token-vault.ts';

// Names before 0.2: kept for one minor version, because the docs used them.

/** @deprecated use {@link createPostgresConsentStore} (renamed in 0.2). */
export const postgresConsentStore: typeof createPostgresConsentStore = createPostgresConsentStore;
/** @deprecated use {@link createPostgresCustodyStore} (renamed in 0.2). */
export const postgresCustodyStore: typeof createPostgresCustodyStore = createPostgresCustodyStore;
/** @deprecated use {@link createPostgresLedgerStore} (renamed in 0.2). */
export const postgresLedgerStore: typeof createPostgresLedgerStore = createPostgresLedgerStore;
/** @deprecated use {@link createPostgresPrivacyBudgetStore} (renamed in 0.2). */
export const postgresPrivacyBudgetStore: typeof createPostgresPrivacyBudgetStore =
  createPostgresPrivacyBudgetStore;
/** @deprecated use {@link createPostgresTokenVault} (renamed in 0.2). */
export const postgresTokenVault: typeof createPostgresTokenVault = createPostgresTokenVault;
