import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';

const EXAMPLE =
  '申请人张三，男，身份证号11010519491231002X，住北京市朝阳区建国路88号，联系电话13812345678，患有糖尿病。';
const COURT =
  '申请人张某，男，身份证号1****************X，住北京市朝阳区，联系电话138****5678，患有[健康信息1]。';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'dataguard-redact-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('dataguard redact', () => {
  it('turns the issue example into court-style text', async () => {
    const out = await cli('redact', file('a.txt', `${EXAMPLE}\n`));
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`${COURT}\n`);
  });

  it('keeps labels consistent across lines and follows --policy', async () => {
    const policy = file('p.json', JSON.stringify({ type: 'text', default: 'label' }));
    const text = file('b.txt', '来电人王芳反映噪音\n经办人李强回访王芳\n');
    const out = await cli('redact', text, '--policy', policy);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('来电人[姓名1]反映噪音\n经办人[姓名2]回访[姓名1]\n');
    const doc = await cli('redact', text, '--policy', policy, '--mode', 'document');
    expect(doc.stdout).toBe('来电人[姓名1]反映噪音\n经办人[姓名2]回访[姓名1]\n');
  });

  it('fails with exit 2 on a bad mode, a policy that is not a text transform, or a missing file', async () => {
    const text = file('c.txt', EXAMPLE);
    expect((await cli('redact', text, '--mode', 'page')).code).toBe(2);
    const notText = file('q.json', JSON.stringify({ type: 'mask', preset: 'cn-name' }));
    const bad = await cli('redact', text, '--policy', notText);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect((await cli('redact', join(dir, 'missing.txt'))).code).toBe(2);
    const keyed = file('k.json', JSON.stringify({ type: 'text', default: 'pseudonym' }));
    const noKey = await cli('redact', text, '--policy', keyed);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).not.toContain('张三');
  });
});

const bin = join(resolve(import.meta.dirname, '../..'), 'dist/cli/main.js');
describe.skipIf(!existsSync(bin))('dataguard redact (built binary, stdin)', () => {
  it('reads standard input with -', () => {
    const out = spawnSync(process.execPath, [bin, 'redact', '-'], {
      input: `${EXAMPLE}\n${EXAMPLE}\n`,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(`${COURT}\n${COURT}\n`);
  });
});
