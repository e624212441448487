import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Runs scripts/check-cycles.mjs as CI does (npm run check:cycles).
const root = resolve(import.meta.dirname, '../..');
const script = join(root, 'scripts/check-cycles.mjs');
const check = (...args: string[]) =>
  spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('scripts/check-cycles.mjs', () => {
  const dirs: string[] = [];
  /** Writes files into a fresh temporary folder and returns its path. */
  const tree = (files: Record<string, string>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'dataguard-cycles-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('passes its self-test (finds a cycle in an in-memory graph, tells type from value edges)', () => {
    const result = check('--self-test');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('check-cycles self-test: ok');
    expect(result.status).toBe(0);
  });

  it('finds no value cycle in src/ beyond its allow-list', () => {
    const result = check();
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/: 0 value cycles, \d+ allowed, \d+ type-only\n$/);
    expect(result.status).toBe(0);
  });

  it('fails on a value cycle written to disk and prints it as a path of files', () => {
    const dir = tree({
      'a.ts': "import { b } from './b.ts';\nexport const a = (): number => b;\n",
      'b.ts': "import { c } from './sub/c.ts';\nexport const b: number = c;\n",
      'sub/c.ts': "import { a } from '../a.ts';\nexport const c: number = a();\n",
    });
    const result = check('--src', dir);
    expect(result.stderr).toContain('error: value cycle: a.ts -> b.ts -> sub/c.ts -> a.ts');
    expect(result.status).toBe(1);
  });

  it('fails on a cycle closed by an `import type`, named as type-only', () => {
    const dir = tree({
      'x.ts':
        "import { y } from './y.ts';\nexport interface X { n: number }\nexport const x = y;\n",
      'y.ts': "import type { X } from './x.ts';\nexport const y = (v: X): number => v.n;\n",
    });
    const result = check('--src', dir);
    expect(result.stderr).toContain('error: type-only cycle: x.ts -> y.ts -> x.ts');
    expect(result.stdout).toContain('0 value cycles, 0 allowed, 1 type-only');
    expect(result.status).toBe(1);
  });

  it('fails closed on a relative import it cannot resolve', () => {
    const dir = tree({ 'a.ts': "import { gone } from './gone.ts';\nexport const a = gone;\n" });
    const result = check('--src', dir);
    expect(result.stderr).toContain('unresolved import: a.ts: ./gone.ts');
    expect(result.status).toBe(2);
  });
});
