import { ValidationError } from '../errors/kinds.ts';

/** A requirement the report checks: k-anonymity, distinct l-diversity or t-closeness of one attribute. */
export type RequirementId = 'k' | 'l' | 't';

/** A risk figure the report shows. */
export type RiskFigureId =
  | 'prosecutor-highest'
  | 'prosecutor-average'
  | 'records-at-highest'
  | 'unique-share'
  | 'marketer'
  | 'journalist-highest'
  | 'journalist-average';

/** The language of a report: Simplified Chinese or English. */
export type ReportLanguage = 'zh-CN' | 'en';

/**
 * Every word a risk or release report shows, in one language. Sentences that
 * hold numbers are functions, so each language orders its own words.
 */
export interface ReportLabels {
  readonly lang: ReportLanguage;
  readonly riskTitle: string;
  readonly releaseTitle: string;
  readonly verdict: string;
  readonly yes: string;
  readonly no: string;
  readonly noRequirements: string;
  readonly input: string;
  /** Heading of the measured table's part in a release report. */
  readonly measured: string;
  readonly file: string;
  readonly rows: string;
  readonly columns: string;
  readonly quasiIdentifiers: string;
  readonly sensitiveAttributes: string;
  readonly directIdentifiers: string;
  readonly none: string;
  /** Where the quasi-identifiers came from. */
  readonly sourceOption: string;
  readonly sourceDataset: string;
  readonly sourceProfile: string;
  readonly requirements: string;
  readonly requirement: string;
  readonly required: string;
  readonly achieved: string;
  readonly result: string;
  readonly pass: string;
  readonly fail: string;
  readonly requirementName: Readonly<Record<RequirementId, string>>;
  /** The requirement in one line, e.g. "Meets k=5". */
  readonly meets: (id: RequirementId, required: number, attribute: string | undefined) => string;
  /** The sentence a data officer signs off on. */
  readonly sentence: (
    id: RequirementId,
    required: number,
    achieved: number,
    met: boolean,
    attribute: string | undefined,
  ) => string;
  readonly risks: string;
  readonly figure: string;
  readonly value: string;
  readonly meaning: string;
  readonly riskName: Readonly<Record<RiskFigureId, string>>;
  readonly riskExplanation: Readonly<Record<RiskFigureId, string>>;
  readonly histogram: string;
  readonly histogramCaption: (classes: number, records: number) => string;
  readonly xAxis: string;
  readonly yAxis: string;
  readonly noClasses: string;
  readonly grade: string;
  readonly gradeName: Readonly<Record<1 | 2 | 3 | 4, string>>;
  readonly gradeReason: (
    grade: 1 | 2 | 3 | 4,
    highest: number,
    average: number,
    maxHighest: number,
    maxAverage: number,
  ) => string;
  readonly recommendation: string;
  readonly attribute: string;
  readonly level: string;
  readonly levelLabel: string;
  readonly levelOriginal: string;
  readonly levelSuppressed: string;
  readonly levelExample: (example: string, groups: number) => string;
  readonly recommendationSummary: (k: number, suppressed: number, grade: number) => string;
  readonly release: string;
  readonly dataset: string;
  readonly processing: string;
  readonly rowsIn: string;
  readonly rowsOut: string;
  readonly rejected: string;
  readonly outputColumns: string;
  readonly gate: string;
  readonly gatePassed: string;
  readonly gateNotGated: string;
  readonly before: string;
  readonly after: string;
  readonly footer: string;
}

const n4 = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(4));

/** English labels (the default). */
export const REPORT_LABELS_EN: ReportLabels = {
  lang: 'en',
  riskTitle: 'Re-identification risk report',
  releaseTitle: 'Release report',
  verdict: 'Verdict',
  yes: 'yes',
  no: 'no',
  noRequirements: 'No requirement was given: the figures below are measured, not judged.',
  input: 'Input',
  measured: 'What was measured (the released table)',
  file: 'File',
  rows: 'Rows',
  columns: 'Columns',
  quasiIdentifiers: 'Quasi-identifiers measured',
  sensitiveAttributes: 'Sensitive attributes measured',
  directIdentifiers: 'Direct identifiers in the input',
  none: 'none',
  sourceOption: 'given with --qi / --sensitive',
  sourceDataset: 'from the dataset definition',
  sourceProfile: 'found by column profiling',
  requirements: 'Requirements',
  requirement: 'Requirement',
  required: 'Required',
  achieved: 'Achieved',
  result: 'Result',
  pass: 'PASS',
  fail: 'FAIL',
  requirementName: {
    k: 'k-anonymity',
    l: 'l-diversity (distinct)',
    t: 't-closeness (equal distance)',
  },
  meets: (id, required, attribute) =>
    id === 'k' ? `Meets k=${required}` : `Meets ${id}=${required} on ${attribute ?? ''}`,
  sentence: (id, required, achieved, met, attribute) => {
    if (id === 'k')
      return met
        ? `Every combination of quasi-identifier values is shared by at least ${required} records (the smallest group has ${achieved}).`
        : `Some records share their quasi-identifier values with fewer than ${required} records: the smallest group has ${achieved}.`;
    if (id === 'l')
      return met
        ? `Every group shows at least ${required} different values of ${attribute ?? ''} (the least diverse shows ${achieved}).`
        : `Some group shows fewer than ${required} different values of ${attribute ?? ''} (the least diverse shows ${achieved}), so its members' ${attribute ?? ''} can be inferred.`;
    return met
      ? `In every group the distribution of ${attribute ?? ''} is within ${required} of the whole table's (the largest distance is ${n4(achieved)}).`
      : `Some group's distribution of ${attribute ?? ''} differs from the whole table's by ${n4(achieved)}, more than ${required}.`;
  },
  risks: 'Risk figures',
  figure: 'Figure',
  value: 'Value',
  meaning: 'What it means',
  riskName: {
    'prosecutor-highest': 'Highest record risk (prosecutor)',
    'prosecutor-average': 'Average record risk (prosecutor)',
    'records-at-highest': 'Records at the highest risk',
    'unique-share': 'Unique records',
    marketer: 'Marketer risk',
    'journalist-highest': 'Highest record risk (journalist)',
    'journalist-average': 'Average record risk (journalist)',
  },
  riskExplanation: {
    'prosecutor-highest':
      'An attacker who knows a person is in this file and knows their quasi-identifiers picks the right record with at most this probability (1 / the smallest group).',
    'prosecutor-average': 'The same probability averaged over all records.',
    'records-at-highest': 'Share of records that carry the highest risk above.',
    'unique-share':
      'Share of records that no other record matches on the quasi-identifiers (each is identifiable by them alone).',
    marketer:
      'Share of records an attacker would re-identify by linking every record with an identified list.',
    'journalist-highest':
      'As the highest prosecutor risk, but the attacker only knows the person is in the population.',
    'journalist-average': 'The journalist risk averaged over all records.',
  },
  histogram: 'Equivalence class sizes',
  histogramCaption: (classes, records) =>
    `${classes} groups of records sharing the same quasi-identifier values, ${records} records in all. Bars left of size k are the groups at risk.`,
  xAxis: 'class size (records sharing the same quasi-identifiers)',
  yAxis: 'number of classes',
  noClasses: 'No classes: the input has no records.',
  grade: 'GB/T 42460 de-identification grade',
  gradeName: {
    1: 'Grade 1 — directly identifiable',
    2: 'Grade 2 — direct identifiers removed, re-identification risk not controlled',
    3: 'Grade 3 — direct identifiers removed, re-identification risk low',
    4: 'Grade 4 — aggregate data without individual records',
  },
  gradeReason: (grade, highest, average, maxHighest, maxAverage) => {
    if (grade === 1)
      return 'The input still holds direct identifiers (names, ID numbers, phone numbers…), so every record names its subject.';
    if (grade === 4) return 'The data is aggregated: it holds no individual records.';
    const figures = `highest risk ${n4(highest)} (limit ${maxHighest}), average risk ${n4(average)} (limit ${maxAverage})`;
    return grade === 3
      ? `No direct identifier remains and the re-identification risk is within dataguard's limits: ${figures}.`
      : `No direct identifier remains, but the re-identification risk exceeds dataguard's limits: ${figures}.`;
  },
  recommendation: 'Recommended generalization',
  attribute: 'Attribute',
  level: 'Level',
  levelLabel: 'What the level shows',
  levelOriginal: 'original values',
  levelSuppressed: 'suppressed (*)',
  levelExample: (example, groups) => `values such as “${example}” (${groups} groups)`,
  recommendationSummary: (k, suppressed, grade) =>
    `With these levels the smallest group has ${k} ${k === 1 ? 'record' : 'records'} and ${suppressed} ${suppressed === 1 ? 'record is' : 'records are'} suppressed; once the direct identifiers are removed, the grade becomes ${grade}.`,
  release: 'What was released',
  dataset: 'Dataset',
  processing: 'Processing',
  rowsIn: 'Rows read',
  rowsOut: 'Rows released',
  rejected: 'Rows rejected',
  outputColumns: 'Output columns',
  gate: 'Anonymity gate',
  gatePassed: 'passed: the release met its requirements',
  gateNotGated: 'not gated: this kind of release has no anonymity requirement; measured only',
  before: 'Input (before)',
  after: 'Output (after)',
  footer:
    'Risk thresholds for the grade are dataguard defaults (see docs/anonymity.md); GB/T 42460-2023 gives no numbers.',
};

/** Simplified Chinese labels, with the terms of GB/T 42460 and GB/T 37964. */
export const REPORT_LABELS_ZH_CN: ReportLabels = {
  lang: 'zh-CN',
  riskTitle: '重标识风险评估报告',
  releaseTitle: '数据发布报告',
  verdict: '结论',
  yes: '是',
  no: '否',
  noRequirements: '未给出任何要求：以下数值仅为测量结果，未作判定。',
  input: '输入',
  measured: '测量对象（发布的数据表）',
  file: '文件',
  rows: '记录数',
  columns: '字段',
  quasiIdentifiers: '测量的准标识符',
  sensitiveAttributes: '测量的敏感属性',
  directIdentifiers: '输入中的直接标识符',
  none: '无',
  sourceOption: '由 --qi / --sensitive 指定',
  sourceDataset: '取自数据集定义',
  sourceProfile: '由字段画像识别',
  requirements: '要求',
  requirement: '要求',
  required: '要求值',
  achieved: '实际值',
  result: '结果',
  pass: '通过',
  fail: '未通过',
  requirementName: {
    k: 'k-匿名',
    l: 'l-多样性（不同值）',
    t: 't-接近（等距离）',
  },
  meets: (id, required, attribute) =>
    id === 'k' ? `满足 k=${required}` : `${attribute ?? ''} 满足 ${id}=${required}`,
  sentence: (id, required, achieved, met, attribute) => {
    if (id === 'k')
      return met
        ? `每一组准标识符取值至少由 ${required} 条记录共有（最小等价类 ${achieved} 条）。`
        : `部分记录的准标识符取值只与不足 ${required} 条记录相同：最小等价类仅 ${achieved} 条。`;
    if (id === 'l')
      return met
        ? `每个等价类中 ${attribute ?? ''} 至少有 ${required} 个不同取值（最少 ${achieved} 个）。`
        : `部分等价类中 ${attribute ?? ''} 的不同取值少于 ${required} 个（最少 ${achieved} 个），其成员的 ${attribute ?? ''} 可被推断。`;
    return met
      ? `每个等价类中 ${attribute ?? ''} 的分布与全表分布的距离不超过 ${required}（最大 ${n4(achieved)}）。`
      : `部分等价类中 ${attribute ?? ''} 的分布与全表分布的距离为 ${n4(achieved)}，超过 ${required}。`;
  },
  risks: '风险指标',
  figure: '指标',
  value: '数值',
  meaning: '含义',
  riskName: {
    'prosecutor-highest': '最高记录风险（检察官模型）',
    'prosecutor-average': '平均记录风险（检察官模型）',
    'records-at-highest': '处于最高风险的记录',
    'unique-share': '唯一记录',
    marketer: '营销者风险',
    'journalist-highest': '最高记录风险（记者模型）',
    'journalist-average': '平均记录风险（记者模型）',
  },
  riskExplanation: {
    'prosecutor-highest':
      '攻击者已知某人在本文件中并掌握其准标识符时，选中其记录的最大概率（1 / 最小等价类大小）。',
    'prosecutor-average': '上述概率在全部记录上的平均值。',
    'records-at-highest': '承受上述最高风险的记录所占比例。',
    'unique-share': '准标识符取值与其他任何记录都不相同的记录所占比例（仅凭准标识符即可识别）。',
    marketer: '攻击者将全部记录与一份已识别名单关联时，平均可重标识的记录比例。',
    'journalist-highest': '与检察官模型相同，但攻击者只知道该人属于总体。',
    'journalist-average': '记者模型风险在全部记录上的平均值。',
  },
  histogram: '等价类大小分布',
  histogramCaption: (classes, records) =>
    `共 ${classes} 个等价类（准标识符取值相同的记录组），${records} 条记录。k 左侧的柱为有风险的等价类。`,
  xAxis: '等价类大小（准标识符相同的记录数）',
  yAxis: '等价类个数',
  noClasses: '无等价类：输入没有记录。',
  grade: 'GB/T 42460 去标识化效果分级',
  gradeName: {
    1: '1级 — 直接可识别',
    2: '2级 — 删除直接标识符，但重标识风险未得到控制',
    3: '3级 — 消除直接标识符且重标识风险低',
    4: '4级 — 汇总后不含个例的聚合数据',
  },
  gradeReason: (grade, highest, average, maxHighest, maxAverage) => {
    if (grade === 1)
      return '输入仍含直接标识符（姓名、身份证号、手机号等），每条记录都能直接指向个人。';
    if (grade === 4) return '数据已汇总，不含个体记录。';
    const figures = `最高风险 ${n4(highest)}（上限 ${maxHighest}），平均风险 ${n4(average)}（上限 ${maxAverage}）`;
    return grade === 3
      ? `已无直接标识符，重标识风险在 dataguard 的阈值以内：${figures}。`
      : `已无直接标识符，但重标识风险超出 dataguard 的阈值：${figures}。`;
  },
  recommendation: '推荐的泛化方案',
  attribute: '属性',
  level: '泛化层级',
  levelLabel: '该层级的取值',
  levelOriginal: '原始取值',
  levelSuppressed: '抑制（*）',
  levelExample: (example, groups) => `取值如“${example}”（共 ${groups} 组）`,
  recommendationSummary: (k, suppressed, grade) =>
    `采用上述层级后，最小等价类为 ${k} 条记录，抑制 ${suppressed} 条记录；删除直接标识符后，分级为 ${grade} 级。`,
  release: '发布内容',
  dataset: '数据集',
  processing: '处理活动',
  rowsIn: '读取记录数',
  rowsOut: '发布记录数',
  rejected: '拒收记录数',
  outputColumns: '输出字段',
  gate: '匿名性闸门',
  gatePassed: '通过：本次发布满足其要求',
  gateNotGated: '未设闸门：此类发布无匿名性要求，仅作测量',
  before: '输入（处理前）',
  after: '输出（处理后）',
  footer:
    '分级所用风险阈值为 dataguard 默认值（见 docs/anonymity.md）；GB/T 42460-2023 未给出具体数值。',
};

/**
 * The report labels of a language.
 *
 * @param lang - `zh-CN` or `en` (default `en`)
 * @returns the labels
 * @throws {ValidationError} `invalid-language` on any other language
 */
export function reportLabels(lang: string = 'en'): ReportLabels {
  if (lang === 'en') return REPORT_LABELS_EN;
  if (lang === 'zh-CN') return REPORT_LABELS_ZH_CN;
  throw new ValidationError('report language must be zh-CN or en', {
    reason: 'invalid-language',
    path: 'lang',
  });
}
