import { fitsBudget } from '../../anonymity/dp/budget.ts';
import type { BudgetEntry, PrivacyBudgetStore } from '../../anonymity/index.ts';
import { assertSpend } from '../shared/budget-checks.ts';
import type { SqliteDatabase } from './sqlite-database.ts';

/**
 * A differential-privacy {@link PrivacyBudgetStore} in SQLite: each `trySpend`
 * is one IMMEDIATE transaction that reads the running totals, checks the
 * limit and records the spend, so spenders in several processes never
 * overdraw a budget.
 *
 * @param database - an open database from `openSqlite`
 * @returns the store
 * @example
 * ```ts
 * import { openSqlite, createSqlitePrivacyBudgetStore } from 'dataguard/store/sqlite';
 * const db = openSqlite({ path: ':memory:' });
 * const budgets = createSqlitePrivacyBudgetStore(db);
 * db.close();
 * ```
 */
export function createSqlitePrivacyBudgetStore(database: SqliteDatabase): PrivacyBudgetStore {
  const db = database.db;
  const totals = db.prepare('SELECT epsilon, delta FROM privacy_budgets WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO privacy_budgets (id, epsilon, delta) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET epsilon = excluded.epsilon, delta = excluded.delta`,
  );
  const insertSpend = db.prepare(
    `INSERT INTO privacy_spends (budget, seq, epsilon, delta, label, at)
     VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM privacy_spends WHERE budget = ?), ?, ?, ?, ?)`,
  );
  const history = db.prepare(
    'SELECT epsilon, delta, label, at FROM privacy_spends WHERE budget = ? ORDER BY seq',
  );
  const read = (id: string) =>
    (totals.get(id) as { epsilon: number; delta: number } | undefined) ?? { epsilon: 0, delta: 0 };

  return {
    async trySpend(budgetId, cost, limit) {
      assertSpend(budgetId, cost, limit);
      return database.transaction(() => {
        const spent = read(budgetId);
        if (!fitsBudget(spent, cost, limit)) return { ok: false, spent };
        const next = { epsilon: spent.epsilon + cost.epsilon, delta: spent.delta + cost.delta };
        upsert.run(budgetId, next.epsilon, next.delta);
        insertSpend.run(budgetId, budgetId, cost.epsilon, cost.delta, cost.label, cost.at);
        return { ok: true, spent: next };
      });
    },
    async spent(budgetId) {
      const { epsilon, delta } = read(budgetId);
      return { epsilon, delta };
    },
    async history(budgetId) {
      return history.all(budgetId) as BudgetEntry[];
    },
  };
}
