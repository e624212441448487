import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialConfig, loadConfig } from '../../src/cli/config.ts';
import { DataguardError } from '../../src/errors/index.ts';

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DataguardError);
    return (error as DataguardError).reason;
  }
  throw new Error('expected a DataguardError');
}

describe('workspace configuration', () => {
  it('defaults to Asia/Shanghai without a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-config-'));
    expect(loadConfig(undefined, dir)).toEqual({ timeZone: 'Asia/Shanghai' });
  });

  it('reads the commented file init writes, paths resolved from its folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-config-'));
    writeFileSync(join(dir, 'dataguard.config.yaml'), initialConfig('hz.gov.cn/ledger'));
    const config = loadConfig(undefined, dir);
    expect(config).toMatchObject({
      ledger: join(dir, '.dataguard/dataguard.db'),
      keys: join(dir, '.dataguard/keyring.json'),
      origin: 'hz.gov.cn/ledger',
      timeZone: 'Asia/Shanghai',
    });
    // The language is left to the system locale unless the officer sets it.
    expect(config.lang).toBeUndefined();
  });

  it('reads JSON, and --config from another folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-config-'));
    writeFileSync(join(dir, 'team.json'), JSON.stringify({ ledger: 'l.db', timeZone: 'UTC' }));
    expect(loadConfig('team.json', dir)).toMatchObject({
      ledger: join(dir, 'l.db'),
      timeZone: 'UTC',
    });
  });

  it('refuses unknown keys, bad zones, two files and a missing --config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-config-'));
    writeFileSync(join(dir, 'a.yaml'), 'orign: x\n');
    expect(reasonOf(() => loadConfig('a.yaml', dir))).toBe('invalid-config');
    writeFileSync(join(dir, 'b.yaml'), 'timeZone: Mars/Olympus\n');
    expect(reasonOf(() => loadConfig('b.yaml', dir))).toBe('invalid-time-zone');
    writeFileSync(join(dir, 'c.yaml'), 'lang: fr\n');
    expect(reasonOf(() => loadConfig('c.yaml', dir))).toBe('invalid-config');
    expect(reasonOf(() => loadConfig('missing.yaml', dir))).toBe('missing-config');
    writeFileSync(join(dir, 'dataguard.config.json'), '{}');
    writeFileSync(join(dir, 'dataguard.config.yaml'), '{}');
    expect(reasonOf(() => loadConfig(undefined, dir))).toBe('ambiguous-config');
  });
});
