import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runClean } from './run-clean.ts';

// The CLI's own usage errors in zh-CN: the Chinese message of their reason,
// then the English detail; in English the line is unchanged.
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');

/** Runs the binary in `dir` with no inherited locale. */
const runIn = (dir: string, ...args: string[]) => runClean(dir, { LANG: 'C.UTF-8' }, ...args);

describe.skipIf(!existsSync(bin))('usage errors in the chosen language', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dg-usage-lang-'));
    writeFileSync(join(dir, 'people.csv'), 'age,city\n30,Beijing\n');
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
  });

  const cases = [
    {
      args: ['redact', 'notes.txt', '--mode', 'word'],
      en: 'dataguard: ERR_USAGE: --mode must be line or document\n',
      zh: 'dataguard: ERR_USAGE: 选项的值无效（--mode must be line or document）\n',
    },
    {
      args: ['risk', 'people.csv', '--qi', 'age', '--hierarchies', 'h'],
      en: 'dataguard: ERR_USAGE: --hierarchies needs --k (the k to reach)\n',
      zh: 'dataguard: ERR_USAGE: 缺少需要的选项（--hierarchies needs --k (the k to reach)）\n',
    },
  ];

  it('zh-CN shows the Chinese reason with the English detail, exit code 2', () => {
    for (const { args, zh } of cases) {
      const result = runIn(dir, '--lang', 'zh-CN', ...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toBe(zh);
    }
  });

  it('en prints exactly the English line as before', () => {
    for (const { args, en } of cases) {
      const result = runIn(dir, '--lang', 'en', ...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toBe(en);
    }
  });
});
