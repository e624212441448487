import type { PartyRef } from '../core/refs.ts';
import { ResponsibilityRole } from '../tags/vocabulary.ts';
import type { RoleAssignment } from './custody-store.ts';
import { type Duty, dutiesOf } from './duties.ts';

/** One party responsible for one copy: its roles, since when, until when, and why. */
export interface ResponsibleParty {
  readonly party: PartyRef;
  /** Roles in the order owner, holder, manager, user, collector. */
  readonly roles: readonly ResponsibilityRole[];
  /** The earliest start among the listed assignments. */
  readonly since: string;
  /** The latest end, when every listed assignment has ended. */
  readonly until?: string | undefined;
  /** Ids of the events the roles rest on. */
  readonly basis: readonly string[];
  /** The assignments behind the roles (one per role and span). */
  readonly assignments: readonly RoleAssignment[];
  /** The duties that come with the roles, each with its rule and article. */
  readonly duties: readonly Duty[];
}

/**
 * Whether an assignment was in force at an instant (start inclusive, end exclusive).
 *
 * @param assignment - the assignment
 * @param at - epoch milliseconds
 * @returns true when in force
 */
export function inForceAt(assignment: RoleAssignment, at: number): boolean {
  if (Date.parse(assignment.since) > at) return false;
  return assignment.until === undefined || at < Date.parse(assignment.until);
}

const roleOrder: readonly ResponsibilityRole[] = ResponsibilityRole.options;

/**
 * Groups assignments (already ordered by index and sequence) by party.
 *
 * @param assignments - the assignments of one copy
 * @returns one entry per party, in the order the parties first took a role
 */
export function groupByParty(assignments: readonly RoleAssignment[]): ResponsibleParty[] {
  const byParty = new Map<string, RoleAssignment[]>();
  for (const assignment of assignments) {
    const list = byParty.get(assignment.party.id);
    if (list === undefined) byParty.set(assignment.party.id, [assignment]);
    else list.push(assignment);
  }
  return [...byParty.values()].map((list) => {
    const first = list[0] as RoleAssignment;
    const roles = roleOrder.filter((role) => list.some((a) => a.role === role));
    let since = first.since;
    let until: string | undefined;
    let open = false;
    const basis: string[] = [];
    for (const a of list) {
      if (Date.parse(a.since) < Date.parse(since)) since = a.since;
      if (a.until === undefined) open = true;
      else if (until === undefined || Date.parse(a.until) > Date.parse(until)) until = a.until;
      for (const id of a.basis) if (!basis.includes(id)) basis.push(id);
    }
    return {
      party: first.party,
      roles,
      since,
      ...(open || until === undefined ? {} : { until }),
      basis,
      assignments: list,
      duties: dutiesOf(roles),
    };
  });
}
