import { fitsBudget } from '../../anonymity/dp/budget.ts';
import type { BudgetEntry, PrivacyBudgetStore } from '../../anonymity/index.ts';
import { assertSpend } from '../shared/budget-checks.ts';
import type { PostgresDatabase } from './postgres-database.ts';

/**
 * A differential-privacy {@link PrivacyBudgetStore} in PostgreSQL: each
 * `trySpend` is one transaction that locks the budget's row, checks the limit
 * against the running totals and records the spend, so concurrent spenders in
 * any process never overdraw a budget.
 *
 * @param database - an open database from `openPostgres`
 * @returns the store
 * @example
 * ```ts no-run needs a running PostgreSQL server (test/store runs the same calls against one)
 * const budgets = createPostgresPrivacyBudgetStore(await openPostgres({ connectionString }));
 * ```
 */
export function createPostgresPrivacyBudgetStore(database: PostgresDatabase): PrivacyBudgetStore {
  const s = database.schema;
  const sql = {
    ensure: `INSERT INTO ${s}.privacy_budgets (id, epsilon, delta) VALUES ($1, 0, 0)
      ON CONFLICT (id) DO NOTHING`,
    // The spend counter lives in the locked row: after waiting for the lock, PostgreSQL
    // re-reads the row, where a subquery would still see the statement's old snapshot.
    lock: `SELECT epsilon, delta, spends FROM ${s}.privacy_budgets WHERE id = $1 FOR UPDATE`,
    record: `WITH spend AS (
        INSERT INTO ${s}.privacy_spends (budget, seq, epsilon, delta, label, at)
        VALUES ($1, $2, $3, $4, $5, $6)
      )
      UPDATE ${s}.privacy_budgets SET epsilon = $7, delta = $8, spends = $2 WHERE id = $1`,
    totals: `SELECT epsilon, delta FROM ${s}.privacy_budgets WHERE id = $1`,
    history: `SELECT epsilon, delta, label, at FROM ${s}.privacy_spends
      WHERE budget = $1 ORDER BY seq`,
  };

  return {
    async trySpend(budgetId, cost, limit) {
      assertSpend(budgetId, cost, limit);
      return database.transaction(async (client) => {
        await client.query(sql.ensure, [budgetId]);
        const row = (
          await client.query<{ epsilon: number; delta: number; spends: string }>(sql.lock, [
            budgetId,
          ])
        ).rows[0];
        const spent = { epsilon: row?.epsilon ?? 0, delta: row?.delta ?? 0 };
        if (!fitsBudget(spent, cost, limit)) return { ok: false, spent };
        const next = { epsilon: spent.epsilon + cost.epsilon, delta: spent.delta + cost.delta };
        await client.query(sql.record, [
          budgetId,
          Number(row?.spends ?? 0) + 1,
          cost.epsilon,
          cost.delta,
          cost.label,
          cost.at,
          next.epsilon,
          next.delta,
        ]);
        return { ok: true, spent: next };
      });
    },
    async spent(budgetId) {
      const row = (await database.query<{ epsilon: number; delta: number }>(sql.totals, [budgetId]))
        .rows[0];
      return { epsilon: row?.epsilon ?? 0, delta: row?.delta ?? 0 };
    },
    async history(budgetId) {
      const rows = await database.query<{
        epsilon: number;
        delta: number;
        label: string;
        at: string;
      }>(sql.history, [budgetId]);
      return rows.rows.map(
        (row): BudgetEntry => ({
          epsilon: row.epsilon,
          delta: row.delta,
          label: row.label,
          at: Number(row.at),
        }),
      );
    },
  };
}
