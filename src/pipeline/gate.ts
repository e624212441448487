import { type ClassMeasures, checkClassCounts } from '../anonymity/class-counts.ts';
import { AnonymityError } from '../errors/kinds.ts';
import type { ReleasePlan } from './release-plan.ts';
import type { RunResult } from './run.ts';
import type { PolicySuggestion } from './suggest.ts';

/** What stage `gate` measured on the staged output. */
export interface GateResult {
  /** The quasi-identifiers measured: the dataset's. */
  readonly quasiIdentifiers: readonly string[];
  /** The k the release required (undefined when it had no requirements). */
  readonly requiredK: number | undefined;
  readonly measures: ClassMeasures;
}

/**
 * Stage `gate`: measures the staged output's equivalence classes over the
 * quasi-identifiers the dataset declares and checks the release kind's
 * requirements (S-TRADE for open, trade and anonymized releases). Releases
 * without requirements are measured and reported, not gated.
 *
 * @param plan - the release plan
 * @param run - the run's class counts
 * @returns the measures, or undefined when the dataset declares no quasi-identifier (only possible for non-anonymous releases)
 * @throws {AnonymityError} `not-anonymous`, naming the quasi-identifiers, k required and achieved, and the rows in small classes
 */
export function gateRelease(
  plan: ReleasePlan,
  run: RunResult,
  suggest?: () => PolicySuggestion | undefined,
): GateResult | undefined {
  if (run.counts === undefined) return undefined;
  const requirements = plan.requirements;
  const checked = checkClassCounts(run.counts, {
    k: 1,
    ...requirements,
    quasiIdentifiers: plan.quasiIdentifiers,
  });
  const result: GateResult = {
    quasiIdentifiers: plan.quasiIdentifiers,
    requiredK: requirements?.k,
    measures: checked.measures,
  };
  if (requirements !== undefined && checked.failures.length > 0) {
    const m = checked.measures;
    const small =
      checked.failures.find((f) => f.code === 'k-anonymity')?.recordsInSmallClasses ?? 0;
    const suggestion = small > 0 ? suggest?.() : undefined;
    const steps =
      suggestion === undefined
        ? []
        : Object.entries(suggestion.steps).map(([name, step]) => `${name}: ${step}`);
    const proposed =
      suggestion === undefined
        ? 'generalize further'
        : `a generalization that meets k: ${steps.join(', ')} (--suggest-policy writes it as a policy)`;
    throw new AnonymityError(
      `output is not anonymous over quasi-identifiers (${plan.quasiIdentifiers.join(', ')}): k required ${requirements.k}, achieved ${m.k}; ${small} of ${m.records} rows are in classes smaller than k; ${checked.failures.map((f) => f.message).join('; ')} (rule S-TRADE). Nothing was released; ${proposed}`,
      {
        reason: 'not-anonymous',
        path: 'anonymity',
        details: {
          rule: 'S-TRADE',
          article: 'Fujian Arts. 17, 40; PIPL Art. 73',
          quasiIdentifiers: [...plan.quasiIdentifiers],
          requiredK: requirements.k,
          achievedK: m.k,
          rowsInSmallClasses: small,
          failures: checked.failures.map((f) => f.code),
          ...(steps.length === 0 ? {} : { suggestion: steps }),
        },
      },
    );
  }
  return result;
}
