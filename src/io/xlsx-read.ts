import { InputError } from '../errors/kinds.ts';
import { columnName } from './xlsx/column-name.ts';
import { readSheetRows, type XlsxValue } from './xlsx/sheet-rows.ts';
import { readWorkbookParts } from './xlsx/workbook-parts.ts';

export type { XlsxValue } from './xlsx/sheet-rows.ts';

/** Options of {@link readXlsx}. */
export interface ReadXlsxOptions {
  /** The worksheet's name (default: the first worksheet). */
  readonly sheet?: string | undefined;
  /**
   * `typed` (default): numbers and booleans as such; `text`: every value as
   * text, as a CSV export would have it (numbers in shortest form, `TRUE`/`FALSE`).
   */
  readonly values?: 'typed' | 'text' | undefined;
  /** Receives the header's column names once read (also for a sheet without data rows). */
  readonly onHeader?: ((columns: readonly string[]) => void) | undefined;
}

/**
 * Reads the records of one worksheet of an .xlsx (OOXML) workbook, streamed:
 * the zip's central directory locates the parts, the workbook, its
 * relationships, the styles and the shared-string table are read first (the
 * shared strings stay in memory, since cells refer to them by index), then the
 * sheet is inflated and parsed as records are consumed, so the sheet itself is
 * never held whole. The first non-empty row is the header; empty rows are
 * skipped. Values: shared and inline strings as text, numbers, booleans,
 * date-formatted numbers as ISO dates (`yyyy-mm-dd`, with `Thh:mm:ss` when
 * there is a time; 1900 system with its phantom 1900-02-29, or 1904 when the
 * workbook says so), formula cells as their cached value, empty cells as `''`.
 *
 * @param file - the .xlsx file
 * @param options - the sheet, and typed or text values
 * @returns the records, keyed by the header row
 * @throws {InputError} `unknown-format` (not a zip, or not a workbook), `sheet-not-found`,
 *   `bad-workbook`, `too-large`, `xlsx-empty-header`, `xlsx-duplicate-header`,
 *   `xlsx-cell-outside-header`; messages name the file, sheet and cell reference, never cell contents
 * @example
 * ```ts
 * import { readXlsx, writeXlsx } from 'dataguard/io';
 * await writeXlsx('residents.xlsx', [{ 姓名: '张三', 出生日期: '1973-01-09' }], { sheet: '居民' });
 * const names: unknown[] = [];
 * for await (const record of readXlsx('residents.xlsx', { sheet: '居民' })) names.push(record['姓名']);
 * names; // ['张三']
 * ```
 */
export async function* readXlsx(
  file: string,
  options: ReadXlsxOptions = {},
): AsyncGenerator<Record<string, XlsxValue>, void, undefined> {
  const parts = await readWorkbookParts(file, options.sheet);
  const text = options.values === 'text';
  let header: readonly string[] | undefined;
  const where = `${file}, sheet "${parts.sheetName}"`;
  for await (const { row, cells } of readSheetRows(file, parts)) {
    if (!cells.some((cell) => cell !== undefined && cell !== '')) continue;
    if (header === undefined) {
      header = headerOf(cells, where);
      options.onHeader?.(header);
      continue;
    }
    if (cells.length > header.length) {
      for (let i = header.length; i < cells.length; i++) {
        const cell = cells[i];
        if (cell === undefined || cell === '') continue;
        throw new InputError(
          `${where}: cell ${columnName(i)}${row} is right of the header's last column`,
          {
            path: 'input',
            reason: 'xlsx-cell-outside-header',
            details: { sheet: parts.sheetName, cell: `${columnName(i)}${row}` },
          },
        );
      }
    }
    const record: Record<string, XlsxValue> = {};
    for (let i = 0; i < header.length; i++) {
      const cell = cells[i] ?? '';
      record[header[i] as string] = text ? cellText(cell) : cell;
    }
    yield record;
  }
}

/**
 * A cell value as text, the way a CSV export writes it.
 *
 * @param value - a value from {@link readXlsx}
 * @returns the text
 */
export function cellText(value: XlsxValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

function headerOf(cells: readonly (XlsxValue | undefined)[], where: string): readonly string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  let last = cells.length - 1;
  while (last >= 0 && (cells[last] === undefined || cells[last] === '')) last--;
  for (let i = 0; i <= last; i++) {
    const cell = cells[i];
    const name = cell === undefined ? '' : cellText(cell).trim();
    if (name === '') {
      throw new InputError(`${where}: header cell ${columnName(i)} is empty`, {
        path: 'input',
        reason: 'xlsx-empty-header',
        details: { column: columnName(i) },
      });
    }
    if (seen.has(name) || name === '__proto__') {
      throw new InputError(`${where}: header cell ${columnName(i)} repeats a name or is reserved`, {
        path: 'input',
        reason: 'xlsx-duplicate-header',
        details: { column: columnName(i) },
      });
    }
    seen.add(name);
    names.push(name);
  }
  return names;
}
