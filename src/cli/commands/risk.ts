import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  buildRiskReport,
  type Hierarchy,
  type MetricName,
  measureAnonymity,
  optimalGeneralization,
  parseHierarchyCsv,
  type RiskReport,
  type RiskReportOptions,
  renderRiskReport,
  reportLabels,
} from '../../anonymity/index.ts';
import { profileTable } from '../../detect/index.ts';
import type { EncodingChoice } from '../../io/detect-encoding.ts';
import { writeAtomic } from '../../io/index.ts';
import { type Dataset, type DatasetDefinition, defineDataset } from '../../tags/index.ts';
import { CheckFailed } from '../check-failed.ts';
import { configOf } from '../config.ts';
import { encodingOption } from '../encoding.ts';
import { type Lang, langOf } from '../i18n/lang.ts';
import { message } from '../i18n/messages.ts';
import { intFlag, listFlag, UsageError } from '../parties.ts';
import { openInput, postgresInputOptions } from '../postgres-input.ts';
import type { CliIo } from '../program.ts';
import { readJsonFile } from '../read-json.ts';
import { openRecords, SHEET_OPTION } from '../read-records.ts';

interface RiskFlags {
  qi?: string;
  sensitive?: string;
  dataset?: string;
  hierarchies?: string;
  k?: string;
  l?: string;
  t?: string;
  suppression?: string;
  metric?: string;
  html?: string;
  json?: boolean;
  population?: string;
  encoding?: EncodingChoice;
  fromPostgres?: string;
  query?: string;
  sheet?: string;
}

/** `dataguard risk <file.csv>`: re-identification risk, and optionally the optimal generalization. */
export function registerRiskCommand(program: Command, io: CliIo): void {
  postgresInputOptions(
    encodingOption(
      program
        .command('risk')
        .description(
          'measure k-anonymity, l-diversity, t-closeness and re-identification risk of a file or a PostgreSQL query, grade it (GB/T 42460), and with --hierarchies recommend the optimal generalization',
        )
        .argument('[file]', 'input file (.csv, .ndjson, .jsonl or .xlsx)'),
    ),
  )
    .option(...SHEET_OPTION)
    .option('--qi <fields>', 'quasi-identifiers, comma-separated (or take them from --dataset)')
    .option(
      '--sensitive <fields>',
      'sensitive attributes, comma-separated (l-diversity, t-closeness)',
    )
    .option(
      '--dataset <file>',
      'dataset definition (JSON or YAML): its quasi-identifier, sensitive and direct-identifier fields are measured',
    )
    .option(
      '--hierarchies <dir>',
      'directory of ARX hierarchy CSVs named <attribute>.csv or *_hierarchy_<attribute>.csv',
    )
    .option('--k <n>', 'required k (exit 1 when not met)')
    .option(
      '--l <n>',
      'required distinct l-diversity of every sensitive attribute (exit 1 when not met)',
    )
    .option(
      '--t <x>',
      'required t-closeness (equal distance, 0 < t ≤ 1) of every sensitive attribute (exit 1 when not met)',
    )
    .option('--suppression <fraction>', 'suppression limit for the search, e.g. 0.02 (default 0)')
    .option(
      '--metric <name>',
      'non-uniform-entropy, discernibility, loss, precision or aecs (default loss)',
    )
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--json', 'print the report as JSON (format dataguard.risk-report/1)')
    .option(
      '--population <file>',
      'the population the input was drawn from, same columns (adds journalist risk; the grade then uses it)',
    )
    .action(async (file: string | undefined, flags: RiskFlags, command: Command) => {
      const k = intFlag(flags.k, '--k');
      const l = intFlag(flags.l, '--l', 2);
      const t = flags.t === undefined ? undefined : Number(flags.t);
      if (t !== undefined && !(t > 0 && t <= 1))
        throw new UsageError('--t must be a number greater than 0 and at most 1', {
          reason: 'invalid-option-value',
        });
      // The report speaks the CLI's language (--lang, the config, then the locale).
      const labels = reportLabels(langOf(command));
      const definition = flags.dataset === undefined ? undefined : loadDefinition(flags.dataset);
      const input = await openInput(file, flags, configOf(command).timeZone);
      const records = await readAll(input.records);
      const columns = [...(input.columns ?? Object.keys(records[0] ?? {}))];
      const roles = measuredFields(flags, definition, columns);
      const { quasiIdentifiers, sensitive } = roles;
      if ((l !== undefined || t !== undefined) && sensitive.length === 0)
        throw new UsageError('--l and --t need sensitive attributes (--sensitive, or --dataset)', {
          reason: 'missing-option',
        });
      const directIdentifiers =
        roles.direct !== undefined
          ? { columns: roles.direct, source: 'dataset' as const }
          : { columns: profiledDirectIdentifiers(records, columns), source: 'profile' as const };
      const population =
        flags.population === undefined
          ? undefined
          : await readAll(openRecords(flags.population, flags.encoding).records);
      const before = measureAnonymity(records, {
        quasiIdentifiers,
        sensitive,
        ...(population === undefined ? {} : { population }),
      });
      let recommendation: RiskReportOptions['recommendation'];
      if (flags.hierarchies !== undefined) {
        if (k === undefined)
          throw new UsageError('--hierarchies needs --k (the k to reach)', {
            reason: 'missing-option',
          });
        const suppressionLimit = flags.suppression === undefined ? 0 : Number(flags.suppression);
        if (!(suppressionLimit >= 0 && suppressionLimit <= 1))
          throw new UsageError('--suppression must be a fraction between 0 and 1', {
            reason: 'invalid-option-value',
          });
        const hierarchies = loadHierarchies(flags.hierarchies, quasiIdentifiers);
        const metric = (flags.metric ?? 'loss') as MetricName;
        const optimum = optimalGeneralization(records, {
          quasiIdentifiers,
          hierarchies,
          k,
          suppressionLimit,
          metric,
          ...(sensitive.length > 0 && l !== undefined
            ? { lDiversity: sensitive.map((attribute) => ({ attribute, l })) }
            : {}),
          ...(sensitive.length > 0 && t !== undefined
            ? { tCloseness: sensitive.map((attribute) => ({ attribute, t })) }
            : {}),
        });
        recommendation = {
          levels: optimum.levels,
          hierarchies,
          measures: measureAnonymity(optimum.apply(), { quasiIdentifiers, sensitive }),
          metric,
          value: optimum.value,
        };
      }
      const report = buildRiskReport({
        title: `${labels.riskTitle}: ${input.label}`,
        input: { name: input.label, rows: records.length, columns },
        quasiIdentifiers: { names: quasiIdentifiers, source: roles.source },
        sensitive: { names: sensitive, source: roles.source },
        directIdentifiers,
        measures: before,
        requirements: { k, l, t },
        recommendation,
        labels,
      });
      if (flags.html !== undefined) await writeAtomic(flags.html, [renderRiskReport(report)]);
      if (flags.json === true) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      else printReport(io, report, flags.html, labels);
      // With --hierarchies the exit status follows the recommendation, which the search makes meet every requirement.
      const failed =
        report.recommendation === undefined ? report.requirements.filter((r) => !r.met) : [];
      if (failed.length > 0) {
        for (const r of failed)
          io.stderr(
            `${message(labels.lang, 'risk.failed', { headline: r.headline, verdict: labels.no, sentence: r.sentence })}\n`,
          );
        throw new CheckFailed();
      }
    });
}

/** Reads every record, values as strings; NULL and the empty string fall in one class (both say "unknown"). */
async function readAll(
  source: AsyncIterable<Readonly<Record<string, unknown>>>,
): Promise<Record<string, string>[]> {
  const records: Record<string, string>[] = [];
  for await (const record of source) {
    records.push(
      Object.fromEntries(
        Object.entries(record).map(([key, v]) => [key, v == null ? '' : String(v)]),
      ),
    );
  }
  return records;
}

function printReport(
  io: CliIo,
  report: RiskReport,
  html: string | undefined,
  labels: { readonly lang: Lang; readonly yes: string; readonly no: string },
): void {
  const { lang } = labels;
  const m = report.measures;
  const prosecutor = report.risks.filter((r) => r.id.startsWith('prosecutor'));
  io.stdout(
    `${message(lang, 'risk.summary', { rows: report.input.rows, quasiIdentifiers: report.quasiIdentifiers.names.join(', ') })}\n`,
  );
  io.stdout(
    `  ${message(lang, 'risk.measures', {
      k: m.k,
      classes: m.classes,
      unique: ((report.risks.find((r) => r.id === 'unique-share')?.value ?? 0) * 100).toFixed(2),
      highest: (prosecutor[0]?.value ?? 0).toFixed(4),
      average: (prosecutor[1]?.value ?? 0).toFixed(4),
    })}\n`,
  );
  io.stdout(`  ${report.grade.name}\n`);
  if (report.directIdentifiers.columns.length > 0)
    io.stdout(
      `  ${message(lang, 'risk.directIdentifiers', { columns: report.directIdentifiers.columns.join(', ') })}\n`,
    );
  for (const r of report.requirements)
    io.stdout(
      `  ${message(lang, 'risk.requirement', { headline: r.headline, verdict: r.met ? labels.yes : labels.no, achieved: r.achieved })}\n`,
    );
  const rec = report.recommendation;
  if (rec !== undefined) {
    io.stdout(
      `  ${message(lang, 'risk.optimalLevels', { levels: rec.levels.map((v) => `${v.attribute}=${v.level}`).join(', ') })}\n`,
    );
    io.stdout(
      `  ${message(lang, 'risk.after', { k: rec.measures.k, classes: rec.measures.classes, suppressed: rec.measures.suppressed, grade: rec.grade.name })}\n`,
    );
  }
  if (html !== undefined) io.stdout(`  ${message(lang, 'risk.report', { file: html })}\n`);
}

function loadDefinition(path: string): Dataset {
  return defineDataset(readJsonFile(path, 'dataset') as DatasetDefinition);
}

interface MeasuredFields {
  readonly quasiIdentifiers: string[];
  readonly sensitive: string[];
  /** Direct-identifier columns the dataset declares (undefined without --dataset). */
  readonly direct: string[] | undefined;
  readonly source: 'option' | 'dataset';
}

/** The fields to measure: from --qi/--sensitive, or the dataset's roles (never guessed). */
function measuredFields(
  flags: RiskFlags,
  definition: Dataset | undefined,
  columns: readonly string[],
): MeasuredFields {
  if (definition === undefined) {
    if (flags.qi === undefined)
      throw new UsageError('give --qi <fields> or --dataset <file>', { reason: 'missing-option' });
    return {
      quasiIdentifiers: listFlag(flags.qi),
      sensitive: listFlag(flags.sensitive),
      direct: undefined,
      source: 'option',
    };
  }
  if (flags.qi !== undefined || flags.sensitive !== undefined)
    throw new UsageError(
      'give either --qi/--sensitive or --dataset: the dataset definition names its quasi-identifiers and sensitive fields',
      { reason: 'conflicting-options' },
    );
  const present = (role: string): string[] =>
    definition.fields
      .filter((field) => field.role === role)
      .map((field) => [field.name, ...field.aliases].find((n) => columns.includes(n)))
      .filter((name): name is string => name !== undefined);
  const quasiIdentifiers = present('quasi-identifier');
  const declared = definition.fields.filter((f) => f.role === 'quasi-identifier');
  if (declared.length === 0)
    throw new UsageError(
      `dataset ${definition.id} declares no quasi-identifier (role "quasi-identifier"): nothing to measure`,
      { reason: 'no-quasi-identifiers' },
    );
  if (quasiIdentifiers.length < declared.length) {
    const missing = declared
      .filter((f) => ![f.name, ...f.aliases].some((n) => columns.includes(n)))
      .map((f) => f.name);
    throw new UsageError(
      `the input has no column for quasi-identifier(s) ${missing.join(', ')} of dataset ${definition.id}`,
      { reason: 'missing-column' },
    );
  }
  return {
    quasiIdentifiers,
    sensitive: present('sensitive'),
    direct: present('direct-identifier'),
    source: 'dataset',
  };
}

/** Columns whose header and values column profiling recognises as direct identifiers. */
function profiledDirectIdentifiers(
  records: readonly Record<string, string>[],
  columns: readonly string[],
): string[] {
  if (records.length === 0) return [];
  const sample = records.length > 1000 ? records.slice(0, 1000) : records;
  return profileTable({
    header: [...columns],
    rows: sample.map((r) => columns.map((c) => r[c] ?? '')),
  })
    .columns.map((profile, i) => (profile.role === 'direct-identifier' ? columns[i] : undefined))
    .filter((name): name is string => name !== undefined);
}

function loadHierarchies(dir: string, names: readonly string[]): Record<string, Hierarchy> {
  const files = readdirSync(dir);
  const out: Record<string, Hierarchy> = {};
  for (const name of names) {
    const file = files.find((f) => f === `${name}.csv` || f.endsWith(`_hierarchy_${name}.csv`));
    if (file === undefined)
      throw new UsageError(
        `no hierarchy for ${name} in ${dir} (expected ${name}.csv or *_hierarchy_${name}.csv)`,
        { reason: 'missing-hierarchy' },
      );
    out[name] = parseHierarchyCsv(readFileSync(join(dir, file), 'utf8'));
  }
  return out;
}
