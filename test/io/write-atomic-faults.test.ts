import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/index.ts';
import { writeAtomic } from '../../src/io/index.ts';
import { writeFault } from '../../src/io/write-fault.ts';

const dir = mkdtempSync(join(tmpdir(), 'dataguard-write-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeAtomic faults', () => {
  it('names a missing output directory in a typed error', async () => {
    const target = join(dir, 'missing', 'out.csv');
    const failure = writeAtomic(target, ['a,b\n']);
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toMatchObject({
      reason: 'missing-directory',
      path: 'path',
      details: { code: 'ENOENT' },
      message: `cannot write ${target}: directory ${join(dir, 'missing')} does not exist; create it or choose another path`,
    });
  });

  it("passes the source's own error through unchanged, even a system error, and leaves no file", async () => {
    const own = Object.assign(new Error('input vanished'), { code: 'ENOENT', syscall: 'read' });
    const source = (async function* () {
      yield 'a,b\n';
      throw own;
    })();
    await expect(writeAtomic(join(dir, 'out.csv'), source)).rejects.toBe(own);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeFault', () => {
  it('maps a full disk to disk-full naming the file', () => {
    const error = writeFault(Object.assign(new Error('raw'), { code: 'ENOSPC' }), '/v/r.md', 'out');
    expect(error).toMatchObject({ code: 'ERR_INPUT', reason: 'disk-full', path: 'out' });
    expect(error?.message).toBe(
      'cannot write /v/r.md: no space left on the device (ENOSPC); free space and run again',
    );
  });

  it('leaves unknown errors alone', () => {
    expect(writeFault(new Error('x'), '/v/r.md', 'out')).toBeUndefined();
    expect(writeFault({ code: 'EEXIST' }, '/v/r.md', 'out')).toBeUndefined();
    expect(writeFault({ code: 'toString' }, '/v/r.md', 'out')).toBeUndefined();
  });
});
