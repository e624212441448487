import type { Command } from 'commander';
import { type Finding, scan } from '../../detect/index.ts';
import type { EncodingChoice } from '../../io/detect-encoding.ts';
import { configOf } from '../config.ts';
import { encodingOption, readTextFile } from '../encoding.ts';
import { langOf } from '../i18n/lang.ts';
import { message as t } from '../i18n/messages.ts';
import { checkInputFlags, openInput, postgresInputOptions } from '../postgres-input.ts';
import type { CliIo } from '../program.ts';
import { recordFormatOf, SHEET_OPTION } from '../read-records.ts';

interface Located extends Finding {
  readonly row?: number;
  readonly column?: string;
  readonly line?: number;
}

/** `dataguard scan <file>`: PII findings in text, CSV or NDJSON, with a summary per type. */
export function registerScanCommand(program: Command, io: CliIo): void {
  postgresInputOptions(
    encodingOption(
      program
        .command('scan')
        .description(
          'find personal information in a text, CSV, NDJSON or .xlsx file or a PostgreSQL query; summary per identifier type',
        )
        .argument('[file]', 'file to scan (.csv, .ndjson/.jsonl, .xlsx, or any text)'),
    ),
  )
    .option(...SHEET_OPTION)
    .option('--threshold <score>', 'minimum score 0-1 (default 0.5)')
    .option('--json', 'print every finding (offsets, never values) as JSON')
    .action(
      async (
        file: string | undefined,
        flags: {
          threshold?: string;
          json?: boolean;
          encoding?: EncodingChoice;
          fromPostgres?: string;
          query?: string;
          sheet?: string;
        },
        command: Command,
      ) => {
        checkInputFlags(file, flags);
        const threshold = flags.threshold === undefined ? undefined : Number(flags.threshold);
        const options = threshold === undefined ? {} : { threshold };
        const findings: Located[] = [];
        let label = file ?? '';
        if (file === undefined || recordFormatOf(file) !== undefined) {
          const input = await openInput(file, flags, configOf(command).timeZone);
          label = input.label;
          let row = 0;
          for await (const record of input.records) {
            row++;
            for (const [column, value] of Object.entries(record)) {
              if (typeof value !== 'string' || value.length === 0) continue;
              for (const finding of scan(value, options))
                findings.push({ ...finding, row, column });
            }
          }
        } else {
          const text = await readTextFile(file, flags.encoding);
          const lineStarts = [0];
          for (let i = 0; i < text.length; i++)
            if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
          for (const finding of scan(text, options))
            findings.push({ ...finding, line: lineOf(lineStarts, finding.start) });
        }
        const byType = new Map<string, number>();
        for (const finding of findings)
          byType.set(finding.type, (byType.get(finding.type) ?? 0) + 1);
        if (flags.json === true) {
          io.stdout(
            `${JSON.stringify({ file: label, total: findings.length, byType: Object.fromEntries(byType), findings }, null, 2)}\n`,
          );
          return;
        }
        io.stdout(
          `${t(langOf(command), 'scan.findings', { count: findings.length, file: label })}\n`,
        );
        for (const [type, count] of [...byType].sort((a, b) => b[1] - a[1]))
          io.stdout(`  ${type.padEnd(24)} ${count}\n`);
      },
    );
}

function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
