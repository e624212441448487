import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
        expect(JSON.parse(out.stdout).input.rows).toBe(39);
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

  describe('workspace, auditors, incidents and recording', () => {
    let ws = '';
    let go: ReturnType<typeof runner>;
    let copy = '';
    const ORIGIN = 'hz.gov.cn/ledger';
    const who = ['--reported-by', 'gov.example.health', '--discovered', '2026-03-10 09:00'];

    beforeAll(() => {
      ws = workdir();
      go = runner(ws);
    });

    it('init writes a commented config; its origin is used, and verify passes after checkpoint --origin', () => {
      const init = go('init', '--origin', ORIGIN);
      expect(init.status).toBe(0);
      const config = readFileSync(join(ws, 'dataguard.config.yaml'), 'utf8');
      expect(config).toMatch(/^# /m);
      expect(config).toContain(`origin: ${ORIGIN}`);
      expect(config).toContain('timeZone: Asia/Shanghai');
      expect(go('init').status).toBe(2);
      const released = go('protect', 'examples/residents.csv', ...RELEASE, '--json');
      expect(released.status).toBe(0);
      copy = JSON.parse(released.stdout).target.id;
      expect(JSON.parse(released.stdout).checkpoint.note.split('\n')[0]).toBe(ORIGIN);
      const checkpoint = go('ledger', 'checkpoint', '--origin', ORIGIN);
      expect(checkpoint.stdout.split('\n')[0]).toBe(ORIGIN);
      const verify = go('ledger', 'verify');
      expect(verify.stdout).toContain('ledger ok');
      expect(verify.status).toBe(0);
      // Another origin is refused up front, naming both, instead of failing as if tampered.
      const other = go('ledger', 'checkpoint', '--origin', 'elsewhere.example/log');
      expect(other.status).toBe(2);
      expect(other.stderr).toContain(`signed for origin ${ORIGIN}`);
    });

    it('verify after a checkpoint --origin on a ledger without config uses the recorded origin', () => {
      const bare = workdir();
      const run2 = runner(bare);
      expect(run2('protect', 'examples/residents.csv', ...RELEASE, '--no-report').status).toBe(0);
      // protect's checkpoint fixed the default origin: another one is refused, naming both.
      const moved = run2('ledger', 'checkpoint', '--origin', ORIGIN);
      expect(moved.status).toBe(2);
      expect(moved.stderr).toContain('a ledger keeps one origin');
      expect(run2('ledger', 'verify').status).toBe(0);
      // A fresh ledger (first event recorded from the shell) takes the origin of its first checkpoint.
      const fresh = workdir();
      const run3 = runner(fresh);
      expect(
        run3(
          'record',
          'collect',
          '--actor',
          'gov.example.civil-affairs',
          '--purpose',
          'statutory-duty',
          '--legal-basis',
          'statutory-duty',
          '--output',
          'residents',
        ).status,
      ).toBe(0);
      expect(run3('ledger', 'checkpoint', '--origin', ORIGIN).status).toBe(0);
      const verify = run3('ledger', 'verify');
      expect(verify.stdout).toContain(`origin ${ORIGIN}`);
      expect(verify.status).toBe(0);
    });

    it('an auditor verifies, shows, proves and reads custody with the public verifier key only', () => {
      const vkey = go('keys', 'export-verifier');
      expect(vkey.status).toBe(0);
      expect(vkey.stdout).toMatch(/^hz\.gov\.cn\/ledger\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/m);
      const audit = workdir();
      const auditor = runner(audit);
      writeFileSync(join(audit, 'ledger.vkey'), vkey.stdout);
      cpSync(join(ws, '.dataguard/dataguard.db'), join(audit, 'copy.db'));
      const at = ['--ledger', 'copy.db', '--verifier', 'ledger.vkey'];
      const verify = auditor('ledger', 'verify', ...at);
      expect(verify.stdout).toContain('public verifier key');
      expect(verify.status).toBe(0);
      const show = auditor('ledger', 'show', ...at);
      expect(show.status).toBe(0);
      expect(show.stdout).toMatch(/^#\s+time\s+processing/);
      // Times in Asia/Shanghai, not UTC.
      expect(show.stdout).toMatch(/ \+08:00 /);
      expect(show.stdout).not.toMatch(/\dZ\b/);
      const custody = auditor('custody', copy, ...at, '--at', '2099-01-01');
      expect(custody.status).toBe(0);
      expect(custody.stdout).toContain('gov.example.health');
      const proof = auditor('ledger', 'prove', '0', ...at);
      expect(proof.status).toBe(0);
      writeFileSync(join(audit, 'proof.json'), proof.stdout);
      rmSync(join(audit, 'copy.db'));
      const check = auditor('ledger', 'check-proof', 'proof.json', '--verifier', 'ledger.vkey');
      expect(check.stdout).toContain('inclusion proof ok');
      expect(check.status).toBe(0);
      const forged = JSON.parse(proof.stdout);
      forged.index = 1;
      writeFileSync(join(audit, 'forged.json'), JSON.stringify(forged));
      const bad = auditor('ledger', 'check-proof', 'forged.json', '--verifier', 'ledger.vkey');
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain('FAILED');
      // A wrong key verifies nothing.
      const other = workdir();
      const stranger = runner(other);
      stranger('keys', 'generate', '--suite', 'international', '--out', 'k.json');
      const strangerKey = stranger(
        'keys',
        'export-verifier',
        '--keys',
        'k.json',
        '--origin',
        ORIGIN,
      );
      writeFileSync(join(audit, 'wrong.vkey'), strangerKey.stdout);
      expect(
        auditor('ledger', 'check-proof', 'proof.json', '--verifier', 'wrong.vkey').status,
      ).toBe(1);
    });

    it('an auditor of a national-suite ledger (SM2 key, SM3 tree) needs only the verifier key', () => {
      const nat = workdir();
      const keeper = runner(nat);
      expect(
        keeper('keys', 'generate', '--suite', 'national', '--out', 'national.json').status,
      ).toBe(0);
      const ks = ['--keys', 'national.json'];
      const common = ['--purpose', 'statutory-duty', '--legal-basis', 'statutory-duty'];
      expect(
        keeper('record', 'collect', '--actor', 'a.b', ...common, '--output', 'd', ...ks).status,
      ).toBe(0);
      expect(keeper('ledger', 'checkpoint', ...ks).status).toBe(0);
      writeFileSync(join(nat, 'n.vkey'), keeper('keys', 'export-verifier', ...ks).stdout);
      rmSync(join(nat, 'national.json'));
      const verify = keeper('ledger', 'verify', '--verifier', 'n.vkey');
      expect(verify.stdout).toContain('ledger ok: 1 entries, 1 checkpoints verified');
      expect(keeper('ledger', 'show').status).toBe(0);
      writeFileSync(join(nat, 'p.json'), keeper('ledger', 'prove', '0').stdout);
      expect(keeper('ledger', 'check-proof', 'p.json', '--verifier', 'n.vkey').status).toBe(0);
    });

    it('checks a consistency proof between two checkpoints offline', () => {
      const vkey = go('keys', 'export-verifier').stdout;
      writeFileSync(join(ws, 'ledger.vkey'), vkey);
      expect(
        go(
          'record',
          'store',
          '--actor',
          'gov.example.data-center',
          '--purpose',
          'statutory-duty',
          '--legal-basis',
          'statutory-duty',
          '--input',
          copy,
        ).status,
      ).toBe(0);
      expect(go('ledger', 'checkpoint').status).toBe(0);
      const proof = go('ledger', 'prove', '--consistency', '1');
      expect(proof.status).toBe(0);
      writeFileSync(join(ws, 'consistency.json'), proof.stdout);
      const check = go('ledger', 'check-proof', 'consistency.json', '--verifier', 'ledger.vkey');
      expect(check.stdout).toContain('consistency proof ok');
      expect(check.status).toBe(0);
    });

    it('incident needs --reported-by and --discovered and records only with --record', () => {
      const base = ['incident', copy, '--kind', 'leak'];
      const missing = go(...base);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('required option');
      expect(go(...base, '--discovered', '2026-03-10').stderr).toContain('--reported-by');
      expect(go(...base, '--reported-by', 'gov.example.health').stderr).toContain('--discovered');
      const size = () => go('ledger', 'show', '--json').stdout.trim().split('\n').length;
      const before = size();
      const dry = go(...base, ...who);
      expect(dry.status).toBe(0);
      expect(dry.stderr).toContain('DRY RUN: nothing was recorded');
      expect(size()).toBe(before);
      const recorded = go(...base, ...who, '--record', '--format', 'json');
      expect(recorded.status).toBe(0);
      expect(recorded.stderr).toContain('recorded in the ledger');
      expect(size()).toBe(before + 1);
      const report = JSON.parse(recorded.stdout);
      expect(report.reportedBy.id).toBe('gov.example.health');
      expect(report.discoveredAt).toBe('2026-03-10T01:00:00.000Z');
    });

    it('custody --at is checked at the boundary; a date is read in the configured zone', () => {
      const bad = go('custody', copy, '--at', '10/03/2026');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('ERR_USAGE: --at must be a date (2026-03-10)');
      expect(bad.stderr).not.toContain('options.');
      expect(go('custody', copy, '--at', '2026-03-10').status).toBe(0);
      expect(go('custody', copy, '--at', '2026-02-30').status).toBe(2);
    });

    it('record share|provide|entrust|store|delete|collect append validated events with their index', () => {
      const common = ['--purpose', 'statutory-duty', '--legal-basis', 'statutory-duty'];
      const share = go(
        'record',
        'share',
        '--actor',
        'gov.example.health',
        ...common,
        '--input',
        copy,
        '--output',
        'residents.cdc',
        '--recipient',
        'gov.example.cdc',
        '--recipient-name',
        '疾控中心',
      );
      expect(share.status).toBe(0);
      expect(share.stdout).toMatch(/^recorded share as ledger entry #\d+/);
      const index = Number(/#(\d+)/.exec(share.stdout)?.[1]);
      const shown = JSON.parse(go('ledger', 'show', String(index), '--json').stdout);
      expect(shown.event).toMatchObject({
        processing: 'share',
        inputs: [{ id: copy }],
        outputs: [{ id: 'residents.cdc' }],
        recipients: [{ id: 'gov.example.cdc', name: '疾控中心' }],
      });
      const custody = JSON.parse(go('custody', 'residents.cdc', '--json').stdout) as {
        party: { id: string };
        roles: string[];
      }[];
      expect(custody.map((p) => `${p.party.id}=${p.roles.join('+')}`)).toContain(
        'gov.example.cdc=holder+user',
      );
      const entrust = go(
        'record',
        'entrust',
        '--actor',
        'gov.example.cdc',
        ...common,
        '--input',
        'residents.cdc',
        '--recipient',
        'it.example',
        '--recipient-kind',
        'enterprise',
      );
      expect(entrust.status).toBe(0);
      expect(
        go('record', 'provide', '--actor', 'a', ...common, '--input', copy, '--output', 'x').status,
      ).toBe(2);
      expect(go('record', 'delete', '--actor', 'a', ...common).status).toBe(2);
      // Validated like the library: a bad purpose id is refused, nothing appended.
      const before = go('ledger', 'show', '--json').stdout.trim().split('\n').length;
      const badPurpose = go(
        'record',
        'delete',
        '--actor',
        'gov.example.cdc',
        '--purpose',
        'Not A Purpose!',
        '--legal-basis',
        'statutory-duty',
        '--input',
        'residents.cdc',
      );
      expect(badPurpose.status).toBe(2);
      expect(badPurpose.stderr).toContain('ERR_VALIDATION');
      expect(go('ledger', 'show', '--json').stdout.trim().split('\n').length).toBe(before);
      const deleted = go(
        'record',
        'delete',
        '--actor',
        'gov.example.cdc',
        ...common,
        '--input',
        'residents.cdc',
        '--time',
        '2099-01-01 00:00',
      );
      expect(deleted.status).toBe(0);
      expect(deleted.stdout).toContain('2099-01-01 00:00:00 +08:00');
      expect(go('ledger', 'verify').status).toBe(0);
    });

    it('grade aligns columns by display width and every --help ends with an example', () => {
      const dataset = JSON.parse(readFileSync(join(ws, 'examples/residents.dataset.json'), 'utf8'));
      dataset.fields[0].name = '姓名';
      writeFileSync(join(ws, 'cn.dataset.json'), JSON.stringify(dataset));
      const out = go('grade', 'cn.dataset.json');
      expect(out.status).toBe(0);
      const lines = out.stdout.trimEnd().split('\n').slice(1);
      const column = (line: string) => {
        const at = line.search(/ (core|important|general-\d)/);
        let width = 0;
        for (const ch of line.slice(0, at)) width += /[\u4e00-\u9fff]/.test(ch) ? 2 : 1;
        return width;
      };
      expect(new Set(lines.map(column)).size).toBe(1);
      const helps = [
        ['scan'],
        ['profile'],
        ['risk'],
        ['grade'],
        ['init'],
        ['custody'],
        ['incident'],
        ['ledger', 'verify'],
        ['ledger', 'show'],
        ['ledger', 'check-proof'],
        ['keys', 'export-verifier'],
        ['record', 'share'],
        ['protect'],
      ];
      for (const args of helps) {
        const help = go(...args, '--help');
        expect(help.status, args.join(' ')).toBe(0);
        expect(help.stdout, args.join(' ')).toMatch(/Examples:\n( {2}\$ dataguard .+\n)+\n?$/);
      }
    });
  });
});
