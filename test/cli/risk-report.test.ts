import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RiskReportSchema } from '../../src/anonymity/report-schema.ts';

// Issue 19, risk report: each case spawns the built binary (dist/cli/main.js) on examples/residents.csv
// (500 synthetic residents with names, ID numbers and mobiles).
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');
const built = existsSync(bin);

function runner(dir: string) {
  return (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, TZ: 'UTC' },
    });
}

/** ARX-style hierarchies for the residents' quasi-identifiers: dates to year, decade, *; districts to city, *. */
function writeHierarchies(dir: string): void {
  const csv = readFileSync(join(dir, 'examples/residents.csv'), 'utf8').trim().split('\n').slice(1);
  const column = (i: number): string[] => [
    ...new Set(csv.map((line) => line.split(',')[i] as string)),
  ];
  mkdirSync(join(dir, 'h'));
  writeFileSync(
    join(dir, 'h/birth_date.csv'),
    column(3)
      .map((d) => `${d};${d.slice(0, 4)};${d.slice(0, 3)}0s;*`)
      .join('\n'),
  );
  writeFileSync(
    join(dir, 'h/sex.csv'),
    column(4)
      .map((s) => `${s};*`)
      .join('\n'),
  );
  writeFileSync(
    join(dir, 'h/district.csv'),
    column(5)
      .map((d) => `${d};福州市;*`)
      .join('\n'),
  );
}

describe.skipIf(!built)('dataguard risk: the report a data officer signs (issue 19)', () => {
  let dir = '';
  let run: ReturnType<typeof runner>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dataguard-risk-'));
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
    writeHierarchies(dir);
    run = runner(dir);
  });

  it('grades a raw file with names and ID numbers 1, fails k=5 in words, and writes both reports', () => {
    const out = run(
      'risk',
      'examples/residents.csv',
      '--qi',
      'birth_date,sex,district',
      '--k',
      '5',
      '--html',
      'r.html',
      '--json',
    );
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('Meets k=5: no. Some records share their quasi-identifier values');
    const report = RiskReportSchema.parse(JSON.parse(out.stdout));
    expect(report.format).toBe('dataguard.risk-report/1');
    expect(report.input).toMatchObject({ name: 'examples/residents.csv', rows: 500 });
    expect(report.quasiIdentifiers).toEqual({
      names: ['birth_date', 'sex', 'district'],
      source: 'option',
    });
    expect(report.directIdentifiers).toEqual({
      columns: ['name', 'id_card', 'mobile'],
      source: 'profile',
    });
    expect(report.grade.grade).toBe(1);
    expect(report.requirements).toEqual([
      expect.objectContaining({ id: 'k', required: 5, achieved: 1, met: false }),
    ]);
    expect(report.verdict).toBe('fail');

    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('Meets k=5: <span class="no">no</span>');
    expect(html).toContain('birth_date, sex, district');
    expect(html).toContain('Grade 1 — directly identifiable');
    expect(html).toContain('>class size (records sharing the same quasi-identifiers)</text>');
    expect(html).toContain('>number of classes</text>');
    // No value of the file is shown: not a name, an ID number, a date or a district.
    const first = readFileSync(join(dir, 'examples/residents.csv'), 'utf8').split('\n')[1] ?? '';
    for (const value of first.split(',').slice(0, 6)) expect(html).not.toContain(value);
  });

  it('takes quasi-identifiers, sensitive and direct-identifier fields from --dataset, and judges l and t', () => {
    const out = run(
      'risk',
      'examples/residents.csv',
      '--dataset',
      'examples/residents.dataset.json',
      '--k',
      '5',
      '--l',
      '2',
      '--t',
      '0.5',
      '--html',
      'ds.html',
      '--json',
    );
    expect(out.status).toBe(1);
    const report = RiskReportSchema.parse(JSON.parse(out.stdout));
    expect(report.quasiIdentifiers).toEqual({
      names: ['birth_date', 'sex', 'district', 'occupation'],
      source: 'dataset',
    });
    expect(report.sensitive).toEqual({ names: ['diagnosis'], source: 'dataset' });
    expect(report.directIdentifiers.source).toBe('dataset');
    expect(report.requirements.map((r) => [r.id, r.attribute, r.met])).toEqual([
      ['k', undefined, false],
      ['l', 'diagnosis', false],
      ['t', 'diagnosis', false],
    ]);
    expect(out.stderr).toContain('Meets l=2 on diagnosis: no');
    const html = readFileSync(join(dir, 'ds.html'), 'utf8');
    expect(html).toContain('Meets l=2 on diagnosis: <span class="no">no</span>');
    expect(html).toContain(
      'l-diversity (distinct) — diagnosis</th><td class="num">2</td><td class="num">1</td><td class="FAIL">FAIL</td>',
    );
    expect(html).toContain('t-closeness (equal distance) — diagnosis');
    expect(html).toContain('(from the dataset definition)');
  });

  it('passes k, l and t on quasi-identifiers coarse enough, and grades the generalized release by its risk', () => {
    const out = run(
      'risk',
      'examples/residents.csv',
      '--qi',
      'sex',
      '--sensitive',
      'diagnosis',
      '--k',
      '5',
      '--l',
      '2',
      '--t',
      '0.5',
      '--json',
    );
    expect(out.status).toBe(0);
    const report = RiskReportSchema.parse(JSON.parse(out.stdout));
    expect(report.verdict).toBe('pass');
    expect(report.requirements.every((r) => r.met)).toBe(true);
    // The raw columns are still there: grade 1 even though k holds.
    expect(report.grade.grade).toBe(1);
    // The same file without its identifying columns grades 3.
    const csv = readFileSync(join(dir, 'examples/residents.csv'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(',').slice(3).join(','))
      .join('\n');
    writeFileSync(join(dir, 'no-ids.csv'), `${csv}\n`);
    const clean = RiskReportSchema.parse(
      JSON.parse(run('risk', 'no-ids.csv', '--qi', 'sex', '--k', '5', '--json').stdout),
    );
    expect(clean.directIdentifiers.columns).toEqual([]);
    expect(clean.grade.grade).toBe(3);
  });

  it('recommends a generalization with its levels labelled and the k it reaches', () => {
    const out = run(
      'risk',
      'examples/residents.csv',
      '--qi',
      'birth_date,sex,district',
      '--hierarchies',
      'h',
      '--k',
      '5',
      '--html',
      'rec.html',
      '--json',
    );
    expect(out.status).toBe(0);
    const report = RiskReportSchema.parse(JSON.parse(out.stdout));
    const rec = report.recommendation;
    expect(rec?.measures.k).toBeGreaterThanOrEqual(5);
    expect(rec?.levels.map((v) => v.attribute)).toEqual(['birth_date', 'sex', 'district']);
    for (const v of rec?.levels ?? []) {
      expect(v.maxLevel).toBe(v.attribute === 'birth_date' ? 3 : v.attribute === 'sex' ? 1 : 2);
      expect(v.label.length).toBeGreaterThan(0);
    }
    const html = readFileSync(join(dir, 'rec.html'), 'utf8');
    expect(html).toContain('Recommended generalization');
    for (const v of rec?.levels ?? []) expect(html).toContain(`${v.level} / ${v.maxLevel}`);
  });

  it('adds journalist risk with --population, and grades with it', () => {
    const lines = readFileSync(join(dir, 'examples/residents.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'sample.csv'), `${lines.slice(0, 101).join('\n')}\n`);
    const out = run(
      'risk',
      'sample.csv',
      '--qi',
      'sex,district',
      '--population',
      'examples/residents.csv',
      '--json',
    );
    expect(out.status, out.stderr).toBe(0);
    const report = RiskReportSchema.parse(JSON.parse(out.stdout));
    const figure = (id: string) => report.risks.find((r) => r.id === id)?.value;
    expect(figure('journalist-highest')).toBeDefined();
    // Each sample class is part of a population class at least as large.
    expect(figure('journalist-highest')).toBeLessThan(figure('prosecutor-highest') ?? 0);
    expect(report.grade.highestRisk).toBe(figure('journalist-highest'));
  });

  it('speaks Simplified Chinese with --lang zh-CN', () => {
    const out = run(
      'risk',
      'examples/residents.csv',
      '--qi',
      'sex',
      '--k',
      '5',
      '--lang',
      'zh-CN',
      '--html',
      'zh.html',
    );
    expect(out.status).toBe(0);
    const html = readFileSync(join(dir, 'zh.html'), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('满足 k=5: <span class="yes">是</span>');
    expect(html).toContain('1级 — 直接可识别');
  });

  it('refuses --qi with --dataset, --l without a sensitive attribute, a bad --t or --lang (exit 2)', () => {
    const cases: [string[], string][] = [
      [
        ['--qi', 'sex', '--dataset', 'examples/residents.dataset.json'],
        'either --qi/--sensitive or --dataset',
      ],
      [['--qi', 'sex', '--l', '2'], '--l and --t need sensitive attributes'],
      [['--qi', 'sex', '--sensitive', 'diagnosis', '--t', '1.5'], '--t must be'],
      [['--qi', 'sex', '--lang', 'fr'], '--lang'],
      [[], 'give --qi <fields> or --dataset <file>'],
    ];
    for (const [args, message] of cases) {
      const out = run('risk', 'examples/residents.csv', ...args);
      expect(out.status, args.join(' ')).toBe(2);
      expect(out.stderr).toContain(message);
    }
  });

  it('protect writes the release report: what was released, the measured quasi-identifiers, input and output classes', () => {
    const out = run(
      'protect',
      'examples/residents.csv',
      '--dataset',
      'examples/residents.dataset.json',
      '--actor',
      'gov.example.civil-affairs',
      '--legal-basis',
      'statutory-duty',
      '--policy',
      'examples/share.policy.json',
      '--purpose',
      'statutory-duty',
      '--recipient',
      'gov.example.health',
      '--share-request',
      'examples/share-request.json',
      '--out',
      'shared.csv',
    );
    expect(out.status, out.stderr).toBe(0);
    const html = readFileSync(join(dir, 'shared.csv.report.html'), 'utf8');
    expect(html).toContain('<h1>Release report: residents</h1>');
    expect(html).toContain('What was released');
    expect(html).toContain('Processing</th><td>provide</td>');
    expect(html).toContain(
      'birth_date, sex, district, occupation <em>(from the dataset definition)</em>',
    );
    expect(html).toContain('Input (before) — Grade 1 — directly identifiable');
    expect(html.match(/class="x-label"/g)).toHaveLength(2);
    const first = readFileSync(join(dir, 'examples/residents.csv'), 'utf8').split('\n')[1] ?? '';
    for (const value of first.split(',').slice(0, 6)) expect(html).not.toContain(value);
  });
});
