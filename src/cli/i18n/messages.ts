import type { Lang } from './lang.ts';

/**
 * The CLI's own messages in English: the keys of the catalog. Placeholders are
 * `{name}`; every language must use the same placeholders (test/cli/i18n/messages.test.ts).
 */
const EN = {
  'help.usage': 'Usage:',
  'help.options': 'Options:',
  'help.commands': 'Commands:',
  'help.arguments': 'Arguments:',
  'help.globalOptions': 'Global Options:',
  'help.examples': 'Examples:',
  'help.help': 'display help for command',
  'help.choices': 'choices: ',
  'help.defaultIs': 'default: ',
  'error.line': 'dataguard: {code}: {message}',
  'error.internal':
    'an internal error ({name} at {where}), a bug in dataguard: please report it. Its message is not shown, as it may quote input data; DATAGUARD_DEBUG=1 shows it.',
  'error.requiredOption': "error: required option '{option}' not specified",
  'error.missingArgument': "error: missing required argument '{argument}'",
  'error.unknownOption': "error: unknown option '{option}'",
  'error.unknownCommand': "error: unknown command '{command}'",
  'error.optionMissingArgument': "error: option '{option}' argument missing",
  'error.invalidChoice':
    "error: option '{option}' argument '{value}' is invalid. Allowed choices are {choices}.",
  'keys.created': 'created a new keyring at {path} (keep it secret; mode 0600)',
  'record.recorded': 'recorded {processing} as ledger entry #{index}',
  'record.id': 'id',
  'record.time': 'time',
  'record.actor': 'actor',
  'record.purpose': 'purpose',
  'record.inputs': 'inputs',
  'record.outputs': 'outputs',
  'record.recipients': 'recipients',
  'consent.recorded': 'recorded consent {id} ({event}) as ledger entry #{index}',
  'consent.changed': 'consent {id} {event} as ledger entry #{index}',
  'consent.decisionRecorded': 'recorded the decision ({verdict}) as ledger entry #{index}',
  'consent.allowed': 'allowed',
  'consent.denied': 'denied',
  'consent.subject': 'subject',
  'consent.notice': 'notice',
  'consent.purposes': 'purposes',
  'consent.status': 'status',
  'incident.recorded': 'incident {id} recorded in the ledger as entry #{index}',
  'incident.dryRun':
    'DRY RUN: nothing was recorded in the ledger; add --record to record this incident',
  'incident.written': 'incident {id}: report written to {file}',
  // The risk report's own labels belong to its renderer; the CLI gives it a title and the language.
  'risk.reportTitle': 'dataguard risk: {file}',
  'consent.ledgerDeprecated':
    'dataguard: warning: consent decide --ledger is deprecated and names the consent database, not the ledger; use --consent-db',
  // protect's summary: labels are padded to one width; values and digests stay as they are.
  'protect.released':
    'released {rowsIn} rows → {rowsOut} rows ({rejected} rejected, {excluded} excluded by consent)',
  'protect.processing': 'processing',
  'protect.processingLine': '{processing} of {source} → copy {copy}',
  'protect.decision': 'decision',
  'protect.output': 'output',
  'protect.columns': 'columns',
  'protect.dropped': 'dropped',
  'protect.droppedLine': 'input columns not in the dataset: {columns}',
  'protect.policy': 'policy',
  'protect.keys': 'keys {keys}',
  'protect.anonymity': 'anonymity',
  'protect.anonymityLine':
    'over ({quasiIdentifiers}): k={k}{gate}, highest risk {highestRisk}, {classes} classes',
  'protect.notGated': ' (not gated)',
  'protect.gatePassed': ' (required {k}: pass)',
  'protect.ledger': 'ledger',
  'protect.ledgerLine': '{path}  entry #{index}{checkpoint}',
  'protect.checkpoint': ', checkpoint at size {size}',
  'protect.report': 'report',
  'protect.quarantine': 'quarantine',
  'protect.quarantineLine': '{path}  ({rows} rows)',
  'protect.finished': 'finished release {id}, interrupted after its ledger event, into {table}',
  'protect.rolledBack': 'rolled back release {id}, interrupted before its ledger event',
  'ledger.ok':
    'ledger ok: {size} entries, {checkpoints} checkpoints verified (origin {origin}, {trust})',
  'ledger.trustVerifier': 'public verifier key',
  'ledger.trustKeyring': 'keyring',
  'ledger.failed': 'ledger FAILED at index {index}: {problem} ({detail}{why})',
  'ledger.otherOrigin': '; that checkpoint is signed for origin {signedFor}, not {origin}',
  'ledger.processing': 'processing',
  'ledger.datasets': 'datasets',
  'ledger.legalBasis': 'legal basis',
  'ledger.fields': 'fields',
  'ledger.subjects': 'subjects',
  'ledger.consistencyOk':
    'consistency proof ok: the log of size {older} is a prefix of the log of size {newer} (origin {origin})',
  'ledger.consistencyFailed': 'consistency proof FAILED: {reason}',
  'ledger.inclusionOk':
    'inclusion proof ok: entry {index} (leaf {leaf}) is in the log of size {size} (origin {origin})',
  'ledger.inclusionFailed': 'inclusion proof FAILED: {reason}',
  'custody.deleted': ' (deleted)',
  'custody.now': 'now',
  'custody.noParty': '{copy}: no party holds a role{at}',
  'custody.at': ' at {time}',
  'custody.party': 'party',
  'custody.roles': 'roles',
  'custody.since': 'since',
  'custody.events': 'events',
  'scan.findings': '{count} findings in {file}',
  'grade.dataset': 'dataset {id} v{version}: grade {grade}{sensitive}',
  'grade.containsSensitive': ' (contains sensitive PI)',
  'grade.sensitive': ' (sensitive)',
  'risk.summary': '{rows} records, quasi-identifiers {quasiIdentifiers}',
  'risk.measures':
    'k={k}, {classes} classes, unique {unique}%, prosecutor risk highest {highest} average {average}',
  'risk.directIdentifiers': 'direct identifiers: {columns}',
  'risk.requirement': '{headline}: {verdict} ({achieved})',
  'risk.optimalLevels': 'optimal levels: {levels}',
  'risk.after': 'after: k={k}, {classes} classes, suppressed {suppressed}, {grade}',
  'risk.report': 'report: {file}',
  'risk.failed': 'dataguard: {headline}: {verdict}. {sentence}',
  'keys.describe': '{count} key(s), active {id} ({suite})',
  'keys.wrote': 'wrote keyring {path}: {keyring}',
  'keys.rotated': 'rotated keyring {path}: {keyring}',
  'init.wrote': 'wrote {file}; edit it, then run dataguard commands in this folder',
} as const;

/** A key of the CLI's message catalog. */
export type MessageKey = keyof typeof EN;

/** 简体中文: the same keys; the terms are those of DESIGN.md's vocabulary. */
const ZH_CN: Readonly<Record<MessageKey, string>> = {
  'help.usage': '用法：',
  'help.options': '选项：',
  'help.commands': '命令：',
  'help.arguments': '参数：',
  'help.globalOptions': '全局选项：',
  'help.examples': '示例：',
  'help.help': '显示命令帮助',
  'help.choices': '可选值：',
  'help.defaultIs': '默认：',
  // The code stays in ASCII form so scripts can read it in any language.
  'error.line': 'dataguard: {code}: {message}',
  'error.internal':
    '内部错误（{name}，位置 {where}），是 dataguard 的缺陷，请报告。原始信息可能引用输入数据，故不显示；设置 DATAGUARD_DEBUG=1 可查看。',
  'error.requiredOption': '错误：缺少必需的选项 “{option}”',
  'error.missingArgument': '错误：缺少必需的参数 “{argument}”',
  'error.unknownOption': '错误：未知选项 “{option}”',
  'error.unknownCommand': '错误：未知命令 “{command}”',
  'error.optionMissingArgument': '错误：选项 “{option}” 缺少取值',
  'error.invalidChoice': '错误：选项 “{option}” 的取值 “{value}” 无效，可选值为 {choices}。',
  'keys.created': '已在 {path} 新建密钥环（请妥善保密；文件权限 0600）',
  'record.recorded': '已记录{processing}事件，账本条目 #{index}',
  'record.id': '编号',
  'record.time': '时间',
  'record.actor': '处理者',
  'record.purpose': '目的',
  'record.inputs': '输入副本',
  'record.outputs': '输出副本',
  'record.recipients': '接收方',
  'consent.recorded': '已记录同意 {id}（{event}），账本条目 #{index}',
  'consent.changed': '同意 {id} 已{event}，账本条目 #{index}',
  'consent.decisionRecorded': '已记录决定（{verdict}），账本条目 #{index}',
  'consent.allowed': '允许',
  'consent.denied': '拒绝',
  'consent.subject': '个人信息主体',
  'consent.notice': '告知',
  'consent.purposes': '目的',
  'consent.status': '状态',
  'incident.recorded': '事件 {id} 已记入账本，条目 #{index}',
  'incident.dryRun': '试运行：账本中未记录任何内容；加上 --record 才会记录此安全事件',
  'incident.written': '事件 {id}：报告已写入 {file}',
  'risk.reportTitle': 'dataguard 重新识别风险评估：{file}',
  'consent.ledgerDeprecated':
    'dataguard: 警告：consent decide 的 --ledger 已弃用，它指的是同意库而非账本；请改用 --consent-db',
  'protect.released':
    '已发布 {rowsIn} 行 → {rowsOut} 行（拒收 {rejected} 行，因同意排除 {excluded} 行）',
  'protect.processing': '处理活动',
  'protect.processingLine': '{processing}：{source} → 副本 {copy}',
  'protect.decision': '决定',
  'protect.output': '输出',
  'protect.columns': '字段',
  'protect.dropped': '已丢弃',
  'protect.droppedLine': '数据集中没有的输入字段：{columns}',
  'protect.policy': '策略',
  'protect.keys': '密钥 {keys}',
  'protect.anonymity': '匿名性',
  'protect.anonymityLine':
    '准标识符（{quasiIdentifiers}）：k={k}{gate}，最高风险 {highestRisk}，{classes} 个等价类',
  'protect.notGated': '（未设闸门）',
  'protect.gatePassed': '（要求 {k}：通过）',
  'protect.ledger': '账本',
  'protect.ledgerLine': '{path}  条目 #{index}{checkpoint}',
  'protect.checkpoint': '，检查点（大小 {size}）',
  'protect.report': '报告',
  'protect.quarantine': '隔离清单',
  'protect.quarantineLine': '{path}（{rows} 行）',
  'protect.finished': '已完成发布 {id}（记入账本后中断），写入 {table}',
  'protect.rolledBack': '已回滚发布 {id}（记入账本前中断）',
  'ledger.ok':
    '账本完好：{size} 个条目，已核验 {checkpoints} 个检查点（检查点名称 {origin}，{trust}）',
  'ledger.trustVerifier': '公开验证密钥',
  'ledger.trustKeyring': '密钥环',
  'ledger.failed': '账本核验失败，条目序号 {index}：{problem}（{detail}{why}）',
  'ledger.otherOrigin': '；该检查点是为 {signedFor} 签名的，而非 {origin}',
  'ledger.processing': '处理活动',
  'ledger.datasets': '数据集',
  'ledger.legalBasis': '合法性基础',
  'ledger.fields': '字段',
  'ledger.subjects': '个人信息主体数',
  'ledger.consistencyOk':
    '一致性证明有效：大小为 {older} 的日志是大小为 {newer} 的日志的前缀（检查点名称 {origin}）',
  'ledger.consistencyFailed': '一致性证明无效：{reason}',
  'ledger.inclusionOk':
    '包含证明有效：条目 {index}（叶哈希 {leaf}）在大小为 {size} 的日志中（检查点名称 {origin}）',
  'ledger.inclusionFailed': '包含证明无效：{reason}',
  'custody.deleted': '（已删除）',
  'custody.now': '至今',
  'custody.noParty': '{copy}：没有当事方承担角色{at}',
  'custody.at': '（于 {time}）',
  'custody.party': '当事方',
  'custody.roles': '角色',
  'custody.since': '起始时间',
  'custody.events': '事件',
  'scan.findings': '{file}：发现 {count} 处个人信息',
  'grade.dataset': '数据集 {id} v{version}：级别 {grade}{sensitive}',
  'grade.containsSensitive': '（含敏感个人信息）',
  'grade.sensitive': '（敏感）',
  'risk.summary': '{rows} 条记录，准标识符 {quasiIdentifiers}',
  'risk.measures':
    'k={k}，{classes} 个等价类，唯一记录 {unique}%，检察官模型风险 最高 {highest}，平均 {average}',
  'risk.directIdentifiers': '直接标识符：{columns}',
  'risk.requirement': '{headline}：{verdict}（{achieved}）',
  'risk.optimalLevels': '最优泛化层级：{levels}',
  'risk.after': '处理后：k={k}，{classes} 个等价类，抑制 {suppressed} 条，{grade}',
  'risk.report': '报告：{file}',
  'risk.failed': 'dataguard: {headline}：{verdict}。{sentence}',
  'keys.describe': '{count} 个密钥，启用中的密钥 {id}（{suite}）',
  'keys.wrote': '已写入密钥环 {path}：{keyring}',
  'keys.rotated': '已轮换密钥环 {path}：{keyring}',
  'init.wrote': '已写入 {file}；编辑后即可在此文件夹中运行 dataguard 命令',
};

/** Every language's catalog. */
export const MESSAGES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = {
  en: EN,
  'zh-CN': ZH_CN,
};

/**
 * A message of the CLI in a language, its `{name}` placeholders filled.
 *
 * @param lang - the language
 * @param key - the message key
 * @param params - the placeholder values
 * @returns the message
 */
export function message(
  lang: Lang,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Processing kinds (PIPL Art. 4 and DESIGN.md) as words of a language. */
const PROCESSING_ZH: Readonly<Record<string, string>> = {
  collect: '收集',
  store: '存储',
  use: '使用',
  process: '加工',
  transmit: '传输',
  provide: '提供',
  disclose: '公开',
  delete: '删除',
  share: '共享',
  open: '开放',
  trade: '交易',
  entrust: '委托',
  deidentify: '去标识化',
  anonymize: '匿名化',
  reidentify: '重新识别',
  correct: '更正',
  object: '异议',
  incident: '安全事件',
};

/** Consent events as words of a language. */
const CONSENT_EVENT_ZH: Readonly<Record<string, string>> = {
  given: '给予',
  refused: '拒绝',
  withdrawn: '撤回',
  renewed: '续期',
  revoked: '撤销',
  expired: '到期',
};

/**
 * A processing kind as a word of the language (the identifier in English).
 *
 * @param lang - the language
 * @param processing - the processing identifier (`share`, `entrust` …)
 * @returns the word
 */
export function processingWord(lang: Lang, processing: string): string {
  return lang === 'zh-CN' ? (PROCESSING_ZH[processing] ?? processing) : processing;
}

/**
 * A consent event as a word of the language (the identifier in English).
 *
 * @param lang - the language
 * @param event - the event type (`given`, `withdrawn` …)
 * @returns the word
 */
export function consentEventWord(lang: Lang, event: string): string {
  return lang === 'zh-CN' ? (CONSENT_EVENT_ZH[event] ?? event) : event;
}
