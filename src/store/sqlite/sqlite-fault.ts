import { StoreError } from '../../errors/index.ts';

interface Advice {
  readonly reason: string;
  /** `file` is `SQLite database <path>`, or `the SQLite database` when the path is unknown. */
  readonly message: (file: string, code: string, path: string | undefined) => string;
}

const CANNOT_OPEN: Advice = {
  reason: 'open-failed',
  message: (file, code) =>
    `cannot open ${file} (${code}); check that it exists, is a file and is readable`,
};

// Keyed by the primary SQLite result code; extended codes (SQLITE_IOERR_READ) fall back to it.
const SQLITE_ADVICE: Readonly<Record<string, Advice>> = {
  SQLITE_NOTADB: {
    reason: 'not-a-database',
    message: (_file, code, path) =>
      `${path ?? 'the database file'} is not a SQLite database (${code}); check the path, or restore the file from a backup`,
  },
  SQLITE_CORRUPT: {
    reason: 'corrupt',
    message: (file, code) => `${file} is corrupt (${code}); restore it from a backup`,
  },
  SQLITE_FULL: {
    reason: 'disk-full',
    message: (file, code) =>
      `no space left on the device holding ${file} (${code}); free space and run again`,
  },
  SQLITE_READONLY: {
    reason: 'read-only',
    message: (file, code) =>
      `${file} cannot be written (${code}); check its permissions and file system`,
  },
  SQLITE_BUSY: {
    reason: 'busy',
    message: (file, code) =>
      `${file} is locked by another process (${code}); run again when it has finished`,
  },
  SQLITE_LOCKED: {
    reason: 'busy',
    message: (file, code) =>
      `${file} is locked (${code}); run again when the other user has finished`,
  },
  SQLITE_IOERR: {
    reason: 'io-error',
    message: (file, code) =>
      `I/O error on ${file} (${code}); check that its disk is not full or failing and that the file is readable`,
  },
  SQLITE_CANTOPEN: CANNOT_OPEN,
  SQLITE_PERM: CANNOT_OPEN,
  SQLITE_AUTH: CANNOT_OPEN,
};

// Node system errors met while creating the database's directory or file.
const ERRNO_ADVICE: Readonly<Record<string, Advice>> = {
  ENOSPC: SQLITE_ADVICE.SQLITE_FULL as Advice,
  EDQUOT: SQLITE_ADVICE.SQLITE_FULL as Advice,
  EACCES: CANNOT_OPEN,
  EPERM: CANNOT_OPEN,
  EROFS: SQLITE_ADVICE.SQLITE_READONLY as Advice,
  ENOTDIR: CANNOT_OPEN,
  ENOENT: CANNOT_OPEN,
};

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Maps a fault met opening or using a SQLite file (a better-sqlite3 `SqliteError`
 * or a Node system error) to a StoreError naming the file, its SQLite or system
 * code and what to do; the raw message stays in `cause`.
 *
 * @param error - what was thrown
 * @param file - the database file (a path, never credentials), when known
 * @returns the StoreError, or undefined when `error` is no foreseeable file fault
 */
export function sqliteFault(error: unknown, file?: string): StoreError | undefined {
  const code = codeOf(error);
  if (code === undefined) return undefined;
  const primary = code.startsWith('SQLITE_') ? code.split('_', 2).join('_') : code;
  const advice = SQLITE_ADVICE[code] ?? SQLITE_ADVICE[primary] ?? ERRNO_ADVICE[code];
  if (advice === undefined) return undefined;
  const name = file === undefined ? 'the SQLite database' : `SQLite database ${file}`;
  return new StoreError(advice.message(name, code, file), {
    cause: error,
    reason: advice.reason,
    path: 'options.path',
    details: { code },
  });
}
