// Exhaustive reference search: every lattice node grouped from scratch.
import { compileCriteria, judgeClasses } from '../../src/anonymity/criteria.ts';
import { encodeTable } from '../../src/anonymity/encode.ts';
import { createGrouper } from '../../src/anonymity/groupify.ts';
import { createLattice } from '../../src/anonymity/lattice.ts';
import {
  createMetricContext,
  evaluateMetric,
  type MetricOption,
  resolveMetric,
} from '../../src/anonymity/metrics.ts';
import { readTable } from '../../src/anonymity/table.ts';
import type {
  Hierarchy,
  LDiversityRequirement,
  TClosenessRequirement,
} from '../../src/anonymity/types.ts';

export interface BruteResult {
  /** All optimal nodes (equal value), lowest lattice level first. */
  readonly optima: number[][];
  readonly value: number;
}

export function bruteForce(
  records: Record<string, string>[],
  options: {
    quasiIdentifiers: string[];
    hierarchies: Record<string, Hierarchy>;
    k: number;
    suppressionLimit: number;
    metric: MetricOption;
    lDiversity?: LDiversityRequirement[];
    tCloseness?: TClosenessRequirement[];
  },
): BruteResult | undefined {
  const sensitive = [
    ...new Set(
      [...(options.lDiversity ?? []), ...(options.tCloseness ?? [])].map((r) => r.attribute),
    ),
  ];
  const enc = encodeTable(
    readTable(records),
    options.quasiIdentifiers,
    options.hierarchies,
    sensitive,
  );
  const criteria = compileCriteria(enc, options.k, options.lDiversity, options.tCloseness);
  const ctx = createMetricContext(enc, resolveMetric(options.metric));
  const lattice = createLattice(enc.qis.map((q) => q.height));
  const grouper = createGrouper(enc);
  const maxOut = Math.floor(options.suppressionLimit * enc.rows);
  let best = Number.POSITIVE_INFINITY;
  let optima: { levels: number[]; height: number }[] = [];
  for (let node = 0; node < lattice.size; node++) {
    const levels = lattice.levelsOf(node, []);
    const set = grouper.group(levels, null)!;
    const verdicts = judgeClasses(enc, criteria, set.size, set.count, () =>
      grouper.classOfBottom(set),
    );
    if (verdicts.records > maxOut) continue;
    const value = evaluateMetric(ctx, set, verdicts.fail).value;
    const height = levels.reduce((a, b) => a + b, 0);
    if (value < best) {
      best = value;
      optima = [{ levels, height }];
    } else if (value === best) optima.push({ levels, height });
  }
  if (optima.length === 0) return undefined;
  const minHeight = Math.min(...optima.map((o) => o.height));
  return { optima: optima.filter((o) => o.height === minHeight).map((o) => o.levels), value: best };
}
