import { InputError } from '../../errors/kinds.ts';
import { columnName, columnOf } from './column-name.ts';
import { unescapeOoxml } from './ooxml-text.ts';
import { excelSerialToIso } from './serial-date.ts';
import type { WorkbookParts } from './workbook-parts.ts';
import { parseXmlPart } from './xml-part.ts';

/** A cell value: text, a number, a boolean, or a date as ISO text; `''` for an empty cell. */
export type XlsxValue = string | number | boolean;

/** A sheet row's cells by column index (0 = A), with its row number. */
export interface SheetRow {
  readonly row: number;
  readonly cells: readonly (XlsxValue | undefined)[];
}

// XFD, the last column of a sheet.
const MAX_COLUMNS = 16_384;
// The longest cell text accepted (Excel's own limit is 32,767 characters).
const MAX_CELL = 1 << 20;

/**
 * Streams a worksheet's rows as the part inflates: memory holds one chunk's rows,
 * never the sheet. Cell references (`r="C5"`) place cells, so gaps keep columns
 * aligned; formula cells give their cached value.
 *
 * @param file - the .xlsx file
 * @param parts - the sheet and its shared strings, date styles and date system
 * @returns the rows in order, with their cells by column
 * @throws {InputError} `bad-workbook` naming the cell reference (never its contents)
 */
export async function* readSheetRows(
  file: string,
  parts: WorkbookParts,
): AsyncGenerator<SheetRow, void, undefined> {
  const ready: SheetRow[] = [];
  let rowNumber = 0;
  let cells: (XlsxValue | undefined)[] = [];
  let column = -1;
  let type = 'n';
  let style = 0;
  let text: string[] = [];
  let textLength = 0;
  let inValue = false;
  let phonetic = 0;
  const fail = (message: string): InputError =>
    new InputError(`${file}, sheet "${parts.sheetName}": ${message}`, {
      path: 'input',
      reason: 'bad-workbook',
      details: { sheet: parts.sheetName },
    });
  const reference = (): string => `${columnName(column)}${rowNumber}`;
  const steps = parseXmlPart(file, parts.sheet, {
    open(name, attributes) {
      if (name === 'row') {
        const r = attributes.r === undefined ? rowNumber + 1 : Number(attributes.r);
        if (!Number.isInteger(r) || r <= rowNumber) throw fail(`row ${r} is out of order`);
        rowNumber = r;
        cells = [];
        column = -1;
      } else if (name === 'c') {
        column = attributes.r === undefined ? column + 1 : columnOf(attributes.r);
        if (column < 0 || column >= MAX_COLUMNS)
          throw fail(`a cell reference of row ${rowNumber} is not valid`);
        type = attributes.t ?? 'n';
        style = attributes.s === undefined ? 0 : Number(attributes.s);
        text = [];
        textLength = 0;
      } else if (name === 'v' || (name === 't' && phonetic === 0)) inValue = true;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 'v' || name === 't') inValue = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c') {
        if (textLength > 0 || type === 'inlineStr' || type === 'str') cells[column] = cellValue();
      } else if (name === 'row') ready.push({ row: rowNumber, cells });
    },
    text(chunk) {
      if (!inValue) return;
      textLength += chunk.length;
      if (textLength > MAX_CELL)
        throw fail(`cell ${reference()} is longer than ${MAX_CELL} characters`);
      text.push(chunk);
    },
  });
  function cellValue(): XlsxValue {
    const raw = text.join('');
    switch (type) {
      case 's': {
        const value = parts.sharedStrings[Number(raw)];
        if (value === undefined)
          throw fail(`cell ${reference()} refers to a missing shared string`);
        return value;
      }
      case 'inlineStr':
      case 'str':
        return unescapeOoxml(raw);
      case 'e':
      case 'd':
        return raw;
      case 'b':
        return raw === '1' || raw === 'true';
      default: {
        const number = Number(raw);
        if (raw.trim() === '' || !Number.isFinite(number))
          throw fail(`cell ${reference()} holds no valid number`);
        if (parts.dateStyles[style] === true)
          return excelSerialToIso(number, parts.date1904) ?? number;
        return number;
      }
    }
  }
  for await (const _ of steps) {
    for (const row of ready.splice(0)) yield row;
  }
  for (const row of ready.splice(0)) yield row;
}
