import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/io/index.ts';

// Issue 19: .xlsx input and output, through the built binary (dist/cli/main.js), on
// test/fixtures/xlsx/residents.xlsx (written by openpyxl: make-residents.py), the first
// 200 rows of examples/residents.csv with birth dates as date cells, as the texts
// 1973/1/9 and 1973年11月19日, and as bare serial numbers.
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');
const built = existsSync(bin);

const RELEASE = [
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
];

const sha256 = (path: string): string =>
  `sha-256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function parseCsv(text: string): Record<string, string>[] {
  // The example data has no quoted fields.
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = (header as string).split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] as string]));
  });
}

describe.skipIf(!built)('.xlsx input and output through the CLI (issue 19)', () => {
  let dir = '';
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, TZ: 'UTC' },
    });
  const csv = readFileSync(join(root, 'examples/residents.csv'), 'utf8')
    .split('\n')
    .slice(0, 201)
    .join('\n');
  const source = parseCsv(csv);
  const lastEvent = (): {
    inputs: { digest: string }[];
    outputs: { digest: string }[];
    details: { rowsIn: number };
  } => {
    const shown = run('ledger', 'show', '--json');
    expect(shown.status).toBe(0);
    const lines = shown.stdout.trim().split('\n');
    return (JSON.parse(lines[lines.length - 1] as string) as { event: never }).event;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dataguard-xlsx-cli-'));
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
    copyFileSync(join(root, 'test/fixtures/xlsx/residents.xlsx'), join(dir, 'residents.xlsx'));
    writeFileSync(join(dir, 'residents.csv'), `${csv}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('profile drafts the same definition from the workbook as from the same rows in CSV', () => {
    const fromXlsx = run('profile', 'residents.xlsx');
    expect(fromXlsx.stderr).toBe('');
    expect(fromXlsx.status).toBe(0);
    const fromCsv = run('profile', 'residents.csv');
    expect(JSON.parse(fromXlsx.stdout)).toEqual(JSON.parse(fromCsv.stdout));
    const names = (JSON.parse(fromXlsx.stdout) as { fields: { name: string }[] }).fields.map(
      (field) => field.name,
    );
    expect(names).toEqual([
      'name',
      'id_card',
      'mobile',
      'birth_date',
      'sex',
      'district',
      'occupation',
      'diagnosis',
      'household_size',
    ]);
  });

  it('--sheet picks another sheet; a missing sheet is an input error naming it and the sheets', () => {
    const notes = run('profile', 'residents.xlsx', '--sheet', '说明');
    expect(notes.status).toBe(0);
    expect(
      (JSON.parse(notes.stdout) as { fields: { name: string }[] }).fields.map((f) => f.name),
    ).toEqual(['项目', '内容']);
    const missing = run('scan', 'residents.xlsx', '--sheet', '户籍');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('ERR_INPUT');
    expect(missing.stderr).toContain('户籍');
    expect(missing.stderr).toContain('居民信息, 说明');
    const onCsv = run('profile', 'residents.csv', '--sheet', '说明');
    expect(onCsv.status).toBe(2);
    expect(onCsv.stderr).toContain('--sheet applies to .xlsx');
  });

  it('scan finds the same identifiers, by row and column, as in the CSV (phone numbers stored as numbers included)', () => {
    const fromXlsx = run('scan', 'residents.xlsx', '--json');
    expect(fromXlsx.status).toBe(0);
    const fromCsv = run('scan', 'residents.csv', '--json');
    const xlsx = JSON.parse(fromXlsx.stdout) as { byType: object; findings: object[] };
    const plain = JSON.parse(fromCsv.stdout) as { byType: object; findings: object[] };
    expect(xlsx.byType).toEqual({ 'cn-resident-id': 200, 'cn-mobile': 200 });
    expect(xlsx.findings).toEqual(plain.findings);
  });

  it('a workbook under another name is known by its zip signature', () => {
    copyFileSync(join(dir, 'residents.xlsx'), join(dir, 'export.dat'));
    const out = run('scan', 'export.dat', '--json');
    expect(out.status).toBe(0);
    expect((JSON.parse(out.stdout) as { total: number }).total).toBe(400);
  });

  it('risk measures the workbook as it measures the CSV', () => {
    const args = ['--qi', 'sex,district,occupation', '--sensitive', 'diagnosis', '--json'];
    const fromXlsx = run('risk', 'residents.xlsx', ...args);
    expect(fromXlsx.status).toBe(0);
    // The same report but for the input's name (and the title that carries it).
    const same = (text: string) => {
      const report = JSON.parse(text) as { title: string; input: { name: string } };
      return { ...report, title: '', input: { ...report.input, name: '' } };
    };
    expect(same(fromXlsx.stdout)).toEqual(same(run('risk', 'residents.csv', ...args).stdout));
  });

  it('protect releases the workbook to a workbook: every date form generalized, digests of the files in the ledger', async () => {
    const out = run('protect', 'residents.xlsx', ...RELEASE, '--out', 'released.xlsx');
    expect(out.stderr).not.toContain('ERR_');
    expect(out.status).toBe(0);
    const released = await collect(readXlsx(join(dir, 'released.xlsx')));
    expect(released).toHaveLength(200);
    expect(Object.keys(released[0] as object)).toEqual([
      'name',
      'id_card',
      'mobile',
      'birth_date',
      'sex',
      'district',
      'occupation',
      'household_size',
    ]);
    // Date cell, 1973/1/9, 1973年11月19日 and a bare serial all become the month.
    expect(released.map((record) => record.birth_date)).toEqual(
      source.map((record) => record.birth_date?.slice(0, 7)),
    );
    expect(released.map((record) => record.district)).toEqual(
      source.map((record) => record.district),
    );
    for (const [i, record] of released.entries()) {
      expect(record.id_card).toMatch(/^[0-9a-f]{32}$/);
      expect(record.mobile).toMatch(/^1\d{10}$/);
      expect(record.mobile).not.toBe(source[i]?.mobile);
      expect(String(record.name)).toContain('*');
    }
    const event = lastEvent();
    expect(event.inputs[0]?.digest).toBe(sha256(join(dir, 'residents.xlsx')));
    expect(event.outputs[0]?.digest).toBe(sha256(join(dir, 'released.xlsx')));
    expect(event.details.rowsIn).toBe(200);
    // Nothing staged or temporary is left beside the output.
    expect(readdirSync(dir).filter((name) => name.startsWith('.released'))).toEqual([]);
    // The same job again is refused (the workbook's digest identifies the input).
    const again = run('protect', 'residents.xlsx', ...RELEASE, '--out', 'released.xlsx');
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('already released');
  });

  it('protect releases the workbook to CSV with the same values as to a workbook', async () => {
    const out = run(
      'protect',
      'residents.xlsx',
      ...RELEASE,
      '--out',
      'released.csv',
      '--no-report',
      '--again',
    );
    expect(out.status).toBe(0);
    expect(lastEvent().outputs[0]?.digest).toBe(sha256(join(dir, 'released.csv')));
    const toXlsx = run('protect', 'residents.xlsx', ...RELEASE, '--out', 'again.xlsx', '--again');
    expect(toXlsx.status).toBe(0);
    const fromCsv = parseCsv(readFileSync(join(dir, 'released.csv'), 'utf8'));
    const fromXlsx = await collect(readXlsx(join(dir, 'again.xlsx'), { values: 'text' }));
    expect(fromCsv).toEqual(fromXlsx);
  });

  it('protect of a CSV can write a workbook; a failed workbook release leaves no file and no event', async () => {
    const release = (out: string) =>
      run('protect', 'residents.csv', ...RELEASE, '--out', out, '--no-report', '--again');
    expect(release('from-csv.xlsx').status).toBe(0);
    expect(release('from-csv.csv').status).toBe(0);
    expect(await collect(readXlsx(join(dir, 'from-csv.xlsx'), { values: 'text' }))).toEqual(
      parseCsv(readFileSync(join(dir, 'from-csv.csv'), 'utf8')),
    );
    const size = run('ledger', 'show', '--json').stdout.trim().split('\n').length;
    const before = readdirSync(dir).sort();
    const failed = run(
      'protect',
      'residents.xlsx',
      ...RELEASE,
      '--sheet',
      '户籍',
      '--out',
      'x.xlsx',
    );
    expect(failed.status).toBe(2);
    expect(failed.stderr).toContain('no worksheet named "户籍"');
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(run('ledger', 'show', '--json').stdout.trim().split('\n')).toHaveLength(size);
  });
});
