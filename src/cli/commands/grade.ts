import type { Command } from 'commander';
import type { DatasetDefinition } from '../../tags/dataset.ts';
import { defineDataset } from '../../tags/dataset.ts';
import { langOf } from '../i18n/lang.ts';
import { message as t } from '../i18n/messages.ts';
import type { CliIo } from '../program.ts';
import { readJsonFile } from '../read-json.ts';
import { formatTable } from '../table.ts';

/** `dataguard grade <dataset.json>`: validate a dataset definition and print its effective grades. */
export function registerGradeCommand(program: Command, io: CliIo): void {
  program
    .command('grade')
    .description(
      "validate a dataset definition (JSON or YAML) and print each field's effective grade (GB/T 43697)",
    )
    .argument('<dataset>', 'dataset definition file (JSON or YAML)')
    .option('--json', 'print the graded schema as JSON')
    .action((file: string, options: { json?: boolean }, command: Command) => {
      const lang = langOf(command);
      const schema = defineDataset(readJsonFile(file, 'dataset') as DatasetDefinition);
      if (options.json) {
        io.stdout(`${JSON.stringify(schema, null, 2)}\n`);
        return;
      }
      io.stdout(
        `${t(lang, 'grade.dataset', {
          id: schema.id,
          version: schema.version,
          grade: schema.grade,
          sensitive: schema.sensitive ? t(lang, 'grade.containsSensitive') : '',
        })}\n`,
      );
      io.stdout(
        formatTable(
          schema.fields.map((field) => [
            field.name,
            field.grade,
            field.role,
            field.piCategory === undefined
              ? '-'
              : `${field.piCategory}${field.sensitive ? t(lang, 'grade.sensitive') : ''}`,
            `[${field.gradeBasis.join(', ')}]`,
          ]),
          '  ',
        ),
      );
    });
}
