import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Issue 19, as a data officer meets it: each case spawns the built binary (dist/cli/main.js).
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');
const built = existsSync(bin);

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dataguard-users-'));
  cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
  return dir;
}

function runner(dir: string) {
  return (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, TZ: 'UTC' },
    });
}

const RELEASE = [
  '--dataset',
  'examples/residents.dataset.json',
  '--actor',
  'gov.example.civil-affairs',
  '--legal-basis',
  'statutory-duty',
  '--policy',
  'examples/share.policy.json',
  '--purpose',
  'statutory-duty',
  '--recipient',
  'gov.example.health',
  '--share-request',
  'examples/share-request.json',
];

function gbk(text: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
}

describe.skipIf(!built)('dataguard for the people who run it (issue 19)', () => {
  let dir = '';
  let run: ReturnType<typeof runner>;
  beforeAll(() => {
    dir = workdir();
    run = runner(dir);
  });

  describe('--encoding', () => {
    const csv = readFileSync(join(root, 'examples/residents.csv'), 'utf8')
      .split('\n')
      .slice(0, 40)
      .join('\n');

    it('profile reads a GBK file with --encoding gbk and with auto', () => {
      writeFileSync(join(dir, 'gbk.csv'), gbk(csv));
      expect(run('profile', 'gbk.csv').stderr).toContain('ERR_INPUT');
      for (const encoding of ['gbk', 'gb18030', 'auto']) {
        const out = run('profile', 'gbk.csv', '--encoding', encoding);
        expect(out.stderr).toBe('');
        expect(out.status).toBe(0);
        const names = (JSON.parse(out.stdout) as { fields: { name: string }[] }).fields.map(
          (f) => f.name,
        );
        expect(names).toContain('id_card');
      }
    });

    it('auto finds UTF-8 without a BOM, UTF-8 with a BOM and UTF-16LE with a BOM', () => {
      writeFileSync(join(dir, 'plain.csv'), csv);
      writeFileSync(join(dir, 'bom.csv'), `\uFEFF${csv}`);
      writeFileSync(join(dir, 'wide.csv'), Buffer.from(`\uFEFF${csv}`, 'utf16le'));
      for (const file of ['plain.csv', 'bom.csv', 'wide.csv']) {
        const out = run('risk', file, '--qi', 'district,sex', '--encoding', 'auto', '--json');
        expect(out.stderr).toBe('');
        expect(JSON.parse(out.stdout).records).toBe(39);
      }
      const wide = run('scan', 'wide.csv', '--encoding', 'utf-16le', '--json');
      expect(JSON.parse(wide.stdout).byType['cn-resident-id']).toBe(39);
    });

    it('scan reads GBK text; a wrong encoding fails with a typed error naming it', () => {
      writeFileSync(
        join(dir, 'note.txt'),
        gbk('联系人身份证 350122200606134936，电话 13116420445\n'),
      );
      const out = run('scan', 'note.txt', '--encoding', 'auto', '--json');
      expect(JSON.parse(out.stdout).total).toBeGreaterThanOrEqual(2);
      const wrong = run('scan', 'note.txt', '--encoding', 'utf-8');
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toMatch(/ERR_INPUT: .*utf-8/);
      expect(run('scan', 'note.txt', '--encoding', 'latin1').status).toBe(2);
    });
  });

  it('loads YAML dataset definitions wherever JSON ones load', () => {
    const dataset = JSON.parse(readFileSync(join(dir, 'examples/residents.dataset.json'), 'utf8'));
    const yaml = `# 常住人口\n${JSON.stringify(dataset, null, 2)}\n`;
    writeFileSync(join(dir, 'residents.dataset.yaml'), yaml);
    writeFileSync(
      join(dir, 'residents.dataset.yml'),
      `id: residents\nversion: "1"\ndomain: government\nprovider: { id: gov.example.civil-affairs, kind: agency }\nfields:\n  - name: name\n    role: direct-identifier\n    piCategory: basic\n    impacts: [{ object: personal-rights, degree: serious }]\n    share: conditional\n    open: closed\n    openBasis: PIPL Art. 25\n`,
    );
    expect(run('grade', 'residents.dataset.yaml').status).toBe(0);
    const graded = run('grade', 'residents.dataset.yml', '--json');
    expect(graded.status).toBe(0);
    expect(JSON.parse(graded.stdout).id).toBe('residents');
    writeFileSync(join(dir, 'broken.yaml'), 'id: [unclosed\n');
    const bad = run('grade', 'broken.yaml');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/ERR_INPUT: dataset file broken\.yaml is not valid YAML/);
  });

  it('accepts Excel date forms where a date is expected (date generalization)', () => {
    const lines = readFileSync(join(root, 'examples/residents.csv'), 'utf8').split('\n');
    const header = lines[0] as string;
    const forms = ['1973/1/9', '1973年11月19日', '1973.1.9', '26673', '1973-01-09 08:30'];
    const rows = forms.map((date, i) => {
      const cells = (lines[i + 1] as string).split(',');
      cells[3] = date;
      return cells.join(',');
    });
    writeFileSync(join(dir, 'excel.csv'), `${[header, ...rows].join('\n')}\n`);
    const out = run('protect', 'excel.csv', ...RELEASE, '--out', 'excel.out.csv', '--no-report');
    expect(out.stderr).not.toContain('ERR_');
    expect(out.status).toBe(0);
    const released = readFileSync(join(dir, 'excel.out.csv'), 'utf8').trim().split('\n');
    const column = (released[0] as string).split(',').indexOf('birth_date');
    expect(released.slice(1).map((line) => line.split(',')[column])).toEqual([
      '1973-01',
      '1973-11',
      '1973-01',
      '1973-01',
      '1973-01',
    ]);
  });
});
