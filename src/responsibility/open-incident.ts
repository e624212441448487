import { z } from 'zod';
import { toHex } from '../core/bytes.ts';
import { parseArgument } from '../core/parse.ts';
import type { RandomSource } from '../core/random.ts';
import { DatasetRef, Id, PartyRef } from '../core/refs.ts';
import { toEpochMs, toIso } from '../core/time.ts';
import { ResponsibilityError } from '../errors/kinds.ts';
import { assignmentInForce, groupAssignments } from './attribution.ts';
import { addCalendar, type CalendarDuration } from './calendar.ts';
import type { ChainCore } from './chain-core.ts';
import type { Citation } from './citations.ts';
import type { CopyRecord, CustodyAnomaly } from './custody-store.ts';
import type { GrantController, GrantSource, Instant, SubjectSource } from './facts.ts';
import { holdersAt, incidentParties, notify } from './incident-duties.ts';
import { INCIDENT_PURPOSE, incidentEvent } from './incident-event.ts';
import type {
  AffectedCopy,
  CopyParty,
  GrantAction,
  IncidentKind,
  IncidentNotification,
  IncidentParty,
  IncidentReport,
} from './incident-report.ts';
import { affectedSubjects } from './incident-subjects.ts';
import { buildTimeline } from './incident-timeline.ts';
import type { EventAppender } from './ledger-entry.ts';
import { suspendGrants } from './misuse-grants.ts';

/** Input of `openIncident`. */
export interface IncidentInput {
  /** The incident id (default: random `incident-<16 hex>`). */
  readonly id?: string | undefined;
  /** The copies the incident happened to. */
  readonly datasets: readonly (DatasetRef | string)[];
  readonly kind: IncidentKind;
  readonly discoveredAt: Instant;
  /** When it happened, if known (default: `discoveredAt`); parties are attributed at this time. */
  readonly occurredAt?: Instant | undefined;
  readonly scope?:
    | {
        /** The fields involved. */
        readonly fields?: readonly string[] | undefined;
        /** The subjects involved, when known (narrows the affected subjects). */
        readonly subjects?: readonly string[] | undefined;
        /** For misuse: the parties that misused the data (default: every user of the affected copies). */
        readonly parties?: readonly (PartyRef | string)[] | undefined;
        readonly description?: string | undefined;
      }
    | undefined;
  /** Who reports it (default: the chain's operator). */
  readonly reportedBy?: PartyRef | undefined;
  /** Record an `incident` event in the ledger (default true; false for a dry run). */
  readonly record?: boolean | undefined;
  /** For misuse: the deadline to correct it (default: reported time plus the chain's correction period). */
  readonly correctBy?: Instant | undefined;
}

const InstantSchema = z.union([z.string(), z.date(), z.number()]);
const IncidentInputSchema = z.strictObject({
  id: Id.optional(),
  datasets: z
    .array(z.union([DatasetRef, Id]))
    .min(1)
    .max(10_000),
  kind: z.enum(['leak', 'tamper', 'loss', 'misuse']),
  discoveredAt: InstantSchema,
  occurredAt: InstantSchema.optional(),
  scope: z
    .strictObject({
      fields: z.array(z.string().min(1).max(128)).optional(),
      subjects: z.array(Id).optional(),
      parties: z.array(z.union([PartyRef, Id])).optional(),
      description: z.string().max(4000).optional(),
    })
    .optional(),
  reportedBy: PartyRef.optional(),
  record: z.boolean().optional(),
  correctBy: InstantSchema.optional(),
});

/** What an incident needs besides the custody core. */
export interface IncidentContext {
  readonly random: RandomSource;
  readonly operator: PartyRef;
  readonly appender: EventAppender | undefined;
  readonly authorities: readonly PartyRef[];
  readonly subjects: SubjectSource | undefined;
  readonly grants: GrantSource | undefined;
  readonly grantController: GrantController | undefined;
  /** Time allowed to correct a misuse before the grant ends. */
  readonly correctionPeriod: CalendarDuration;
}

/**
 * Opens an incident: finds the affected and downstream copies and their
 * responsible parties at the incident time, the affected subjects, who must
 * be notified (P-INCIDENT), a ledger timeline; suspends grants on misuse
 * (S-SUSPEND); records an `incident` event.
 *
 * @param core - the chain core
 * @param context - random source, operator, appender and fact sources
 * @param input - the incident
 * @returns the report
 * @throws {ValidationError} when the input is malformed
 * @throws {ResponsibilityError} when a dataset is unknown (`unknown-dataset`) or nothing can record the event (`no-appender`)
 */
export async function openIncident(
  core: ChainCore,
  context: IncidentContext,
  input: IncidentInput,
): Promise<IncidentReport> {
  const parsed = parseArgument(IncidentInputSchema, input, 'incident');
  const record = parsed.record ?? true;
  if (record && context.appender === undefined) {
    throw new ResponsibilityError(
      'an incident must be recorded in the ledger but no appender was given; pass one or record: false',
      { reason: 'no-appender', path: 'options.appender' },
    );
  }
  await core.sync();
  const discovered = toEpochMs(parsed.discoveredAt, 'incident.discoveredAt');
  const occurred =
    parsed.occurredAt === undefined
      ? discovered
      : toEpochMs(parsed.occurredAt, 'incident.occurredAt');
  const id = parsed.id ?? `incident-${toHex(context.random(new Uint8Array(8)))}`;
  const reportedBy = parsed.reportedBy ?? context.operator;
  const reportedAt = core.clock();

  const named: CopyRecord[] = [];
  for (const [i, dataset] of parsed.datasets.entries()) {
    const copy = await core.requireCopy(dataset, `incident.datasets[${i}]`);
    if (!named.some((n) => n.id === copy.id)) named.push(copy);
  }
  const namedIds = named.map((copy) => copy.id);
  const downstream = (await core.descendants(namedIds)).filter(
    (copy) => copy.deletedAt === undefined || Date.parse(copy.deletedAt) > occurred,
  );
  const upstream: CopyRecord[] = [];
  for (const copy of named) {
    for (const ancestor of await core.ancestors(copy.id)) {
      if (!namedIds.includes(ancestor.id) && !upstream.some((u) => u.id === ancestor.id)) {
        upstream.push(ancestor);
      }
    }
  }

  const copies: AffectedCopy[] = [];
  for (const [relation, list] of [
    ['named', named],
    ['downstream', downstream],
  ] as const) {
    for (const copy of list) {
      const created = Date.parse(copy.createdAt);
      const at = Math.max(occurred, created);
      const inForce = (await core.store.assignments(copy.id)).filter((a) =>
        assignmentInForce(a, at),
      );
      copies.push({
        copy: copy.id,
        ref: copy.ref,
        relation,
        parents: copy.parents,
        derivedAfterIncident: created > occurred,
        attributedAt: toIso(at),
        ...(copy.subjectCount === undefined ? {} : { subjectCount: copy.subjectCount }),
        parties: groupAssignments(inForce).map(
          (p): CopyParty => ({
            party: p.party,
            roles: p.roles,
            since: p.since,
            ...(p.until === undefined ? {} : { until: p.until }),
            basis: p.basis,
          }),
        ),
      });
    }
  }

  const subjects = await affectedSubjects(core, context.subjects, copies, parsed.scope?.subjects);
  const parties = incidentParties(copies, parsed.kind, subjects);
  const upstreamHolders = await holdersAt(core, upstream, occurred);
  const notifications = notify(copies, subjects, context.authorities, reportedBy, upstreamHolders);
  const grantActions =
    parsed.kind === 'misuse'
      ? await suspendGrants(
          context,
          copies,
          upstream,
          parsed.scope?.parties,
          reportedAt,
          toIso(
            parsed.correctBy === undefined
              ? addCalendar(reportedAt, context.correctionPeriod, 0)
              : toEpochMs(parsed.correctBy, 'incident.correctBy'),
          ),
          id,
        )
      : [];
  // Upstream events count only up to the derivation of the last named copy:
  // how the data got here, not what else happened to its source since.
  let cutoff = Number.NEGATIVE_INFINITY;
  for (const copy of named) if (copy.createdIndex > cutoff) cutoff = copy.createdIndex;
  const timeline = await buildTimeline(
    core,
    copies.map((c) => c.copy),
    upstream.map((u) => u.id),
    cutoff,
  );
  const anomalies: CustodyAnomaly[] = [];
  for (const copy of copies)
    for (const anomaly of await core.store.anomalies(copy.copy)) anomalies.push(anomaly);

  let recorded: IncidentReport['recorded'];
  if (record) {
    const event = incidentEvent({
      id,
      time: toIso(reportedAt),
      reportedBy,
      kind: parsed.kind,
      discovered,
      occurred: parsed.occurredAt === undefined ? undefined : occurred,
      copies,
      subjects,
      fields: parsed.scope?.fields,
      grantActions,
    });
    const { index } = await (context.appender as EventAppender).append(event);
    recorded = { index, eventId: id };
    await core.sync();
    timeline.push({
      index,
      time: event.time,
      eventId: id,
      processing: 'incident',
      actor: reportedBy,
      purpose: INCIDENT_PURPOSE,
      copies: copies.map((c) => c.copy),
    });
  }

  const rules = collectRules(parties, notifications, grantActions);
  return {
    id,
    kind: parsed.kind,
    discoveredAt: toIso(discovered),
    ...(parsed.occurredAt === undefined ? {} : { occurredAt: toIso(occurred) }),
    reportedAt: toIso(reportedAt),
    reportedBy,
    ...(parsed.scope?.description === undefined ? {} : { description: parsed.scope.description }),
    ...(parsed.scope?.fields === undefined ? {} : { fields: parsed.scope.fields }),
    datasets: namedIds,
    copies,
    upstream: upstream.map((u) => u.id),
    subjects,
    notifications,
    parties,
    grantActions,
    timeline,
    anomalies,
    ...(recorded === undefined ? {} : { recorded }),
    rules,
  };
}

function collectRules(
  parties: readonly IncidentParty[],
  notifications: readonly IncidentNotification[],
  grantActions: readonly GrantAction[],
): Citation[] {
  // One entry per rule, with every article cited for it.
  const seen = new Map<string, string[]>();
  const add = (c: Citation) => {
    const articles = seen.get(c.rule) ?? [];
    for (const part of c.article.split('; ')) if (!articles.includes(part)) articles.push(part);
    seen.set(c.rule, articles);
  };
  for (const p of parties) for (const d of p.duties) add(d);
  for (const n of notifications) add(n);
  for (const g of grantActions) add(g);
  return [...seen].map(([rule, articles]) => ({ rule, article: articles.join('; ') }));
}
