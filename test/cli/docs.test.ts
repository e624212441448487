import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Runs every line of the `sh` blocks of docs/cli.md, in order, in one fresh folder,
// with `dataguard` on the PATH as the built binary.
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');
const built = existsSync(bin);
const doc = readFileSync(join(root, 'docs/cli.md'), 'utf8');

function shellLines(markdown: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      inside = !inside && line.trim() === '```sh';
      continue;
    }
    if (inside && line.trim().length > 0 && !line.trim().startsWith('#')) out.push(line.trim());
  }
  return out;
}

describe.skipIf(!built)('docs/cli.md examples', () => {
  it('documents every command of the binary', () => {
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }).stdout;
    const commands = [
      ...help.slice(help.indexOf('Commands:')).matchAll(/^ {2}([a-z-]+)(?: \[options\]| <|\s)/gm),
    ]
      .map((m) => m[1] as string)
      .filter((name) => name !== 'help');
    expect(commands.length).toBeGreaterThan(10);
    for (const name of commands) expect(doc, name).toContain(`### \`${name}`);
  });

  it('runs every example, in order, with exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dataguard-docs-'));
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
    const bindir = join(dir, '.bin');
    mkdirSync(bindir);
    const wrapper = join(bindir, 'dataguard');
    writeFileSync(
      wrapper,
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    const lines = shellLines(doc);
    expect(lines.length).toBeGreaterThan(30);
    for (const line of lines) {
      const out = spawnSync('sh', ['-c', line], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, PATH: `${bindir}:${process.env.PATH ?? ''}` },
      });
      expect({
        line,
        status: out.status,
        stderr: out.stderr.includes('ERR_') ? out.stderr : '',
      }).toEqual({
        line,
        status: 0,
        stderr: '',
      });
    }
  }, 600_000);
});
