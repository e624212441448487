import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Issue 19, recording from the shell: consents are recorded and withdrawn in the
// workspace consent store, each change and decision is in the ledger, and the
// command says which entry it appended. Through the built binary.
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');

const NOTICE = {
  id: 'clinic-app',
  version: '1',
  handler: { id: 'health-commission', kind: 'agency' },
  contact: 'privacy@health.example.gov.cn',
  purposes: ['public-service.healthcare'],
  methods: ['collect', 'use'],
  piCategories: ['basic'],
  retention: 'P1Y',
  rights: 'the service counter',
  language: 'zh-CN',
  publishedAt: '2026-01-01T00:00:00+08:00',
};
const CONSENT = {
  id: 'consent-1',
  subject: 'resident-1',
  notice: { id: 'clinic-app' },
  purposes: ['public-service.healthcare'],
  piCategories: ['basic'],
  method: 'electronic',
  givenBy: { role: 'subject', id: 'resident-1' },
  at: '2026-02-01T10:00:00',
};
const REQUEST = {
  subject: { id: 'resident-1', birthDate: '1980-05-20' },
  purpose: 'public-service.healthcare',
  processing: 'use',
  handler: { id: 'health-commission', kind: 'agency' },
  fields: [{ name: 'name', piCategory: 'basic' }],
  needed: { fields: ['name'] },
  at: '2026-03-01',
};

describe.skipIf(!existsSync(bin))('dataguard consent record|withdraw|decide (issue 19)', () => {
  let ws = '';
  const go = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd: ws,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: '' },
    });
  const ledgerSize = () => go('ledger', 'show', '--json').stdout.trim().split('\n').length;

  beforeAll(() => {
    ws = mkdtempSync(join(tmpdir(), 'dg-consent-record-'));
    writeFileSync(join(ws, 'notice.json'), JSON.stringify(NOTICE));
    writeFileSync(join(ws, 'consent.json'), JSON.stringify(CONSENT));
    writeFileSync(join(ws, 'request.json'), JSON.stringify(REQUEST));
  });

  it('records a consent in the workspace store and prints it with its ledger index', () => {
    const out = go('consent', 'record', '--consent', 'consent.json', '--notice', 'notice.json');
    expect(out.stderr).not.toContain('ERR_');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^recorded consent consent-1 \(given\) as ledger entry #0\n/);
    expect(out.stdout).toContain('clinic-app@1');
    expect(ledgerSize()).toBe(1);
    // The consent is in the store decide reads: the request is now allowed.
    const decided = go('consent', 'decide', '--request', 'request.json');
    expect(decided.status).toBe(0);
    expect(JSON.parse(decided.stdout).allowed).toBe(true);
    expect(ledgerSize()).toBe(1);
  });

  it('decide --record appends the decision and names its index', () => {
    const decided = go('consent', 'decide', '--request', 'request.json', '--record');
    expect(decided.status).toBe(0);
    expect(decided.stderr).toBe('recorded the decision (allowed) as ledger entry #1\n');
    expect(ledgerSize()).toBe(2);
  });

  it('withdraws it at once: the next decision is denied, and the withdrawal is in the ledger', () => {
    const out = go('consent', 'withdraw', 'consent-1', '--at', '2026-02-15', '--json');
    expect(out.status).toBe(0);
    const printed = JSON.parse(out.stdout);
    expect(printed.index).toBe(2);
    expect(printed.record.events.map((e: { type: string }) => e.type)).toEqual([
      'given',
      'withdrawn',
    ]);
    const decided = go('consent', 'decide', '--request', 'request.json');
    expect(decided.status).toBe(1);
    expect(JSON.parse(decided.stdout).allowed).toBe(false);
    const again = go('--lang', 'zh-CN', 'consent', 'withdraw', 'nonesuch');
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(
      /^dataguard: ERR_STORE: 找不到指定的对象（unknown consent nonesuch）/,
    );
    expect(ledgerSize()).toBe(3);
  });

  it('refuses a consent against a notice never published, recording nothing', () => {
    writeFileSync(
      join(ws, 'other.json'),
      JSON.stringify({ ...CONSENT, id: 'consent-2', notice: { id: 'no-such-notice' } }),
    );
    const out = go('consent', 'record', '--consent', 'other.json');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('ERR_VALIDATION: unknown notice no-such-notice');
    expect(ledgerSize()).toBe(3);
  });
});
