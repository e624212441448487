import { createLedgerSigner } from './ledger-signer.ts';

// Names before 0.2: kept for one minor version, because the docs used them.

/** @deprecated use {@link createLedgerSigner} (renamed in 0.2). */
export const ledgerSigner: typeof createLedgerSigner = createLedgerSigner;
