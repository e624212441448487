import { InputError } from '../errors/kinds.ts';

/** Options of {@link CsvParser}. */
export interface CsvParserOptions {
  /** Field separator, one character other than `"`, CR or LF; default `,`. */
  readonly delimiter?: string | undefined;
  /** Longest record accepted, in UTF-16 code units; bounds memory on a runaway quote. Default 1 MiB. */
  readonly maxRecordLength?: number | undefined;
  /** Skip lines with no characters at all (default true). */
  readonly skipEmptyLines?: boolean | undefined;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/**
 * An incremental RFC 4180 parser: feed decoded text in chunks of any size and
 * collect complete records. Records end at LF or CRLF; quoted fields may hold
 * delimiters, doubled quotes and line breaks. Malformed input (a quote inside
 * an unquoted field, text after a closing quote, an unterminated quote, an
 * over-long record) throws an {@link InputError} naming the line, never its content.
 *
 * Unquoted lines take a fast path (`String#split`), which is what keeps
 * parsing near memory speed for the common case.
 *
 * @example
 * ```ts
 * import { CsvParser } from './csv-parser.ts';
 * const parser = new CsvParser();
 * const rows: string[][] = [];
 * parser.push('a,"b\n', rows);
 * parser.push('c"\r\n', rows);
 * parser.end(rows); // rows: [['a', 'b\nc']]
 * ```
 */
export class CsvParser {
  /** The 1-based line number at which the next record starts. */
  line = 1;
  /**
   * Field count check: 0 checks nothing, a positive number is the count every
   * record must have, -1 takes the first record's count.
   */
  expectedFields = 0;
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  private readonly maxRecordLength: number;
  private readonly skipEmptyLines: boolean;
  private pending = '';
  private started = false;

  /**
   * @param options - delimiter, record length limit and empty-line handling
   * @throws {InputError} when the delimiter is unusable
   */
  constructor(options: CsvParserOptions = {}) {
    const delimiter = options.delimiter ?? ',';
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
      throw new InputError('csv delimiter must be one character other than a quote or line break', {
        path: 'options.delimiter',
        reason: 'csv-bad-delimiter',
      });
    }
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.maxRecordLength = options.maxRecordLength ?? 1 << 20;
    this.skipEmptyLines = options.skipEmptyLines ?? true;
  }

  /**
   * Parses a chunk, appending every record it completes to `out`.
   *
   * @param chunk - the next piece of decoded text
   * @param out - receives completed records
   * @throws {InputError} on malformed CSV
   */
  push(chunk: string, out: string[][]): void {
    let text = this.pending.length === 0 ? chunk : this.pending + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      // A byte order mark (UTF-8 EF BB BF, or GB18030 84 31 95 33) decodes to U+FEFF.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const consumed = this.parse(text, out, false);
    this.pending = consumed === text.length ? '' : text.slice(consumed);
    if (this.pending.length > this.maxRecordLength) this.tooLong();
  }

  /**
   * Parses what is left at end of input.
   *
   * @param out - receives the last record, if any
   * @throws {InputError} on an unterminated quoted field
   */
  end(out: string[][]): void {
    const text = this.pending;
    this.pending = '';
    if (text.length > 0) this.parse(text, out, true);
  }

  /** Parses complete records from `text`; returns how many code units were consumed. */
  private parse(text: string, out: string[][], final: boolean): number {
    const length = text.length;
    const delimiter = this.delimiter;
    let pos = 0;
    // Position of the next quote at or after pos (-1: none), kept across records
    // so each quote is found once.
    let nextQuote = text.indexOf('"');
    while (pos < length) {
      let newline = text.indexOf('\n', pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      if (nextQuote === -1 || (newline !== -1 && nextQuote > newline)) {
        // Fast path: no quote before the end of this line.
        if (newline === -1) {
          if (!final) return pos;
          newline = length;
        }
        let end = newline;
        if (end > pos && text.charCodeAt(end - 1) === CR) end--;
        if (end === pos && this.skipEmptyLines) {
          // An empty line (a CRLF-only line included) holds no record.
        } else {
          const fields = end === pos ? [''] : text.slice(pos, end).split(delimiter);
          if (this.expectedFields !== 0) this.checkFieldCount(fields.length);
          out.push(fields);
        }
        pos = newline + 1;
        this.line++;
        continue;
      }
      const next = this.parseQuotedRecord(text, pos, out, final);
      if (next === -1) return pos;
      pos = next;
      nextQuote = text.indexOf('"', pos);
    }
    return pos;
  }

  /**
   * Parses one record that contains a quote, field by field. Returns the
   * position after its line break, or -1 when the record is not complete yet.
   */
  private parseQuotedRecord(text: string, start: number, out: string[][], final: boolean): number {
    const length = text.length;
    const delimiterCode = this.delimiterCode;
    const fields: string[] = [];
    let pos = start;
    let lines = 0;
    for (;;) {
      if (pos < length && text.charCodeAt(pos) === QUOTE) {
        let value = '';
        let from = pos + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) {
            if (final) this.fail('csv-unterminated-quote', 'a quoted field is never closed');
            return -1;
          }
          if (quote + 1 === length && !final) return -1; // could be the first half of ""
          lines += countNewlines(text, from, quote);
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += text.slice(from, quote + 1);
            from = quote + 2;
            continue;
          }
          value += text.slice(from, quote);
          pos = quote + 1;
          break;
        }
        fields.push(value);
        if (pos === length) {
          if (!final) return -1;
          break;
        }
        const code = text.charCodeAt(pos);
        if (code === delimiterCode) {
          pos++;
          continue;
        }
        if (code === LF) {
          pos++;
          break;
        }
        if (code === CR) {
          if (pos + 1 === length && !final) return -1;
          if (text.charCodeAt(pos + 1) === LF) {
            pos += 2;
            break;
          }
        }
        this.fail('csv-bad-quote', 'text follows a closing quote');
      }
      // Unquoted field: runs to the next delimiter or line break.
      let end = pos;
      while (end < length) {
        const code = text.charCodeAt(end);
        if (code === delimiterCode || code === LF) break;
        if (code === QUOTE)
          this.fail('csv-stray-quote', 'a quote appears inside an unquoted field');
        end++;
      }
      if (end === length && !final) return -1;
      const code = end < length ? text.charCodeAt(end) : LF;
      const valueEnd = code === LF && end > pos && text.charCodeAt(end - 1) === CR ? end - 1 : end;
      fields.push(text.slice(pos, valueEnd));
      pos = end + 1;
      if (code === LF) break;
    }
    if (this.expectedFields !== 0) this.checkFieldCount(fields.length);
    out.push(fields);
    this.line += lines + 1;
    return Math.min(pos, length);
  }

  private checkFieldCount(found: number): void {
    if (this.expectedFields === -1) this.expectedFields = found;
    else if (found !== this.expectedFields) {
      this.fail('csv-field-count', `expected ${this.expectedFields} fields, found ${found}`);
    }
  }

  private tooLong(): never {
    this.fail('csv-record-too-long', `a record is longer than ${this.maxRecordLength} characters`);
  }

  private fail(reason: string, problem: string): never {
    throw new InputError(`csv: ${problem} (record starting at line ${this.line})`, {
      reason,
      details: { line: this.line },
    });
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
