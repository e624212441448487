import { describe, expect, it } from 'vitest';
import {
  createMemoryPrivacyBudgetStore,
  createPrivacyAccountant,
} from '../../src/anonymity/dp/budget.ts';
import { dpCount } from '../../src/anonymity/dp/mechanisms.ts';
import { PrivacyBudgetError, ValidationError } from '../../src/errors/index.ts';
import { runPrivacyBudgetStoreConformance } from '../conformance/privacy-budget-store.ts';

runPrivacyBudgetStoreConformance('memory', () => createMemoryPrivacyBudgetStore());

describe('privacy accountant', () => {
  it('charges queries first and refuses past the budget (sequential composition)', async () => {
    const budget = createPrivacyAccountant({ id: 'survey', epsilon: 1 });
    await dpCount(10, { epsilon: 0.6, budget });
    await expect(dpCount(10, { epsilon: 0.6, budget })).rejects.toMatchObject({
      name: 'PrivacyBudgetError',
      reason: 'budget-exhausted',
    });
    expect((await budget.remaining()).epsilon).toBeCloseTo(0.4, 12);
  });

  it('validates limits and costs', async () => {
    expect(() => createPrivacyAccountant({ id: '', epsilon: 1 })).toThrow(ValidationError);
    expect(() => createPrivacyAccountant({ id: 'x', epsilon: 0 })).toThrow(ValidationError);
    expect(() => createPrivacyAccountant({ id: 'x', epsilon: 1, delta: 1 })).toThrow(
      ValidationError,
    );
    const budget = createPrivacyAccountant({ id: 'x', epsilon: 1 });
    await expect(budget.spend({ epsilon: -1 }, 'bad')).rejects.toBeInstanceOf(ValidationError);
    await expect(
      budget.spend({ epsilon: 0.5, delta: 0.1 }, 'too much delta'),
    ).rejects.toBeInstanceOf(PrivacyBudgetError);
  });
});
