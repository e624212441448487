import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { DataguardError } from '../errors/dataguard-error.ts';
import { CheckFailed } from './check-failed.ts';
import { loadConfig } from './config.ts';
import { faultError } from './fault-error.ts';
import { HELP_EXAMPLES } from './help-examples.ts';
import { commanderErrorText } from './i18n/commander-errors.ts';
import { LANGS, type Lang, resolveLang, systemLocale } from './i18n/lang.ts';
import { localizeHelp } from './i18n/localize-help.ts';
import { message as t } from './i18n/messages.ts';
import { errorMessage } from './i18n/reasons.ts';
import { UsageError } from './parties.ts';

/** Where the CLI writes; injected so tests capture output. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress bars are drawn only then). */
  readonly stderrIsTTY?: boolean | undefined;
  /**
   * Print an internal error's own message (`DATAGUARD_DEBUG=1`). Off by
   * default: a bug's message may quote the data it failed on.
   */
  readonly debug?: boolean | undefined;
}

/** Exit codes: 0 success, 1 denied or a failed check, 2 usage or input error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const DENIALS: ReadonlySet<string> = new Set([
  'ERR_CONSENT_DENIED',
  'ERR_ANONYMITY',
  'ERR_PRIVACY_BUDGET',
  'ERR_INTEGRITY',
]);

function oneLine(text: string): string {
  // Same result as /\s*\n\s*/g → ' ', in linear time: that pattern is retried from
  // every offset of a long run of spaces (quadratic; scripts/check-regex.mjs).
  return text.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
}

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

type Register = (program: Command, io: CliIo) => void;

// Each command's module is imported only when it runs (or for help): `protect`
// does not load the consent, anonymity-search, risk or ledger-reading code, so
// the process starts smaller. Listed in help order; keys are the names they add.
const COMMANDS: readonly (readonly [readonly string[], () => Promise<Register>])[] = [
  [['init'], async () => (await import('./commands/init.ts')).registerInitCommand],
  [['scan'], async () => (await import('./commands/scan.ts')).registerScanCommand],
  [['redact'], async () => (await import('./commands/redact.ts')).registerRedactCommand],
  [['profile'], async () => (await import('./commands/profile.ts')).registerProfileCommand],
  [['grade'], async () => (await import('./commands/grade.ts')).registerGradeCommand],
  [
    ['protect'],
    async () => {
      const { registerProtectCommand } = await import('./commands/protect.ts');
      return (program, io) => registerProtectCommand(program, io, io.stderrIsTTY === true);
    },
  ],
  [['risk'], async () => (await import('./commands/risk.ts')).registerRiskCommand],
  [['ledger'], async () => (await import('./commands/ledger.ts')).registerLedgerCommand],
  [['consent'], async () => (await import('./commands/consent.ts')).registerConsentCommand],
  [
    ['custody', 'incident'],
    async () => (await import('./commands/custody.ts')).registerCustodyCommands,
  ],
  [['keys'], async () => (await import('./commands/keys.ts')).registerKeysCommand],
  [['record'], async () => (await import('./commands/record.ts')).registerRecordCommand],
  [
    ['completion'],
    async () => (await import('./commands/completion.ts')).registerCompletionCommand,
  ],
];

/** The command an argument list runs (its first operand), if it is one of ours. */
function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return undefined;
    // The global options that take a separate value.
    if (arg === '--config' || arg === '--lang') {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return COMMANDS.some(([names]) => names.includes(arg)) ? arg : undefined;
  }
  return undefined;
}

/**
 * Builds the `dataguard` command tree, its help in a language, loading each
 * command's module.
 *
 * @param io - where the CLI writes
 * @param lang - the language of help and commander's errors (default en)
 * @param only - load just this command (the one being run); default: every command (help, tests, completion)
 * @returns the program, ready to parse
 */
export async function buildProgram(io: CliIo, lang: Lang = 'en', only?: string): Promise<Command> {
  const writeErr = (text: string) => io.stderr(commanderErrorText(lang, text));
  const program = new Command('dataguard')
    .description(
      'Data security and personal-information protection: grade, de-identify, consent, provenance.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .option(
      '--config <file>',
      'workspace configuration (default: dataguard.config.json or .yaml in the working directory)',
    )
    .addOption(
      new Option(
        '--lang <lang>',
        'language of messages, help and reports: zh-CN or en (default: the config, else the system locale)',
      ).choices(LANGS),
    )
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr });
  // The completion script is generated from the whole tree.
  const wanted = COMMANDS.filter(
    ([names]) => only === undefined || only === 'completion' || names.includes(only),
  );
  const registers = await Promise.all(wanted.map(([, load]) => load()));
  for (const register of registers) register(program, io);
  program.addHelpText('after', examplesText(lang, ['dataguard init', 'dataguard ledger verify']));
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr });
    addExamples(command, command.name(), lang);
    for (const sub of command.commands) {
      sub.exitOverride().configureOutput({ writeOut: io.stdout, writeErr });
      addExamples(sub, `${command.name()} ${sub.name()}`, lang);
    }
  }
  localizeHelp(program, lang);
  return program;
}

function examplesText(lang: Lang, lines: readonly string[]): string {
  return `\n${t(lang, 'help.examples')}\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

function addExamples(command: Command, path: string, lang: Lang): void {
  const lines = HELP_EXAMPLES[path];
  if (lines !== undefined) command.addHelpText('after', examplesText(lang, lines));
}

// The value of a root option in the raw arguments (`--name value` or `--name=value`),
// before commander parses them: the language must be known to build the help.
function rawOption(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg === name) value = argv[i + 1];
    else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
  }
  return value;
}

/**
 * The language of a run: `--lang`, then the workspace configuration, then the
 * system locale. A bad value or config is reported later by the command that
 * reads it; here it only falls back.
 *
 * @param argv - the raw arguments
 * @returns the language
 */
export function langOfArgs(argv: readonly string[]): Lang {
  const flag = rawOption(argv, '--lang');
  const fromSystem = () => resolveLang({ env: process.env, intlLocale: systemLocale });
  if (flag !== undefined) {
    return (LANGS as readonly string[]).includes(flag) ? (flag as Lang) : fromSystem();
  }
  try {
    const config = loadConfig(rawOption(argv, '--config'));
    if (config.lang !== undefined) return config.lang;
  } catch {
    // reported by the command that loads the configuration
  }
  return fromSystem();
}

/**
 * The file name and position of the frame that threw (`program.js:12:5`), or
 * `?`. The error's own header (its message) is cut off first, so a message
 * that looks like a frame is never taken for one.
 */
function firstFrame(error: Error): string {
  const stack = error.stack ?? '';
  const header = String(error);
  const frames = stack.startsWith(header) ? stack.slice(header.length) : '';
  const line = frames.split('\n').find((text) => text.trimStart().startsWith('at '));
  if (line === undefined) return '?';
  let location = line.trim().slice(3);
  const open = location.lastIndexOf('(');
  if (open >= 0) location = location.slice(open + 1, location.endsWith(')') ? -1 : undefined);
  location = location.slice(Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\')) + 1);
  return /^[\w.-]+:\d+:\d+$/.test(location) ? location : '?';
}

/**
 * What the CLI says of a bug: the error's class and where in the code it was
 * thrown, never its message unless `debug` (it may quote input data).
 */
function internalMessage(lang: Lang, error: unknown, debug: boolean): string {
  const name = error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : 'Error';
  const where = error instanceof Error ? firstFrame(error) : '?';
  const text = t(lang, 'error.internal', { name, where });
  if (!debug) return text;
  const message = error instanceof Error ? error.message : String(error);
  return `${text} ${oneLine(message)}`;
}

/**
 * Runs the CLI with the given arguments and returns the exit code.
 * Errors are one line with their code; never a stack trace.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const lang = langOfArgs(argv);
  // Only the command being run is loaded; help, version and mistakes load them all.
  const program = await buildProgram(io, lang, commandOf(argv));
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
    if (error instanceof UsageError) {
      const text = errorMessage(lang, {
        code: 'ERR_USAGE',
        reason: error.reason,
        message: error.message,
      });
      io.stderr(`${t(lang, 'error.line', { code: 'ERR_USAGE', message: text })}\n`);
      return EXIT.usage;
    }
    // A foreseeable fault (full disk, missing directory, not a database) is typed, not internal.
    const typed = error instanceof DataguardError ? error : faultError(error);
    if (typed !== undefined) {
      const text = errorMessage(lang, {
        code: typed.code,
        reason: typed.reason,
        message: oneLine(typed.message),
      });
      io.stderr(`${t(lang, 'error.line', { code: typed.code, message: text })}\n`);
      // A denial or a failed check is an answer (exit 1); anything else is bad usage or input (exit 2).
      return DENIALS.has(typed.code) ? EXIT.failed : EXIT.usage;
    }
    io.stderr(
      `${t(lang, 'error.line', { code: 'ERR_INTERNAL', message: internalMessage(lang, error, io.debug === true) })}\n`,
    );
    return EXIT.usage;
  }
}
