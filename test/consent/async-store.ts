import type { ConsentStore, SyncConsentStore } from '../../src/consent/index.ts';

/** Wraps a sync store so every method answers with a promise, as a database store would. */
export function asyncStore(inner: SyncConsentStore): ConsentStore {
  const wrapped = {} as Record<string, unknown>;
  for (const key of Object.keys(inner) as (keyof SyncConsentStore)[]) {
    const method = inner[key] as (...args: unknown[]) => unknown;
    wrapped[key] =
      key === 'subscribe'
        ? method
        : async (...args: unknown[]) => {
            await new Promise((resolve) => setTimeout(resolve, 0));
            return method(...args);
          };
  }
  return wrapped as unknown as ConsentStore;
}
