import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Issue 19, shell completion: the scripts the built binary prints, checked by bash and zsh.
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');
const hasShell = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

function dataguard(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '' },
  });
}

describe.skipIf(!existsSync(bin) || !hasShell('bash'))('dataguard completion bash', () => {
  let script = '';
  beforeAll(() => {
    const out = dataguard('completion', 'bash');
    expect(out.status).toBe(0);
    script = join(mkdtempSync(join(tmpdir(), 'dg-completion-')), 'dataguard.bash');
    writeFileSync(script, out.stdout);
  });

  /** What the script completes for a command line whose last word is being typed. */
  function complete(...words: string[]): string[] {
    const array = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
    const body = `source '${script}'
COMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; COMPREPLY=()
_dataguard
printf '%s\\n' "\${COMPREPLY[@]}"`;
    const out = spawnSync('bash', ['-c', body], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    return out.stdout.split('\n').filter((line) => line !== '');
  }

  it('is valid bash', () => {
    const check = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('completes commands, subcommands and options from the command tree', () => {
    expect(complete('dataguard', 'pro')).toEqual(['profile', 'protect']);
    expect(complete('dataguard', 'prot')).toEqual(['protect']);
    expect(complete('dataguard', 'protect', '--sha')).toEqual(['--share-request']);
    expect(complete('dataguard', 'protect', '--sh')).toEqual(['--sheet', '--share-request']);
    expect(complete('dataguard', 'ledger', 've')).toEqual(['verify']);
    expect(complete('dataguard', 'ledger', 'verify', '--ver')).toEqual(['--verifier']);
    expect(complete('dataguard', 'record', 'share', '--rec')).toEqual([
      '--recipient',
      '--recipient-kind',
      '--recipient-name',
    ]);
    // The root's options are offered after a command too; a value is not taken for a command.
    expect(complete('dataguard', 'scan', '--la')).toEqual(['--lang']);
    expect(complete('dataguard', 'protect', 'in.csv', '--policy', 'p.json', '--wor')).toEqual([
      '--workers',
    ]);
    expect(complete('dataguard', 'consent', '')).toEqual(['record', 'withdraw', 'decide']);
  });

  it('completes nothing it does not know (the shell falls back to file names)', () => {
    expect(complete('dataguard', 'nonesuch', '--x')).toEqual([]);
  });
});

describe.skipIf(!existsSync(bin))('dataguard completion zsh', () => {
  it.skipIf(!hasShell('zsh'))('is valid zsh and lists commands with their descriptions', () => {
    const out = dataguard('completion', 'zsh');
    expect(out.status).toBe(0);
    expect(out.stdout.split('\n')[0]).toBe('#compdef dataguard');
    expect(out.stdout).toContain("'protect:release a CSV, NDJSON or .xlsx file");
    expect(out.stdout).toContain("'--share-request:share request (JSON");
    const file = join(mkdtempSync(join(tmpdir(), 'dg-completion-')), '_dataguard');
    writeFileSync(file, out.stdout);
    const check = spawnSync('zsh', ['-n', file], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('refuses a shell it has no script for', () => {
    const out = dataguard('completion', 'fish');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("value 'fish' is invalid for argument 'shell'");
  });
});
