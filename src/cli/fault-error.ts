import type { DataguardError } from '../errors/dataguard-error.ts';
import { InputError } from '../errors/kinds.ts';
import { sqliteFault } from '../store/sqlite/sqlite-fault.ts';

// What a user can do about each foreseeable system fault.
const SYSTEM_ADVICE: Readonly<Record<string, { reason: string; text: string }>> = {
  ENOSPC: { reason: 'disk-full', text: 'no space left on the device; free space and run again' },
  EDQUOT: { reason: 'disk-full', text: 'disk quota exceeded; free space and run again' },
  ENOENT: { reason: 'not-found', text: 'no such file or directory; check the path' },
  ENOTDIR: { reason: 'not-a-directory', text: 'a part of the path is not a directory' },
  EISDIR: { reason: 'is-a-directory', text: 'the path is a directory; name a file' },
  EACCES: { reason: 'permission-denied', text: 'permission denied; check the permissions' },
  EPERM: { reason: 'permission-denied', text: 'operation not permitted; check the permissions' },
  EROFS: { reason: 'read-only-file-system', text: 'the file system is read-only' },
  EMFILE: { reason: 'too-many-open-files', text: 'too many open files; raise ulimit -n' },
  ENFILE: { reason: 'too-many-open-files', text: 'too many open files in the system' },
  EIO: { reason: 'io-error', text: 'I/O error; check the disk' },
  EPIPE: { reason: 'broken-pipe', text: 'the output was closed before everything was written' },
};

function field(error: object, name: string): string | undefined {
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Turns a foreseeable fault that reached the CLI untyped (a Node system error,
 * a better-sqlite3 `SqliteError`) into a typed error with a stable reason and
 * an actionable one-line message; the raw error stays in `cause`.
 *
 * @param error - what a command threw
 * @returns the typed error, or undefined for anything else (a bug: ERR_INTERNAL)
 */
export function faultError(error: unknown): DataguardError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = field(error, 'code');
  if (code === undefined) return undefined;
  if (code.startsWith('SQLITE_')) return sqliteFault(error);
  if (!Object.hasOwn(SYSTEM_ADVICE, code)) return undefined;
  const advice = SYSTEM_ADVICE[code] as { reason: string; text: string };
  const path = field(error, 'path');
  const syscall = field(error, 'syscall');
  const where = path === undefined ? '' : `${path}: `;
  const how = syscall === undefined ? code : `${code}, ${syscall}`;
  return new InputError(`${where}${advice.text} (${how})`, {
    cause: error,
    reason: advice.reason,
    details: { code },
  });
}
