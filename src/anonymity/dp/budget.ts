import { assertRecord } from '../../core/assert.ts';
import { PrivacyBudgetError, ValidationError } from '../../errors/kinds.ts';

/** A privacy cost or total under sequential composition. */
export interface PrivacyCost {
  /** ε spent. */
  readonly epsilon: number;
  /** δ spent (0 for pure ε-DP). */
  readonly delta: number;
}

/** One recorded spend. */
export interface BudgetEntry extends PrivacyCost {
  /** What the budget was spent on (a query label, never data). */
  readonly label: string;
  /** When (epoch ms). */
  readonly at: number;
}

/** The outcome of {@link PrivacyBudgetStore.trySpend}. */
export interface SpendResult {
  /** True when the cost was recorded. */
  readonly ok: boolean;
  /** Totals after the attempt. */
  readonly spent: PrivacyCost;
}

/**
 * Persists privacy budgets. `trySpend` must be atomic: it adds the cost only
 * if the new totals stay within the limit, so concurrent spenders can never
 * overdraw (SQLite and PostgreSQL stores run the same conformance suite).
 */
export interface PrivacyBudgetStore {
  /** Atomically records `cost` against `budgetId` if totals stay within `limit`. */
  trySpend(budgetId: string, cost: BudgetEntry, limit: PrivacyCost): Promise<SpendResult>;
  /** Totals spent so far (zero for an unknown budget). */
  spent(budgetId: string): Promise<PrivacyCost>;
  /** Every recorded spend, oldest first. */
  history(budgetId: string): Promise<readonly BudgetEntry[]>;
}

/** Float slack for totals: 0.1 + 0.2 must fit a budget of 0.3. */
const SLACK = 1e-12;

function checkTotals(value: unknown, path: string): void {
  assertRecord(value, path);
  checkCost(value.epsilon, `${path}.epsilon`, true);
  checkCost(value.delta, `${path}.delta`, true);
}

/**
 * Whether `spent + cost` fits `limit` (with float slack).
 *
 * @param spent - totals so far
 * @param cost - the new spend
 * @param limit - the budget
 * @returns true when the new totals stay within the limit
 * @throws {ValidationError} `invalid-parameter` unless every ε and δ is a finite number ≥ 0
 */
export function fitsBudget(spent: PrivacyCost, cost: PrivacyCost, limit: PrivacyCost): boolean {
  checkTotals(spent, 'spent');
  checkTotals(cost, 'cost');
  checkTotals(limit, 'limit');
  return (
    spent.epsilon + cost.epsilon <= limit.epsilon * (1 + SLACK) + SLACK &&
    spent.delta + cost.delta <= limit.delta * (1 + SLACK) + SLACK * 1e-6
  );
}

/**
 * An in-memory {@link PrivacyBudgetStore} (single process).
 *
 * @returns the store
 * @example
 * ```ts
 * import { createMemoryPrivacyBudgetStore } from 'dataguard/anonymity';
 * const store = createMemoryPrivacyBudgetStore();
 * ```
 */
export function createMemoryPrivacyBudgetStore(): PrivacyBudgetStore {
  const budgets = new Map<string, BudgetEntry[]>();
  const total = (id: string): PrivacyCost => {
    let epsilon = 0;
    let delta = 0;
    for (const e of budgets.get(id) ?? []) {
      epsilon += e.epsilon;
      delta += e.delta;
    }
    return { epsilon, delta };
  };
  return {
    async trySpend(budgetId, cost, limit) {
      const spent = total(budgetId);
      if (!fitsBudget(spent, cost, limit)) return { ok: false, spent };
      const list = budgets.get(budgetId) ?? [];
      list.push({ ...cost });
      budgets.set(budgetId, list);
      return { ok: true, spent: total(budgetId) };
    },
    async spent(budgetId) {
      return total(budgetId);
    },
    async history(budgetId) {
      return (budgets.get(budgetId) ?? []).map((e) => ({ ...e }));
    },
  };
}

/** Options of {@link createPrivacyAccountant}. */
export interface PrivacyAccountantOptions {
  /** The budget's id in the store. */
  readonly id: string;
  /** Total ε allowed. */
  readonly epsilon: number;
  /** Total δ allowed (default 0). */
  readonly delta?: number | undefined;
  /** Where spends are kept (default in memory). */
  readonly store?: PrivacyBudgetStore | undefined;
  /** Clock for entry times (default Date.now). */
  readonly clock?: (() => number) | undefined;
}

/** Tracks a privacy budget under sequential composition (ε and δ add up). */
export interface PrivacyAccountant {
  /** The budget id. */
  readonly id: string;
  /** The limits. */
  readonly limit: PrivacyCost;
  /** Records a spend or throws PrivacyBudgetError when it would exceed the budget. */
  spend(
    cost: { readonly epsilon: number; readonly delta?: number | undefined },
    label: string,
  ): Promise<PrivacyCost>;
  /** What is left. */
  remaining(): Promise<PrivacyCost>;
}

function checkCost(value: unknown, path: string, allowZero: boolean): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (!allowZero && value === 0)
  ) {
    throw new ValidationError(`${path} must be a finite number ${allowZero ? '≥' : '>'} 0`, {
      reason: 'invalid-parameter',
      path,
    });
  }
  return value;
}

/**
 * Creates a privacy budget accountant (sequential composition): every query
 * spends its (ε, δ) first; a query that would exceed the budget is refused.
 *
 * @param options - id, limits, store, clock
 * @returns the accountant
 * @throws {ValidationError} on invalid limits
 * @example
 * ```ts
 * import { createPrivacyAccountant } from 'dataguard/anonymity';
 * const budget = createPrivacyAccountant({ id: 'survey-2024', epsilon: 1 });
 * await budget.spend({ epsilon: 0.5 }, 'count');
 * ```
 */
export function createPrivacyAccountant(options: PrivacyAccountantOptions): PrivacyAccountant {
  if (typeof options?.id !== 'string' || options.id.length === 0) {
    throw new ValidationError('options.id must be a non-empty string', {
      reason: 'invalid-parameter',
      path: 'options.id',
    });
  }
  const limit: PrivacyCost = {
    epsilon: checkCost(options.epsilon, 'options.epsilon', false),
    delta: checkCost(options.delta ?? 0, 'options.delta', true),
  };
  if (limit.delta >= 1) {
    throw new ValidationError('options.delta must be below 1', {
      reason: 'invalid-parameter',
      path: 'options.delta',
    });
  }
  const store = options.store ?? createMemoryPrivacyBudgetStore();
  const clock = options.clock ?? Date.now;
  const id = options.id;
  return {
    id,
    limit,
    async spend(cost, label) {
      const entry: BudgetEntry = {
        epsilon: checkCost(cost?.epsilon, 'cost.epsilon', false),
        delta: checkCost(cost?.delta ?? 0, 'cost.delta', true),
        label: String(label),
        at: clock(),
      };
      const result = await store.trySpend(id, entry, limit);
      if (!result.ok) {
        throw new PrivacyBudgetError(
          `privacy budget ${id} cannot afford ε=${entry.epsilon}, δ=${entry.delta}`,
          {
            reason: 'budget-exhausted',
            path: id,
            details: {
              epsilonSpent: result.spent.epsilon,
              deltaSpent: result.spent.delta,
              epsilonLimit: limit.epsilon,
              deltaLimit: limit.delta,
            },
          },
        );
      }
      return result.spent;
    },
    async remaining() {
      const spent = await store.spent(id);
      return {
        epsilon: Math.max(0, limit.epsilon - spent.epsilon),
        delta: Math.max(0, limit.delta - spent.delta),
      };
    },
  };
}
