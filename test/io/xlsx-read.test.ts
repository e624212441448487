import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCalendarDate } from '../../src/deidentify/calendar-date.ts';
import { InputError } from '../../src/errors/index.ts';
import { readXlsx } from '../../src/io/index.ts';
import { excelSerialToIso } from '../../src/io/xlsx/serial-date.ts';

const fixtures = join(import.meta.dirname, '../fixtures/xlsx');
const dir = mkdtempSync(join(tmpdir(), 'dataguard-xlsx-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal workbook from sheet XML (rows only), with optional styles and shared strings. */
function workbook(
  name: string,
  rows: string,
  extra: { styles?: string; strings?: readonly string[]; date1904?: boolean; level?: 0 | 6 } = {},
): string {
  const rels = [
    `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`,
    extra.styles === undefined
      ? ''
      : `<Relationship Id="rId2" Type="${REL}/styles" Target="/xl/styles.xml"/>`,
    extra.strings === undefined
      ? ''
      : `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`,
  ].join('');
  const files: Record<string, Uint8Array> = {
    '_rels/.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<workbook xmlns="${NS}" xmlns:r="${REL}">${extra.date1904 === true ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`,
    ),
  };
  if (extra.styles !== undefined)
    files['xl/styles.xml'] = strToU8(`<styleSheet xmlns="${NS}">${extra.styles}</styleSheet>`);
  if (extra.strings !== undefined)
    files['xl/sharedStrings.xml'] = strToU8(
      `<sst xmlns="${NS}">${extra.strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
    );
  const path = join(dir, name);
  writeFileSync(path, zipSync(files, { level: extra.level ?? 6 }));
  return path;
}

const inline = (ref: string, text: string): string =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

describe('readXlsx on workbooks written by openpyxl (test/fixtures/xlsx/make-fixtures.py)', () => {
  it('reads shared, rich-text, phonetic and inline strings, numbers, booleans, dates, formulas and empty cells by the header', async () => {
    const records = await collect(readXlsx(join(fixtures, 'openpyxl-types.xlsx')));
    expect(records).toEqual([
      {
        姓名: '张三',
        公民身份号码: '110101197301090014',
        出生日期: '1973-01-09',
        登记时间: '2024-03-01T08:30:00',
        年龄: 51,
        在职: true,
        备注: '住址：杭州市西湖区 & <备注>',
        序号: 1,
        公式: 102,
        内联: '内联文本',
      },
      {
        姓名: '李四',
        公民身份号码: '330106198002291236',
        出生日期: '1980-02-29',
        登记时间: '',
        年龄: 44.5,
        在职: false,
        备注: '',
        序号: 2,
        公式: '李四!',
        内联: '富文本',
      },
      // Row 4 is missing and row 7 is empty: neither gives a record.
      {
        姓名: '王五',
        公民身份号码: '',
        出生日期: '1973/1/9',
        登记时间: '',
        年龄: '',
        在职: '',
        备注: '1973年11月19日',
        序号: 3,
        公式: '',
        内联: '',
      },
      {
        姓名: '赵六',
        公民身份号码: '',
        // Serial 61 in a 年月日 format: past the phantom 1900-02-29.
        出生日期: '1900-03-01',
        登记时间: '',
        年龄: '',
        在职: '',
        备注: '',
        序号: 4,
        公式: '',
        内联: '',
      },
    ]);
  });

  it('gives every value as text with values: text, as a CSV export would', async () => {
    const [first] = await collect(
      readXlsx(join(fixtures, 'openpyxl-types.xlsx'), { values: 'text' }),
    );
    expect(first).toMatchObject({ 年龄: '51', 在职: 'TRUE', 序号: '1', 公式: '102' });
  });

  it('reads a named sheet', async () => {
    const records = await collect(
      readXlsx(join(fixtures, 'openpyxl-types.xlsx'), { sheet: '说明' }),
    );
    expect(records).toEqual([{ 项目: '来源', 值: '民政局' }]);
  });

  it('reads dates of the 1904 date system', async () => {
    const records = await collect(readXlsx(join(fixtures, 'openpyxl-1904.xlsx')));
    expect(records).toEqual([{ 日期: '1973-01-09', 时间: '2024-03-01T08:30:15' }]);
  });
});

describe('readXlsx cell layout and formats', () => {
  it('places cells by their reference, and by order where a cell has none', async () => {
    const path = workbook(
      'gaps.xlsx',
      `<row r="2">${inline('A2', 'a')}${inline('B2', 'b')}${inline('C2', 'c')}${inline('D2', 'd')}</row>` +
        `<row r="3"><c r="D3"><v>4</v></c><c r="B3"><v>2</v></c></row>` +
        `<row><c><v>1</v></c><c/><c><v>3</v></c></row>`,
    );
    // Cells out of order still land in their column.
    expect(await collect(readXlsx(path))).toEqual([
      { a: '', b: 2, c: '', d: 4 },
      { a: 1, b: '', c: 3, d: '' },
    ]);
  });

  it('reads built-in and custom date formats, the phantom 1900-02-29 and times', async () => {
    const styles =
      '<numFmts><numFmt numFmtId="164" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="[Red]0.00"/><numFmt numFmtId="166" formatCode="&quot;d&quot;0"/><numFmt numFmtId="167" formatCode="[h]:mm"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="31"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="20"/><xf numFmtId="167"/></cellXfs>';
    const path = workbook(
      'dates.xlsx',
      `<row r="1">${['general', 'd14', 'cjk31', 'custom', 'red', 'quoted', 'time', 'elapsed'].map((h, i) => inline(`${String.fromCharCode(65 + i)}1`, h)).join('')}</row>` +
        '<row r="2"><c r="A2"><v>26673</v></c><c r="B2" s="1"><v>26673</v></c><c r="C2" s="2"><v>26673</v></c><c r="D2" s="3"><v>60</v></c><c r="E2" s="4"><v>59</v></c><c r="F2" s="5"><v>61</v></c><c r="G2" s="6"><v>0.5</v></c><c r="H2" s="7"><v>1.25</v></c></row>',
      { styles },
    );
    expect(await collect(readXlsx(path))).toEqual([
      {
        general: 26673,
        d14: '1973-01-09',
        cjk31: '1973-01-09',
        custom: '1900-02-29',
        red: 59,
        quoted: 61,
        time: '12:00:00',
        elapsed: '1900-01-01T06:00:00',
      },
    ]);
  });

  it('decodes OOXML _xHHHH_ escapes in shared and inline strings', async () => {
    const path = workbook(
      'escapes.xlsx',
      `<row r="1">${inline('A1', 'a')}<c r="B1" t="s"><v>0</v></c></row><row r="2">${inline('A2', 'x_x000D_y')}<c r="B2" t="s"><v>1</v></c></row>`,
      { strings: ['b', 'tab_x0009_end'] },
    );
    expect(await collect(readXlsx(path))).toEqual([{ a: 'x\ry', b: 'tab\tend' }]);
  });

  it('yields the first records before the rest of a large sheet is inflated and parsed', async () => {
    // Stored (not deflated) so the sheet arrives in many chunks; its end is broken.
    const rows: string[] = [`<row r="1">${inline('A1', 'n')}</row>`];
    for (let r = 2; r <= 20_000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    const path = workbook('lazy.xlsx', `${rows.join('')}<row r="20001"><c r="A1"`, { level: 0 });
    const seen: unknown[] = [];
    for await (const record of readXlsx(path)) {
      seen.push(record.n);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([2, 3, 4]);
    const error = await failure(collect(readXlsx(path)));
    expect(error.reason).toBe('bad-workbook');
  });
});

describe('readXlsx refuses what it cannot read, naming the file and sheet but no cell contents', () => {
  it('a file that is not a zip archive: unknown-format', async () => {
    const path = join(dir, 'residents.xlsx');
    writeFileSync(path, '姓名,公民身份号码\n张三,110101197301090014\n');
    const error = await failure(collect(readXlsx(path)));
    expect(error.reason).toBe('unknown-format');
    expect(error.message).toContain(path);
    expect(error.message).not.toContain('110101197301090014');
  });

  it('a zip archive without a workbook: unknown-format', async () => {
    const path = join(dir, 'not-a-workbook.xlsx');
    writeFileSync(path, zipSync({ 'readme.txt': strToU8('hello') }));
    expect((await failure(collect(readXlsx(path)))).reason).toBe('unknown-format');
  });

  it('a sheet name the workbook lacks: sheet-not-found, listing the sheets', async () => {
    const error = await failure(
      collect(readXlsx(join(fixtures, 'openpyxl-types.xlsx'), { sheet: '户籍' })),
    );
    expect(error.reason).toBe('sheet-not-found');
    expect(error.message).toContain('户籍');
    expect(error.details?.sheets).toEqual(['居民', '说明']);
  });

  it('malformed sheet XML: bad-workbook, with no cell text in the message', async () => {
    const path = workbook('broken.xlsx', `<row r="1">${inline('A1', '张三')}<row>`);
    const error = await failure(collect(readXlsx(path)));
    expect(error.reason).toBe('bad-workbook');
    expect(error.message).not.toContain('张三');
  });

  it('a shared-string index past the table: bad-workbook naming the cell', async () => {
    const path = workbook('sst.xlsx', `<row r="1"><c r="A1" t="s"><v>5</v></c></row>`, {
      strings: ['a'],
    });
    const error = await failure(collect(readXlsx(path)));
    expect(error.reason).toBe('bad-workbook');
    expect(error.message).toContain('A1');
  });

  it('a value right of the header: xlsx-cell-outside-header naming the cell', async () => {
    const path = workbook(
      'outside.xlsx',
      `<row r="1">${inline('A1', 'a')}</row><row r="2">${inline('A2', 'x')}${inline('C2', '秘密')}</row>`,
    );
    const error = await failure(collect(readXlsx(path)));
    expect(error.reason).toBe('xlsx-cell-outside-header');
    expect(error.details?.cell).toBe('C2');
    expect(error.message).not.toContain('秘密');
  });

  it('an empty or repeated header cell', async () => {
    const empty = workbook(
      'empty-header.xlsx',
      `<row r="1">${inline('A1', 'a')}${inline('C1', 'c')}</row>`,
    );
    expect((await failure(collect(readXlsx(empty)))).reason).toBe('xlsx-empty-header');
    const repeated = workbook(
      'dup-header.xlsx',
      `<row r="1">${inline('A1', 'a')}${inline('B1', 'a')}</row>`,
    );
    expect((await failure(collect(readXlsx(repeated)))).reason).toBe('xlsx-duplicate-header');
  });

  it('a file that does not exist: unreadable', async () => {
    expect((await failure(collect(readXlsx(join(dir, 'missing.xlsx'))))).reason).toBe('unreadable');
  });
});

describe('excelSerialToIso', () => {
  it('agrees with the date transforms on every whole serial they accept (1900 system)', () => {
    for (let serial = 1; serial <= 80_000; serial++) {
      if (serial === 60 || (serial >= 1000 && serial <= 2999)) continue;
      const date = parseCalendarDate(String(serial));
      const iso = `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
      if (excelSerialToIso(serial, false) !== iso)
        expect(excelSerialToIso(serial, false)).toBe(iso);
    }
  });

  it('places the 1900 leap-year bug, the 1904 system, rounding and the limits', () => {
    expect(excelSerialToIso(59, false)).toBe('1900-02-28');
    expect(excelSerialToIso(60, false)).toBe('1900-02-29');
    expect(excelSerialToIso(61, false)).toBe('1900-03-01');
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
    expect(excelSerialToIso(25211, true)).toBe('1973-01-09');
    expect(excelSerialToIso(26673.999_999_9, false)).toBe('1973-01-10');
    expect(excelSerialToIso(2_958_465, false)).toBe('9999-12-31');
    expect(excelSerialToIso(2_958_466, false)).toBeUndefined();
    expect(excelSerialToIso(-1, false)).toBeUndefined();
  });
});
