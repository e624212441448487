import { assertRecord, assertString } from '../core/assert.ts';
import type { PartyRef } from '../core/refs.ts';
import { ValidationError } from '../errors/kinds.ts';
import { ResponsibilityRole } from '../tags/vocabulary.ts';
import type { RoleAssignment } from './custody-store.ts';
import { type Duty, dutiesFor } from './duties.ts';

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
 * @throws {ValidationError} reason `invalid-argument` when the assignment is malformed or `at` is not a number
 */
export function inForceAt(assignment: RoleAssignment, at: number): boolean {
  checkAssignment(assignment, 'assignment');
  if (typeof at !== 'number') {
    throw new ValidationError('at must be epoch milliseconds', {
      path: 'at',
      reason: 'invalid-argument',
    });
  }
  return assignmentInForce(assignment, at);
}

/**
 * {@link inForceAt} without argument checks, for assignments read from a custody store.
 *
 * @param assignment - the assignment
 * @param at - epoch milliseconds
 * @returns true when in force
 */
export function assignmentInForce(assignment: RoleAssignment, at: number): boolean {
  if (Date.parse(assignment.since) > at) return false;
  return assignment.until === undefined || at < Date.parse(assignment.until);
}

const roleOrder: readonly ResponsibilityRole[] = ResponsibilityRole.options;

/**
 * Groups assignments (already ordered by index and sequence) by party.
 *
 * @param assignments - the assignments of one copy
 * @returns one entry per party, in the order the parties first took a role
 * @throws {ValidationError} reason `invalid-argument` when `assignments` is not an array of assignments
 */
export function groupByParty(assignments: readonly RoleAssignment[]): ResponsibleParty[] {
  if (!Array.isArray(assignments)) {
    throw new ValidationError('assignments must be an array', {
      path: 'assignments',
      reason: 'invalid-argument',
    });
  }
  for (const assignment of assignments) checkAssignment(assignment, 'assignments[]');
  return groupAssignments(assignments);
}

/**
 * {@link groupByParty} without argument checks, for assignments read from a custody store.
 *
 * @param assignments - the assignments of one copy
 * @returns one entry per party
 */
export function groupAssignments(assignments: readonly RoleAssignment[]): ResponsibleParty[] {
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
      duties: dutiesFor(roles),
    };
  });
}

// The fields inForceAt() and groupByParty() read, checked by hand: an
// assignment given by a caller must fail with a ValidationError, not a TypeError.
function checkAssignment(assignment: RoleAssignment, path: string): void {
  assertRecord(assignment, path);
  assertRecord(assignment.party, `${path}.party`);
  assertString(assignment.party.id, `${path}.party.id`);
  assertString(assignment.role, `${path}.role`);
  assertString(assignment.since, `${path}.since`);
  if (assignment.until !== undefined) assertString(assignment.until, `${path}.until`);
  const basis: unknown = assignment.basis;
  if (!Array.isArray(basis) || !basis.every((id) => typeof id === 'string')) {
    throw new ValidationError(`${path}.basis must be a list of event ids`, {
      path: `${path}.basis`,
      reason: 'invalid-argument',
    });
  }
}
