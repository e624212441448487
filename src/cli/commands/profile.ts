import type { Command } from 'commander';
import { profileTable } from '../../detect/index.ts';
import type { EncodingChoice } from '../../io/detect-encoding.ts';
import { configOf } from '../config.ts';
import { encodingOption } from '../encoding.ts';
import { intFlag } from '../parties.ts';
import { openInput, postgresInputOptions } from '../postgres-input.ts';
import type { CliIo } from '../program.ts';
import { SHEET_OPTION } from '../read-records.ts';

/** `dataguard profile <file.csv>`: a draft dataset definition (tags, roles, grades) as JSON. */
export function registerProfileCommand(program: Command, io: CliIo): void {
  postgresInputOptions(
    encodingOption(
      program
        .command('profile')
        .description(
          'suggest a dataset definition (PI categories, roles, grades) from a CSV, NDJSON or .xlsx sample or a PostgreSQL query, as JSON',
        )
        .argument('[file]', 'input file (.csv, .ndjson, .jsonl or .xlsx)'),
    ),
  )
    .option(...SHEET_OPTION)
    .option('--sample <rows>', 'rows to read (default 1000)')
    .option('--id <id>', 'dataset id (default: the file name; query-result for a query)')
    .option('--columns', 'print the per-column profiles too')
    .action(
      async (
        file: string | undefined,
        flags: {
          sample?: string;
          id?: string;
          columns?: boolean;
          encoding?: EncodingChoice;
          fromPostgres?: string;
          query?: string;
          sheet?: string;
        },
        command: Command,
      ) => {
        const sample = intFlag(flags.sample, '--sample') ?? 1000;
        const input = await openInput(file, flags, configOf(command).timeZone);
        const records: Record<string, string>[] = [];
        try {
          for await (const record of input.records) {
            records.push(
              Object.fromEntries(
                // NULL (a JSON null, a database NULL) is an empty value, not the text '""'.
                Object.entries(record).map(([k, v]) => [
                  k,
                  typeof v === 'string' ? v : v == null ? '' : JSON.stringify(v),
                ]),
              ),
            );
            if (records.length >= sample) break;
          }
        } finally {
          await input.close();
        }
        const id =
          flags.id ??
          ((file ?? 'query-result').split(/[\\/]/).pop() ?? 'dataset')
            .replace(/\.[^.]*$/, '')
            .replace(/[^A-Za-z0-9._-]+/g, '-');
        const profile = profileTable(records, { id });
        const out =
          flags.columns === true
            ? { definition: { ...profile.definition, id }, columns: profile.columns }
            : { ...profile.definition, id };
        io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      },
    );
}
