import { columnName } from './column-name.ts';
import { escapeXml } from './ooxml-text.ts';

/**
 * One `<row>` of a worksheet: strings inline, finite numbers as numbers,
 * booleans as booleans, empty values (`''`, null, undefined) as no cell.
 *
 * @param row - the 1-based row number
 * @param values - the cells in column order
 * @returns the row's XML
 */
export function rowXml(row: number, values: readonly unknown[]): string {
  let xml = `<row r="${row}">`;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined || value === null || value === '') continue;
    const ref = `${columnName(i)}${row}`;
    if (typeof value === 'number' && Number.isFinite(value))
      xml += `<c r="${ref}"><v>${value}</v></c>`;
    else if (typeof value === 'boolean') xml += `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
    else {
      const text =
        typeof value === 'string'
          ? value
          : value instanceof Date
            ? value.toISOString()
            : typeof value === 'object'
              ? JSON.stringify(value)
              : String(value);
      xml += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
    }
  }
  return `${xml}</row>`;
}
