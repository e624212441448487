import { createMemoryConsentStore } from '../../src/consent/index.ts';
import { runConsentStoreConformance } from '../conformance/consent-store.ts';
import { asyncStore } from './async-store.ts';

runConsentStoreConformance('memory', () => createMemoryConsentStore());
runConsentStoreConformance('memory behind promises', () => asyncStore(createMemoryConsentStore()));
