import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerKeysCommand } from '../../src/cli/commands/keys.ts';
import { createKeyring, type KeyringFile } from '../../src/crypto/index.ts';
import { DataguardError } from '../../src/errors/index.ts';

// Runs `dataguard keys …` on a program holding only this command (the lead wires it into program.ts).
async function keys(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t: string) => {
      stdout += t;
    },
    stderr: (t: string) => {
      stderr += t;
    },
  };
  const program = new Command('dataguard')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerKeysCommand(program, io);
  let code = 0;
  try {
    await program.parseAsync(['keys', ...argv], { from: 'user' });
  } catch (error) {
    code = 2;
    if (error instanceof CommanderError && error.exitCode === 0) code = 0;
    if (error instanceof DataguardError) stderr += `dataguard: ${error.code}: ${error.message}\n`;
  }
  return { code, stdout, stderr };
}

describe('dataguard keys', () => {
  it('generate prints a usable keyring file', async () => {
    for (const suite of ['international', 'national']) {
      const out = await keys('generate', '--suite', suite, '--id', `pii-${suite}`);
      expect(out.code).toBe(0);
      const file = JSON.parse(out.stdout) as KeyringFile;
      expect(file.keys).toHaveLength(1);
      expect(file.keys[0]).toMatchObject({ id: `pii-${suite}`, suite, status: 'active' });
      expect(createKeyring({ keys: file }).suite.id).toBe(suite);
    }
  });

  it('generate --out writes mode 0600, prints no key material, and refuses to overwrite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-keys-'));
    const path = join(dir, 'keyring.json');
    const out = await keys('generate', '--suite', 'national', '--out', path);
    expect(out.code).toBe(0);
    const file = JSON.parse(readFileSync(path, 'utf8')) as KeyringFile;
    const material = file.keys[0]?.material ?? '';
    expect(material).toMatch(/^hex:/);
    expect(out.stdout).toContain('wrote keyring');
    expect(out.stdout).not.toContain(material.slice(4));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = await keys('generate', '--suite', 'national', '--out', path);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(path, 'utf8')).toContain(material);
    const forced = await keys('generate', '--suite', 'international', '--out', path, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(path, 'utf8')).not.toContain(material);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('rotate keeps the old key as decrypt-only and writes mode 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-keys-'));
    const path = join(dir, 'keyring.json');
    await keys('generate', '--suite', 'international', '--id', 'a', '--out', path);
    const out = await keys('rotate', path, '--id', 'b');
    expect(out.code).toBe(0);
    const file = JSON.parse(readFileSync(path, 'utf8')) as KeyringFile;
    expect(file.keys.map((k) => [k.id, k.status])).toEqual([
      ['a', 'decrypt-only'],
      ['b', 'active'],
    ]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const retire = await keys('rotate', path, '--id', 'c', '--suite', 'national', '--retire', 'a');
    expect(retire.code).toBe(0);
    const rotated = JSON.parse(readFileSync(path, 'utf8')) as KeyringFile;
    expect(rotated.keys.map((k) => `${k.id}:${k.status}:${k.suite}`)).toEqual([
      'a:retired:international',
      'b:decrypt-only:international',
      'c:active:national',
    ]);
  });

  it('fails with exit 2 on a missing or bad suite, a bad id, or an unreadable file', async () => {
    expect((await keys('generate')).code).toBe(2);
    expect((await keys('generate', '--suite', 'des')).code).toBe(2);
    const badId = await keys('generate', '--suite', 'national', '--id', 'bad id');
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('ERR_VALIDATION');
    const dir = mkdtempSync(join(tmpdir(), 'dg-keys-'));
    const missing = await keys('rotate', join(dir, 'missing.json'));
    expect(missing.stderr).toContain('ERR_INPUT');
    const broken = join(dir, 'broken.json');
    // Private, so the shape is what is refused (an open file is refused first: hostile-input.slow.test.ts).
    writeFileSync(broken, '{"keys": []}', { mode: 0o600 });
    expect((await keys('rotate', broken)).stderr).toContain('ERR_VALIDATION');
  });
});
