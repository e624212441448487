import type { ChainCore } from './chain-core.ts';
import { collectAll, type SubjectSource } from './facts.ts';
import type { AffectedCopy, AffectedSubjects } from './incident-report.ts';

/**
 * How many subjects an incident affects: the scope's subjects, else those a
 * subject source names (walking up to the nearest dataset it knows), else
 * the largest subject count the ledger recorded (a lower bound).
 *
 * @param core - the chain core
 * @param source - the subject source, if any
 * @param copies - the affected copies
 * @param scoped - the subjects named in the incident scope, if any
 * @returns the affected subjects and what the count rests on
 */
export async function affectedSubjects(
  core: ChainCore,
  source: SubjectSource | undefined,
  copies: readonly AffectedCopy[],
  scoped: readonly string[] | undefined,
): Promise<AffectedSubjects> {
  if (scoped !== undefined) {
    const ids = [...new Set(scoped)].sort();
    return { count: ids.length, basis: 'scope', lowerBound: false, ids };
  }
  if (source !== undefined) {
    const ids = new Set<string>();
    let complete = true;
    for (const copy of copies) {
      const lineage = [copy.ref, ...(await core.ancestors(copy.copy)).map((a) => a.ref)];
      let found = false;
      // The nearest copy the source knows answers for this one (derived copies
      // are usually unknown to the consent store; their source dataset is known).
      for (const ref of lineage) {
        const subjects = await collectAll(source.subjectsOf(ref));
        if (subjects === undefined) continue;
        for (const subject of subjects) ids.add(subject);
        found = true;
        break;
      }
      if (!found) complete = false;
    }
    if (ids.size > 0 || complete) {
      return {
        count: ids.size,
        basis: 'subject-source',
        lowerBound: !complete,
        ids: [...ids].sort(),
      };
    }
  }
  let count: number | undefined;
  let complete = true;
  for (const copy of copies) {
    let known = copy.subjectCount;
    if (known === undefined) {
      known = (await core.ancestors(copy.copy)).find(
        (a) => a.subjectCount !== undefined,
      )?.subjectCount;
    }
    if (known === undefined) complete = false;
    else count = Math.max(count ?? 0, known);
  }
  if (count === undefined) return { count: null, basis: 'unknown', lowerBound: true };
  // The copies may hold different subjects: the largest count is only a floor.
  return { count, basis: 'ledger', lowerBound: copies.length > 1 || !complete };
}
