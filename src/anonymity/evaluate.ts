import { ValidationError } from '../errors/kinds.ts';
import { judgeClasses } from './criteria.ts';
import { createGrouper } from './groupify.ts';
import { evaluateMetric } from './metrics.ts';
import type { PreparedTable } from './prepare.ts';
import { type OptimalGeneralizationOptions, prepareSearch } from './search.ts';
import type { TableInput } from './types.ts';

/** The privacy and utility of one given generalization. */
export interface GeneralizationEvaluation {
  /** The smallest equivalence class before suppression. */
  readonly k: number;
  /** Equivalence classes before suppression. */
  readonly classes: number;
  /** Records in classes that fail the privacy model (they would be suppressed). */
  readonly suppressed: number;
  /** True when the failing records fit the suppression limit. */
  readonly anonymous: boolean;
  /** The metric value as ARX computes it for this node, failing classes suppressed. */
  readonly value: number;
  /** Per-attribute metric values (multi-dimensional metrics). */
  readonly perAttribute: Readonly<Record<string, number>> | undefined;
}

/** Options of {@link evaluateGeneralization}: the search options plus the levels. */
export interface EvaluateOptions extends OptimalGeneralizationOptions {
  /** The level of each quasi-identifier. */
  readonly levels: Readonly<Record<string, number>>;
}

/**
 * Evaluates one full-domain generalization: class sizes, the records the
 * privacy model would suppress, whether that fits the limit, and the metric
 * exactly as ARX computes it for that node.
 *
 * @param records - records, columns or a prepared table
 * @param options - as for optimalGeneralization, plus `levels`
 * @returns the evaluation
 * @throws {ValidationError} `invalid-levels` when a level is out of its hierarchy
 * @example
 * ```ts
 * import { evaluateGeneralization } from 'dataguard/anonymity';
 * const e = evaluateGeneralization([{ sex: 'F' }, { sex: 'M' }], {
 *   quasiIdentifiers: ['sex'], hierarchies: { sex: [['F', '*'], ['M', '*']] },
 *   k: 2, suppressionLimit: 0, metric: 'precision', levels: { sex: 1 },
 * });
 * e.anonymous; // true
 * ```
 */
export function evaluateGeneralization(
  records: TableInput | PreparedTable,
  options: EvaluateOptions,
): GeneralizationEvaluation {
  const input = prepareSearch(records, options);
  const { encoded, criteria, ctx, maxOutliers } = input;
  const levels = encoded.qis.map((qi) => {
    const level = options.levels?.[qi.name];
    if (typeof level !== 'number' || !Number.isInteger(level) || level < 0 || level >= qi.height) {
      throw new ValidationError(
        `options.levels.${qi.name} must be an integer in [0, ${qi.height - 1}]`,
        {
          reason: 'invalid-levels',
          path: `options.levels.${qi.name}`,
        },
      );
    }
    return level;
  });
  const grouper = createGrouper(encoded);
  const set = grouper.group(levels, null)!;
  const verdicts = judgeClasses(encoded, criteria, set.size, set.count, () =>
    grouper.classOfBottom(set),
  );
  const metric = evaluateMetric(ctx, set, verdicts.fail);
  let k = Number.POSITIVE_INFINITY;
  for (let c = 0; c < set.size; c++) k = Math.min(k, set.count[c]!);
  const names = encoded.qis.map((q) => q.name);
  return {
    k: set.size === 0 ? 0 : k,
    classes: set.size,
    suppressed: verdicts.records,
    anonymous: verdicts.records <= maxOutliers,
    value: metric.value,
    perAttribute:
      metric.perAttribute && Object.fromEntries(names.map((n, q) => [n, metric.perAttribute![q]!])),
  };
}
