import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { InputError } from '../errors/kinds.ts';
import { readJsonFile } from './read-json.ts';
import { assertTimeZone, DEFAULT_TIME_ZONE } from './time-zone.ts';

/** The file names looked for in the working directory, in order. */
const CONFIG_FILES = [
  'dataguard.config.json',
  'dataguard.config.yaml',
  'dataguard.config.yml',
] as const;

/** Schema of `dataguard.config.json|yaml`: the workspace settings command-line options override. */
const CliConfigSchema = z.strictObject({
  /** SQLite database holding the ledger, consent and custody. */
  ledger: z.string().min(1).optional(),
  /** Keyring file (secret). */
  keys: z.string().min(1).optional(),
  /** Verifier key file (public; C2SP vkey lines) for auditors without the keyring. */
  verifier: z.string().min(1).optional(),
  /** The ledger's checkpoint origin, e.g. `hz.gov.cn/ledger`. */
  origin: z.string().min(1).max(255).optional(),
  /** IANA zone times are read and shown in (default Asia/Shanghai). */
  timeZone: z.string().min(1).optional(),
  /** Language of messages and reports. */
  lang: z.enum(['zh-CN', 'en']).optional(),
  /** Regional profiles (REGULATIONS.md), e.g. [fujian]. */
  profiles: z.array(z.string().min(1)).optional(),
});

/** The workspace configuration after loading: paths resolved against the config file's folder. */
export interface CliConfig {
  /** The file it came from, when there was one. */
  readonly file?: string | undefined;
  readonly ledger?: string | undefined;
  readonly keys?: string | undefined;
  readonly verifier?: string | undefined;
  readonly origin?: string | undefined;
  readonly timeZone: string;
  readonly lang?: 'zh-CN' | 'en' | undefined;
  readonly profiles?: readonly string[] | undefined;
}

/**
 * Loads the workspace configuration: the `--config` file, or the first of
 * {@link CONFIG_FILES} in `cwd`, or the defaults when there is none.
 *
 * @param explicit - the `--config` value
 * @param cwd - the working directory
 * @returns the configuration, relative paths resolved against the file's folder
 * @throws {InputError} `missing-config`, `ambiguous-config`, `invalid-config`, or a parse error
 */
export function loadConfig(explicit: string | undefined, cwd: string = process.cwd()): CliConfig {
  let file: string | undefined;
  if (explicit !== undefined) {
    file = resolve(cwd, explicit);
    if (!existsSync(file)) {
      throw new InputError(`config file ${explicit} does not exist`, {
        path: 'config',
        reason: 'missing-config',
      });
    }
  } else {
    const found = CONFIG_FILES.map((name) => join(cwd, name)).filter((path) => existsSync(path));
    if (found.length > 1) {
      throw new InputError(
        `more than one config file in ${cwd}; keep one or choose with --config`,
        {
          path: 'config',
          reason: 'ambiguous-config',
        },
      );
    }
    file = found[0];
  }
  if (file === undefined) return { timeZone: DEFAULT_TIME_ZONE };
  const parsed = CliConfigSchema.safeParse(readJsonFile(file, 'config') ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `config file ${file}: ${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}`,
      { path: 'config', reason: 'invalid-config' },
    );
  }
  const config = parsed.data;
  const base = dirname(file);
  const at = (path: string | undefined) =>
    path === undefined ? undefined : isAbsolute(path) ? path : resolve(base, path);
  return {
    file,
    ledger: at(config.ledger),
    keys: at(config.keys),
    verifier: at(config.verifier),
    origin: config.origin,
    timeZone: assertTimeZone(config.timeZone ?? DEFAULT_TIME_ZONE, `config file ${file}`),
    lang: config.lang,
    profiles: config.profiles,
  };
}

/**
 * The configuration for a running command: reads `--config` from the root
 * program (it may be given before or after the command name).
 *
 * @param command - the command whose action runs
 * @returns the loaded configuration
 * @throws {InputError} see {@link loadConfig}
 */
export function configOf(command: Command): CliConfig {
  let root = command;
  while (root.parent !== null) root = root.parent;
  const explicit = (root.opts() as { config?: string }).config;
  return loadConfig(explicit);
}

/** The commented file `dataguard init` writes. */
export function initialConfig(origin: string): string {
  return `# dataguard workspace configuration (found in the working directory, or given with --config).
# Command-line options override every setting. Relative paths are read from this file's folder.

# SQLite database holding the ledger, consent and custody.
ledger: .dataguard/dataguard.db

# Secret keyring (mode 0600). Auditors leave it out and use the public verifier key instead.
keys: .dataguard/keyring.json
# verifier: ledger.vkey      # from: dataguard keys export-verifier > ledger.vkey

# The ledger's checkpoint origin: set it once, before the first release; it never changes.
origin: ${origin}

# Times are read (dates without offset) and shown in this zone.
timeZone: Asia/Shanghai

# Language of messages, --help and reports: zh-CN or en (--lang overrides it).
# Without it: the system locale (LC_ALL, LC_MESSAGES, LANG), else en.
# lang: zh-CN

# Regional profiles whose rules apply (fujian, qingdao, anhui, chongqing, guiyang-guian).
# profiles: [fujian]
`;
}
