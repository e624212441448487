import { createMemoryTokenVault } from '../../src/deidentify/index.ts';
import { runTokenVaultStoreConformance } from '../conformance/token-vault-store.ts';

runTokenVaultStoreConformance('memory', () => createMemoryTokenVault());
