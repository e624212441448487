import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { README_RELEASE_OPTIONS, runClean } from './run-clean.ts';

// The result lines of commands in the chosen language, through the built binary;
// the English output stays as it was, and digests, ids and values stay untranslated.
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');

/** Runs the binary in `dir` with no inherited locale. */
const runIn = (dir: string, ...args: string[]) => runClean(dir, { LANG: 'C.UTF-8' }, ...args);

// README's first command, with the output kept in the workspace.
const PROTECT = ['protect', 'examples/residents.csv', ...README_RELEASE_OPTIONS];

describe.skipIf(!existsSync(bin))('result lines in the chosen language', () => {
  let dir = '';
  const zh = (...args: string[]) => runIn(dir, '--lang', 'zh-CN', ...args);
  const en = (...args: string[]) => runIn(dir, '--lang', 'en', ...args);
  let copy = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dg-lang-output-'));
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
  });

  it('protect prints its summary in Chinese, values and digests as they are', () => {
    const run = zh(...PROTECT, '--out', 'zh.csv');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('已在 .dataguard/keyring.json 新建密钥环');
    expect(run.stderr).not.toContain('created a new keyring');
    const out = run.stdout;
    expect(out).toMatch(/^已发布 500 行 → 500 行（拒收 0 行，因同意排除 0 行）\n/);
    expect(out).toMatch(
      /\n {2}处理活动 {4}提供：residents → 副本 residents\.gov\.example\.health\.\S+\n/,
    );
    expect(out).toMatch(/\n {2}决定 {8}share {2}sha-256:[0-9a-f]{64}\n/);
    expect(out).toMatch(/\n {2}输出 {8}zh\.csv {2}\(sha-256:[0-9a-f]{64}\)\n/);
    expect(out).toContain('\n  字段        name, id_card, mobile,');
    expect(out).toMatch(/\n {2}策略 {8}sha-256:[0-9a-f]{64} {2}密钥 k-/);
    expect(out).toContain(
      '\n  匿名性      准标识符（birth_date, sex, district, occupation）：k=1（未设闸门），最高风险 1.0000，',
    );
    expect(out).toContain('\n  账本        .dataguard/dataguard.db  条目 #0，检查点（大小 1）\n');
    expect(out).toContain('\n  报告        zh.csv.report.html\n');
    for (const english of ['released', 'processing', 'decision', 'output', 'columns', 'policy'])
      expect(out).not.toContain(english);
    for (const english of ['anonymity', 'ledger  ', 'entry #', 'checkpoint at', 'not gated'])
      expect(out).not.toContain(english);
    copy = /副本 (\S+)/.exec(out)?.[1] ?? '';
    expect(copy).not.toBe('');
  });

  it('protect prints the English summary unchanged with --lang en', () => {
    const run = en(...PROTECT, '--out', 'en.csv', '--k', '1');
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('released 500 rows → 500 rows (0 rejected, 0 excluded by consent)');
    expect(lines[1]).toMatch(
      /^ {2}processing {2}provide of residents → copy residents\.gov\.example\.health\.\S+$/,
    );
    expect(lines[2]).toMatch(/^ {2}decision {4}share {2}sha-256:[0-9a-f]{64}$/);
    expect(lines[3]).toMatch(/^ {2}output {6}en\.csv {2}\(sha-256:[0-9a-f]{64}\)$/);
    expect(lines[4]).toMatch(/^ {2}columns {5}name, id_card, mobile, /);
    expect(lines[5]).toMatch(/^ {2}policy {6}sha-256:[0-9a-f]{64} {2}keys k-/);
    expect(lines[6]).toMatch(
      /^ {2}anonymity {3}over \(birth_date, sex, district, occupation\): k=1 \(required 1: pass\), highest risk 1\.0000, \d+ classes$/,
    );
    expect(lines[7]).toBe('  ledger      .dataguard/dataguard.db  entry #1, checkpoint at size 2');
    expect(lines[8]).toBe('  report      en.csv.report.html');
  });

  it('ledger show and ledger verify: Chinese headers and result, English unchanged', () => {
    const show = zh('ledger', 'show', '0');
    expect(show.status, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/^# {2}时间 {2,}处理活动 {2}处理者 {2,}接收方 {2,}数据集\n/);
    expect(show.stdout).toContain('\n  合法性基础      statutory-duty\n');
    expect(show.stdout).toContain('\n  个人信息主体数  500\n');
    for (const english of ['time', 'processing', 'actor', 'recipients', 'datasets', 'legal basis'])
      expect(show.stdout).not.toContain(english);
    // Column values are not translated.
    expect(show.stdout).toContain('provide');
    const enShow = en('ledger', 'show', '0');
    expect(enShow.stdout).toMatch(
      /^# {2}time {2,}processing {2}actor {2,}recipients {2,}datasets\n/,
    );
    expect(enShow.stdout).toContain('\n  legal basis  statutory-duty\n');

    const verify = zh('ledger', 'verify');
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toBe(
      '账本完好：2 个条目，已核验 2 个检查点（检查点名称 dataguard.local/ledger，密钥环）\n',
    );
    expect(verify.stdout).not.toContain('ledger ok');
    expect(en('ledger', 'verify').stdout).toBe(
      'ledger ok: 2 entries, 2 checkpoints verified (origin dataguard.local/ledger, keyring)\n',
    );
  });

  it('custody: Chinese table headers and "now", roles and ids as they are', () => {
    const custody = zh('custody', copy);
    expect(custody.status, custody.stderr).toBe(0);
    expect(custody.stdout).toMatch(/^当事方 {2,}角色 {2,}起始时间 {2,}事件\n/);
    expect(custody.stdout).toContain('gov.example.health  holder, user');
    expect(custody.stdout).not.toMatch(/party|roles|since|events/);
    expect(zh('custody', copy, '--tree').stdout).toContain('→ 至今');
    const english = en('custody', copy);
    expect(english.stdout).toMatch(/^party {2,}roles {2,}since {2,}events\n/);
    expect(en('custody', copy, '--tree').stdout).toContain('→ now');
    // Times are in the configured zone (default Asia/Shanghai).
    const before = zh('custody', copy, '--at', '2000-01-01').stdout;
    expect(before.startsWith(`${copy}：没有当事方承担角色（于 2000-01-01 00:00:00 `)).toBe(true);
    expect(before).not.toContain('no party');
    expect(en('custody', copy, '--at', '2000-01-01').stdout).toMatch(
      /^\S+: no party holds a role at 2000-01-01 00:00:00 [+-]\d\d:\d\d\n$/,
    );
  });

  it('scan: the Chinese count line, identifier types as they are', () => {
    const scan = zh('scan', 'examples/residents.csv');
    expect(scan.status, scan.stderr).toBe(0);
    expect(scan.stdout).toMatch(/^examples\/residents\.csv：发现 1000 处个人信息\n/);
    expect(scan.stdout).toContain('cn-resident-id');
    expect(scan.stdout).not.toContain('findings');
    expect(en('scan', 'examples/residents.csv').stdout).toMatch(
      /^1000 findings in examples\/residents\.csv\n {2}cn-resident-id {11}500\n/,
    );
  });

  it('profile prints a dataset definition (JSON): the same in both languages', () => {
    const chinese = zh('profile', 'examples/residents.csv', '--sample', '20');
    expect(chinese.status, chinese.stderr).toBe(0);
    expect(JSON.parse(chinese.stdout).id).toBe('residents');
    expect(chinese.stdout).toBe(en('profile', 'examples/residents.csv', '--sample', '20').stdout);
  });

  it('check-proof, grade, risk, keys and init print their result lines in Chinese', () => {
    const proof = zh('ledger', 'prove', '0');
    expect(proof.status, proof.stderr).toBe(0);
    const verifier = runIn(dir, 'keys', 'export-verifier');
    const files = { proof: join(dir, 'proof.json'), verifier: join(dir, 'verifier.txt') };
    writeFileSync(files.proof, proof.stdout);
    writeFileSync(files.verifier, verifier.stdout);
    const checked = zh('ledger', 'check-proof', files.proof, '--verifier', files.verifier);
    expect(checked.stdout).toMatch(/^包含证明有效：条目 0（叶哈希 \S+）在大小为 2 的日志中/);
    expect(en('ledger', 'check-proof', files.proof, '--verifier', files.verifier).stdout).toMatch(
      /^inclusion proof ok: entry 0 \(leaf \S+\) is in the log of size 2 \(origin dataguard\.local\/ledger\)\n$/,
    );

    const grade = zh('grade', 'examples/residents.dataset.json');
    expect(grade.stdout).toMatch(/^数据集 residents v1：级别 general-4（含敏感个人信息）\n/);
    expect(grade.stdout).toContain('identity（敏感）');
    expect(grade.stdout).not.toMatch(/\(sensitive\)|contains sensitive PI|dataset residents/);

    const risk = zh(
      'risk',
      'examples/residents.csv',
      '--dataset',
      'examples/residents.dataset.json',
    );
    expect(risk.stdout).toMatch(/^500 条记录，准标识符 birth_date, sex, district, occupation\n/);
    expect(risk.stdout).toContain('个等价类，唯一记录 ');
    expect(risk.stdout).toContain('  直接标识符：name, id_card, mobile\n');
    expect(risk.stdout).not.toMatch(/records|classes|direct identifiers/);

    const keys = zh(
      'keys',
      'generate',
      '--suite',
      'international',
      '--out',
      'k.json',
      '--id',
      'k1',
    );
    expect(keys.stdout).toBe('已写入密钥环 k.json：1 个密钥，启用中的密钥 k1（international）\n');
    const rotated = zh('keys', 'rotate', 'k.json', '--id', 'k2');
    expect(rotated.stdout).toBe(
      '已轮换密钥环 k.json：2 个密钥，启用中的密钥 k2（international）\n',
    );
    expect(en('keys', 'rotate', 'k.json', '--id', 'k3').stdout).toBe(
      'rotated keyring k.json: 3 key(s), active k3 (international)\n',
    );

    expect(zh('init', '--out', 'zh.yaml').stdout).toBe(
      '已写入 zh.yaml；编辑后即可在此文件夹中运行 dataguard 命令\n',
    );
    expect(en('init', '--out', 'en.yaml').stdout).toBe(
      'wrote en.yaml; edit it, then run dataguard commands in this folder\n',
    );
  });
});
