import type { Command } from 'commander';
import { profileTable } from '../../detect/index.ts';
import type { EncodingChoice } from '../../io/detect-encoding.ts';
import { encodingOption } from '../encoding.ts';
import { intFlag } from '../parties.ts';
import type { CliIo } from '../program.ts';
import { openRecords, SHEET_OPTION } from '../read-records.ts';

/** `dataguard profile <file.csv>`: a draft dataset definition (tags, roles, grades) as JSON. */
export function registerProfileCommand(program: Command, io: CliIo): void {
  encodingOption(
    program
      .command('profile')
      .description(
        'suggest a dataset definition (PI categories, roles, grades) from a CSV or NDJSON sample, as JSON',
      )
      .argument('<file>', 'input file (.csv, .ndjson, .jsonl or .xlsx)'),
  )
    .option(...SHEET_OPTION)
    .option('--sample <rows>', 'rows to read (default 1000)')
    .option('--id <id>', 'dataset id (default: the file name)')
    .option('--columns', 'print the per-column profiles too')
    .action(
      async (
        file: string,
        flags: {
          sample?: string;
          id?: string;
          columns?: boolean;
          encoding?: EncodingChoice;
          sheet?: string;
        },
      ) => {
        const sample = intFlag(flags.sample, '--sample') ?? 1000;
        const records: Record<string, string>[] = [];
        for await (const record of openRecords(file, flags.encoding, flags.sheet).records) {
          records.push(
            Object.fromEntries(
              Object.entries(record).map(([k, v]) => [
                k,
                typeof v === 'string' ? v : JSON.stringify(v ?? ''),
              ]),
            ),
          );
          if (records.length >= sample) break;
        }
        const id =
          flags.id ??
          (file.split(/[\\/]/).pop() ?? 'dataset')
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
