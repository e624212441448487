import { statSync } from 'node:fs';
import { InputError } from '../errors/kinds.ts';

/**
 * Refuses a secret file (a keyring) that group or others may read or write,
 * as ssh refuses a private key with open permissions. POSIX only: Windows
 * file modes do not describe its access lists.
 *
 * @param path - the file
 * @param option - the option that named it (`keys`, `keyring`), for the error's path
 * @throws InputError `keyring-permissions` naming the file, its mode and the `chmod 600` fix
 */
export function assertPrivateFile(path: string, option: string): void {
  if (process.platform === 'win32') return;
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    return; // reading it reports what is wrong
  }
  if ((mode & 0o077) === 0) return;
  const octal = `0${mode.toString(8).padStart(3, '0')}`;
  throw new InputError(
    `keyring file ${path} is open to group or others (mode ${octal}); make it private with: chmod 600 ${path}`,
    { path: option, reason: 'keyring-permissions', details: { mode: octal } },
  );
}
