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

/** The languages an incident report renders in. */
export type IncidentReportLang = 'en' | 'zh-CN';

/** Options of the incident report renderers. */
export interface IncidentRenderOptions {
  /** Language of the report's titles and labels (default `en`); ids and cited rules stay as recorded. */
  readonly lang?: IncidentReportLang | undefined;
}

const EN_LABELS = {
  title: 'Incident report',
  none: 'None.',
  incident: 'Incident',
  kind: 'Kind',
  discovered: 'Discovered',
  occurred: 'Occurred',
  reported: 'Reported',
  by: 'by',
  datasetsNamed: 'Datasets named',
  fields: 'Fields',
  description: 'Description',
  recordedInLedger: 'Recorded in ledger',
  notRecorded: 'not recorded (dry run)',
  recordedAt: 'index {index}, event {event}',
  unknown: 'unknown',
  atLeast: 'at least ',
  summary: 'Summary',
  affectedCopies: 'Affected copies',
  copy: 'Copy',
  relation: 'Relation',
  derivedFrom: 'Derived from',
  subjects: 'Subjects',
  attributedAt: 'Attributed at',
  responsibleParties: 'Responsible parties',
  derivedAfter: ' (derived after the incident)',
  upstream: 'Upstream copies: ',
  affectedSubjects: 'Affected subjects',
  count: 'Count: {count} ({precision}; basis: {basis})',
  countUnknown: 'unknown',
  countLowerBound: 'lower bound',
  countExact: 'exact',
  allIds: ' … ({count} in all; the JSON report lists every one)',
  subjectIds: 'Subject ids: ',
  notifications: 'Notifications (P-INCIDENT)',
  to: 'To',
  who: 'Who',
  sentBy: 'Sent by',
  required: 'Required',
  rule: 'Rule',
  reason: 'Reason',
  persons: '{count} affected person(s)',
  personsUnknown: 'an unknown number of affected persons',
  yes: 'yes',
  no: 'no',
  contents: '. Contents: ',
  partiesAndDuties: 'Responsible parties and duties',
  party: 'Party',
  copiesAndRoles: 'Copies and roles',
  duty: 'Duty',
  appliesTo: 'Applies to',
  grantActions: 'Grant actions (S-SUSPEND)',
  grant: 'Grant',
  grantee: 'Grantee',
  dataset: 'Dataset',
  action: 'Action',
  at: 'At',
  timeline: 'Timeline',
  time: 'Time',
  event: 'Event',
  processing: 'Processing',
  actor: 'Actor',
  recipients: 'Recipients',
  copies: 'Copies',
  for: ' for ',
  anomalies: 'Attribution anomalies',
  ledgerIndex: 'Ledger index',
  code: 'Code',
  message: 'Message',
  rulesCited: 'Rules cited',
  article: 'Article',
  leak: 'leak (泄露)',
  tamper: 'tampering (篡改)',
  loss: 'loss (丢失)',
  misuse: 'misuse (违规使用)',
} as const;

/** A label of the incident report. */
export type IncidentLabel = keyof typeof EN_LABELS;

const ZH_LABELS: Readonly<Record<IncidentLabel, string>> = {
  title: '安全事件报告',
  none: '无。',
  incident: '事件',
  kind: '类型',
  discovered: '发现时间',
  occurred: '发生时间',
  reported: '报告',
  by: '报告方',
  datasetsNamed: '所涉数据副本',
  fields: '字段',
  description: '说明',
  recordedInLedger: '账本记录',
  notRecorded: '未记录（试运行）',
  recordedAt: '条目 #{index}，事件 {event}',
  unknown: '未知',
  atLeast: '至少 ',
  summary: '概要',
  affectedCopies: '受影响的副本',
  copy: '副本',
  relation: '关系',
  derivedFrom: '来源副本',
  subjects: '主体数',
  attributedAt: '责任认定时间',
  responsibleParties: '责任方',
  derivedAfter: '（事件后派生）',
  upstream: '上游副本：',
  affectedSubjects: '受影响的个人信息主体',
  count: '数量：{count}（{precision}；依据：{basis}）',
  countUnknown: '未知',
  countLowerBound: '下限',
  countExact: '精确',
  allIds: ' …（共 {count} 个；JSON 报告列出全部）',
  subjectIds: '主体编号：',
  notifications: '告知与报告（P-INCIDENT）',
  to: '对象',
  who: '当事方',
  sentBy: '告知方',
  required: '是否必须',
  rule: '规则',
  reason: '原因',
  persons: '{count} 名受影响的个人',
  personsUnknown: '人数未知的受影响个人',
  yes: '是',
  no: '否',
  contents: '。内容：',
  partiesAndDuties: '责任方及其义务',
  party: '当事方',
  copiesAndRoles: '副本与角色',
  duty: '义务',
  appliesTo: '适用副本',
  grantActions: '授权处置（S-SUSPEND）',
  grant: '授权',
  grantee: '被授权方',
  dataset: '数据集',
  action: '措施',
  at: '时间',
  timeline: '时间线',
  time: '时间',
  event: '事件编号',
  processing: '处理活动',
  actor: '处理者',
  recipients: '接收方',
  copies: '副本',
  for: '，代表 ',
  anomalies: '责任认定异常',
  ledgerIndex: '账本序号',
  code: '代码',
  message: '说明',
  rulesCited: '引用的规则',
  article: '条款',
  leak: '泄露（leak）',
  tamper: '篡改（tamper）',
  loss: '丢失（loss）',
  misuse: '违规使用（misuse）',
};

/** The incident report's labels in each language (a test checks both are complete). */
export const INCIDENT_LABELS: Readonly<
  Record<IncidentReportLang, Readonly<Record<IncidentLabel, string>>>
> = { en: EN_LABELS, 'zh-CN': ZH_LABELS };

// Responsibility roles (DESIGN.md): 所有, 持有, 管理, 使用, 采集.
const ROLES_ZH: Readonly<Record<string, string>> = {
  owner: '所有方',
  holder: '持有方',
  manager: '管理方',
  user: '使用方',
  collector: '采集方',
};

/**
 * A label of the incident report in a language, `{name}` placeholders filled.
 *
 * @param lang - the language
 * @param key - the label
 * @param params - placeholder values
 * @returns the text
 */
export function incidentLabel(
  lang: IncidentReportLang,
  key: IncidentLabel,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const labels = INCIDENT_LABELS[lang] ?? EN_LABELS;
  return labels[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

function roleNames(lang: IncidentReportLang, roles: readonly string[]): string {
  return roles
    .map((role) => (lang === 'zh-CN' ? (ROLES_ZH[role] ?? role) : role))
    .join(lang === 'zh-CN' ? '、' : ', ');
}

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
 * @param lang - language of titles and labels (default en)
 * @returns the sections, in reading order
 */
export function reportSections(
  report: IncidentReport,
  lang: IncidentReportLang = 'en',
): ReportSection[] {
  const L = (key: IncidentLabel, params?: Readonly<Record<string, string | number>>) =>
    incidentLabel(lang, key, params);
  const summary: string[][] = [
    [L('incident'), report.id],
    [L('kind'), L(report.kind)],
    [L('discovered'), report.discoveredAt],
    ...(report.occurredAt === undefined ? [] : [[L('occurred'), report.occurredAt]]),
    [L('reported'), `${report.reportedAt} ${L('by')} ${partyLabel(report.reportedBy)}`],
    [L('datasetsNamed'), report.datasets.join(', ')],
    ...(report.fields === undefined ? [] : [[L('fields'), report.fields.join(', ')]]),
    ...(report.description === undefined ? [] : [[L('description'), report.description]]),
    [
      L('recordedInLedger'),
      report.recorded === undefined
        ? L('notRecorded')
        : L('recordedAt', { index: report.recorded.index, event: report.recorded.eventId }),
    ],
  ];
  const subjects = report.subjects;
  const count =
    subjects.count === null
      ? L('unknown')
      : `${subjects.lowerBound ? L('atLeast') : ''}${subjects.count}`;
  return [
    { title: L('summary'), header: ['', ''], rows: summary },
    {
      title: L('affectedCopies'),
      header: [
        L('copy'),
        L('relation'),
        L('derivedFrom'),
        L('subjects'),
        L('attributedAt'),
        L('responsibleParties'),
      ],
      rows: report.copies.map((c) => [
        c.copy,
        c.relation + (c.derivedAfterIncident ? L('derivedAfter') : ''),
        c.parents.join(', '),
        c.subjectCount === undefined ? '' : String(c.subjectCount),
        c.attributedAt,
        c.parties
          .map((p) => `${partyLabel(p.party)}: ${roleNames(lang, p.roles)} [${p.basis.join(', ')}]`)
          .join('; '),
      ]),
      text:
        report.upstream.length === 0
          ? undefined
          : [`${L('upstream')}${report.upstream.join(', ')}`],
    },
    {
      title: L('affectedSubjects'),
      text: [
        L('count', {
          count,
          precision: L(
            subjects.count === null
              ? 'countUnknown'
              : subjects.lowerBound
                ? 'countLowerBound'
                : 'countExact',
          ),
          basis: subjects.basis,
        }),
        ...(subjects.ids === undefined ? [] : [subjectIdsLine(subjects.ids, L)]),
      ],
    },
    {
      title: L('notifications'),
      header: [L('to'), L('who'), L('sentBy'), L('required'), L('rule'), L('reason')],
      rows: report.notifications.map((n) => [
        n.to,
        n.to === 'subjects'
          ? subjects.count === null && lang !== 'en'
            ? L('personsUnknown')
            : L('persons', { count })
          : n.party === undefined
            ? ''
            : partyLabel(n.party),
        n.by.map(partyLabel).join(', '),
        n.required ? L('yes') : L('no'),
        `${n.rule} (${n.article})`,
        n.reason + (n.contents === undefined ? '' : `${L('contents')}${n.contents.join('; ')}`),
      ]),
    },
    {
      title: L('partiesAndDuties'),
      header: [L('party'), L('copiesAndRoles'), L('duty'), L('rule'), L('appliesTo')],
      rows: report.parties.flatMap((p) =>
        p.duties.map((d, i) => [
          i === 0 ? partyLabel(p.party) : '',
          i === 0 ? p.copies.map((c) => `${c.copy}: ${roleNames(lang, c.roles)}`).join('; ') : '',
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
            title: L('grantActions'),
            header: [L('grant'), L('grantee'), L('dataset'), L('action'), L('at'), L('rule')],
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
      title: L('timeline'),
      header: [
        '#',
        L('time'),
        L('event'),
        L('processing'),
        L('actor'),
        L('recipients'),
        L('copies'),
      ],
      rows: report.timeline.map((t) => [
        String(t.index),
        t.time,
        t.eventId,
        t.processing,
        partyLabel(t.actor) +
          (t.onBehalfOf === undefined ? '' : `${L('for')}${partyLabel(t.onBehalfOf)}`),
        (t.recipients ?? []).map(partyLabel).join(', '),
        t.copies.join(', '),
      ]),
    },
    ...(report.anomalies.length === 0
      ? []
      : [
          {
            title: L('anomalies'),
            header: [L('copy'), L('ledgerIndex'), L('event'), L('code'), L('message')],
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
      title: L('rulesCited'),
      header: [L('rule'), L('article')],
      rows: report.rules.map((r) => [r.rule, r.article]),
    },
  ];
}

/** Most subject ids a rendered report lists (a subject index may name millions of digests). */
const LISTED_IDS = 50;

function subjectIdsLine(
  ids: readonly string[],
  L: (key: IncidentLabel, params?: Readonly<Record<string, string | number>>) => string,
): string {
  if (ids.length <= LISTED_IDS) return `${L('subjectIds')}${ids.join(', ')}`;
  return `${L('subjectIds')}${ids.slice(0, LISTED_IDS).join(', ')}${L('allIds', { count: ids.length })}`;
}
