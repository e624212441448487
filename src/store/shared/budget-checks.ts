import type { BudgetEntry, PrivacyCost } from '../../anonymity/index.ts';
import { ValidationError } from '../../errors/index.ts';

const finite = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * Checks the arguments of `PrivacyBudgetStore.trySpend` at the store boundary.
 *
 * @throws ValidationError `invalid-argument` naming the bad field
 */
export function assertSpend(budgetId: unknown, cost: BudgetEntry, limit: PrivacyCost): void {
  const bad = (path: string) =>
    new ValidationError(`${path} is missing or invalid`, { reason: 'invalid-argument', path });
  if (typeof budgetId !== 'string') throw bad('budgetId');
  if (!finite(cost?.epsilon)) throw bad('cost.epsilon');
  if (!finite(cost.delta)) throw bad('cost.delta');
  if (typeof cost.label !== 'string') throw bad('cost.label');
  if (!Number.isSafeInteger(cost.at)) throw bad('cost.at');
  if (!finite(limit?.epsilon)) throw bad('limit.epsilon');
  if (!finite(limit.delta)) throw bad('limit.delta');
}
