import { createMemoryLedgerStore } from '../../src/provenance/index.ts';
import { runLedgerStoreConformance } from '../conformance/ledger-store.ts';

runLedgerStoreConformance('memory', () => createMemoryLedgerStore());
