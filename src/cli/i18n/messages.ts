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
