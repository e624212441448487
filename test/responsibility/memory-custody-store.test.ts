import { createMemoryCustodyStore } from '../../src/responsibility/index.ts';
import { runCustodyStoreConformance } from '../conformance/custody-store.ts';

runCustodyStoreConformance('memory', () => createMemoryCustodyStore());
