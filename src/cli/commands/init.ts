import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../errors/kinds.ts';
import { initialConfig } from '../config.ts';
import { langOf } from '../i18n/lang.ts';
import { message as t } from '../i18n/messages.ts';
import type { CliIo } from '../program.ts';
import { DEFAULT_ORIGIN } from '../workspace.ts';

/** `dataguard init`: writes a commented `dataguard.config.yaml` in the working directory. */
export function registerInitCommand(program: Command, io: CliIo): void {
  program
    .command('init')
    .description(
      'write a commented workspace configuration, dataguard.config.yaml (ledger, keys, origin, time zone, language)',
    )
    .option(
      '--origin <name>',
      `the ledger's checkpoint origin, e.g. hz.gov.cn/ledger (default ${DEFAULT_ORIGIN})`,
    )
    .option('--out <file>', 'file to write (default dataguard.config.yaml)')
    .option('--force', 'replace an existing file')
    .action((flags: { origin?: string; out?: string; force?: boolean }, command: Command) => {
      const file = flags.out ?? 'dataguard.config.yaml';
      try {
        writeFileSync(file, initialConfig(flags.origin ?? DEFAULT_ORIGIN), {
          flag: flags.force === true ? 'w' : 'wx',
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new InputError(`${file} already exists (use --force to replace it)`, {
            cause: error,
            path: 'out',
            reason: 'exists',
          });
        }
        throw error;
      }
      io.stdout(`${t(langOf(command), 'init.wrote', { file })}\n`);
    });
}
