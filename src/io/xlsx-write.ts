import { Zip, ZipDeflate } from 'fflate';
import { InputError } from '../errors/kinds.ts';
import { type WriteAtomicOptions, type WriteResult, writeAtomic } from './write-atomic.ts';
import { escapeXml } from './xlsx/ooxml-text.ts';
import { rowXml } from './xlsx/sheet-xml.ts';

/** Options of `formatXlsx` and {@link writeXlsx}. */
export interface XlsxWriteOptions {
  /** Column order and header (default: the keys of the first record). */
  readonly columns?: readonly string[] | undefined;
  /** The worksheet's name (default `Sheet1`; at most 31 characters, none of `[]:*?/\`). */
  readonly sheet?: string | undefined;
}

type XlsxRecords =
  | Iterable<Readonly<Record<string, unknown>>>
  | AsyncIterable<Readonly<Record<string, unknown>>>;

// A fixed timestamp in every entry, so the same records give the same bytes.
const MTIME = new Date(1980, 0, 1);
const BATCH = 1 << 16;
const BAD_SHEET_NAME = /[[\]:*?/\\]/;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
const SHEET_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_END = '</sheetData></worksheet>';

function workbookXml(sheet: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

/**
 * Streams records as the bytes of an .xlsx workbook with one worksheet: the
 * header row first, strings as inline strings (no shared-string table, so
 * nothing grows with the data), finite numbers and booleans typed, empty values
 * as empty cells. Parts are deflated as rows arrive (fflate's streaming `Zip`),
 * so memory stays bounded by a batch of rows.
 *
 * @param records - the records
 * @param options - columns and sheet name
 * @returns the workbook's bytes in chunks
 * @throws {InputError} `bad-sheet-name` for a name Excel refuses
 * @example
 * ```ts
 * import { writeAtomic } from 'dataguard/io';
 * import { formatXlsx } from './xlsx-write.ts';
 * const records = [{ 姓名: '张三', 出生日期: '1973-01' }];
 * const written = await writeAtomic('out.xlsx', formatXlsx(records, { columns: ['姓名', '出生日期'] }));
 * written.bytes > 0; // true
 * ```
 */
export async function* formatXlsx(
  records: XlsxRecords,
  options: XlsxWriteOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const sheet = options.sheet ?? 'Sheet1';
  if (sheet.length === 0 || sheet.length > 31 || BAD_SHEET_NAME.test(sheet)) {
    throw new InputError('a sheet name has 1 to 31 characters, none of []:*?/\\', {
      path: 'sheet',
      reason: 'bad-sheet-name',
    });
  }
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error !== null) failure = error;
    else out.push(data);
  });
  const encoder = new TextEncoder();
  const add = (name: string): ZipDeflate => {
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = MTIME;
    zip.add(file);
    return file;
  };
  const take = (): Uint8Array[] => {
    if (failure !== null) throw failure;
    return out.splice(0);
  };
  for (const [name, text] of [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['xl/workbook.xml', workbookXml(sheet)],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
    ['xl/styles.xml', STYLES],
  ] as const)
    add(name).push(encoder.encode(text), true);
  yield* take();
  const part = add('xl/worksheets/sheet1.xml');
  let columns = options.columns;
  let row = 0;
  let batch = SHEET_START;
  if (columns !== undefined) batch += rowXml(++row, columns);
  for await (const record of records) {
    if (columns === undefined) {
      columns = Object.keys(record);
      batch += rowXml(++row, columns);
    }
    const values: unknown[] = [];
    for (const column of columns) values.push(record[column]);
    batch += rowXml(++row, values);
    if (batch.length >= BATCH) {
      part.push(encoder.encode(batch));
      batch = '';
      yield* take();
    }
  }
  part.push(encoder.encode(`${batch}${SHEET_END}`), true);
  zip.end();
  yield* take();
}

/**
 * Writes records to an .xlsx file atomically (`formatXlsx` into {@link writeAtomic}).
 *
 * @param path - the destination file
 * @param records - the records
 * @param options - columns, sheet name, and writeAtomic's fsync, mode and signal
 * @returns the path and byte count
 * @throws {InputError} `bad-sheet-name`, or a file-system fault as writeAtomic
 * @example
 * ```ts
 * import { writeXlsx } from 'dataguard/io';
 * const written = await writeXlsx('out.xlsx', [{ 姓名: '张三', 年龄: 53 }]);
 * written.bytes > 0; // true
 * ```
 */
export function writeXlsx(
  path: string | URL,
  records: XlsxRecords,
  options: XlsxWriteOptions & WriteAtomicOptions = {},
): Promise<WriteResult> {
  return writeAtomic(path, formatXlsx(records, options), options);
}
