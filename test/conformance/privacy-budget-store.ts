// Conformance suite every PrivacyBudgetStore (memory, SQLite, PostgreSQL) must pass.
import { describe, expect, it } from 'vitest';
import type { PrivacyBudgetStore } from '../../src/anonymity/dp/budget.ts';
import { createPrivacyAccountant } from '../../src/anonymity/dp/budget.ts';
import { PrivacyBudgetError } from '../../src/errors/index.ts';

/**
 * Registers the store conformance tests.
 *
 * @param name - label of the store under test
 * @param factory - returns a fresh, empty store
 */
export function runPrivacyBudgetStoreConformance(
  name: string,
  factory: () => Promise<PrivacyBudgetStore> | PrivacyBudgetStore,
): void {
  const entry = (epsilon: number, delta = 0, label = 'q') => ({
    epsilon,
    delta,
    label,
    at: 1_700_000_000_000,
  });
  const limit = { epsilon: 1, delta: 1e-6 };

  describe(`PrivacyBudgetStore conformance: ${name}`, () => {
    it('starts empty', async () => {
      const store = await factory();
      expect(await store.spent('b')).toEqual({ epsilon: 0, delta: 0 });
      expect(await store.history('b')).toEqual([]);
    });

    it('records spends within the limit and reports totals', async () => {
      const store = await factory();
      const first = await store.trySpend('b', entry(0.25, 1e-7, 'count'), limit);
      expect(first.ok).toBe(true);
      expect(first.spent.epsilon).toBeCloseTo(0.25, 12);
      const second = await store.trySpend('b', entry(0.5, 0, 'sum'), limit);
      expect(second.ok).toBe(true);
      expect(second.spent.epsilon).toBeCloseTo(0.75, 12);
      expect(second.spent.delta).toBeCloseTo(1e-7, 18);
      const history = await store.history('b');
      expect(history.map((e) => e.label)).toEqual(['count', 'sum']);
      expect(history[0]).toMatchObject({ epsilon: 0.25, delta: 1e-7, at: 1_700_000_000_000 });
    });

    it('refuses a spend past the limit and leaves totals unchanged', async () => {
      const store = await factory();
      await store.trySpend('b', entry(0.75), limit);
      const refused = await store.trySpend('b', entry(0.5), limit);
      expect(refused.ok).toBe(false);
      expect(refused.spent.epsilon).toBeCloseTo(0.75, 12);
      expect(await store.history('b')).toHaveLength(1);
      const deltaRefused = await store.trySpend('b', entry(0.1, 2e-6), limit);
      expect(deltaRefused.ok).toBe(false);
    });

    it('accepts exactly the limit despite float rounding (0.1 + 0.2 + 0.7 = 1)', async () => {
      const store = await factory();
      for (const e of [0.1, 0.2, 0.7])
        expect((await store.trySpend('b', entry(e), limit)).ok).toBe(true);
      expect((await store.trySpend('b', entry(1e-9), limit)).ok).toBe(false);
    });

    it('keeps budgets apart', async () => {
      const store = await factory();
      await store.trySpend('a', entry(1), limit);
      expect((await store.trySpend('b', entry(1), limit)).ok).toBe(true);
      expect((await store.spent('a')).epsilon).toBeCloseTo(1, 12);
    });

    it('never overdraws under concurrent spenders', async () => {
      const store = await factory();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.trySpend('c', entry(0.1), limit)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(10);
      expect((await store.spent('c')).epsilon).toBeLessThanOrEqual(1 + 1e-9);
    });

    it('backs an accountant that throws PrivacyBudgetError when exhausted', async () => {
      const store = await factory();
      const accountant = createPrivacyAccountant({
        id: 'acc',
        epsilon: 0.5,
        store,
        clock: () => 0,
      });
      await accountant.spend({ epsilon: 0.5 }, 'all');
      await expect(accountant.spend({ epsilon: 0.01 }, 'more')).rejects.toBeInstanceOf(
        PrivacyBudgetError,
      );
      expect((await accountant.remaining()).epsilon).toBeCloseTo(0, 12);
    });
  });
}
