import type { Command } from 'commander';
import type { DatasetDefinition } from '../../tags/dataset.ts';
import { defineDataset } from '../../tags/dataset.ts';
import type { CliIo } from '../program.ts';
import { readJsonFile } from '../read-json.ts';

/** `dataguard grade <dataset.json>`: validate a dataset definition and print its effective grades. */
export function registerGradeCommand(program: Command, io: CliIo): void {
  program
    .command('grade')
    .description(
      "validate a dataset definition (JSON) and print each field's effective grade (GB/T 43697)",
    )
    .argument('<dataset>', 'dataset definition file (JSON)')
    .option('--json', 'print the graded schema as JSON')
    .action((file: string, options: { json?: boolean }) => {
      const schema = defineDataset(readJsonFile(file, 'dataset') as DatasetDefinition);
      if (options.json) {
        io.stdout(`${JSON.stringify(schema, null, 2)}\n`);
        return;
      }
      io.stdout(
        `dataset ${schema.id} v${schema.version}: grade ${schema.grade}${schema.sensitive ? ' (contains sensitive PI)' : ''}\n`,
      );
      let width = 0;
      for (const field of schema.fields) if (field.name.length > width) width = field.name.length;
      for (const field of schema.fields) {
        const category =
          field.piCategory === undefined
            ? '-'
            : `${field.piCategory}${field.sensitive ? ' (sensitive)' : ''}`;
        io.stdout(
          `  ${field.name.padEnd(width)}  ${field.grade.padEnd(9)}  ${field.role.padEnd(17)}  ${category}  [${field.gradeBasis.join(', ')}]\n`,
        );
      }
    });
}
