import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { reportLabels } from '../../anonymity/report-labels.ts';
import { createConsentDecider } from '../../consent/index.ts';
import type { PolicyDocument } from '../../deidentify/index.ts';
import type { EncodingChoice } from '../../io/detect-encoding.ts';
import { redactUrl } from '../../io/postgres-connection.ts';
import { createPostgresSink, recoverPostgresRelease } from '../../io/postgres-sink.ts';
import { createStagedFileSink, recoverStagedFile } from '../../io/staged-file-sink.ts';
import { newReleaseId } from '../../pipeline/commit.ts';
import type { ProtectProcessing, ProtectSummary } from '../../pipeline/index.ts';
import { type ProtectOptions, protect, type RecordSink } from '../../pipeline/index.ts';
import { protectFile } from '../../pipeline/protect-file.ts';
import { createQuarantineList, type QuarantineList } from '../../pipeline/quarantine-list.ts';
import {
  abortAttachment,
  commitAttachment,
  recoverAttachment,
  stageAttachment,
} from '../../pipeline/staged-attachment.ts';
import type { PolicySuggestion } from '../../pipeline/suggest.ts';
import { createSqliteConsentStore, createSqliteSubjectIndex } from '../../store/sqlite/index.ts';
import { createCatalog, type DatasetDefinition, defineDataset } from '../../tags/index.ts';
import type { LegalBasis } from '../../tags/vocabulary.ts';
import { configOf } from '../config.ts';
import { encodingOption, pipelineEncoding } from '../encoding.ts';
import { type Lang, langOf } from '../i18n/lang.ts';
import { type MessageKey, processingWord, message as t } from '../i18n/messages.ts';
import { intFlag, partyFromFlags, UsageError } from '../parties.ts';
import { checkInputFlags, openInput, postgresInputOptions } from '../postgres-input.ts';
import type { CliIo } from '../program.ts';
import { isYamlFile, readJsonFile } from '../read-json.ts';
import { formatOf, outputFormatOf, SHEET_OPTION } from '../read-records.ts';
import { renderReleaseReport } from '../release-report.ts';
import { padDisplay } from '../table.ts';
import { openWorkspace } from '../workspace.ts';

interface ProtectFlags {
  dataset: string;
  policy: string;
  purpose: string;
  actor: string;
  actorKind?: string;
  actorName?: string;
  recipient?: string;
  recipientKind?: string;
  recipientName?: string;
  processing?: string;
  legalBasis: string;
  profile?: string;
  shareRequest?: string;
  openRequest?: string;
  grant?: string;
  suggestPolicy?: string;
  out?: string;
  ledger?: string;
  keys?: string;
  origin?: string;
  k?: string;
  report?: string | false;
  quarantine?: string;
  maxRejects?: string;
  again?: boolean;
  subjectField?: string;
  workers?: string;
  json?: boolean;
  encoding?: EncodingChoice;
  fromPostgres?: string;
  query?: string;
  toPostgres?: string;
  table?: string;
  sheet?: string;
}

/** `dataguard protect`: one release of a CSV or NDJSON file through the pipeline's stages. */
export function registerProtectCommand(program: Command, io: CliIo, _stderrIsTTY: boolean): void {
  postgresInputOptions(encodingOption(program.command('protect')))
    .description(
      'release a CSV, NDJSON or .xlsx file or a PostgreSQL query: plan, decide (share/open request), de-identify under a policy, gate anonymity, record in the ledger, then write the output (a file or a PostgreSQL table)',
    )
    .argument(
      '[input]',
      'input file (.csv, .ndjson, .jsonl or .xlsx); or --from-postgres with --query',
    )
    .option(...SHEET_OPTION)
    .requiredOption(
      '--dataset <file>',
      'dataset definition (JSON); field "aliases" accept other column names',
    )
    .requiredOption('--policy <file>', 'de-identification policy (JSON or YAML)')
    .requiredOption(
      '--purpose <id>',
      'dotted purpose id from the purpose taxonomy, e.g. statutory-duty.civil-affairs',
    )
    .requiredOption('--actor <id>', 'id of the party doing the processing')
    .requiredOption(
      '--legal-basis <basis>',
      'PIPL Art. 13 basis: contract, hr-management, statutory-duty, public-health-emergency, news-reporting, public-information, other-law',
    )
    .option('--actor-kind <kind>', 'agency, enterprise, individual or system (default agency)')
    .option('--actor-name <name>', 'display name of the actor')
    .option('--recipient <id>', 'id of the party receiving the output copy')
    .option('--recipient-kind <kind>', 'agency, enterprise, individual or system (default agency)')
    .option('--recipient-name <name>', 'display name of the recipient')
    .option(
      '--processing <kind>',
      'deidentify, anonymize, share, provide, open, trade, entrust, transmit, use (default provide with a recipient)',
    )
    .option('--profile <name>', 'policy profile to apply')
    .option(
      '--share-request <file>',
      'share request (JSON: requester, duty, scenario, commitment): a release of public data needs an allowed decision (S-CHANNEL)',
    )
    .option(
      '--open-request <file>',
      'open request (JSON: requester, grant?) for --processing open (S-OPEN)',
    )
    .option(
      '--grant <id>',
      'a grant in the workspace consent store (authorized operation, development, opening on application) the release uses',
    )
    .option(
      '--k <n>',
      "anonymity gate: minimum class size over the dataset's quasi-identifiers (required for open, trade, anonymize)",
    )
    .option(
      '--suggest-policy <file>',
      'when the gate fails on k, write the policy with the optimal generalization of the quasi-identifiers to FILE',
    )
    .option(
      '--out <file>',
      'output file (default <input>.protected.<ext>; .xlsx, .csv or .ndjson by its extension); staged and renamed after the ledger event',
    )
    .option(
      '--to-postgres <url>',
      'write the released records into a PostgreSQL table (with --table) instead of --out; the rows become visible only once the ledger event is appended',
    )
    .option(
      '--table <name>',
      'with --to-postgres: table or schema.table, created with text columns (plus dataguard_release, dataguard_row) when absent',
    )
    .option('--report <file>', 'HTML risk report (default <out>.report.html)')
    .option('--no-report', 'do not write the HTML report')
    .option(
      '--quarantine <file>',
      "leave rows that break a transform's input contract out, listed in FILE (row, field, rule, reason; no values)",
    )
    .option(
      '--max-rejects <n|p%>',
      'with --quarantine: most rows that may be rejected, a count or a percentage (default 0)',
    )
    .option(
      '--again',
      'release again although the ledger records the same input, plan and recipient',
    )
    .option(
      '--subject-field <name>',
      "dataset field that identifies each row's subject (e.g. id_card): file keyed digests of the released subjects in the workspace, so incidents count people across copies exactly",
    )
    .option('--workers <n>', 'worker threads (default: cores - 1, at least 1)')
    .option(
      '--ledger <file>',
      'SQLite database holding the ledger (default .dataguard/dataguard.db)',
    )
    .option('--keys <file>', 'keyring file (default .dataguard/keyring.json, created on first use)')
    .option('--origin <name>', 'ledger origin (checkpoint name)')
    .option('--json', 'print the summary as JSON')
    .action((input: string | undefined, flags: ProtectFlags, command: Command) =>
      runProtect(io, input, flags, command),
    );
}

/** The action of `dataguard protect`: reads the options, opens the workspace, releases, prints the summary. */
async function runProtect(
  io: CliIo,
  input: string | undefined,
  flags: ProtectFlags,
  command: Command,
): Promise<void> {
  const config = configOf(command);
  const recordsPath = checkProtectInputs(input, flags);
  // A workbook's XML carries its own encoding.
  const encoding =
    input === undefined || formatOf(input) === 'xlsx'
      ? undefined
      : await pipelineEncoding(input, flags.encoding);
  const dataset = defineDataset(readJsonFile(flags.dataset, 'dataset') as DatasetDefinition);
  let policy: string | PolicyDocument;
  if (isYamlFile(flags.policy)) policy = readJsonFile(flags.policy, 'policy') as PolicyDocument;
  else {
    try {
      policy = readFileSync(flags.policy, 'utf8');
    } catch {
      throw new UsageError(`cannot read policy file ${flags.policy}`, { reason: 'unreadable' });
    }
  }
  const format = input === undefined ? undefined : formatOf(input);
  if (flags.sheet !== undefined && format !== 'xlsx')
    throw new UsageError(`--sheet applies to .xlsx workbooks; ${input} is ${format}`, {
      reason: 'option-not-applicable',
    });
  const out =
    flags.out ??
    (input === undefined
      ? ''
      : join(
          dirname(input),
          `${basename(input, extname(input))}.protected${format === 'xlsx' ? '.xlsx' : extname(input)}`,
        ));
  const actor = partyFromFlags(flags.actor, flags.actorKind, flags.actorName, 'actor');
  const recipient =
    flags.recipient === undefined
      ? undefined
      : partyFromFlags(flags.recipient, flags.recipientKind, flags.recipientName, 'recipient');
  const k = intFlag(flags.k, '--k');
  const workers = intFlag(flags.workers, '--workers', 0) ?? Math.max(1, availableParallelism() - 1);
  const decisions = [flags.shareRequest, flags.openRequest, flags.grant].filter(
    (flag) => flag !== undefined,
  );
  if (decisions.length > 1)
    throw new UsageError('give one of --share-request, --open-request or --grant', {
      reason: 'conflicting-options',
    });
  const catalog = createCatalog();
  catalog.register(dataset);
  const workspace = openWorkspace({
    ledger: flags.ledger,
    keys: flags.keys,
    origin: flags.origin,
    createKeys: true,
    config,
  });
  // Decisions are made against the workspace's consent store: its grants, objections and suspensions count.
  const consentStore = decisions.length === 0 ? undefined : createSqliteConsentStore(workspace.db);
  const decider =
    consentStore === undefined ? undefined : createConsentDecider({ store: consentStore, catalog });
  try {
    if (workspace.createdKeys)
      io.stderr(
        `${t(langOf(command), 'keys.created', { path: relative(process.cwd(), workspace.keysPath) })}\n`,
      );
    // What both paths share: the release's plan and decision options.
    const release: Omit<ProtectOptions, 'input' | 'sink'> = {
      dataset,
      policy,
      purpose: flags.purpose,
      actor,
      ...(recipient === undefined ? {} : { recipient }),
      ...(flags.processing === undefined
        ? {}
        : { processing: flags.processing as ProtectProcessing }),
      legalBasis: flags.legalBasis as LegalBasis,
      ...(flags.profile === undefined ? {} : { profile: flags.profile }),
      ...(k === undefined ? {} : { anonymity: { k } }),
      ...(decider !== undefined && flags.shareRequest !== undefined
        ? {
            share: {
              decider,
              request: readJsonFile(flags.shareRequest, 'share request') as never,
            },
          }
        : {}),
      ...(decider !== undefined && flags.openRequest !== undefined
        ? {
            open: {
              decider,
              request: readJsonFile(flags.openRequest, 'open request') as never,
            },
          }
        : {}),
      ...(decider !== undefined && flags.grant !== undefined
        ? { grant: { decider, request: { grant: flags.grant } } }
        : {}),
      keyring: workspace.keyring,
      ledger: workspace.ledger,
      again: flags.again === true,
      ...(flags.suggestPolicy === undefined
        ? {}
        : {
            onSuggestion: (suggestion: PolicySuggestion) =>
              writeFileSync(
                flags.suggestPolicy as string,
                `${JSON.stringify(suggestion.policy, null, 2)}\n`,
              ),
          }),
    };
    if (recordsPath) {
      const { summary, target } = await protectRecords(io, input, flags, release, {
        out,
        timeZone: config.timeZone,
        lang: langOf(command),
      });
      printSummary(io, summary, {
        out: target.file ?? '',
        table: target.table,
        ledger: workspace.ledgerPath,
        report: undefined,
        quarantine: flags.quarantine,
        json: flags.json === true,
        lang: langOf(command),
      });
      return;
    }
    // The records the workspace's keyring was opened from: the file is read once.
    const keys = workspace.keys;
    const reportPath = flags.report === false ? undefined : (flags.report ?? `${out}.report.html`);
    const measured = dataset.fields.some((field) => field.role === 'quasi-identifier');
    const { summary } = await protectFile({
      ...release,
      input: input as string,
      output: out,
      inputFormat: format,
      ...(format === undefined ? {} : { outputFormat: outputFormatOf(out, format) }),
      ...(flags.sheet === undefined ? {} : { sheet: flags.sheet }),
      ...(encoding === undefined ? {} : { encoding }),
      keys,
      workers,
      rejects: flags.quarantine === undefined ? 'fail' : 'quarantine',
      ...(flags.quarantine === undefined ? {} : { quarantine: flags.quarantine }),
      ...(flags.maxRejects === undefined ? {} : { maxRejects: flags.maxRejects }),
      again: flags.again === true,
      ...(flags.subjectField === undefined
        ? {}
        : {
            subjects: {
              field: flags.subjectField,
              index: createSqliteSubjectIndex(workspace.db),
            },
          }),
      measureInput: reportPath !== undefined && measured,
      // Recovery looks for an interrupted release's report at the default path too.
      attachmentPaths: [
        ...new Set([`${out}.report.html`, ...(reportPath === undefined ? [] : [reportPath])]),
      ],
      ...(reportPath === undefined || !measured
        ? {}
        : {
            attachments: (result) => {
              const content = renderReleaseReport(
                dataset,
                input as string,
                result,
                reportLabels(langOf(command)),
              );
              return content === undefined ? [] : [{ path: reportPath, content }];
            },
          }),
    });
    printSummary(io, summary, {
      out,
      ledger: workspace.ledgerPath,
      report: measured ? reportPath : undefined,
      quarantine: flags.quarantine,
      json: flags.json === true,
      lang: langOf(command),
    });
  } finally {
    decider?.close();
    consentStore?.close?.();
    workspace.close();
  }
}

// Options the file path has and the records path (a query input or a table output) has not yet.
const FILE_PATH_ONLY = [['workers', '--workers']] as const;

/**
 * Checks the input and output options of `protect`; true when the release
 * takes the records path (a query input or a table output).
 */
function checkProtectInputs(input: string | undefined, flags: ProtectFlags): boolean {
  checkInputFlags(input, flags);
  if (flags.toPostgres !== undefined) {
    if (flags.out !== undefined)
      throw new UsageError('give either --out or --to-postgres, not both', {
        reason: 'conflicting-options',
      });
    if (flags.table === undefined)
      throw new UsageError('--to-postgres needs --table <name> (table or schema.table)', {
        reason: 'missing-option',
      });
  } else if (flags.table !== undefined) {
    throw new UsageError('--table needs --to-postgres <url>', { reason: 'missing-option' });
  }
  const recordsPath = flags.fromPostgres !== undefined || flags.toPostgres !== undefined;
  if (!recordsPath) return false;
  if (flags.fromPostgres !== undefined && flags.toPostgres === undefined && flags.out === undefined)
    throw new UsageError(
      '--from-postgres needs --out <file> or --to-postgres <url> --table <name>',
      { reason: 'missing-output' },
    );
  const given: string[] = FILE_PATH_ONLY.filter(([key]) => flags[key] !== undefined).map(
    ([, name]) => name,
  );
  if (typeof flags.report === 'string') given.push('--report');
  if (given.length > 0)
    throw new UsageError(
      `${given.join(', ')} not available with --from-postgres or --to-postgres yet (file to file only)`,
      { reason: 'unsupported-combination' },
    );
  return true;
}

/**
 * A release on the records path: input from a file or a query, output to a
 * staged file or a PostgreSQL table, through protect(). An interrupted
 * earlier release at the same output is finished or rolled back first.
 */
async function protectRecords(
  io: CliIo,
  input: string | undefined,
  flags: ProtectFlags,
  release: Omit<ProtectOptions, 'input' | 'sink'>,
  where: { readonly out: string; readonly timeZone: string; readonly lang: Lang },
): Promise<{ summary: ProtectSummary; target: { file?: string; table?: string } }> {
  const releaseId = newReleaseId();
  let sink: RecordSink;
  let target: { file?: string; table?: string };
  if (flags.toPostgres !== undefined && flags.table !== undefined) {
    const url = flags.toPostgres;
    const recovered = await recoverPostgresRelease(release.ledger, { url, table: flags.table });
    for (const id of recovered.finished)
      io.stderr(`${t(where.lang, 'protect.finished', { id, table: flags.table })}\n`);
    for (const id of recovered.rolledBack)
      io.stderr(`${t(where.lang, 'protect.rolledBack', { id })}\n`);
    sink = createPostgresSink({ url, table: flags.table, releaseId });
    target = { table: `table ${flags.table} on ${redactUrl(url)}` };
  } else {
    const output = resolve(where.out);
    if (input !== undefined && resolve(input) === output)
      throw new UsageError('the output is the input: choose a different --out', {
        reason: 'output-is-input',
      });
    const format = formatOf(output);
    if (format === 'xlsx')
      throw new UsageError(
        '.xlsx output is written from file inputs only; with --from-postgres use a .csv or .ndjson --out',
        { reason: 'unsupported-output-format' },
      );
    await recoverStagedFile(release.ledger, output);
    sink = createStagedFileSink({ output, format, releaseId });
    target = { file: where.out };
  }
  const quarantine =
    flags.quarantine === undefined ? undefined : quarantinePath(flags.quarantine, input, target);
  const list = createQuarantineList();
  if (quarantine !== undefined) {
    await recoverAttachment(release.ledger, quarantine);
    sink = withQuarantineFile(sink, quarantine, list, releaseId);
  }
  const opened = await openInput(input, flags, where.timeZone);
  try {
    const summary = await protect({
      ...release,
      input: opened.records,
      ...(opened.columns === undefined ? {} : { columns: opened.columns }),
      sink,
      releaseId,
      rejects: quarantine === undefined ? 'fail' : 'quarantine',
      ...(flags.maxRejects === undefined ? {} : { maxRejects: flags.maxRejects }),
      onReject: (reject) => list.add(reject),
    });
    return { summary, target };
  } finally {
    await opened.close();
  }
}

/** The quarantine file of a records-path release, refused when it would overwrite the input or output. */
function quarantinePath(
  given: string,
  input: string | undefined,
  target: { file?: string },
): string {
  const path = resolve(given);
  const clashes = [input, target.file].some(
    (other) => other !== undefined && resolve(other) === path,
  );
  if (clashes)
    throw new UsageError('--quarantine names the input or the output: choose another file', {
      reason: 'quarantine-clash',
    });
  return path;
}

/**
 * Stages the quarantine list beside `sink`'s output and makes it visible with
 * it: the list exists if and only if the release was recorded, also after a
 * crash (the next run's `recoverAttachment`).
 */
function withQuarantineFile(
  sink: RecordSink,
  path: string,
  list: QuarantineList,
  releaseId: string,
): RecordSink {
  return {
    async write(records, columns) {
      await sink.write(records, columns);
      // Every row has been read: the list is whole.
      stageAttachment(path, list.text(), releaseId);
    },
    async commit() {
      // The event is appended: the list first, then the output (which recovery finishes).
      commitAttachment(path);
      await sink.commit();
    },
    async abort() {
      abortAttachment(path);
      await sink.abort();
    },
  };
}

function printSummary(
  io: CliIo,
  summary: ProtectSummary,
  paths: {
    out: string;
    /** The table written instead of a file (redacted URL). */
    table?: string | undefined;
    ledger: string;
    report: string | undefined;
    quarantine: string | undefined;
    json: boolean;
    lang: Lang;
  },
): void {
  if (paths.json) {
    io.stdout(
      `${JSON.stringify(
        {
          ...summary,
          checkpoint:
            summary.checkpoint === undefined
              ? undefined
              : { size: summary.checkpoint.size, note: summary.checkpoint.note },
          output: paths.table ?? paths.out,
          ledger: paths.ledger,
          report: paths.report,
          quarantine: paths.quarantine,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const rel = (path: string) => relative(process.cwd(), path) || path;
  const lang = paths.lang;
  // Labels padded to one display width (CJK characters take two columns).
  const line = (label: MessageKey, value: string) => `  ${padDisplay(t(lang, label), 12)}${value}`;
  const lines = [
    t(lang, 'protect.released', {
      rowsIn: summary.rowsIn,
      rowsOut: summary.rowsOut,
      rejected: summary.rejected,
      excluded: summary.excluded,
    }),
    line(
      'protect.processing',
      t(lang, 'protect.processingLine', {
        processing: processingWord(lang, summary.processing),
        source: summary.source.id,
        copy: summary.target.id,
      }),
    ),
    line(
      'protect.decision',
      `${summary.decision.kind}${summary.decision.digest === undefined ? '' : `  ${summary.decision.digest}`}`,
    ),
    line('protect.output', `${paths.table ?? rel(paths.out)}  (${summary.target.digest ?? ''})`),
    line('protect.columns', summary.columns.join(', ')),
  ];
  if (summary.extraColumns.length > 0)
    lines.push(
      line(
        'protect.dropped',
        t(lang, 'protect.droppedLine', { columns: summary.extraColumns.join(', ') }),
      ),
    );
  lines.push(
    line(
      'protect.policy',
      `${summary.policyDigest}${summary.keyIds.length > 0 ? `  ${t(lang, 'protect.keys', { keys: summary.keyIds.join(', ') })}` : ''}`,
    ),
  );
  if (summary.anonymity !== undefined) {
    const a = summary.anonymity;
    lines.push(
      line(
        'protect.anonymity',
        t(lang, 'protect.anonymityLine', {
          quasiIdentifiers: a.quasiIdentifiers.join(', '),
          k: a.k,
          gate:
            a.requiredK === undefined
              ? t(lang, 'protect.notGated')
              : t(lang, 'protect.gatePassed', { k: a.requiredK }),
          highestRisk: a.highestRisk.toFixed(4),
          classes: a.classes,
        }),
      ),
    );
  }
  lines.push(
    line(
      'protect.ledger',
      t(lang, 'protect.ledgerLine', {
        path: rel(paths.ledger),
        index: summary.ledgerIndex,
        checkpoint:
          summary.checkpoint === undefined
            ? ''
            : t(lang, 'protect.checkpoint', { size: summary.checkpoint.size }),
      }),
    ),
  );
  if (paths.report !== undefined) lines.push(line('protect.report', rel(paths.report)));
  if (paths.quarantine !== undefined && summary.rejected > 0)
    lines.push(
      line(
        'protect.quarantine',
        t(lang, 'protect.quarantineLine', { path: rel(paths.quarantine), rows: summary.rejected }),
      ),
    );
  io.stdout(`${lines.join('\n')}\n`);
}
