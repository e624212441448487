import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  checkAnonymous,
  type Hierarchy,
  type MetricName,
  measureAnonymity,
  optimalGeneralization,
  parseHierarchyCsv,
  renderAnonymityReport,
  riskGrade,
} from '../../anonymity/index.ts';
import type { EncodingChoice } from '../../io/detect-encoding.ts';
import { writeAtomic } from '../../io/index.ts';
import { CheckFailed } from '../check-failed.ts';
import { configOf } from '../config.ts';
import { encodingOption } from '../encoding.ts';
import { langOf } from '../i18n/lang.ts';
import { message as t } from '../i18n/messages.ts';
import { intFlag, listFlag, UsageError } from '../parties.ts';
import { openInput, postgresInputOptions } from '../postgres-input.ts';
import type { CliIo } from '../program.ts';
import { SHEET_OPTION } from '../read-records.ts';

interface RiskFlags {
  qi: string;
  sensitive?: string;
  hierarchies?: string;
  k?: string;
  suppression?: string;
  metric?: string;
  html?: string;
  json?: boolean;
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
          'measure k-anonymity, l-diversity and re-identification risk of a file or a PostgreSQL query; with --hierarchies, search the optimal generalization',
        )
        .argument('[file]', 'input file (.csv, .ndjson, .jsonl or .xlsx)'),
    ),
  )
    .option(...SHEET_OPTION)
    .requiredOption('--qi <fields>', 'quasi-identifiers, comma-separated')
    .option('--sensitive <fields>', 'sensitive attributes (distinct l-diversity is reported)')
    .option(
      '--hierarchies <dir>',
      'directory of ARX hierarchy CSVs named <attribute>.csv or *_hierarchy_<attribute>.csv',
    )
    .option('--k <n>', 'required k (exit 1 when not met)')
    .option('--suppression <fraction>', 'suppression limit for the search, e.g. 0.02 (default 0)')
    .option(
      '--metric <name>',
      'non-uniform-entropy, discernibility, loss, precision or aecs (default loss)',
    )
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--json', 'print the result as JSON')
    .action(async (file: string | undefined, flags: RiskFlags, command: Command) => {
      const quasiIdentifiers = listFlag(flags.qi);
      const sensitive = listFlag(flags.sensitive);
      const k = intFlag(flags.k, '--k');
      const input = await openInput(file, flags, configOf(command).timeZone);
      const records: Record<string, string>[] = [];
      // NULL and the empty string fall in one class: both say the value is unknown.
      for await (const record of input.records) {
        records.push(
          Object.fromEntries(
            Object.entries(record).map(([key, v]) => [key, v == null ? '' : String(v)]),
          ),
        );
      }
      const before = measureAnonymity(records, { quasiIdentifiers, sensitive });
      const result: Record<string, unknown> = {
        records: records.length,
        before,
        grade: riskGrade(before),
      };
      let after = before;
      let levels: Readonly<Record<string, number>> | undefined;
      let ok = k === undefined || before.k >= k;
      if (flags.hierarchies !== undefined) {
        if (k === undefined) throw new UsageError('--hierarchies needs --k (the k to reach)');
        const suppressionLimit = flags.suppression === undefined ? 0 : Number(flags.suppression);
        if (!(suppressionLimit >= 0 && suppressionLimit <= 1))
          throw new UsageError('--suppression must be a fraction between 0 and 1');
        const hierarchies = loadHierarchies(flags.hierarchies, quasiIdentifiers);
        const metric = (flags.metric ?? 'loss') as MetricName;
        const optimum = optimalGeneralization(records, {
          quasiIdentifiers,
          hierarchies,
          k,
          suppressionLimit,
          metric,
          ...(sensitive.length > 0
            ? {
                lDiversity: sensitive.map((attribute) => ({
                  attribute,
                  l: 2,
                  variant: 'distinct' as const,
                })),
              }
            : {}),
        });
        levels = optimum.levels;
        after = measureAnonymity(optimum.apply(), { quasiIdentifiers, sensitive });
        ok = checkAnonymous(optimum.apply(), { quasiIdentifiers, k }).ok;
        result.optimum = {
          levels: optimum.levels,
          suppressed: optimum.suppressed,
          classes: optimum.classes,
          metric,
          value: optimum.value,
        };
        result.after = after;
      }
      if (flags.html !== undefined) {
        await writeAtomic(flags.html, [
          renderAnonymityReport({
            title: t(langOf(command), 'risk.reportTitle', { file: input.label }),
            before,
            after,
            ...(levels === undefined ? {} : { levels }),
          }),
        ]);
      }
      if (flags.json === true) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else {
        io.stdout(`${records.length} records, quasi-identifiers ${quasiIdentifiers.join(', ')}\n`);
        io.stdout(
          `  k=${before.k}, ${before.classes} classes, unique ${(before.uniqueShare * 100).toFixed(2)}%, prosecutor risk highest ${before.prosecutor.highest.toFixed(4)} average ${before.prosecutor.average.toFixed(4)}\n`,
        );
        if (levels !== undefined) {
          io.stdout(
            `  optimal levels: ${Object.entries(levels)
              .map(([name, level]) => `${name}=${level}`)
              .join(', ')}\n`,
          );
          io.stdout(
            `  after: k=${after.k}, ${after.classes} classes, suppressed ${after.suppressed}, highest risk ${after.prosecutor.highest.toFixed(4)}\n`,
          );
        }
        if (flags.html !== undefined) io.stdout(`  report: ${flags.html}\n`);
      }
      if (!ok) {
        io.stderr(`dataguard: k=${k} is not met\n`);
        throw new CheckFailed();
      }
    });
}

function loadHierarchies(dir: string, names: readonly string[]): Record<string, Hierarchy> {
  const files = readdirSync(dir);
  const out: Record<string, Hierarchy> = {};
  for (const name of names) {
    const file = files.find((f) => f === `${name}.csv` || f.endsWith(`_hierarchy_${name}.csv`));
    if (file === undefined)
      throw new UsageError(
        `no hierarchy for ${name} in ${dir} (expected ${name}.csv or *_hierarchy_${name}.csv)`,
      );
    out[name] = parseHierarchyCsv(readFileSync(join(dir, file), 'utf8'));
  }
  return out;
}
