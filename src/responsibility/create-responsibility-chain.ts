import { assertRecord } from '../core/assert.ts';
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import type { RandomSource } from '../core/random.ts';
import { systemRandom } from '../core/random.ts';
import type { DatasetRef, PartyRef } from '../core/refs.ts';
import { toEpochMs } from '../core/time.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { OwnerCatalog } from './apply-event.ts';
import { assignmentInForce, groupAssignments, type ResponsibleParty } from './attribution.ts';
import { type AuditOptions, auditDuties, type DutyAudit } from './audit-duties.ts';
import { parseDuration } from './calendar.ts';
import { createChainCore, type SyncResult } from './chain-core.ts';
import type { CopyEvent, CopyRecord, CustodyAnomaly, CustodyStore } from './custody-store.ts';
import type {
  GrantController,
  GrantSource,
  Instant,
  RetentionSource,
  SubjectSource,
  WithdrawalSource,
} from './facts.ts';
import type { GrantAction, IncidentReport } from './incident-report.ts';
import type { EventAppender, LedgerSource } from './ledger-entry.ts';
import { createMemoryCustodyStore } from './memory-custody-store.ts';
import { type ResolveMisuseOptions, resolveMisuse } from './misuse-grants.ts';
import { type IncidentInput, openIncident } from './open-incident.ts';

/** Options of {@link createResponsibilityChain}. */
export interface ResponsibilityChainOptions {
  /** The provenance ledger (or any ledger source) custody is derived from. */
  readonly ledger: LedgerSource;
  /** Where derived custody is kept (default: a new in-memory store). */
  readonly store?: CustodyStore | undefined;
  /** Declared owners: a `dataguard/tags` catalog (its `provider`) or anything with `get(id)`. */
  readonly catalog?: OwnerCatalog | undefined;
  /** Records incident events (default: the ledger, when it has `append`). */
  readonly appender?: EventAppender | undefined;
  readonly clock?: Clock | undefined;
  readonly random?: RandomSource | undefined;
  /** Who records incidents when the incident names no reporter. */
  readonly operator?: PartyRef | undefined;
  /** Competent authorities to report incidents to (default: the PI protection authority). */
  readonly authorities?: readonly PartyRef[] | undefined;
  readonly grants?: GrantSource | undefined;
  readonly grantController?: GrantController | undefined;
  readonly consent?: WithdrawalSource | undefined;
  readonly retention?: RetentionSource | undefined;
  readonly subjects?: SubjectSource | undefined;
  /** Time allowed to correct a misuse before its grants end (ISO 8601 duration, default `P30D`). */
  readonly correctionPeriod?: string | undefined;
  /** Ledger entries per store batch (default 500). */
  readonly batchSize?: number | undefined;
}

/** One copy with its custody history. */
export interface CustodyNode {
  readonly copy: CopyRecord;
  /** Ids of the copies derived directly from it. */
  readonly children: readonly string[];
  /** Every party that ever had a role, with spans and basis events. */
  readonly parties: readonly ResponsibleParty[];
  readonly anomalies: readonly CustodyAnomaly[];
}

/** The whole tree (a DAG when copies merge) of copies a dataset belongs to. */
export interface CustodyChain {
  readonly dataset: string;
  /** The original copies (collected or first observed) it descends from. */
  readonly roots: readonly string[];
  /** Every copy descending from the roots, in ledger order of creation. */
  readonly copies: readonly CustodyNode[];
}

/** A copy, the events that named it and the anomalies recorded for it. */
export interface CopyDescription {
  readonly copy: CopyRecord;
  readonly events: readonly CopyEvent[];
  readonly anomalies: readonly CustodyAnomaly[];
}

/** Attribution of responsibility and incident response over one ledger. */
export interface ResponsibilityChain {
  readonly store: CustodyStore;
  /** Applies ledger entries not yet reflected in the store (queries call it first). */
  sync(): Promise<SyncResult>;
  /** Who was responsible for one copy at `at` (default: now, per the ledger), in which roles, why. */
  responsibleParties(
    dataset: DatasetRef | string,
    options?: { readonly at?: Instant | undefined },
  ): Promise<ResponsibleParty[]>;
  /** The tree of copies the dataset belongs to, each with its custody history. */
  custodyChain(dataset: DatasetRef | string): Promise<CustodyChain>;
  /** One copy with the events that named it and its anomalies. */
  describeCopy(dataset: DatasetRef | string): Promise<CopyDescription>;
  /** A party's roles and open obligations at a time. */
  auditDuties(party: PartyRef | string, options?: AuditOptions): Promise<DutyAudit>;
  /** Opens an incident and records it. */
  openIncident(input: IncidentInput): Promise<IncidentReport>;
  /** Reinstates (corrected) or terminates (not corrected) the grants a misuse suspended. */
  resolveMisuse(report: IncidentReport, options: ResolveMisuseOptions): Promise<GrantAction[]>;
}

const DEFAULT_OPERATOR: PartyRef = Object.freeze({
  id: 'dataguard',
  kind: 'system',
  name: 'dataguard incident response',
});

/**
 * Creates a responsibility chain: custody derived from ledger events
 * (R-WHO, R-MANY), attribution at any time, duty audits and incidents.
 *
 * @param options - the ledger and, optionally, store, catalog, clock and fact sources
 * @returns the chain
 * @throws {ValidationError} when an option is malformed
 * @example
 * ```ts
 * import { createEventLog, createResponsibilityChain } from 'dataguard/responsibility';
 * const ledger = createEventLog();
 * const chain = createResponsibilityChain({ ledger });
 * await chain.sync(); // { position: -1, applied: 0 }
 * ```
 */
export function createResponsibilityChain(
  options: ResponsibilityChainOptions,
): ResponsibilityChain {
  if (typeof options !== 'object' || options === null || options.ledger === undefined) {
    throw new ValidationError('options.ledger is required', {
      path: 'options.ledger',
      reason: 'missing-ledger',
    });
  }
  const batchSize = options.batchSize ?? 500;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new ValidationError('options.batchSize must be a positive integer', {
      path: 'options.batchSize',
      reason: 'invalid-batch-size',
    });
  }
  const store = options.store ?? createMemoryCustodyStore();
  const correctionPeriod = parseDuration(
    options.correctionPeriod ?? 'P30D',
    'options.correctionPeriod',
  );
  const clock = options.clock ?? systemClock;
  const ledger = options.ledger;
  const appender =
    options.appender ??
    (typeof (ledger as Partial<EventAppender>).append === 'function'
      ? (ledger as unknown as EventAppender)
      : undefined);
  const core = createChainCore({
    source: ledger,
    store,
    catalog: options.catalog,
    clock,
    batchSize,
  });

  return {
    store,
    sync: core.sync,
    async responsibleParties(dataset, query = {}) {
      assertRecord(query, 'options');
      await core.sync();
      const copy = await core.requireCopy(dataset, 'dataset');
      const assignments = await store.assignments(copy.id);
      if (query.at === undefined) {
        return groupAssignments(assignments.filter((a) => a.until === undefined));
      }
      const at = toEpochMs(query.at, 'options.at');
      return groupAssignments(assignments.filter((a) => assignmentInForce(a, at)));
    },
    async custodyChain(dataset) {
      await core.sync();
      const copy = await core.requireCopy(dataset, 'dataset');
      const ancestors = await core.ancestors(copy.id);
      const roots = [copy, ...ancestors].filter((c) => c.parents.length === 0).map((c) => c.id);
      const members = [
        ...(await Promise.all(roots.map((id) => store.copy(id)))),
        ...(await core.descendants(roots)),
      ].filter((c): c is CopyRecord => c !== undefined);
      members.sort((a, b) => a.createdIndex - b.createdIndex);
      const copies: CustodyNode[] = [];
      for (const member of members) {
        copies.push({
          copy: member,
          children: (await store.children(member.id)).map((c) => c.id),
          parties: groupAssignments(await store.assignments(member.id)),
          anomalies: await store.anomalies(member.id),
        });
      }
      return { dataset: copy.id, roots, copies };
    },
    async describeCopy(dataset) {
      await core.sync();
      const copy = await core.requireCopy(dataset, 'dataset');
      return {
        copy,
        events: await store.events(copy.id),
        anomalies: await store.anomalies(copy.id),
      };
    },
    auditDuties: async (party, auditOptions = {}) => {
      assertRecord(auditOptions, 'options');
      return auditDuties(core, party, auditOptions, {
        grants: options.grants,
        consent: options.consent,
        retention: options.retention,
      });
    },
    openIncident: (input) =>
      openIncident(
        core,
        {
          random: options.random ?? systemRandom,
          operator: options.operator ?? DEFAULT_OPERATOR,
          appender,
          authorities: options.authorities ?? [],
          subjects: options.subjects,
          grants: options.grants,
          grantController: options.grantController,
          correctionPeriod,
        },
        input,
      ),
    resolveMisuse: async (report, resolveOptions) => {
      assertRecord(report, 'report');
      assertRecord(resolveOptions, 'options');
      return resolveMisuse(options.grantController, report, resolveOptions, clock());
    },
  };
}
