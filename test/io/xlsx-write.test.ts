import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/index.ts';
import { readCsv, readXlsx, writeXlsx } from '../../src/io/index.ts';
import { formatXlsx } from '../../src/io/xlsx-write.ts';
import { interopRequired, reportSkip } from '../provenance/interop/tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'dataguard-xlsx-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

// Debian's python3-openpyxl is the independent implementation (Debian's python first:
// a python3 earlier on PATH may lack it).
const python = [process.env.DATAGUARD_PYTHON, '/usr/bin/python3', 'python3'].find(
  (candidate) =>
    candidate !== undefined &&
    candidate !== '' &&
    spawnSync(candidate, ['-c', 'import openpyxl']).status === 0,
);
if (python === undefined && !interopRequired)
  reportSkip(
    'openpyxl round trips',
    'no python3 with openpyxl (apt-get install -y python3-openpyxl)',
  );

// LibreOffice (Debian libreoffice-calc-nogui), where installed, is a second reader.
const soffice = ['soffice', '/usr/bin/soffice'].find(
  (candidate) => spawnSync(candidate, ['--version'], { stdio: 'ignore' }).status === 0,
);
if (soffice === undefined)
  reportSkip('LibreOffice reading', 'no soffice (apt-get install -y libreoffice-calc-nogui)');

it.runIf(interopRequired)('openpyxl is installed where interop tests are required (CI)', () => {
  expect(python, 'apt-get install -y python3-openpyxl').toBeDefined();
});

const RECORDS = [
  {
    姓名: '张三',
    公民身份号码: '110101197301090014',
    年龄: 51,
    在职: true,
    备注: 'a & b <c> "d" \'e\'',
    出生日期: '1973-01-09',
  },
  {
    姓名: '李四',
    公民身份号码: '',
    年龄: 44.5,
    在职: false,
    备注: '行一\n行二\t制表\u0001控制',
    出生日期: '1973年11月19日',
  },
  {
    姓名: '  前后空格  ',
    公民身份号码: null,
    年龄: -0.000001,
    在职: undefined,
    备注: '_x0041_ literal',
    出生日期: '1973/1/9',
  },
];

describe('writeXlsx', () => {
  it('round-trips through readXlsx: header first, strings, numbers, booleans, empty cells, escapes', async () => {
    const path = join(dir, 'round.xlsx');
    await writeXlsx(path, RECORDS, { sheet: '居民' });
    expect(await collect(readXlsx(path, { sheet: '居民' }))).toEqual(
      RECORDS.map((record) =>
        Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value ?? ''])),
      ),
    );
  });

  it('writes the same bytes for the same records (fixed entry times)', async () => {
    const first = Buffer.concat(await collect(formatXlsx(RECORDS)));
    const second = Buffer.concat(await collect(formatXlsx(RECORDS)));
    expect(first.equals(second)).toBe(true);
  });

  it('streams: the first sheet bytes come out before all records were pulled', async () => {
    let pulled = 0;
    async function* records(): AsyncGenerator<Record<string, unknown>> {
      for (let i = 0; i < 50_000; i++) {
        pulled++;
        yield { n: i, text: `第${i}行 ${'x'.repeat(40)}` };
      }
    }
    // How many records had been pulled when each chunk came out.
    const pulledAt: number[] = [];
    for await (const _ of formatXlsx(records())) pulledAt.push(pulled);
    const midway = pulledAt.filter((count) => count > 0 && count < 50_000);
    expect(midway.length).toBeGreaterThan(10);
  });

  it('refuses a sheet name Excel refuses', async () => {
    await expect(writeXlsx(join(dir, 'bad.xlsx'), RECORDS, { sheet: 'a/b' })).rejects.toThrow(
      InputError,
    );
    await expect(
      writeXlsx(join(dir, 'bad.xlsx'), RECORDS, { sheet: 'x'.repeat(32) }),
    ).rejects.toMatchObject({ reason: 'bad-sheet-name' });
  });
});

describe.skipIf(python === undefined)(
  'openpyxl reads what writeXlsx writes (skipped without Debian python3-openpyxl: apt-get install -y python3-openpyxl)',
  () => {
    it('the same header, values and types', async () => {
      const path = join(dir, 'openpyxl.xlsx');
      // openpyxl 3.0 keeps OOXML's _xHHHH_ escapes as they are (Excel decodes them),
      // so control characters and a literal "_x0041_" are checked by the round trip above.
      const records = RECORDS.map((record) => ({
        ...record,
        备注: String(record.备注).replace('\u0001', '').replace('_x0041_', 'x0041'),
      }));
      await writeXlsx(path, records, { sheet: '居民' });
      const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['居民']
print(json.dumps({'sheets': wb.sheetnames, 'rows': [[c for c in row] for row in ws.iter_rows(values_only=True)]}, ensure_ascii=False))
`;
      const run = spawnSync(python as string, ['-c', script, path], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const read = JSON.parse(run.stdout) as { sheets: string[]; rows: unknown[][] };
      expect(read.sheets).toEqual(['居民']);
      expect(read.rows).toEqual([
        ['姓名', '公民身份号码', '年龄', '在职', '备注', '出生日期'],
        ['张三', '110101197301090014', 51, true, 'a & b <c> "d" \'e\'', '1973-01-09'],
        ['李四', null, 44.5, false, '行一\n行二\t制表控制', '1973年11月19日'],
        ['  前后空格  ', null, -0.000001, null, 'x0041 literal', '1973/1/9'],
      ]);
    });

    it('a larger workbook (20,000 rows) opens in openpyxl read-only mode with every row', async () => {
      const path = join(dir, 'large.xlsx');
      async function* records(): AsyncGenerator<Record<string, unknown>> {
        for (let i = 0; i < 20_000; i++) yield { 序号: i, 姓名: `居民${i}` };
      }
      await writeXlsx(path, records());
      const script = `
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True).active
rows = 0
last = None
for row in ws.iter_rows(values_only=True):
    rows += 1
    last = row
print(rows, last[0], last[1])
`;
      const run = spawnSync(python as string, ['-c', script, path], { encoding: 'utf8' });
      expect(run.stdout.trim()).toBe('20001 19999 居民19999');
      expect(readFileSync(path).length).toBeGreaterThan(0);
    }, 60_000);
  },
);

describe.skipIf(soffice === undefined)(
  'LibreOffice reads what writeXlsx writes (skipped without soffice: apt-get install -y libreoffice-calc-nogui)',
  () => {
    it('the same header and text, OOXML escapes decoded', async () => {
      const path = join(dir, 'libreoffice.xlsx');
      await writeXlsx(path, RECORDS, { sheet: '居民' });
      const out = join(dir, 'lo');
      const run = spawnSync(
        soffice as string,
        [
          `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
          '--headless',
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76',
          '--outdir',
          out,
          path,
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(run.status).toBe(0);
      const rows = await collect(readCsv(join(out, 'libreoffice.csv')));
      expect(rows).toEqual([
        {
          姓名: '张三',
          公民身份号码: '110101197301090014',
          年龄: '51',
          在职: 'TRUE',
          备注: 'a & b <c> "d" \'e\'',
          出生日期: '1973-01-09',
        },
        {
          姓名: '李四',
          公民身份号码: '',
          年龄: '44.5',
          在职: 'FALSE',
          备注: '行一\n行二\t制表\u0001控制',
          出生日期: '1973年11月19日',
        },
        {
          姓名: '  前后空格  ',
          公民身份号码: '',
          年龄: '-0.000001',
          在职: '',
          备注: '_x0041_ literal',
          出生日期: '1973/1/9',
        },
      ]);
    }, 180_000);
  },
);
