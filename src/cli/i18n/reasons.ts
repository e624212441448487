import type { Lang } from './lang.ts';

/**
 * Chinese messages for the stable `reason` of typed errors. The library's
 * errors stay English; the CLI shows these in zh-CN and keeps the English
 * detail (which names the file, option or field, never personal data).
 * A reason missing here falls back to the English message.
 */
export const REASON_MESSAGES_ZH: Readonly<Record<string, string>> = {
  'bad-encoding': '输入文件的编码不对（可用 --encoding gbk、gb18030 或 auto）',
  'unsupported-encoding': '不支持的文件编码',
  'missing-config': '配置文件不存在',
  'ambiguous-config': '工作目录中有多个配置文件，请只保留一个或用 --config 指定',
  'invalid-config': '配置文件无效',
  'invalid-lang': '--lang 只能是 zh-CN 或 en',
  'invalid-yaml': 'YAML 文件无法解析',
  'invalid-json': 'JSON 文件无法解析',
  unreadable: '文件无法读取',
  'not-found': '找不到指定的对象',
  'missing-directory': '目录不存在',
  'is-a-directory': '给出的是目录，不是文件',
  'not-a-directory': '给出的不是目录',
  'permission-denied': '没有访问权限',
  'disk-full': '磁盘已满',
  'read-only-file-system': '文件系统只读',
  'not-a-database': '不是数据库文件',
  'not-a-dataguard-database': '不是 dataguard 的数据库',
  'missing-ledger': '账本不存在（先执行一次记录或发布）',
  'missing-keyring': '找不到密钥环（或用 --verifier 指定公开的验证密钥）',
  'missing-verifier': '缺少验证密钥',
  'invalid-verifier': '验证密钥无效',
  'malformed-verifier-key': '验证密钥格式错误',
  'keyring-permissions': '密钥环文件权限过宽（应为 0600）',
  'invalid-keyring': '密钥环文件无效',
  'no-active-key': '密钥环中没有可用的密钥',
  'unknown-key': '未知的密钥',
  'key-retired': '密钥已停用',
  'origin-mismatch': '账本的检查点名称（origin）与配置不一致',
  'invalid-origin': '检查点名称（origin）无效',
  'no-checkpoint': '账本还没有已签名的检查点',
  'bad-signature': '签名验证失败',
  'checkpoint-unverified': '检查点无法验证',
  'inconsistent-with-checkpoint': '账本与已签名的检查点不一致（可能被篡改）',
  'leaf-hash-mismatch': '账本条目与其哈希不符（可能被篡改）',
  'invalid-proof': '证明无效',
  'invalid-proof-json': '证明文件不是有效的 JSON',
  'unknown-dataset': '数据集未登记',
  'unknown-copy': '账本中没有这个数据副本',
  'unknown-purpose': '目的不在目的分类中',
  'unknown-parent-purpose': '上级目的不存在',
  'unknown-notice': '告知（通知）未发布',
  'unknown-profile': '未知的地方规则配置',
  'missing-legal-basis': '缺少合法性基础',
  'invalid-legal-basis': '合法性基础无效',
  'invalid-party': '当事方无效',
  'invalid-time': '时间格式无效（应为 ISO 8601 或 2026-03-10 这样的日期）',
  'invalid-time-zone': '时区无效',
  'invalid-event': '处理事件无效',
  'invalid-request': '请求无效',
  'invalid-option': '选项无效',
  'invalid-options': '选项无效',
  'conflicting-options': '选项相互冲突',
  'missing-column': '输入缺少数据集需要的列',
  'missing-recipient': '缺少接收方',
  'missing-consent': '缺少同意',
  'output-is-input': '输出文件与输入文件相同',
  'quarantine-clash': '隔离文件与输入或输出文件相同',
  'already-released': '同一输入、计划和接收方已经发布过（如确需再次发布，请加 --again）',
  'raw-identifier': '直接标识符未经处理（去标识化）不得发布',
  'field-not-allowed': '决定不允许该字段',
  'no-quasi-identifiers': '数据集未声明准标识符',
  'too-many-rejects': '被拒绝的行数超过上限',
  'csv-no-header': 'CSV 文件没有表头',
  'csv-duplicate-header': 'CSV 表头有重复的列名',
  'ragged-columns': '各行的列数不一致',
  'unknown-field': '未知字段',
  'unknown-grade': '未知的数据级别',
  'unknown-pi-category': '未知的个人信息类别',
  'duplicate-field': '字段重复',
  'invalid-field': '字段无效',
  denied: '请求被拒绝',
  'decision-denied': '决定为拒绝',
  'consent-terminated': '同意已终止（撤回、撤销或到期）',
  'grant-terminated': '授权已终止',
  'invalid-transition': '状态变更无效',
  'invalid-id': '编号无效',
  'invalid-input': '输入无效',
  'invalid-argument': '参数无效',
  'invalid-parameter': '参数无效',
  'connect-failed': '无法连接数据库',
  'authentication-failed': '数据库认证失败',
  busy: '数据库正忙，请稍后重试',
  // The CLI's own usage errors (UsageError): the English detail names the option.
  'missing-option': '缺少需要的选项',
  'missing-argument': '缺少参数',
  'invalid-option-value': '选项的值无效',
  'invalid-integer': '应为不小于下限的整数',
  'option-not-applicable': '该选项不适用于这种用法',
  'unsupported-combination': '暂不支持这种选项组合',
  'unsupported-output-format': '不支持的输出格式',
  'missing-input': '缺少输入（输入文件或数据库查询）',
  'conflicting-inputs': '输入文件与数据库输入只能给出一个',
  'missing-output': '缺少输出（输出文件或数据库表）',
  'index-out-of-range': '条目序号超出账本大小',
  'unknown-checkpoint': '没有该大小的已签名检查点',
  'missing-hierarchy': '缺少准标识符的泛化层级文件',
};

/** What the CLI needs of a typed error to show it. */
export interface ShownError {
  readonly code: string;
  readonly reason?: string | undefined;
  /** The English message, already on one line. */
  readonly message: string;
}

/**
 * An error's message in a language: in zh-CN the Chinese message of its
 * `reason`, followed by the English detail; otherwise (and for reasons not in
 * the map) the English message.
 *
 * @param lang - the language
 * @param error - the code, reason and English message
 * @returns the message to print after the code
 */
export function errorMessage(lang: Lang, error: ShownError): string {
  if (lang !== 'zh-CN' || error.reason === undefined) return error.message;
  if (!Object.hasOwn(REASON_MESSAGES_ZH, error.reason)) return error.message;
  return `${REASON_MESSAGES_ZH[error.reason] as string}（${error.message}）`;
}
