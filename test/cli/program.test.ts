import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram, run } from '../../src/cli/program.ts';

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

describe('dataguard CLI', () => {
  it('prints help and version with exit 0', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: dataguard');
    const version = await cli('--version');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('loads only the command it runs; help and mistakes see every command', async () => {
    const io = { stdout: () => undefined, stderr: () => undefined };
    const names = async (only?: string) =>
      (await buildProgram(io, 'en', only)).commands.map((command) => command.name());
    expect(await names('protect')).toEqual(['protect']);
    expect(await names('incident')).toEqual(['custody', 'incident']);
    expect(await names()).toEqual(
      expect.arrayContaining([
        'init',
        'protect',
        'risk',
        'ledger',
        'consent',
        'incident',
        'record',
      ]),
    );
    const protectHelp = await cli('--config', 'missing.json', 'protect', '--help');
    expect(protectHelp.code).toBe(0);
    expect(protectHelp.stdout).toContain('Usage: dataguard protect');
    const viaHelp = await cli('help', 'protect');
    expect(viaHelp.stdout).toContain('Usage: dataguard protect');
    const listed = await cli('--help');
    expect(listed.stdout).toContain('incident');
    const typo = await cli('protct');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('protect');
  });

  it('grades the example dataset', async () => {
    const out = await cli('grade', 'examples/residents.dataset.json');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('dataset residents v1: grade general-4');
    expect(out.stdout).toMatch(/diagnosis\s+general-4/);
  });

  it('exits 2 with one line naming the code on bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-cli-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'd',
        version: '1',
        fields: [{ name: 'x', role: 'insensitive', share: 'none', open: 'open' }],
      }),
    );
    const out = await cli('grade', file);
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain('ERR_VALIDATION');
    const missing = await cli('grade', join(dir, 'missing.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ERR_INPUT');
    const usage = await cli('nonsense');
    expect(usage.code).toBe(2);
  });
});
