import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Spawns the built binary (dist/cli/main.js) on temporary copies of the examples.
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');
const built = existsSync(bin);

describe.skipIf(!built)('dataguard binary end to end', () => {
  let dir = '';
  let copy = '';
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  const base = [
    '--dataset',
    'examples/residents.dataset.json',
    '--actor',
    'gov.example.civil-affairs',
    '--legal-basis',
    'statutory-duty',
  ];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dataguard-e2e-'));
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
  });

  it('protects the example, writes output, ledger and report, and the ledger verifies', () => {
    const out = run(
      'protect',
      'examples/residents.csv',
      ...base,
      '--policy',
      'examples/share.policy.json',
      '--purpose',
      'statutory-duty',
      '--recipient',
      'gov.example.health',
      '--share-request',
      'examples/share-request.json',
      '--json',
    );
    expect(out.status).toBe(0);
    const summary = JSON.parse(out.stdout);
    copy = summary.target.id;
    expect(copy).toMatch(/^residents\.gov\.example\.health\.[a-z]{20}$/);
    expect(summary).toMatchObject({
      rowsIn: 500,
      rowsOut: 500,
      processing: 'provide',
      ledgerIndex: 0,
    });
    const csv = readFileSync(join(dir, 'examples/residents.protected.csv'), 'utf8');
    const original = readFileSync(join(dir, 'examples/residents.csv'), 'utf8')
      .split('\n')[1]
      ?.split(',')[1] as string;
    expect(csv).not.toContain(original);
    expect(existsSync(join(dir, 'examples/residents.protected.csv.report.html'))).toBe(true);
    expect(existsSync(join(dir, '.dataguard/dataguard.db'))).toBe(true);
    expect(run('ledger', 'verify').status).toBe(0);
    const shown = run('ledger', 'show', '0', '--json');
    expect(JSON.parse(shown.stdout).event.recipients[0].id).toBe('gov.example.health');
  });

  it('attributes the recipient copy and opens a recorded incident on it', () => {
    const owner = ['--dataset', 'examples/residents.dataset.json'];
    const custody = run('custody', copy, ...owner, '--json');
    expect(custody.status).toBe(0);
    const roles = Object.fromEntries(
      (JSON.parse(custody.stdout) as { party: { id: string }; roles: string[] }[]).map((p) => [
        p.party.id,
        p.roles.join('+'),
      ]),
    );
    expect(roles).toEqual({
      'gov.example.civil-affairs': 'owner',
      'gov.example.health': 'holder+user',
    });
    const unknown = run('custody', 'no-such-copy');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('ERR_RESPONSIBILITY');
    expect(run('incident', copy, '--kind', 'spill').status).toBe(2);

    const incident = run(
      'incident',
      copy,
      ...owner,
      '--kind',
      'leak',
      '--fields',
      'name,mobile',
      '--reported-by',
      'gov.example.health',
      '--discovered',
      '2026-03-10T09:00:00+08:00',
      '--record',
      '--out',
      'incident.md',
    );
    expect(incident.status).toBe(0);
    const report = readFileSync(join(dir, 'incident.md'), 'utf8');
    expect(report).toContain('P-INCIDENT');
    expect(report).toContain('gov.example.health');
    expect(run('ledger', 'verify').status).toBe(0);
    expect(JSON.parse(run('ledger', 'show', '1', '--json').stdout).event.processing).toBe(
      'incident',
    );
  });

  it('refuses a non-anonymous open release with exit 1 and writes nothing', () => {
    const out = run(
      'protect',
      'examples/residents.csv',
      ...base,
      '--policy',
      'examples/open.policy.json',
      '--purpose',
      'public-data.opening',
      '--recipient',
      'portal',
      '--recipient-kind',
      'system',
      '--processing',
      'open',
      '--open-request',
      'examples/open-request.json',
      '--k',
      '1000',
      '--out',
      'examples/refused.csv',
    );
    expect(out.status).toBe(1);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain('ERR_ANONYMITY');
    expect(existsSync(join(dir, 'examples/refused.csv'))).toBe(false);
  });

  it('detects a tampered ledger with exit 1 naming the index', () => {
    const db = join(dir, '.dataguard/dataguard.db');
    execFileSync(process.execPath, [
      '-e',
      `const D=require(${JSON.stringify(join(root, 'node_modules/better-sqlite3'))});const d=new D(${JSON.stringify(db)});const r=d.prepare('SELECT bytes FROM ledger_leaves WHERE idx=0').get();const b=Buffer.from(r.bytes);b[b.length-3]^=1;d.prepare('UPDATE ledger_leaves SET bytes=? WHERE idx=0').run(b);d.close();`,
    ]);
    const out = run('ledger', 'verify');
    expect(out.status).toBe(1);
    expect(out.stdout).toContain('index 0');
  });

  it('exits 2 with a one-line error on usage and input errors', () => {
    const missing = run(
      'protect',
      'examples/nope.csv',
      ...base,
      '--policy',
      'examples/share.policy.json',
      '--purpose',
      'statutory-duty',
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^dataguard: ERR_INPUT: /);
    expect(run('protect').status).toBe(2);
    expect(run('scan', '--help').status).toBe(0);
  });

  it('scans, profiles and measures risk', () => {
    const scan = run('scan', 'examples/residents.csv', '--json');
    expect(scan.status).toBe(0);
    expect(JSON.parse(scan.stdout).byType['cn-resident-id']).toBe(500);
    expect(scan.stdout).not.toMatch(/"value"/);
    const profile = run('profile', 'examples/residents.csv');
    expect(
      JSON.parse(profile.stdout).fields.find((f: { name: string }) => f.name === 'id_card')
        .piCategory,
    ).toBe('identity');
    expect(run('risk', 'examples/residents.csv', '--qi', 'sex', '--k', '2').status).toBe(0);
    expect(run('risk', 'examples/residents.csv', '--qi', 'id_card', '--k', '2').status).toBe(1);
  });
});

if (!built)
  process.stderr.write(
    'test/cli/e2e.test.ts: skipped because dist/cli/main.js is missing (run `npm run build` first)\n',
  );
