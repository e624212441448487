import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The options of the README's first command, after its input file (`protect INPUT …`). */
export const README_RELEASE_OPTIONS: readonly string[] = [
  '--dataset',
  'examples/residents.dataset.json',
  '--policy',
  'examples/share.policy.json',
  '--purpose',
  'statutory-duty',
  '--actor',
  'gov.example.civil-affairs',
  '--recipient',
  'gov.example.health',
  '--legal-basis',
  'statutory-duty',
  '--share-request',
  'examples/share-request.json',
];

/** The built binary. */
export const CLI_BIN: string = join(resolve(import.meta.dirname, '../..'), 'dist/cli/main.js');

/**
 * Runs the built binary in `dir` with a clean environment: TZ=UTC, the locale
 * variables given (none inherited), and only PATH, HOME and SYSTEMROOT from
 * this process, so the language and time zone a test sees are the ones it chose.
 *
 * @param dir - the working directory
 * @param locale - LANG, LC_ALL … for the child
 * @param args - the command line after the binary
 */
export function runClean(
  dir: string,
  locale: Readonly<Record<string, string>>,
  ...args: string[]
): SpawnSyncReturns<string> {
  const env: Record<string, string> = { TZ: 'UTC', ...locale };
  for (const name of ['PATH', 'HOME', 'SYSTEMROOT']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return spawnSync(process.execPath, [CLI_BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env,
  });
}
