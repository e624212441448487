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
    // Keyed digests made under different keys never match: ids are kept per key ('' for none).
    const groups = new Map<string, Set<string>>();
    let complete = true;
    for (const copy of copies) {
      const lineage = [copy.ref, ...(await core.ancestors(copy.copy)).map((a) => a.ref)];
      let found = false;
      // The nearest copy the source knows answers for this one (derived copies are usually
      // unknown to the consent store; their source dataset is known).
      for (const ref of lineage) {
        const subjects = await collectAll(source.subjectsOf(ref));
        if (subjects === undefined) continue;
        const key = (await source.keyOf?.(ref)) ?? '';
        let group = groups.get(key);
        if (group === undefined) {
          group = new Set<string>();
          groups.set(key, group);
        }
        for (const subject of subjects) group.add(subject);
        found = true;
        break;
      }
      if (!found) complete = false;
    }
    // Under one key the union is the count; across keys a person may appear once per key,
    // so only the largest group is certain (a floor).
    let ids = new Set<string>();
    for (const group of groups.values()) if (group.size > ids.size) ids = group;
    if (ids.size > 0 || complete) {
      return {
        count: ids.size,
        basis: 'subject-source',
        lowerBound: !complete || groups.size > 1,
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
