import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Issue 15 through the built binary: each way a release could leak data or record
// what did not happen, on copies of the example files.
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');

describe.skipIf(!existsSync(bin))('dataguard protect: the release fails closed', () => {
  let dir = '';
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 180_000 });
  const base = [
    '--dataset',
    'examples/residents.dataset.json',
    '--actor',
    'gov.example.civil-affairs',
    '--legal-basis',
    'statutory-duty',
  ];
  const provide = [
    ...base,
    '--policy',
    'examples/share.policy.json',
    '--purpose',
    'statutory-duty',
    '--recipient',
    'gov.example.health',
  ];
  const ledgerSize = () => {
    if (!existsSync(join(dir, '.dataguard/dataguard.db'))) return 0;
    const verified = run('ledger', 'verify');
    const match = /(\d+) entr/.exec(verified.stdout);
    if (verified.status !== 0 || match === null)
      throw new Error(`ledger verify: ${verified.stdout}${verified.stderr}`);
    return Number(match[1]);
  };
  const fresh = () => rmSync(join(dir, '.dataguard/dataguard.db'), { force: true });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dataguard-release-'));
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a share of public data without a sharing decision: exit 1, no output, no event', () => {
    const out = run(
      'protect',
      'examples/residents.csv',
      ...base,
      '--policy',
      'examples/share.policy.json',
      '--purpose',
      'statutory-duty',
      '--recipient',
      'ent.example.insurer',
      '--recipient-kind',
      'enterprise',
      '--processing',
      'share',
      '--out',
      'shared.csv',
    );
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('S-CHANNEL');
    expect(existsSync(join(dir, 'shared.csv'))).toBe(false);
    expect(ledgerSize()).toBe(0);
  });

  it('decides a --grant against the workspace consent store, and takes one decision only', () => {
    const unknown = run(
      'protect',
      'examples/residents.csv',
      ...provide,
      '--grant',
      'no-such-grant',
      '--out',
      'granted.csv',
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown-grant');
    expect(existsSync(join(dir, 'granted.csv'))).toBe(false);
    const both = run(
      'protect',
      'examples/residents.csv',
      ...provide,
      '--grant',
      'g',
      '--share-request',
      'examples/share-request.json',
    );
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('give one of --share-request, --open-request or --grant');
    fresh();
  });

  it('never opens the closed diagnosis column, whatever the policy keeps', () => {
    const policy = JSON.parse(readFileSync(join(dir, 'examples/open.policy.json'), 'utf8'));
    writeFileSync(
      join(dir, 'open-diagnosis.json'),
      JSON.stringify({ ...policy, keep: [...policy.keep, 'diagnosis'] }),
    );
    const out = run(
      'protect',
      'examples/residents.csv',
      ...base,
      '--policy',
      'open-diagnosis.json',
      '--purpose',
      'public-data.opening',
      '--recipient',
      'open-data-portal',
      '--recipient-kind',
      'system',
      '--processing',
      'open',
      '--open-request',
      'examples/open-request.json',
      '--k',
      '5',
      '--out',
      'opened.csv',
    );
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('diagnosis');
    expect(existsSync(join(dir, 'opened.csv'))).toBe(false);
  });

  it('refuses a renamed column (exit 2, nothing written) unless the dataset declares it as an alias', () => {
    const csv = readFileSync(join(dir, 'examples/residents.csv'), 'utf8');
    writeFileSync(join(dir, 'renamed.csv'), csv.replace('mobile', '手机号'));
    const args = ['--share-request', 'examples/share-request.json', '--out', 'renamed.out.csv'];
    const refused = run('protect', 'renamed.csv', ...provide, ...args);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^dataguard: ERR_INPUT: the input lacks column mobile/);
    expect(existsSync(join(dir, 'renamed.out.csv'))).toBe(false);
    expect(ledgerSize()).toBe(0);
    const dataset = JSON.parse(readFileSync(join(dir, 'examples/residents.dataset.json'), 'utf8'));
    dataset.fields = dataset.fields.map((f: { name: string }) =>
      f.name === 'mobile' ? { ...f, aliases: ['手机号', '手机号码'] } : f,
    );
    writeFileSync(join(dir, 'aliased.dataset.json'), JSON.stringify(dataset));
    const ok = run(
      'protect',
      'renamed.csv',
      ...provide.map((a) => (a === 'examples/residents.dataset.json' ? 'aliased.dataset.json' : a)),
      ...args,
    );
    expect(ok.status, ok.stderr).toBe(0);
    const rows = readFileSync(join(dir, 'renamed.out.csv'), 'utf8').trim().split(/\r?\n/);
    const mobile = (rows[0] as string).split(',').indexOf('mobile');
    for (const row of rows.slice(1, 50)) expect(row.split(',')[mobile]).toMatch(/^1\d{10}$/);
    fresh();
  });

  it('refuses a wrong dataset file before writing anything', () => {
    writeFileSync(
      join(dir, 'other.dataset.json'),
      JSON.stringify({
        id: 'residents',
        version: '1',
        fields: [
          {
            name: '姓名',
            role: 'direct-identifier',
            piCategory: 'basic',
            share: 'conditional',
            open: 'closed',
            openBasis: 'PIPL Art. 25',
          },
        ],
      }),
    );
    const policy = {
      id: 'p',
      version: '1',
      rules: [
        { id: 'n', select: { fields: ['姓名'] }, transform: { type: 'mask', preset: 'cn-name' } },
      ],
    };
    writeFileSync(join(dir, 'other.policy.json'), JSON.stringify(policy));
    const out = run(
      'protect',
      'examples/residents.csv',
      '--dataset',
      'other.dataset.json',
      '--policy',
      'other.policy.json',
      '--actor',
      'gov.example.civil-affairs',
      '--legal-basis',
      'statutory-duty',
      '--purpose',
      'statutory-duty',
      '--out',
      'other.out.csv',
    );
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('lacks column 姓名');
    expect(existsSync(join(dir, 'other.out.csv'))).toBe(false);
  });

  it("gates an open release on the dataset's quasi-identifiers and names them", () => {
    const policy = JSON.parse(readFileSync(join(dir, 'examples/open.policy.json'), 'utf8'));
    writeFileSync(
      join(dir, 'raw-district.json'),
      JSON.stringify({
        ...policy,
        keep: ['household_size', 'district'],
        rules: policy.rules.slice(0, 1),
      }),
    );
    const open = [
      ...base,
      '--purpose',
      'public-data.opening',
      '--recipient',
      'open-data-portal',
      '--recipient-kind',
      'system',
      '--processing',
      'open',
      '--open-request',
      'examples/open-request.json',
    ];
    const failed = run(
      'protect',
      'examples/residents.csv',
      ...open,
      '--policy',
      'raw-district.json',
      '--k',
      '100',
      '--out',
      'gated.csv',
    );
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('quasi-identifiers (birth_date, sex, district, occupation)');
    expect(failed.stderr).toMatch(/k required 100, achieved \d+/);
    expect(existsSync(join(dir, 'gated.csv'))).toBe(false);
    // --suggest-policy: the optimal generalization of the dataset's quasi-identifiers, as a policy
    // that passes the same gate.
    const suggesting = run(
      'protect',
      'examples/residents.csv',
      ...open,
      '--policy',
      'raw-district.json',
      '--k',
      '100',
      '--suggest-policy',
      'suggested.json',
      '--out',
      'gated.csv',
    );
    expect(suggesting.status).toBe(1);
    expect(suggesting.stderr).toContain('a generalization that meets k');
    const suggested = run(
      'protect',
      'examples/residents.csv',
      ...open,
      '--policy',
      'suggested.json',
      '--k',
      '100',
      '--out',
      'suggested.csv',
    );
    expect(suggested.status, suggested.stderr).toBe(0);
    fresh();
    const passed = run(
      'protect',
      'examples/residents.csv',
      ...open,
      '--policy',
      'examples/open.policy.json',
      '--k',
      '5',
      '--out',
      'gated.csv',
    );
    expect(passed.status, passed.stderr).toBe(0);
    expect(passed.stdout).toMatch(
      /anonymity {3}over \(birth_date, sex, district, occupation\): k=\d+ \(required 5: pass\)/,
    );
    fresh();
  });

  it('refuses output = input and leaves the input untouched', () => {
    const before = readFileSync(join(dir, 'examples/residents.csv'));
    const out = run(
      'protect',
      'examples/residents.csv',
      ...provide,
      '--share-request',
      'examples/share-request.json',
      '--out',
      './examples/../examples/residents.csv',
    );
    expect(out.status).toBe(2);
    expect(readFileSync(join(dir, 'examples/residents.csv')).equals(before)).toBe(true);
  });

  it('refuses a mistyped or unknown purpose and a wrong legal basis before reading, recording nothing', () => {
    for (const purpose of ['statutry-duty', 'marketing']) {
      const out = run(
        'protect',
        'examples/residents.csv',
        ...provide.map((a) => (a === 'statutory-duty' ? purpose : a)),
        '--share-request',
        'examples/share-request.json',
      );
      expect(out.status).toBe(2);
      expect(out.stderr).toContain(`purpose "${purpose}" is not in the purpose taxonomy`);
    }
    const basis = run(
      'protect',
      'examples/residents.csv',
      ...provide,
      '--legal-basis',
      'statutory',
      '--share-request',
      'examples/share-request.json',
    );
    expect(basis.status).toBe(2);
    expect(basis.stderr).toMatch(/^dataguard: ERR_VALIDATION: legalBasis must be one of/);
    expect(ledgerSize()).toBe(0);
  });

  it('records three provisions as three copies, and refuses a silent rerun', () => {
    const args = ['--share-request', 'examples/share-request.json', '--json'];
    const first = run('protect', 'examples/residents.csv', ...provide, ...args, '--out', 'p1.csv');
    expect(first.status, first.stderr).toBe(0);
    const rerun = run('protect', 'examples/residents.csv', ...provide, ...args, '--out', 'p2.csv');
    expect(rerun.status).toBe(2);
    expect(rerun.stderr).toContain('already released');
    expect(existsSync(join(dir, 'p2.csv'))).toBe(false);
    const again = run(
      'protect',
      'examples/residents.csv',
      ...provide,
      ...args,
      '--out',
      'p2.csv',
      '--again',
    );
    expect(again.status).toBe(0);
    const lines = readFileSync(join(dir, 'examples/residents.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'part.csv'), `${lines.slice(0, 101).join('\n')}\n`);
    const part = run('protect', 'part.csv', ...provide, ...args, '--out', 'p3.csv');
    expect(part.status).toBe(0);
    const copies = [first, again, part].map((r) => JSON.parse(r.stdout).target.id as string);
    expect(new Set(copies).size).toBe(3);
    expect(ledgerSize()).toBe(3);
    fresh();
  });

  it('measures 150,000 rows with the report on, without crashing, and writes the report', () => {
    const lines = readFileSync(join(dir, 'examples/residents.csv'), 'utf8').trim().split('\n');
    const rows = [lines[0] as string];
    for (let i = 0; i < 150_000; i++) {
      const cells = (lines[1 + (i % 500)] as string).split(',');
      cells[6] = `job-${i}`; // occupation: every row its own class
      rows.push(cells.join(','));
    }
    writeFileSync(join(dir, 'big.csv'), `${rows.join('\n')}\n`);
    const out = run(
      'protect',
      'big.csv',
      ...provide,
      '--share-request',
      'examples/share-request.json',
      '--out',
      'big.out.csv',
    );
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('released 150000 rows → 150000 rows');
    expect(out.stdout).toMatch(/k=1 \(not gated\).*150000 classes/);
    expect(existsSync(join(dir, 'big.out.csv.report.html'))).toBe(true);
    fresh();
  });

  it('fails a run whose rejects exceed --max-rejects and lists quarantined rows without values', () => {
    const lines = readFileSync(join(dir, 'examples/residents.csv'), 'utf8').trim().split('\n');
    const broken = lines.map((line, i) =>
      i > 0 && i <= 5 ? line.replace(/,1\d{10},/, ',12345,') : line,
    );
    writeFileSync(join(dir, 'broken.csv'), `${broken.join('\n')}\n`);
    const args = ['--share-request', 'examples/share-request.json', '--quarantine', 'rejects.csv'];
    const over = run('protect', 'broken.csv', ...provide, ...args, '--out', 'q.csv');
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('more than the 0 allowed');
    expect(existsSync(join(dir, 'q.csv'))).toBe(false);
    expect(existsSync(join(dir, 'rejects.csv'))).toBe(false);
    const within = run(
      'protect',
      'broken.csv',
      ...provide,
      ...args,
      '--max-rejects',
      '1%',
      '--out',
      'q.csv',
    );
    expect(within.status, within.stderr).toBe(0);
    const quarantine = readFileSync(join(dir, 'rejects.csv'), 'utf8').trim().split('\n');
    expect(quarantine[0]).toBe('row,field,rule,reason');
    expect(quarantine).toHaveLength(6);
    expect(quarantine.join('\n')).not.toContain('12345');
    fresh();
  });
});
