import { Argument, type Command } from 'commander';
import { bashCompletion, zshCompletion } from '../completion.ts';
import type { CliIo } from '../program.ts';

/** `dataguard completion bash|zsh`: prints a completion script generated from the command tree. */
export function registerCompletionCommand(program: Command, io: CliIo): void {
  program
    .command('completion')
    .description('print a shell completion script (bash or zsh) for dataguard')
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(['bash', 'zsh']))
    .action((shell: string) => {
      io.stdout(shell === 'zsh' ? zshCompletion(program) : bashCompletion(program));
    });
}
