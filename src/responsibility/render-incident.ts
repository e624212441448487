import { z } from 'zod';
import { parseArgument } from '../core/parse.ts';
import type { PartyRef } from '../core/refs.ts';
import type { IncidentReport } from './incident-report.ts';

/** A report as rows of plain text, shared by the Markdown and HTML renderers. */
export interface ReportSection {
  readonly title: string;
  /** Shown before the table, if any. */
  readonly text?: readonly string[] | undefined;
  readonly header?: readonly string[] | undefined;
  readonly rows?: readonly (readonly string[])[] | undefined;
}

const kindNames: Readonly<Record<IncidentReport['kind'], string>> = {
  leak: 'leak (泄露)',
  tamper: 'tampering (篡改)',
  loss: 'loss (丢失)',
  misuse: 'misuse (违规使用)',
};

// What the renderers read of a report, so a malformed one (a report edited by
// hand, or not a report at all) fails with a ValidationError. Loose objects:
// extra members are ignored, and only the rendered members are checked.
const Party = z.object({ id: z.string(), name: z.string().optional() });
const Cited = { rule: z.string(), article: z.string() };
const Strings = z.array(z.string());
const ReportShape = z.object({
  id: z.string(),
  kind: z.enum(['leak', 'tamper', 'loss', 'misuse']),
  discoveredAt: z.string(),
  occurredAt: z.string().optional(),
  reportedAt: z.string(),
  reportedBy: Party,
  description: z.string().optional(),
  fields: Strings.optional(),
  datasets: Strings,
  recorded: z.object({ index: z.number(), eventId: z.string() }).optional(),
  subjects: z.object({
    count: z.number().nullable(),
    basis: z.string(),
    lowerBound: z.boolean(),
    ids: Strings.optional(),
  }),
  copies: z.array(
    z.object({
      copy: z.string(),
      relation: z.string(),
      derivedAfterIncident: z.boolean(),
      parents: Strings,
      subjectCount: z.number().optional(),
      attributedAt: z.string(),
      parties: z.array(z.object({ party: Party, roles: Strings, basis: Strings })),
    }),
  ),
  upstream: Strings,
  notifications: z.array(
    z.object({
      ...Cited,
      to: z.string(),
      party: Party.optional(),
      by: z.array(Party),
      required: z.boolean(),
      reason: z.string(),
      contents: Strings.optional(),
    }),
  ),
  parties: z.array(
    z.object({
      party: Party,
      copies: z.array(z.object({ copy: z.string(), roles: Strings })),
      duties: z.array(z.object({ ...Cited, description: z.string(), copies: Strings })),
    }),
  ),
  grantActions: z.array(
    z.object({
      ...Cited,
      grant: z.string(),
      grantee: z.string(),
      dataset: z.string(),
      action: z.string(),
      at: z.string(),
    }),
  ),
  timeline: z.array(
    z.object({
      index: z.number(),
      time: z.string(),
      eventId: z.string(),
      processing: z.string(),
      actor: Party,
      onBehalfOf: Party.optional(),
      recipients: z.array(Party).optional(),
      copies: Strings,
    }),
  ),
  anomalies: z.array(
    z.object({
      copy: z.string(),
      index: z.number(),
      eventId: z.string(),
      code: z.string(),
      message: z.string(),
    }),
  ),
  rules: z.array(z.object(Cited)),
});

/**
 * Checks that a value has every member the renderers read, with its type.
 *
 * @param report - the value given as a report
 * @throws {ValidationError} naming the first malformed member
 */
export function assertIncidentReport(report: unknown): asserts report is IncidentReport {
  parseArgument(ReportShape, report, 'report');
}

/** A party as `name (id)`, or its id. */
function partyLabel(party: PartyRef): string {
  return party.name === undefined ? party.id : `${party.name} (${party.id})`;
}

/**
 * Lays an incident report out as titled sections of plain text cells.
 *
 * @param report - the report
 * @returns the sections, in reading order
 */
export function reportSections(report: IncidentReport): ReportSection[] {
  const summary: string[][] = [
    ['Incident', report.id],
    ['Kind', kindNames[report.kind]],
    ['Discovered', report.discoveredAt],
    ...(report.occurredAt === undefined ? [] : [['Occurred', report.occurredAt]]),
    ['Reported', `${report.reportedAt} by ${partyLabel(report.reportedBy)}`],
    ['Datasets named', report.datasets.join(', ')],
    ...(report.fields === undefined ? [] : [['Fields', report.fields.join(', ')]]),
    ...(report.description === undefined ? [] : [['Description', report.description]]),
    [
      'Recorded in ledger',
      report.recorded === undefined
        ? 'not recorded (dry run)'
        : `index ${report.recorded.index}, event ${report.recorded.eventId}`,
    ],
  ];
  const subjects = report.subjects;
  const count =
    subjects.count === null
      ? 'unknown'
      : `${subjects.lowerBound ? 'at least ' : ''}${subjects.count}`;
  return [
    { title: 'Summary', header: ['', ''], rows: summary },
    {
      title: 'Affected copies',
      header: [
        'Copy',
        'Relation',
        'Derived from',
        'Subjects',
        'Attributed at',
        'Responsible parties',
      ],
      rows: report.copies.map((c) => [
        c.copy,
        c.relation + (c.derivedAfterIncident ? ' (derived after the incident)' : ''),
        c.parents.join(', '),
        c.subjectCount === undefined ? '' : String(c.subjectCount),
        c.attributedAt,
        c.parties
          .map((p) => `${partyLabel(p.party)}: ${p.roles.join(', ')} [${p.basis.join(', ')}]`)
          .join('; '),
      ]),
      text:
        report.upstream.length === 0
          ? undefined
          : [`Upstream copies: ${report.upstream.join(', ')}`],
    },
    {
      title: 'Affected subjects',
      text: [
        `Count: ${count} (${subjects.count === null ? 'unknown' : subjects.lowerBound ? 'lower bound' : 'exact'}; basis: ${subjects.basis})`,
        ...(subjects.ids === undefined ? [] : [subjectIdsLine(subjects.ids)]),
      ],
    },
    {
      title: 'Notifications (P-INCIDENT)',
      header: ['To', 'Who', 'Sent by', 'Required', 'Rule', 'Reason'],
      rows: report.notifications.map((n) => [
        n.to,
        n.to === 'subjects'
          ? `${count} affected person(s)`
          : n.party === undefined
            ? ''
            : partyLabel(n.party),
        n.by.map(partyLabel).join(', '),
        n.required ? 'yes' : 'no',
        `${n.rule} (${n.article})`,
        n.reason + (n.contents === undefined ? '' : `. Contents: ${n.contents.join('; ')}`),
      ]),
    },
    {
      title: 'Responsible parties and duties',
      header: ['Party', 'Copies and roles', 'Duty', 'Rule', 'Applies to'],
      rows: report.parties.flatMap((p) =>
        p.duties.map((d, i) => [
          i === 0 ? partyLabel(p.party) : '',
          i === 0 ? p.copies.map((c) => `${c.copy}: ${c.roles.join(', ')}`).join('; ') : '',
          d.description,
          `${d.rule} (${d.article})`,
          d.copies.join(', '),
        ]),
      ),
    },
    ...(report.grantActions.length === 0
      ? []
      : [
          {
            title: 'Grant actions (S-SUSPEND)',
            header: ['Grant', 'Grantee', 'Dataset', 'Action', 'At', 'Rule'],
            rows: report.grantActions.map((g) => [
              g.grant,
              g.grantee,
              g.dataset,
              g.action,
              g.at,
              `${g.rule} (${g.article})`,
            ]),
          },
        ]),
    {
      title: 'Timeline',
      header: ['#', 'Time', 'Event', 'Processing', 'Actor', 'Recipients', 'Copies'],
      rows: report.timeline.map((t) => [
        String(t.index),
        t.time,
        t.eventId,
        t.processing,
        partyLabel(t.actor) +
          (t.onBehalfOf === undefined ? '' : ` for ${partyLabel(t.onBehalfOf)}`),
        (t.recipients ?? []).map(partyLabel).join(', '),
        t.copies.join(', '),
      ]),
    },
    ...(report.anomalies.length === 0
      ? []
      : [
          {
            title: 'Attribution anomalies',
            header: ['Copy', 'Ledger index', 'Event', 'Code', 'Message'],
            rows: report.anomalies.map((a) => [
              a.copy,
              String(a.index),
              a.eventId,
              a.code,
              a.message,
            ]),
          },
        ]),
    {
      title: 'Rules cited',
      header: ['Rule', 'Article'],
      rows: report.rules.map((r) => [r.rule, r.article]),
    },
  ];
}

/** Most subject ids a rendered report lists (a subject index may name millions of digests). */
const LISTED_IDS = 50;

function subjectIdsLine(ids: readonly string[]): string {
  if (ids.length <= LISTED_IDS) return `Subject ids: ${ids.join(', ')}`;
  return `Subject ids: ${ids.slice(0, LISTED_IDS).join(', ')} … (${ids.length} in all; the JSON report lists every one)`;
}
