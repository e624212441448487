import type { PartyRef } from '../core/refs.ts';
import { toEpochMs, toIso } from '../core/time.ts';
import { assignmentInForce, groupAssignments, type ResponsibleParty } from './attribution.ts';
import { addCalendar, offsetMinutes, parseDuration } from './calendar.ts';
import type { ChainCore } from './chain-core.ts';
import { cite } from './citations.ts';
import type { CopyRecord, RoleAssignment } from './custody-store.ts';
import {
  collectAll,
  datasetIdOf,
  type GrantFacts,
  type GrantSource,
  type Instant,
  partyIdOf,
  type RetentionSource,
  type WithdrawalSource,
} from './facts.ts';

/** An open obligation found by `ResponsibilityChain.auditDuties`. */
export interface OpenObligation {
  /** Stable code, e.g. `usage-report-overdue`, `grant-expiring`, `data-held-after-withdrawal`. */
  readonly code: string;
  readonly rule: string;
  readonly article: string;
  /** `overdue`: should already have been met; `due`: falls due within the warning window. */
  readonly status: 'due' | 'overdue';
  /** When it falls (or fell) due, ISO 8601. */
  readonly due?: string | undefined;
  readonly message: string;
  /** The copy concerned. */
  readonly dataset?: string | undefined;
  /** The grant concerned. */
  readonly grant?: string | undefined;
  /** Copies the party still holds that the obligation concerns. */
  readonly copies?: readonly string[] | undefined;
  /** Subjects concerned (ids as the consent store knows them; never other personal data). */
  readonly subjects?: readonly string[] | undefined;
}

/** One copy a party is responsible for at the audit time. */
export interface Holding {
  readonly copy: CopyRecord;
  readonly responsibility: ResponsibleParty;
}

/** The result of `ResponsibilityChain.auditDuties`. */
export interface DutyAudit {
  readonly party: string;
  readonly at: string;
  /** The copies the party has roles for at `at`, with the duties of those roles. */
  readonly holdings: readonly Holding[];
  /** Open obligations, overdue first, then by due date. */
  readonly obligations: readonly OpenObligation[];
}

/** Options of `ResponsibilityChain.auditDuties`. */
export interface AuditOptions {
  /** The audit time (default: now, from the chain's clock). */
  readonly at?: Instant | undefined;
  /** How far ahead to report obligations as `due` (ISO 8601 duration; default `P30D`). */
  readonly warnWithin?: string | undefined;
}

/** The fact sources an audit reads. */
export interface AuditFacts {
  readonly grants?: GrantSource | undefined;
  readonly consent?: WithdrawalSource | undefined;
  readonly retention?: RetentionSource | undefined;
}

const ended = new Set(['terminated', 'revoked']);
const inactive = new Set(['pending']);
const holding = new Set(['holder', 'manager']);

/**
 * Lists a party's roles and open obligations at a time: usage reports due
 * (S-DEVELOP), grants expiring, expired or over the 3-year limit
 * (S-AUTH-TERM), suspended grants (S-SUSPEND), and data held after consent
 * withdrawal or after retention ended (C-RETENTION).
 *
 * @param core - the chain core
 * @param party - the party or its id
 * @param options - audit time and warning window
 * @param facts - grant, consent-withdrawal and retention sources
 * @returns the audit
 */
export async function auditDuties(
  core: ChainCore,
  party: PartyRef | string,
  options: AuditOptions,
  facts: AuditFacts,
): Promise<DutyAudit> {
  await core.sync();
  core = withAncestorCache(core);
  const partyId = partyIdOf(party);
  const at = options.at === undefined ? core.clock() : toEpochMs(options.at, 'options.at');
  const warn = parseDuration(options.warnWithin ?? 'P30D', 'options.warnWithin');
  const horizon = addCalendar(at, warn, 0);

  const inForce = (await core.store.assignmentsOf(partyId)).filter((a) => assignmentInForce(a, at));
  const byCopy = new Map<string, RoleAssignment[]>();
  for (const a of inForce) byCopy.set(a.copy, [...(byCopy.get(a.copy) ?? []), a]);
  const holdings: Holding[] = [];
  for (const [id, list] of byCopy) {
    const copy = await core.store.copy(id);
    const responsibility = groupAssignments(list)[0];
    if (copy !== undefined && responsibility !== undefined) holdings.push({ copy, responsibility });
  }

  const obligations: OpenObligation[] = [];
  if (facts.grants !== undefined) {
    const grants = (await collectAll(facts.grants.grantsOf(partyId, toIso(at)))) ?? [];
    for (const grant of grants) {
      if (partyIdOf(grant.grantee) !== partyId) continue;
      for (const obligation of await grantObligations(core, grant, at, horizon, holdings))
        obligations.push(obligation);
    }
  }
  for (const held of holdings) {
    if (!held.responsibility.roles.some((role) => holding.has(role))) continue;
    const lineage = [held.copy, ...(await core.ancestors(held.copy.id))];
    if (facts.consent !== undefined) {
      const found = await withdrawalObligation(facts.consent, lineage, at);
      if (found !== undefined) obligations.push(found);
    }
    if (facts.retention !== undefined) {
      const found = await retentionObligation(facts.retention, lineage, at, horizon);
      if (found !== undefined) obligations.push(found);
    }
  }
  obligations.sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === 'overdue' ? -1 : 1) ||
      (a.due === undefined ? 1 : 0) - (b.due === undefined ? 1 : 0) ||
      (a.due !== undefined && b.due !== undefined ? Date.parse(a.due) - Date.parse(b.due) : 0),
  );
  return { party: partyId, at: toIso(at), holdings, obligations };
}

async function grantObligations(
  core: ChainCore,
  grant: GrantFacts,
  at: number,
  horizon: number,
  holdings: readonly Holding[],
): Promise<OpenObligation[]> {
  const out: OpenObligation[] = [];
  const dataset = datasetIdOf(grant.dataset);
  const from = toEpochMs(grant.validFrom, 'grant.validFrom');
  const until =
    grant.validUntil === undefined ? undefined : toEpochMs(grant.validUntil, 'grant.validUntil');
  const status = grant.status ?? 'active';
  const held = await heldUnder(core, dataset, holdings);
  const base = { grant: grant.id, dataset };
  const offset = offsetMinutes(grant.validFrom);

  if (grant.kind === 'authorized-operation') {
    const limit = addCalendar(from, parseDuration('P3Y', 'limit'), offset);
    if (until === undefined || until > limit) {
      out.push({
        ...base,
        ...cite('S-AUTH-TERM'),
        code: 'grant-term-exceeds-limit',
        status: 'overdue',
        due: toIso(limit),
        message:
          until === undefined
            ? 'authorized operation has no end date; it may last at most 3 years'
            : 'authorized operation lasts more than the 3 years allowed',
      });
    }
  }
  if (inactive.has(status)) return out;
  if (ended.has(status)) {
    if (held.length > 0) {
      out.push({
        ...base,
        ...cite('C-RETENTION'),
        code: 'data-held-after-grant-end',
        status: 'overdue',
        message: `the grant was ${status} but data obtained under it is still held; delete or return it`,
        copies: held,
      });
    }
    return out;
  }
  if (status === 'suspended') {
    out.push({
      ...base,
      ...cite('S-SUSPEND'),
      code: 'grant-suspended',
      status: 'overdue',
      message: 'the data service is suspended for misuse; correct the misuse or the grant ends',
    });
  }
  if (until !== undefined && until <= at) {
    out.push({
      ...base,
      ...cite('S-AUTH-TERM'),
      code: 'grant-expired',
      status: 'overdue',
      due: toIso(until),
      message:
        held.length > 0
          ? 'the grant expired and data obtained under it is still held; stop using it and delete or return it'
          : 'the grant expired; stop using the data or renew the grant',
      ...(held.length > 0 ? { copies: held } : {}),
    });
    return out;
  }
  if (until !== undefined && until <= horizon) {
    out.push({
      ...base,
      ...cite('S-AUTH-TERM'),
      code: 'grant-expiring',
      status: 'due',
      due: toIso(until),
      message: 'the grant expires soon; renew it or plan to stop using and delete the data',
    });
  }
  if (grant.usageReports !== undefined) {
    const reports = grant.usageReports;
    let due: number;
    if (reports.due !== undefined) due = toEpochMs(reports.due, 'grant.usageReports.due');
    else {
      const every = parseDuration(reports.every ?? '', 'grant.usageReports.every');
      const last = reports.lastReportedAt;
      const start =
        last === undefined ? from : toEpochMs(last, 'grant.usageReports.lastReportedAt');
      due = addCalendar(start, every, offsetMinutes(last ?? grant.validFrom));
    }
    if (due <= horizon) {
      out.push({
        ...base,
        ...cite('S-DEVELOP'),
        code: due <= at ? 'usage-report-overdue' : 'usage-report-due',
        status: due <= at ? 'overdue' : 'due',
        due: toIso(due),
        message: 'a secondary developer reports its use of the data regularly',
      });
    }
  }
  return out;
}

/** Copies the party holds (any role) that are the granted dataset or derived from it. */
async function heldUnder(
  core: ChainCore,
  dataset: string,
  holdings: readonly Holding[],
): Promise<string[]> {
  const out: string[] = [];
  for (const held of holdings) {
    if (held.copy.id === dataset) out.push(held.copy.id);
    else if ((await core.ancestors(held.copy.id)).some((copy) => copy.id === dataset)) {
      out.push(held.copy.id);
    }
  }
  return out;
}

async function withdrawalObligation(
  consent: WithdrawalSource,
  lineage: readonly CopyRecord[],
  at: number,
): Promise<OpenObligation | undefined> {
  const subjects = new Set<string>();
  let earliest = Number.POSITIVE_INFINITY;
  for (const copy of lineage) {
    const withdrawals = await collectAll(consent.withdrawnSubjects(copy.ref));
    for (const withdrawal of withdrawals ?? []) {
      const when = toEpochMs(withdrawal.withdrawnAt, 'withdrawal.withdrawnAt');
      if (when > at) continue;
      subjects.add(withdrawal.subject);
      earliest = Math.min(earliest, when);
    }
  }
  const copy = lineage[0] as CopyRecord;
  if (subjects.size === 0) return undefined;
  return {
    ...cite('C-RETENTION'),
    code: 'data-held-after-withdrawal',
    status: 'overdue',
    due: toIso(earliest),
    dataset: copy.id,
    message: `${subjects.size} subject(s) withdrew consent; stop processing and delete their data (or only store and secure it)`,
    subjects: [...subjects].sort(),
  };
}

async function retentionObligation(
  retention: RetentionSource,
  lineage: readonly CopyRecord[],
  at: number,
  horizon: number,
): Promise<OpenObligation | undefined> {
  let end: number | undefined;
  for (const copy of lineage) {
    const value = await retention.retentionEnd(copy.ref);
    if (value === undefined) continue;
    const ms = toEpochMs(value, 'retentionEnd');
    if (end === undefined || ms < end) end = ms;
  }
  const copy = lineage[0] as CopyRecord;
  if (end === undefined || end > horizon) return undefined;
  const overdue = end <= at;
  return {
    ...cite('C-RETENTION'),
    code: overdue ? 'data-held-after-retention' : 'retention-ending',
    status: overdue ? 'overdue' : 'due',
    due: toIso(end),
    dataset: copy.id,
    message: overdue
      ? 'the retention period ended; delete the data'
      : 'the retention period ends soon; plan deletion',
  };
}

/** The core with `ancestors` remembered for the length of one audit. */
function withAncestorCache(core: ChainCore): ChainCore {
  const cache = new Map<string, Promise<CopyRecord[]>>();
  return {
    ...core,
    ancestors(id) {
      let found = cache.get(id);
      if (found === undefined) {
        found = core.ancestors(id);
        cache.set(id, found);
      }
      return found;
    },
  };
}
