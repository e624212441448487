import { dirname, resolve } from 'node:path';
import { InputError } from '../errors/kinds.ts';

type Describe = (file: string, code: string) => string;

// Foreseeable faults of writing a file, each with what the user can do about it.
const ADVICE: Readonly<Record<string, { reason: string; message: Describe }>> = {
  ENOENT: {
    reason: 'missing-directory',
    message: (file) =>
      `cannot write ${file}: directory ${dirname(file)} does not exist; create it or choose another path`,
  },
  ENOTDIR: {
    reason: 'not-a-directory',
    message: (file) =>
      `cannot write ${file}: a part of ${dirname(file)} is not a directory; choose another path`,
  },
  EISDIR: {
    reason: 'is-a-directory',
    message: (file) => `cannot write ${file}: it is a directory; name a file`,
  },
  ENOSPC: {
    reason: 'disk-full',
    message: (file, code) =>
      `cannot write ${file}: no space left on the device (${code}); free space and run again`,
  },
  EDQUOT: {
    reason: 'disk-full',
    message: (file, code) =>
      `cannot write ${file}: disk quota exceeded (${code}); free space and run again`,
  },
  EACCES: {
    reason: 'permission-denied',
    message: (file, code) =>
      `cannot write ${file}: permission denied (${code}); check the permissions of ${dirname(file)}`,
  },
  EPERM: {
    reason: 'permission-denied',
    message: (file, code) =>
      `cannot write ${file}: operation not permitted (${code}); check the permissions of ${dirname(file)}`,
  },
  EROFS: {
    reason: 'read-only-file-system',
    message: (file, code) =>
      `cannot write ${file}: the file system is read-only (${code}); choose another path`,
  },
  EMFILE: {
    reason: 'too-many-open-files',
    message: (file, code) =>
      `cannot write ${file}: too many open files (${code}); raise the limit (ulimit -n) or run fewer jobs`,
  },
  ENFILE: {
    reason: 'too-many-open-files',
    message: (file, code) =>
      `cannot write ${file}: too many open files in the system (${code}); run again later`,
  },
  EIO: {
    reason: 'io-error',
    message: (file, code) =>
      `cannot write ${file}: I/O error (${code}); check the disk and run again`,
  },
};

/**
 * Maps a Node file-system error met while writing `file` to an InputError that
 * names the file, the system code and what to do (the raw error stays in `cause`).
 *
 * @param error - what was thrown
 * @param file - the file being written (named in the message as an absolute path)
 * @param option - the argument or option that named the file, for the error's `path`
 * @returns the InputError, or undefined when `error` is no foreseeable file-system fault
 */
export function writeFault(error: unknown, file: string, option: string): InputError | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  if (typeof code !== 'string' || !Object.hasOwn(ADVICE, code)) return undefined;
  const advice = ADVICE[code] as { reason: string; message: Describe };
  return new InputError(advice.message(resolve(file), code), {
    cause: error,
    path: option,
    reason: advice.reason,
    details: { code },
  });
}
