import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessage, REASON_MESSAGES_ZH } from '../../../src/cli/i18n/reasons.ts';
import { UsageError } from '../../../src/cli/parties.ts';
import { run } from '../../../src/cli/program.ts';

const root = resolve(import.meta.dirname, '../../..');
const HAN = /\p{Script=Han}/u;
const KEBAB = /^[a-z]+(?:-[a-z]+)*$/;

/** The TypeScript sources under a directory, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Each `new UsageError(…)` call in the CLI's sources: where it is and its arguments' text. */
function usageErrorSites(): { where: string; args: string }[] {
  const sites: { where: string; args: string }[] = [];
  for (const file of sources(join(root, 'src/cli'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/new UsageError\(/g)) {
      const start = (match.index as number) + match[0].length;
      let depth = 1;
      let end = start;
      while (depth > 0 && end < text.length) {
        const c = text[end];
        if (c === '(') depth += 1;
        else if (c === ')') depth -= 1;
        end += 1;
      }
      const line = text.slice(0, match.index).split('\n').length;
      sites.push({ where: `${relative(root, file)}:${line}`, args: text.slice(start, end - 1) });
    }
  }
  return sites;
}

const REASON = /\{\s*reason:\s*'([^']+)',?\s*\}/;

describe('usage errors have a stable reason (zh-CN)', () => {
  it('UsageError stays an Error named UsageError and keeps its reason', () => {
    const error = new UsageError('--mode must be line or document', {
      reason: 'invalid-option-value',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UsageError');
    expect(error.message).toBe('--mode must be line or document');
    expect(error.reason).toBe('invalid-option-value');
    expect(new UsageError('x').reason).toBeUndefined();
  });

  it('every `new UsageError(` site under src/cli gives a kebab-case reason', () => {
    const sites = usageErrorSites();
    expect(sites.length).toBeGreaterThanOrEqual(42);
    const lacking = sites.filter((site) => !REASON.test(site.args)).map((site) => site.where);
    expect(lacking).toEqual([]);
    for (const site of sites) {
      expect(site.args.match(REASON)?.[1], site.where).toMatch(KEBAB);
    }
  });

  it('every reason a usage error uses has a Chinese message', () => {
    const reasons = new Set(usageErrorSites().map((site) => site.args.match(REASON)?.[1]));
    const missing = [...reasons].filter(
      (reason) => reason === undefined || !Object.hasOwn(REASON_MESSAGES_ZH, reason),
    );
    expect(missing).toEqual([]);
    for (const reason of reasons) {
      expect(HAN.test(REASON_MESSAGES_ZH[reason as string] as string), reason).toBe(true);
    }
  });

  it('shows the Chinese reason and the English detail in zh-CN, the English alone in en', () => {
    const shown = {
      code: 'ERR_USAGE',
      reason: 'conflicting-options',
      message: 'give either --out or --to-postgres, not both',
    };
    expect(errorMessage('zh-CN', shown)).toBe(
      '选项相互冲突（give either --out or --to-postgres, not both）',
    );
    expect(errorMessage('en', shown)).toBe('give either --out or --to-postgres, not both');
  });

  it('run() prints the usage error with its reason in zh-CN and unchanged in en', async () => {
    const lines = async (lang: string) => {
      let stderr = '';
      const code = await run(['--lang', lang, 'redact', 'no-such-file.txt', '--mode', 'word'], {
        stdout: () => {},
        stderr: (text: string) => {
          stderr += text;
        },
      } as never);
      return { code, stderr };
    };
    expect(await lines('en')).toEqual({
      code: 2,
      stderr: 'dataguard: ERR_USAGE: --mode must be line or document\n',
    });
    expect(await lines('zh-CN')).toEqual({
      code: 2,
      stderr: 'dataguard: ERR_USAGE: 选项的值无效（--mode must be line or document）\n',
    });
  });
});
