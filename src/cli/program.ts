import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { DataguardError } from '../errors/dataguard-error.ts';
import { registerGradeCommand } from './commands/grade.ts';

/** Where the CLI writes; injected so tests capture output. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit codes: 0 success, 1 denied or a failed check, 2 usage or input error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Thrown by commands to end with exit code 1 after printing their result. */
export class CheckFailed extends Error {}

function packageVersion(): string {
  for (const candidate of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'dataguard' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // try the next layout (dist/cli/ or src/cli/)
    }
  }
  return '0.0.0';
}

/** Builds the `dataguard` command tree. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('dataguard')
    .description(
      'Data security and personal-information protection: grade, de-identify, consent, provenance.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerGradeCommand(program, io);
  return program;
}

/**
 * Runs the CLI with the given arguments and returns the exit code.
 * Errors are one line with their code; never a stack trace.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      ) {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (error instanceof CheckFailed) return EXIT.failed;
    if (error instanceof DataguardError) {
      io.stderr(`dataguard: ${error.code}: ${error.message}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`dataguard: ERR_INTERNAL: ${message}\n`);
    return EXIT.usage;
  }
}
