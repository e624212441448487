import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/index.ts';
import { createCsvFormatter } from '../../src/io/csv-format.ts';
import { CsvParser } from '../../src/io/csv-parser.ts';

function parse(chunks: readonly string[], options = {}): string[][] {
  const parser = new CsvParser(options);
  const out: string[][] = [];
  for (const chunk of chunks) parser.push(chunk, out);
  parser.end(out);
  return out;
}

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('CsvParser (RFC 4180)', () => {
  it('parses the RFC 4180 §2 examples', () => {
    expect(parse(['aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n'])).toEqual([
      ['aaa', 'bbb', 'ccc'],
      ['zzz', 'yyy', 'xxx'],
    ]);
    expect(parse(['aaa,bbb,ccc\r\nzzz,yyy,xxx'])).toEqual([
      ['aaa', 'bbb', 'ccc'],
      ['zzz', 'yyy', 'xxx'],
    ]);
    expect(parse(['"aaa","bbb","ccc"\r\nzzz,yyy,xxx'])).toEqual([
      ['aaa', 'bbb', 'ccc'],
      ['zzz', 'yyy', 'xxx'],
    ]);
    expect(parse(['"aaa","b\r\nbb","ccc"\r\nzzz,yyy,xxx'])).toEqual([
      ['aaa', 'b\r\nbb', 'ccc'],
      ['zzz', 'yyy', 'xxx'],
    ]);
    expect(parse(['"aaa","b""bb","ccc"'])).toEqual([['aaa', 'b"bb', 'ccc']]);
  });

  it('handles LF, empty fields, trailing delimiters and empty lines', () => {
    expect(parse(['a,,b\n,\n\nc,"",d\n'])).toEqual([
      ['a', '', 'b'],
      ['', ''],
      ['c', '', 'd'],
    ]);
    expect(parse(['a\n\n'], { skipEmptyLines: false })).toEqual([['a'], ['']]);
    expect(parse(['x,"y"\n'])).toEqual([['x', 'y']]);
    expect(parse(['"a",'])).toEqual([['a', '']]);
  });

  it('strips a leading byte order mark only', () => {
    expect(parse(['\ufeffa,b\n\ufeffc,d'])).toEqual([
      ['a', 'b'],
      ['\ufeffc', 'd'],
    ]);
  });

  it('supports other delimiters', () => {
    expect(parse(['sex;age\r\nMale;39\r\n"a;b";1'], { delimiter: ';' })).toEqual([
      ['sex', 'age'],
      ['Male', '39'],
      ['a;b', '1'],
    ]);
    expect(reasonOf(() => new CsvParser({ delimiter: '"' }))).toBe('csv-bad-delimiter');
    expect(reasonOf(() => new CsvParser({ delimiter: ',,' }))).toBe('csv-bad-delimiter');
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'a,"b\r\n""c""",d\r\n"e",f,"g"\r\nh,i,"j,"\r\n';
    const whole = parse([text]);
    for (let i = 0; i <= text.length; i++) {
      expect(parse([text.slice(0, i), text.slice(i)])).toEqual(whole);
    }
    expect(parse([...text])).toEqual(whole);
  });

  it('rejects malformed input with a reason and line, never the content', () => {
    const cases: [string, string][] = [
      ['a,b"c\n', 'csv-stray-quote'],
      ['a,"b"c\n', 'csv-bad-quote'],
      ['a,"b\n', 'csv-unterminated-quote'],
      ['"secret"x', 'csv-bad-quote'],
    ];
    for (const [text, reason] of cases) expect(reasonOf(() => parse([text]))).toBe(reason);
    let error: unknown;
    try {
      parse(['ok\nok\n"a"secret\n']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain('line 3');
    expect((error as InputError).message).not.toContain('secret');
  });

  it('checks field counts and bounds record length', () => {
    const parser = new CsvParser();
    parser.expectedFields = 2;
    expect(reasonOf(() => parser.push('a,b\nc\n', []))).toBe('csv-field-count');
    const quoted = new CsvParser();
    quoted.expectedFields = 2;
    expect(reasonOf(() => quoted.push('"a",b,c\n', []))).toBe('csv-field-count');
    const small = new CsvParser({ maxRecordLength: 10 });
    expect(reasonOf(() => small.push('"0123456789abc', []))).toBe('csv-record-too-long');
  });

  it('counts lines across quoted line breaks', () => {
    const parser = new CsvParser();
    parser.push('"a\nb",c\nd,e\n', []);
    expect(parser.line).toBe(4);
  });

  it('round-trips whatever the formatter writes (property)', () => {
    const format = createCsvFormatter({ newline: 'lf' });
    const formatCrlf = createCsvFormatter({ delimiter: ';' });
    const field = fc.string({
      unit: fc.constantFrom('a', 'b', ',', ';', '"', '\r', '\n', '中', ' '),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 7 }),
        (rows, step) => {
          for (const [fmt, delimiter] of [
            [format, ','],
            [formatCrlf, ';'],
          ] as const) {
            const text = rows.map((row) => fmt(row)).join('');
            const chunks: string[] = [];
            for (let i = 0; i < text.length; i += step) chunks.push(text.slice(i, i + step));
            expect(parse(chunks, { delimiter, skipEmptyLines: false })).toEqual(rows);
          }
        },
      ),
    );
  });

  it('never throws anything but InputError on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n') }), (text) => {
        try {
          parse([text]);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});

describe('createCsvFormatter', () => {
  it('quotes only when needed and writes CRLF by default', () => {
    const format = createCsvFormatter();
    expect(format(['a', 'b,c', 'd"e', 'f\ng', null, undefined, 3, true, { x: 1 }])).toBe(
      'a,"b,c","d""e","f\ng",,,3,true,"{""x"":1}"\r\n',
    );
    expect(format([])).toBe('\r\n');
    expect(createCsvFormatter({ newline: 'lf', delimiter: '\t' })(['a\tb', 'c'])).toBe(
      '"a\tb"\tc\n',
    );
  });

  it('quotes fields holding delimiters that are special in regular expressions', () => {
    for (const delimiter of ['^', ']', '\\', '-', '|', '\t']) {
      const format = createCsvFormatter({ delimiter, newline: 'lf' });
      expect(format([`a${delimiter}b`, 'c'])).toBe(`"a${delimiter}b"${delimiter}c\n`);
      expect(parse([format([`a${delimiter}b`, 'c'])], { delimiter })).toEqual([
        [`a${delimiter}b`, 'c'],
      ]);
    }
  });

  it('escapes spreadsheet formulae on request', () => {
    const format = createCsvFormatter({ escapeFormulae: true, newline: 'lf' });
    expect(format(['=1+1', '+86', '-x', '@a', 'ok'])).toBe("'=1+1,'+86,'-x,'@a,ok\n");
  });
});
