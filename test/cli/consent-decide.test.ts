// `dataguard consent decide` (issue 18 item 6): a purpose that declares no
// needs withholds every PI field and the decision says so, never that the
// fields hold no personal information; `--consent-db` names the consent
// database, and `--ledger`, its old misleading name, still works with a warning.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { createAsyncConsentDecider } from '../../src/consent/index.ts';
import { createSqliteConsentStore, openSqlite } from '../../src/store/sqlite/index.ts';

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

const dir = mkdtempSync(join(tmpdir(), 'dg-consent-cli-'));
const db = join(dir, 'consent.db');
const requestFile = join(dir, 'request.json');

beforeAll(async () => {
  const database = openSqlite({ path: db });
  const store = createSqliteConsentStore(database);
  const decider = createAsyncConsentDecider({ store });
  await decider.publishNotice({
    id: 'clinic-app',
    version: '1',
    handler: { id: 'health-commission', kind: 'agency' },
    contact: 'privacy@health.example.gov.cn',
    purposes: ['public-service.healthcare'],
    processing: ['collect', 'use'],
    piCategories: ['basic'],
    retention: 'P1Y',
    rights: 'the service counter',
    language: 'zh-CN',
    publishedAt: '2026-01-01T00:00:00+08:00',
  });
  decider.close();
  store.close?.();
  database.close();
  // The seeded purpose declares no needs (C-MINIMUM); the subject gave no consent.
  writeFileSync(
    requestFile,
    JSON.stringify({
      subject: { id: 'resident-1', birthDate: '1980-05-20' },
      purpose: 'public-service.healthcare',
      processing: 'use',
      fields: [{ name: 'name', piCategory: 'basic' }],
      at: '2026-03-01',
    }),
  );
});

describe('dataguard consent decide', () => {
  it('states every rule that bears on a PI field, never "no personal information"', async () => {
    const out = await cli('consent', 'decide', '--request', requestFile, '--consent-db', db);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('');
    const decision = JSON.parse(out.stdout);
    const codes = decision.reasons.map(
      (r: { rule: string; code: string }) => `${r.rule}/${r.code}`,
    );
    expect(codes).not.toContain('C-BASIS/no-personal-information');
    expect(codes).toContain('C-MINIMUM/needs-undeclared');
    expect(codes).toContain('C-CONSENT/no-consent');
    expect(decision.allowedFields).toEqual([]);
  });

  it('still takes --ledger for the consent database, with a deprecation warning', async () => {
    const current = await cli('consent', 'decide', '--request', requestFile, '--consent-db', db);
    const old = await cli('consent', 'decide', '--request', requestFile, '--ledger', db);
    expect(old.code).toBe(1);
    expect(old.stdout).toBe(current.stdout);
    expect(old.stderr).toMatch(/--ledger is deprecated.*--consent-db/);
    const both = await cli(
      'consent',
      'decide',
      '--request',
      requestFile,
      '--ledger',
      db,
      '--consent-db',
      join(dir, 'other.db'),
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--consent-db');
  });
});
