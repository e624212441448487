import { describe, expect, it } from 'vitest';
import { faultError } from '../../src/cli/fault-error.ts';
import { run } from '../../src/cli/program.ts';
import { InputError, StoreError } from '../../src/errors/index.ts';

// A Node system error as fs throws it.
function systemError(code: string, syscall: string, path?: string): Error {
  return Object.assign(new Error(`${code}: raw system text, ${syscall}`), {
    code,
    syscall,
    errno: -28,
    ...(path === undefined ? {} : { path }),
  });
}

describe('faultError', () => {
  it('types a full disk (ENOSPC) with a stable reason and an actionable line', () => {
    const error = faultError(systemError('ENOSPC', 'write', '/data/out.csv'));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      code: 'ERR_INPUT',
      reason: 'disk-full',
      details: { code: 'ENOSPC' },
    });
    expect(error?.message).toBe(
      '/data/out.csv: no space left on the device; free space and run again (ENOSPC, write)',
    );
    expect(faultError(systemError('EDQUOT', 'write'))?.reason).toBe('disk-full');
  });

  it('types the other foreseeable system faults', () => {
    expect(faultError(systemError('ENOENT', 'open', 'x/y'))?.reason).toBe('not-found');
    expect(faultError(systemError('EACCES', 'open', 'x'))?.reason).toBe('permission-denied');
    expect(faultError(systemError('EROFS', 'open', 'x'))?.reason).toBe('read-only-file-system');
    expect(faultError(systemError('EISDIR', 'open', 'x'))?.reason).toBe('is-a-directory');
  });

  it('types SQLite faults met after opening (a full disk while appending)', () => {
    const error = faultError(
      Object.assign(new Error('database or disk is full'), {
        name: 'SqliteError',
        code: 'SQLITE_FULL',
      }),
    );
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'ERR_STORE', reason: 'disk-full' });
    expect(error?.message).toContain('free space and run again');
    expect(faultError({ code: 'SQLITE_NOTADB' })?.reason).toBe('not-a-database');
  });

  it('leaves bugs alone (they stay ERR_INTERNAL)', () => {
    expect(faultError(new TypeError('x is undefined'))).toBeUndefined();
    expect(faultError(systemError('ERR_SOMETHING', 'open'))).toBeUndefined();
    expect(faultError({ code: 'SQLITE_CONSTRAINT' })).toBeUndefined();
    expect(faultError('text')).toBeUndefined();
  });
});

describe('run() exit codes for faults', () => {
  it('prints one typed line and exits 2 for a ledger that is missing, never ERR_INTERNAL', async () => {
    const err: string[] = [];
    const code = await run(['ledger', 'verify', '--ledger', '/nonexistent-dir-for-test/l.db'], {
      stdout: () => undefined,
      stderr: (text) => err.push(text),
    });
    expect(code).toBe(2);
    expect(err.join('')).toBe(
      'dataguard: ERR_INPUT: ledger database /nonexistent-dir-for-test/l.db does not exist; check --ledger (a ledger is created by the first dataguard protect)\n',
    );
  });
});

describe('run(): a bug (ERR_INTERNAL)', () => {
  // A bug whose message quotes a value: io.stdout throwing while --version prints.
  const failing = (lang: string[], debug?: boolean) => {
    const err: string[] = [];
    const io = {
      stdout: () => {
        throw new TypeError('cannot format 13812345678 for\n    at 11010519491231002X:1:1');
      },
      stderr: (text: string) => err.push(text),
      ...(debug === undefined ? {} : { debug }),
    };
    return run([...lang, '--version'], io).then((code) => ({ code, text: err.join('') }));
  };

  it('names the error class and where it was thrown, never its message', async () => {
    const { code, text } = await failing(['--lang', 'en']);
    expect(code).toBe(2);
    expect(text.split('\n')).toHaveLength(2);
    expect(text).toMatch(
      /^dataguard: ERR_INTERNAL: an internal error \(TypeError at [\w.-]+\.ts:\d+:\d+\), a bug in dataguard/,
    );
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('11010519491231002X');
    const zh = await failing(['--lang', 'zh-CN']);
    expect(zh.text).toContain('dataguard: ERR_INTERNAL: 内部错误（TypeError，位置 ');
    expect(zh.text).not.toContain('13812345678');
  });

  it('prints the message itself only when asked (DATAGUARD_DEBUG=1)', async () => {
    const { text } = await failing(['--lang', 'en'], true);
    expect(text).toContain('cannot format 13812345678');
  });
});
