/**
 * `--help` texts in 简体中文, keyed by the English text the commands register
 * (one entry serves every command that shares an option). A test walks the
 * whole command tree and fails on any description without an entry here.
 */
export const HELP_ZH: Readonly<Record<string, string>> = {
  'measure k-anonymity, l-diversity, t-closeness and re-identification risk of a file or a PostgreSQL query, grade it (GB/T 42460), and with --hierarchies recommend the optimal generalization':
    '评估文件或 PostgreSQL 查询结果的 k-匿名、l-多样性、t-接近与重新识别风险，按 GB/T 42460 分级；指定 --hierarchies 时推荐最优泛化方案',
  'quasi-identifiers, comma-separated (or take them from --dataset)':
    '准标识符，逗号分隔（或从 --dataset 读取）',
  'sensitive attributes, comma-separated (l-diversity, t-closeness)':
    '敏感属性，逗号分隔（用于 l-多样性、t-接近）',
  'dataset definition (JSON or YAML): its quasi-identifier, sensitive and direct-identifier fields are measured':
    '数据集定义（JSON 或 YAML）：按其中的准标识符、敏感属性与直接标识符字段评估',
  'required distinct l-diversity of every sensitive attribute (exit 1 when not met)':
    '每个敏感属性要求的（不同值）l-多样性（未达到时退出码为 1）',
  'required t-closeness (equal distance, 0 < t ≤ 1) of every sensitive attribute (exit 1 when not met)':
    '每个敏感属性要求的 t-接近（等距离，0 < t ≤ 1；未达到时退出码为 1）',
  'print the report as JSON (format dataguard.risk-report/1)':
    '以 JSON 输出报告（格式 dataguard.risk-report/1）',
  'the population the input was drawn from, same columns (adds journalist risk; the grade then uses it)':
    '输入所抽自的总体数据，列相同（增加记者攻击风险，分级随之采用）',
  'find personal information in a text, CSV, NDJSON or .xlsx file or a PostgreSQL query; summary per identifier type':
    '在文本、CSV、NDJSON、.xlsx 文件或 PostgreSQL 查询结果中发现个人信息；按标识符类型汇总',
  'read the records of --query from this PostgreSQL database instead of a file (a password is better given in PGPASSWORD or ~/.pgpass)':
    '从该 PostgreSQL 数据库读取 --query 的结果，代替输入文件（密码最好通过 PGPASSWORD 或 ~/.pgpass 提供）',
  'with --from-postgres: one SELECT statement, run in a read-only transaction through a cursor':
    '与 --from-postgres 一起使用：一条 SELECT 语句，在只读事务中通过游标执行',
  'worksheet of an .xlsx input (default: the first sheet)':
    '.xlsx 输入的工作表（默认第一个工作表）',
  'file to scan (.csv, .ndjson/.jsonl, .xlsx, or any text)':
    '要扫描的文件（.csv、.ndjson/.jsonl、.xlsx 或任意文本）',
  'suggest a dataset definition (PI categories, roles, grades) from a CSV, NDJSON or .xlsx sample or a PostgreSQL query, as JSON':
    '根据 CSV、NDJSON、.xlsx 样本或 PostgreSQL 查询结果，生成数据集定义草稿（个人信息类别、字段角色、分级），输出 JSON',
  'dataset id (default: the file name; query-result for a query)':
    '数据集标识（默认取文件名；查询输入为 query-result）',
  'input file (.csv, .ndjson, .jsonl or .xlsx)': '输入文件（.csv、.ndjson、.jsonl 或 .xlsx）',
  'release a CSV, NDJSON or .xlsx file or a PostgreSQL query: plan, decide (share/open request), de-identify under a policy, gate anonymity, record in the ledger, then write the output (a file or a PostgreSQL table)':
    '发布 CSV、NDJSON、.xlsx 文件或 PostgreSQL 查询结果：规划、决定（共享/开放申请）、按策略去标识化、匿名性把关、记入账本，然后写出结果（文件或 PostgreSQL 表）',
  'output file (default <input>.protected.<ext>; .xlsx, .csv or .ndjson by its extension); staged and renamed after the ledger event':
    '输出文件（默认 <输入>.protected.<扩展名>；按扩展名写 .xlsx、.csv 或 .ndjson）；先暂存，记入账本后再改名生效',
  'write the released records into a PostgreSQL table (with --table) instead of --out; the rows become visible only once the ledger event is appended':
    '将发布的记录写入 PostgreSQL 表（配合 --table），代替 --out；账本记录追加后这些行才可见',
  'with --to-postgres: table or schema.table, created with text columns (plus dataguard_release, dataguard_row) when absent':
    '与 --to-postgres 一起使用：表名或 模式.表名；不存在时以文本列创建（另加 dataguard_release、dataguard_row 列）',
  "dataset field that identifies each row's subject (e.g. id_card): file keyed digests of the released subjects in the workspace, so incidents count people across copies exactly":
    '标识每行个人信息主体的数据集字段（如 id_card）：在工作区登记已发布主体的带密钥摘要，使安全事件能跨副本精确统计受影响人数',
  'input file (.csv, .ndjson, .jsonl or .xlsx); or --from-postgres with --query':
    '输入文件（.csv、.ndjson、.jsonl 或 .xlsx）；或使用 --from-postgres 加 --query',
  'measure k-anonymity, l-diversity and re-identification risk of a file or a PostgreSQL query; with --hierarchies, search the optimal generalization':
    '评估文件或 PostgreSQL 查询结果的 k-匿名、l-多样性与重新识别风险；指定 --hierarchies 时搜索最优泛化方案',
  'Data security and personal-information protection: grade, de-identify, consent, provenance.':
    '数据安全与个人信息保护：分类分级、去标识化、同意管理、处理记录（溯源）。',
  'HTML risk report (default <out>.report.html)': 'HTML 风险报告（默认 <输出>.report.html）',
  'PIPL Art. 13 basis: consent, contract, hr-management, statutory-duty, public-health-emergency, news-reporting, public-information, other-law':
    '合法性基础（个人信息保护法第十三条）：consent 同意、contract 合同、hr-management 人力资源管理、statutory-duty 法定职责、public-health-emergency 突发公共卫生事件、news-reporting 新闻报道、public-information 已公开信息、other-law 其他法律规定',
  'PIPL Art. 13 basis: contract, hr-management, statutory-duty, public-health-emergency, news-reporting, public-information, other-law':
    '合法性基础（个人信息保护法第十三条）：contract 合同、hr-management 人力资源管理、statutory-duty 法定职责、public-health-emergency 突发公共卫生事件、news-reporting 新闻报道、public-information 已公开信息、other-law 其他法律规定',
  'SQLite database holding the consent store (default .dataguard/dataguard.db)':
    '存放同意记录的 SQLite 数据库（默认 .dataguard/dataguard.db）',
  'SQLite database holding the ledger (default .dataguard/dataguard.db)':
    '存放账本的 SQLite 数据库（默认 .dataguard/dataguard.db）',
  'a grant in the workspace consent store (authorized operation, development, opening on application) the release uses':
    '本次发布所依据的授权（授权运营、开发利用、依申请开放），取自工作区的同意库',
  'a text transform as JSON: { "type": "text", "operators": {…}, … }':
    '文本处理规则（JSON）：{ "type": "text", "operators": {…}, … }',
  'add a new active key to a keyring file; the previous active key becomes decrypt-only':
    '向密钥环添加新的在用密钥；原在用密钥改为仅解密',
  'agency (default), enterprise, individual or system':
    'agency 机关（默认）、enterprise 企业、individual 个人或 system 系统',
  'agency, enterprise, individual or system (default agency)':
    'agency 机关、enterprise 企业、individual 个人或 system 系统（默认 agency）',
  "anonymity gate: minimum class size over the dataset's quasi-identifiers (required for open, trade, anonymize)":
    '匿名性门槛：按数据集声明的准标识符计算的最小等价类大小 k（开放、交易、匿名化时必需）',
  'attribute at this time: a date (2026-03-10), a local time, or ISO 8601 with offset (default: roles not yet ended)':
    '按此时间认定责任：日期（2026-03-10）、本地时间或带时差的 ISO 8601（默认：尚未结束的角色）',
  'check an inclusion or consistency proof file (from ledger prove) offline against signed checkpoints, with the public verifier key; no database':
    '用公开验证密钥离线核验包含证明或一致性证明（由 ledger prove 生成）与已签名检查点，无需数据库',
  'collect a dataset (the actor becomes its collector and holder)':
    '收集数据集（处理者成为其采集方和持有方）',
  'comma-separated field names (no values)': '字段名，逗号分隔（不含取值）',
  'comma-separated fields involved': '涉及的字段，逗号分隔',
  'consent and purpose decisions (PIPL) for scripting':
    '同意与目的管理（个人信息保护法）：记录、撤回同意，作出决定',
  'copy id, as recorded in the ledger (e.g. the output of protect)':
    '数据副本编号，与账本中记录的一致（例如 protect 的输出）',
  'copy ids the incident happened to': '发生安全事件的数据副本编号',
  'copy read (id, or id@sha256:<hex>); repeatable':
    '读取的副本（编号，或 编号@sha256:<hex>）；可重复',
  'copy written (id, or id@sha256:<hex>); repeatable':
    '写出的副本（编号，或 编号@sha256:<hex>）；可重复',
  'crypto suite of the key': '密钥的密码套件',
  'dataset (copy) id': '数据集（副本）编号',
  'dataset definition (JSON or YAML) whose provider owns the dataset; repeatable':
    '数据集定义（JSON 或 YAML），其提供方为数据所有方；可重复',
  'dataset definition (JSON); field "aliases" accept other column names':
    '数据集定义（JSON）；字段的 "aliases" 可接受其他列名',
  'dataset definition file (JSON or YAML)': '数据集定义文件（JSON 或 YAML）',
  'dataset definition, for requests that name fields by dataset':
    '数据集定义，用于按数据集指明字段的请求',
  'dataset id (default: the file name)': '数据集编号（默认：文件名）',
  'de-identification policy (JSON or YAML)': '去标识化策略（JSON 或 YAML）',
  'de-identify free text (court style by default: 张某, addresses to the county, identifiers masked)':
    '对自由文本去标识化（默认按裁判文书方式：姓名改为“张某”，地址保留到县，证件号码遮蔽）',
  'decide a request (JSON: subject, purpose, processing, fields …) against the consent store; exit 1 when denied':
    '依据同意库对请求（JSON：主体、目的、处理活动、字段 …）作出决定；拒绝时退出码为 1',
  'decision request (JSON)': '决定请求（JSON）',
  'deidentify, anonymize, share, provide, open, trade, entrust, transmit, use (default provide with a recipient)':
    'deidentify 去标识化、anonymize 匿名化、share 共享、provide 提供、open 开放、trade 交易、entrust 委托、transmit 传输、use 使用（有接收方时默认 provide）',
  'delete a copy (its roles end)': '删除副本（其上的角色随之结束）',
  'deprecated: the old name of --consent-db': '已弃用：--consent-db 的旧名称',
  'directory of ARX hierarchy CSVs named <attribute>.csv or *_hierarchy_<attribute>.csv':
    'ARX 泛化层次 CSV 所在目录，文件名为 <属性>.csv 或 *_hierarchy_<属性>.csv',
  'display name of the actor': '处理者的显示名称',
  'display name of the recipient': '接收方的显示名称',
  'display name of the reporting party': '报告方的显示名称',
  'do not write the HTML report': '不生成 HTML 报告',
  'dotted purpose id from the purpose taxonomy, e.g. statutory-duty.civil-affairs':
    '目的分类中的目的编号（以点分隔），例如 statutory-duty.civil-affairs',
  'dotted purpose id, e.g. statutory-duty.civil-affairs':
    '目的编号（以点分隔），例如 statutory-duty.civil-affairs',
  'entrust processing to a processor (it manages the copy); with --end, end the entrustment':
    '委托受托方处理（受托方管理该副本）；加 --end 表示结束委托',
  'entry index (for an inclusion proof)': '条目序号（用于包含证明）',
  "export a dataset copy's history as W3C PROV-JSON or OpenLineage run events":
    '将数据副本的处理历史导出为 W3C PROV-JSON 或 OpenLineage 运行事件',
  'file to scan (.csv, .ndjson/.jsonl, or any text)':
    '要扫描的文件（.csv、.ndjson/.jsonl 或任意文本）',
  'file to write (default dataguard.config.yaml)': '要写入的文件（默认 dataguard.config.yaml）',
  'find personal information in a text, CSV or NDJSON file; summary per identifier type':
    '在文本、CSV 或 NDJSON 文件中查找个人信息；按标识符类型汇总',
  'first index (default 0)': '起始序号（默认 0）',
  'generate and rotate keyring files (master keys); export the public verifier key for auditors':
    '生成和轮换密钥环（主密钥）；为审计方导出公开验证密钥',
  'how many data subjects it touched': '涉及的个人信息主体数量',
  'id of the new key': '新密钥的编号',
  'id of the party doing it': '实施处理的当事方编号',
  'id of the party doing the processing': '实施处理的当事方（数据处理者）编号',
  'id of the party receiving the output copy': '接收输出副本的当事方编号',
  'id of the party reporting the incident': '报告安全事件的当事方编号',
  'inclusion proof of an entry (or, with --consistency, a consistency proof) against the latest signed checkpoint, as JSON for dataguard ledger check-proof':
    '生成某条目相对最新签名检查点的包含证明（加 --consistency 则为一致性证明），输出 JSON，供 dataguard ledger check-proof 核验',
  'input file (.csv, .ndjson or .jsonl)': '输入文件（.csv、.ndjson 或 .jsonl）',
  'input file encoding; auto: a byte order mark decides, else strict UTF-8, else GB18030 (default utf-8)':
    '输入文件编码；auto：有字节顺序标记（BOM）时按其判断，否则先严格检查 UTF-8，再按 GB18030（默认 utf-8）',
  'its kind (default agency)': '其类型（默认 agency 机关）',
  'key id (default k-<yyyymmdd>-<random>)': '密钥编号（默认 k-<年月日>-<随机>）',
  'key ids to mark retired (refused for everything)': '要停用的密钥编号（停用后一律拒绝使用）',
  'keyring file (JSON), rewritten in place with mode 0600':
    '密钥环文件（JSON），原地改写，权限 0600',
  'keyring file (default .dataguard/keyring.json)': '密钥环文件（默认 .dataguard/keyring.json）',
  'keyring file (default .dataguard/keyring.json, created on first use)':
    '密钥环文件（默认 .dataguard/keyring.json，首次使用时创建）',
  'keyring file (default: the config, else .dataguard/keyring.json)':
    '密钥环文件（默认取配置文件，否则为 .dataguard/keyring.json）',
  'last index, exclusive (default: the size)': '结束序号，不含（默认：账本大小）',
  'leak, tamper, loss or misuse': 'leak 泄露、tamper 篡改、loss 丢失或 misuse 违规使用',
  "leave rows that break a transform's input contract out, listed in FILE (row, field, rule, reason; no values)":
    '将不符合处理规则输入要求的行排除，并列入 FILE（行号、字段、规则、原因；不含取值）',
  'ledger database whose recorded origin names the key': '账本数据库，以其记录的检查点名称命名密钥',
  'ledger origin (checkpoint name)': '账本检查点名称（origin）',
  'ledger origin (checkpoint name; default: the recorded one)':
    '账本检查点名称（origin；默认：已记录的名称）',
  'ledger origin (default: the config, else the recorded one)':
    '账本检查点名称（默认取配置文件，否则为已记录的名称）',
  'line (default: each line on its own, streaming) or document':
    'line（默认：逐行流式处理）或 document（整篇处理）',
  'markdown (default), html or json': 'markdown（默认）、html 或 json',
  'measure k-anonymity, l-diversity and re-identification risk; with --hierarchies, search the optimal generalization':
    '评估 k-匿名、l-多样性和重新识别风险；加 --hierarchies 时搜索最优泛化方案',
  'minimum score 0-1 (default 0.5)': '最低置信分数 0-1（默认 0.5）',
  'non-uniform-entropy, discernibility, loss, precision or aecs (default loss)':
    'non-uniform-entropy、discernibility、loss、precision 或 aecs（默认 loss）',
  'one entry': '单个条目',
  'open an incident on copies: affected and downstream copies, responsible parties, subjects and notifications (P-INCIDENT); a dry run unless --record':
    '针对数据副本启动安全事件处置：受影响及下游副本、责任方、涉及主体和告知义务（P-INCIDENT）；未加 --record 时为试运行',
  'open request (JSON: requester, grant?) for --processing open (S-OPEN)':
    '开放申请（JSON：申请方、授权），用于 --processing open（S-OPEN）',
  'output file (default <input>.protected.<ext>); staged and renamed after the ledger event':
    '输出文件（默认 <输入>.protected.<扩展名>）；先暂存，记入账本后再改名',
  'party receiving the data (share, provide, entrust)': '接收数据的当事方（共享、提供、委托）',
  'policy profile to apply': '适用的策略配置',
  'print JSON': '输出 JSON',
  'print a new keyring file with one active 256-bit master key (or write it with --out)':
    '输出含一个在用 256 位主密钥的新密钥环（或用 --out 写入文件）',
  'print each entry as a JSON line': '每个条目输出为一行 JSON',
  'print entries as a table (times in the configured zone), or JSON lines':
    '以表格输出条目（时间按配置的时区），或输出 JSON 行',
  'print every finding (offsets, never values) as JSON': '以 JSON 输出每个发现（仅位置，不含取值）',
  'print the graded schema as JSON': '以 JSON 输出分级后的结构',
  "print the ledger's public verifier keys (C2SP vkey, one line per usable key, active first) for auditors; no secret leaves":
    '为审计方输出账本的公开验证密钥（C2SP vkey，每个可用密钥一行，在用密钥在前）；不泄露任何秘密',
  'print the per-column profiles too': '同时输出每列的画像',
  'print the recorded event as JSON': '以 JSON 输出所记录的事件',
  'print the report as JSON': '以 JSON 输出报告',
  'print the result as JSON': '以 JSON 输出结果',
  'print the summary as JSON': '以 JSON 输出汇总',
  'print the version': '显示版本号',
  'print the whole tree of copies with each custody history': '输出完整的副本树及各副本的保管历史',
  'proof file (JSON)': '证明文件（JSON）',
  'prov or openlineage (default prov)': 'prov 或 openlineage（默认 prov）',
  'prove that the checkpoint of this size is a prefix of the latest one':
    '证明该大小的检查点是最新检查点的前缀',
  'provide a copy to another handler (PIPL Art. 23)':
    '向其他个人信息处理者提供副本（个人信息保护法第二十三条）',
  'public verifier key file (from dataguard keys export-verifier): read and verify without the secret keyring':
    '公开验证密钥文件（由 dataguard keys export-verifier 导出）：无需秘密密钥环即可读取和核验',
  'quasi-identifiers, comma-separated': '准标识符，逗号分隔',
  'recompute the whole ledger and check every signed checkpoint; exit 1 naming the first bad index if anything was changed':
    '重新计算整个账本并核验每个签名检查点；如有改动，退出码为 1 并指出第一个异常条目的序号',
  'record a processing event (collect, store, share, provide, entrust, delete) in the ledger, for custody and incidents':
    '在账本中记录处理事件（收集、存储、共享、提供、委托、删除），用于责任认定和安全事件处置',
  'record the incident event in the ledger (without it: a dry run that records nothing)':
    '将安全事件记入账本（不加此项为试运行，不记录任何内容）',
  'release a CSV/NDJSON file: plan, decide (share/open request), de-identify under a policy, gate anonymity, record in the ledger, then write the output':
    '发布 CSV/NDJSON 文件：制定计划、作出决定（共享/开放申请）、按策略去标识化、匿名性把关、记入账本，然后写出结果',
  'release again although the ledger records the same input, plan and recipient':
    '即使账本已记录相同的输入、计划和接收方，仍再次发布',
  'replace an existing --out file': '覆盖已存在的 --out 文件',
  'replace an existing file': '覆盖已存在的文件',
  'required k (exit 1 when not met)': '要求的 k 值（未达到时退出码为 1）',
  'rows to read (default 1000)': '读取的行数（默认 1000）',
  'sensitive attributes (distinct l-diversity is reported)': '敏感属性（报告 distinct l-多样性）',
  'share a copy with a public body (a new copy for the recipient)':
    '与政务部门共享副本（为接收方生成新副本）',
  'share request (JSON: requester, duty, scenario, commitment): a release of public data needs an allowed decision (S-CHANNEL)':
    '共享申请（JSON：申请方、职责、场景、承诺）：发布公共数据须有允许的决定（S-CHANNEL）',
  'sign and store a checkpoint of the current tree; print the C2SP signed note':
    '对当前账本树签名并保存检查点；输出 C2SP 签名说明',
  'store (hold) a copy; with --end, stop holding it': '存储（持有）副本；加 --end 表示不再持有',
  'store: stop holding; entrust: end the entrustment': 'store：不再持有；entrust：结束委托',
  'suggest a dataset definition (PI categories, roles, grades) from a CSV or NDJSON sample, as JSON':
    '根据 CSV 或 NDJSON 样本建议数据集定义（个人信息类别、字段角色、级别），输出 JSON',
  'suite of the new key (default: the current one)': '新密钥的密码套件（默认：当前套件）',
  'suppression limit for the search, e.g. 0.02 (default 0)':
    '搜索时允许的抑制比例，例如 0.02（默认 0）',
  'text file, or - for standard input': '文本文件，或用 - 表示标准输入',
  'the ledger origin (default: the verifier key name)': '账本检查点名称（默认：验证密钥的名称）',
  "the ledger's checkpoint origin, e.g. hz.gov.cn/ledger (default dataguard.local/ledger)":
    '账本的检查点名称（origin），例如 hz.gov.cn/ledger（默认 dataguard.local/ledger）',
  'the party the actor acts for (an entrusting agency)': '处理者所代表的当事方（委托方机关）',
  'the signed checkpoint to check against (default: the one in the proof file)':
    '用于核验的签名检查点（默认：证明文件中的检查点）',
  "validate a dataset definition (JSON or YAML) and print each field's effective grade (GB/T 43697)":
    '校验数据集定义（JSON 或 YAML）并输出每个字段的实际级别（GB/T 43697）',
  'verify, inspect, prove and export the provenance ledger': '核验、查看、证明和导出处理记录账本',
  'what happened (no personal data)': '发生了什么（不得包含个人信息）',
  'when it happened, if known (parties are attributed then)':
    '发生时间（如已知，按该时间认定责任方）',
  'when it happened: ISO 8601 with offset, or a local time in the configured zone (default now)':
    '发生时间：带时差的 ISO 8601，或按配置时区理解的本地时间（默认当前时间）',
  'when it was discovered: ISO 8601 with offset, or a local time in the configured zone':
    '发现时间：带时差的 ISO 8601，或按配置时区理解的本地时间',
  'when the gate fails on k, write the policy with the optimal generalization of the quasi-identifiers to FILE':
    '当 k 值未达标时，将准标识符的最优泛化策略写入 FILE',
  'who owns, holds, manages, uses and collected a copy of a dataset, derived from the ledger':
    '根据账本认定数据副本的所有、持有、管理、使用和采集方',
  'with --quarantine: most rows that may be rejected, a count or a percentage (default 0)':
    '配合 --quarantine：最多可排除的行数，数量或百分比（默认 0）',
  'worker threads (default: cores - 1, at least 1)': '工作线程数（默认：CPU 核数减 1，至少 1）',
  'workspace configuration (default: dataguard.config.json or .yaml in the working directory)':
    '工作区配置文件（默认：工作目录中的 dataguard.config.json 或 .yaml）',
  'write a commented workspace configuration, dataguard.config.yaml (ledger, keys, origin, time zone, language)':
    '写出带注释的工作区配置文件 dataguard.config.yaml（账本、密钥、检查点名称、时区、语言）',
  'write a self-contained HTML report': '生成独立的 HTML 报告',
  'write the keyring to this file (mode 0600) instead of stdout':
    '将密钥环写入此文件（权限 0600），而不是标准输出',
  'write the report to a file instead of stdout': '将报告写入文件，而不是标准输出',
  // Added with the language, completion and consent commands.
  'language of messages, help and reports: zh-CN or en (default: the config, else the system locale)':
    '消息、帮助和报告的语言：zh-CN 或 en（默认取配置文件，否则取系统区域设置）',
  'print a shell completion script (bash or zsh) for dataguard':
    '输出 dataguard 的 shell 补全脚本（bash 或 zsh）',
  'bash or zsh': 'bash 或 zsh',
  'record a consent (or refusal) given against a published notice, in the workspace consent store and the ledger':
    '依据已发布的告知记录同意（或拒绝），存入工作区同意库并记入账本',
  'consent record (JSON or YAML): subject, notice, purposes, piCategories, method, givenBy …':
    '同意记录（JSON 或 YAML）：主体、告知、目的、个人信息类别、方式、给予人 …',
  'notice definition (JSON or YAML) to publish first, if not yet published':
    '先发布的告知定义（JSON 或 YAML），如尚未发布',
  'withdraw a consent, effective at once (PIPL Art. 15), in the workspace consent store and the ledger':
    '撤回同意，立即生效（个人信息保护法第十五条），更新工作区同意库并记入账本',
  'consent record id': '同意记录编号',
  'who withdraws (default: whoever gave the consent)': '撤回人（默认：给予同意的人）',
  'when: ISO 8601 with offset, or a local time in the configured zone (default now)':
    '时间：带时差的 ISO 8601，或按配置时区理解的本地时间（默认当前时间）',
  'record the decision in the ledger and print its index': '将决定记入账本并输出其条目序号',
  'id of the party deciding (the handler, 个人信息处理者), for --record':
    '作出决定的当事方（个人信息处理者）编号，用于 --record',
};
