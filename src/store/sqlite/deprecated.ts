import { createSqliteConsentStore } from './consent-store.ts';
import { createSqliteCustodyStore } from './custody-store.ts';
import { createSqliteLedgerStore } from './ledger-store.ts';
import { createSqlitePrivacyBudgetStore } from './privacy-budget-store.ts';
import { createSqliteTokenVault } from './token-vault.ts';

// Names before 0.2: kept for one minor version, because the docs used them.

/** @deprecated use {@link createSqliteConsentStore} (renamed in 0.2). */
export const sqliteConsentStore: typeof createSqliteConsentStore = createSqliteConsentStore;
/** @deprecated use {@link createSqliteCustodyStore} (renamed in 0.2). */
export const sqliteCustodyStore: typeof createSqliteCustodyStore = createSqliteCustodyStore;
/** @deprecated use {@link createSqliteLedgerStore} (renamed in 0.2). */
export const sqliteLedgerStore: typeof createSqliteLedgerStore = createSqliteLedgerStore;
/** @deprecated use {@link createSqlitePrivacyBudgetStore} (renamed in 0.2). */
export const sqlitePrivacyBudgetStore: typeof createSqlitePrivacyBudgetStore =
  createSqlitePrivacyBudgetStore;
/** @deprecated use {@link createSqliteTokenVault} (renamed in 0.2). */
export const sqliteTokenVault: typeof createSqliteTokenVault = createSqliteTokenVault;
