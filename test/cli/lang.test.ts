import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runClean } from './run-clean.ts';

// Issue 19, --lang: through the built binary, as an officer's shell runs it.
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');
const HAN = /\p{Script=Han}/u;

const runIn = runClean;

const C = { LANG: 'C.UTF-8' };
const ZH = { LANG: 'zh_CN.UTF-8' };
const COMMON = ['--purpose', 'statutory-duty', '--legal-basis', 'statutory-duty'];

describe.skipIf(!existsSync(bin))('dataguard --lang (issue 19)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dg-lang-'));
  });

  it('--lang zh-CN shows protect --help in Chinese, titles and examples included', () => {
    const zh = runIn(dir, C, '--lang', 'zh-CN', 'protect', '--help');
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('用法：');
    expect(zh.stdout).toContain('选项：');
    expect(zh.stdout).toContain('示例：');
    expect(zh.stdout).toContain('去标识化策略（JSON 或 YAML）');
    expect(zh.stdout).toContain('显示命令帮助');
    expect(zh.stdout).not.toContain('Options:');
    expect(zh.stdout).not.toContain('de-identification policy');
    const en = runIn(dir, C, 'protect', '--help');
    expect(en.stdout).toContain('Options:');
    expect(en.stdout).toContain('de-identification policy (JSON or YAML)');
    expect(HAN.test(en.stdout.replace(/张某/g, ''))).toBe(false);
  });

  it('a failing command prints its error in Chinese, the code unchanged', () => {
    const missing = runIn(dir, C, '--lang', 'zh-CN', 'custody', 'residents');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^dataguard: ERR_INPUT: 账本不存在/);
    const usage = runIn(dir, C, '--lang', 'zh-CN', 'incident', 'residents', '--kind', 'leak');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('错误：缺少必需的选项');
    const english = runIn(dir, C, 'custody', 'residents');
    expect(english.stderr).toMatch(/^dataguard: ERR_INPUT: ledger database .* does not exist/);
  });

  it('LANG=zh_CN.UTF-8 picks Chinese without the flag; LC_ALL outranks LANG', () => {
    const zh = runIn(dir, ZH, 'custody', 'residents');
    expect(zh.stderr).toContain('账本不存在');
    expect(runIn(dir, ZH, 'scan', '--help').stdout).toContain('用法：');
    const lcAll = runIn(dir, { LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' }, 'scan', '--help');
    expect(lcAll.stdout).toContain('Usage:');
  });

  it('config lang: en overrides the locale, and --lang overrides the config', () => {
    const ws = mkdtempSync(join(tmpdir(), 'dg-lang-config-'));
    writeFileSync(join(ws, 'dataguard.config.yaml'), 'lang: en\n');
    expect(runIn(ws, ZH, 'scan', '--help').stdout).toContain('Usage:');
    expect(runIn(ws, ZH, 'custody', 'x').stderr).toContain('does not exist');
    expect(runIn(ws, ZH, '--lang', 'zh-CN', 'scan', '--help').stdout).toContain('用法：');
    // --lang after the command name counts too.
    expect(runIn(ws, ZH, 'custody', 'x', '--lang', 'zh-CN').stderr).toContain('账本不存在');
    writeFileSync(join(ws, 'dataguard.config.yaml'), 'lang: zh-CN\n');
    expect(runIn(ws, C, 'scan', '--help').stdout).toContain('用法：');
    expect(runIn(ws, C, '--lang', 'en', 'scan', '--help').stdout).toContain('Usage:');
  });

  it('refuses a language it does not have', () => {
    const bad = runIn(dir, C, '--lang', 'fr', 'scan', '--help');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("'--lang <lang>' argument 'fr' is invalid");
  });

  it('records and reports an incident in Chinese: the HTML report, the dry-run notice, the ledger index', () => {
    const ws = mkdtempSync(join(tmpdir(), 'dg-lang-incident-'));
    const go = (...args: string[]) => runIn(ws, C, '--lang', 'zh-CN', ...args);
    const collected = go(
      'record',
      'collect',
      '--actor',
      'gov.example.civil-affairs',
      ...COMMON,
      '--output',
      'residents',
    );
    expect(collected.status).toBe(0);
    expect(collected.stdout).toMatch(/^已记录收集事件，账本条目 #0/);
    const shared = go(
      'record',
      'share',
      '--actor',
      'gov.example.civil-affairs',
      ...COMMON,
      '--input',
      'residents',
      '--output',
      'residents.health',
      '--recipient',
      'gov.example.health',
    );
    expect(shared.stdout).toMatch(/^已记录共享事件，账本条目 #1/);
    const who = ['--reported-by', 'gov.example.health', '--discovered', '2026-03-10 09:00'];
    const dry = go('incident', 'residents.health', '--kind', 'leak', ...who, '--format', 'html');
    expect(dry.status).toBe(0);
    expect(dry.stderr).toContain('试运行：账本中未记录任何内容');
    expect(dry.stdout).toContain('<html lang="zh-CN">');
    expect(dry.stdout).toContain('<h1>安全事件报告');
    expect(dry.stdout).toContain('未记录（试运行）');
    expect(dry.stdout).toContain('持有方');
    expect(dry.stdout).not.toContain('Affected copies');
    const out = join(ws, 'incident.md');
    const recorded = go(
      'incident',
      'residents.health',
      '--kind',
      'leak',
      ...who,
      '--record',
      '--out',
      out,
    );
    expect(recorded.status).toBe(0);
    expect(recorded.stderr).toMatch(/事件 \S+ 已记入账本，条目 #2/);
    // Markdown escapes the '#'.
    expect(readFileSync(out, 'utf8')).toContain('| 账本记录 | 条目 \\#2，');
    const english = runIn(
      ws,
      C,
      'incident',
      'residents.health',
      '--kind',
      'leak',
      ...who,
      '--format',
      'html',
    );
    expect(english.stdout).toContain('<html lang="en">');
    expect(english.stdout).toContain('Affected copies');
  });
});
