import { InputError } from '../errors/kinds.ts';

/** Options of {@link createCsvFormatter}. */
export interface CsvFormatOptions {
  /** Field separator; default `,`. */
  readonly delimiter?: string | undefined;
  /** Record terminator: `crlf` (RFC 4180, default) or `lf`. */
  readonly newline?: 'crlf' | 'lf' | undefined;
  /**
   * Prefix cells that a spreadsheet would run as a formula (`= + - @`, tab,
   * CR) with `'` (OWASP CSV injection advice). Default false: values stay exact.
   */
  readonly escapeFormulae?: boolean | undefined;
}

/** Turns one record's values into one CSV line (terminator included). */
export type CsvRowFormatter = (values: readonly unknown[]) => string;

/**
 * Compiles a CSV line formatter. Fields holding the delimiter, a quote, CR or
 * LF are quoted with inner quotes doubled (RFC 4180 §2.6-2.7); `null` and
 * `undefined` become empty fields; numbers, booleans and bigints their text;
 * other objects their JSON.
 *
 * @param options - delimiter, line terminator, formula escaping
 * @returns a formatter for value arrays
 * @throws {InputError} when the delimiter is unusable
 * @example
 * ```ts
 * import { createCsvFormatter } from './csv-format.ts';
 * createCsvFormatter()(['a', 'b,c', null]); // 'a,"b,c",\r\n'
 * ```
 */
export function createCsvFormatter(options: CsvFormatOptions = {}): CsvRowFormatter {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new InputError('csv delimiter must be one character other than a quote or line break', {
      path: 'options.delimiter',
      reason: 'csv-bad-delimiter',
    });
  }
  const newline = options.newline === 'lf' ? '\n' : '\r\n';
  // One native regex scan per field beats a JavaScript character loop.
  const special = new RegExp(`[${delimiter.replace(/[\\\]^-]/g, '\\$&')}"\r\n]`);
  const escapeFormulae = options.escapeFormulae === true;
  const field = (value: unknown): string => {
    let text: string;
    if (typeof value === 'string') text = value;
    else if (value === null || value === undefined) return '';
    else if (typeof value === 'object') text = JSON.stringify(value);
    else text = String(value);
    if (escapeFormulae && text.length > 0 && isFormulaStart(text.charCodeAt(0))) text = `'${text}`;
    return special.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return (values) => {
    let line = values.length > 0 ? field(values[0]) : '';
    for (let i = 1; i < values.length; i++) line += delimiter + field(values[i]);
    return line + newline;
  };
}

// = + - @ TAB CR: the OWASP list of characters that start a spreadsheet formula.
function isFormulaStart(code: number): boolean {
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9 || code === 13;
}
