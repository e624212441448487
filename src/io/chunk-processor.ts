import { createClassCounter, type SerializedClassCounts } from '../anonymity/class-counts.ts';
import type { Reject, RowTransformer } from '../deidentify/index.ts';
import { InputError, ValidationError } from '../errors/kinds.ts';
import { createCsvFormatter } from './csv-format.ts';
import { CsvParser } from './csv-parser.ts';
import {
  createRowClassCounter,
  type PackedClassCounts,
  type RowClassCounter,
} from './row-class-counter.ts';
import type { InputEncoding } from './text-source.ts';

/** File formats of the ETL path. */
export type FileFormat = 'csv' | 'ndjson';

/** Everything a chunk processor needs; plain data, so it can go to a worker thread. */
export interface ChunkSettings {
  readonly inputFormat: FileFormat;
  readonly outputFormat: FileFormat;
  readonly encoding: InputEncoding;
  /** CSV input delimiter. */
  readonly delimiter: string;
  /** CSV output delimiter. */
  readonly outputDelimiter: string;
  readonly newline: 'crlf' | 'lf';
  readonly escapeFormulae: boolean;
  /** Input column names (CSV header, or the dataset fields for NDJSON). */
  readonly layout: readonly string[];
  /** Equivalence-class counts to keep, per chunk (mergeable). */
  readonly statistics?: ChunkStatistics | undefined;
  /** Keyed digests of each released row's subject, per chunk (see {@link ChunkSubjects}). */
  readonly subjects?: ChunkSubjects | undefined;
}

/** Which input column identifies a row's subject, and the keyring domain its digest is made under. */
interface ChunkSubjects {
  /** Input column index of the subject id. */
  readonly column: number;
  /** Name of the subject field (named in errors). */
  readonly field: string;
  /** Pseudonym domain of the keyring's HMAC subkey; digests are its first 16 bytes. */
  readonly domain: string;
}

/** Which columns a chunk counts classes over. */
interface ChunkStatistics {
  readonly quasiIdentifiers: readonly string[];
  readonly sensitive: readonly string[];
  /** Output column index of each quasi-identifier then sensitive attribute (-1: not output, counted as `*`). */
  readonly output: readonly number[];
  /**
   * Input column index of each quasi-identifier, to count the input of the
   * chunks run with `sample` (-1: absent); omit to skip.
   */
  readonly input?: readonly number[] | undefined;
}

/** One thread's class counts: packed (quasi-identifiers only), or serialized (with sensitive attributes). */
export type ThreadClassCounts = PackedClassCounts | SerializedClassCounts;

/** The output class counts a processor accumulated over every chunk it ran (collected at the end). */
export interface ChunkCounts {
  readonly after: ThreadClassCounts | undefined;
}

/** The per-chunk work, with the class counts it accumulates. */
export interface ChunkProcessor {
  /**
   * Runs one chunk; with `sample` (and `statistics.input`), also counts the
   * chunk's input classes and returns them with the result, so the caller
   * can cut the input sample in input order whichever thread ran the chunk.
   */
  (head: Uint8Array, body: Uint8Array, sample?: boolean): Promise<ChunkResult>;
  /** The counts so far (one message at the end instead of one per chunk: far less garbage). */
  counts(): ChunkCounts;
  /**
   * Adds the counts other threads kept to this processor's own and returns
   * the whole (call once, after the last chunk): no third counter is built
   * and this thread's counts are not copied. Undefined without statistics.
   *
   * @throws {ValidationError} `incompatible-counts` when a thread counted in another form
   */
  mergedCounts(others: readonly ChunkCounts[]): SerializedClassCounts | undefined;
}

/** A reject with its row number counted within its chunk. */
export type LocalReject = Reject;

/** What one chunk became. */
export interface ChunkResult {
  /** Encoded output (UTF-8). */
  readonly output: Uint8Array;
  /** Records read. */
  readonly rows: number;
  /** Records written. */
  readonly written: number;
  /** Input lines the chunk spanned (for line numbers in errors). */
  readonly lines: number;
  /** Rejected rows, numbered within the chunk (1-based). */
  readonly rejects: readonly LocalReject[];
  /** With `subjects`: the 16-byte digests of the released rows' subjects, concatenated. */
  readonly subjects?: Uint8Array | undefined;
  /** With `sample`: the chunk's input class counts over the quasi-identifiers. */
  readonly inputCounts?: PackedClassCounts | undefined;
}

/**
 * Builds the per-chunk work of the file pipeline: decode bytes that end on a
 * record boundary, parse, transform, serialize and encode. The same function
 * runs on the main thread and in worker threads.
 *
 * @param settings - formats, encoding, delimiters, input layout
 * @param runner - the compiled policy bound to the layout
 * @param drainRejects - returns (and clears) the rejects the runner reported
 * @param subjectMac - the keyed MAC of subject ids (with `settings.subjects`)
 * @returns a function of (carried-over head, body) bytes
 */
export function createChunkProcessor(
  settings: ChunkSettings,
  runner: RowTransformer,
  drainRejects: () => LocalReject[],
  subjectMac?: (data: Uint8Array) => Uint8Array,
): ChunkProcessor {
  const decoder = new TextDecoder(settings.encoding === 'gbk' ? 'gb18030' : settings.encoding, {
    fatal: true,
    ignoreBOM: true,
  });
  const encoder = new TextEncoder();
  // Encoding into a reused buffer and copying out is several times faster than
  // allocating a fresh one per chunk (no zeroing, less GC).
  let scratch = new Uint8Array(1 << 20);
  const encode = (text: string): Uint8Array => {
    if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
    const { written } = encoder.encodeInto(text, scratch);
    return scratch.slice(0, written);
  };
  const format = createCsvFormatter({
    delimiter: settings.outputDelimiter,
    newline: settings.newline,
    escapeFormulae: settings.escapeFormulae,
  });
  const columns = runner.columns;
  const layout = settings.layout;
  const serialize =
    settings.outputFormat === 'csv'
      ? (rows: readonly unknown[][]) => {
          let text = '';
          for (const row of rows) text += format(row);
          return text;
        }
      : (rows: readonly unknown[][]) => {
          let text = '';
          for (const row of rows) {
            const record: Record<string, unknown> = {};
            for (let i = 0; i < columns.length; i++) record[columns[i] as string] = row[i];
            text += `${JSON.stringify(record)}\n`;
          }
          return text;
        };
  const parse =
    settings.inputFormat === 'csv'
      ? (text: string): { rows: unknown[][]; lines: number } => {
          const parser = new CsvParser({ delimiter: settings.delimiter });
          parser.expectedFields = layout.length;
          const rows: string[][] = [];
          parser.push(text, rows);
          parser.end(rows);
          return { rows, lines: parser.line - 1 };
        }
      : (text: string): { rows: unknown[][]; lines: number } => parseNdjsonRows(text, layout);
  const stats = settings.statistics;
  const after =
    stats === undefined ? undefined : outputCounter(stats.quasiIdentifiers, stats.sensitive);
  const run = async (head: Uint8Array, body: Uint8Array, sample = false): Promise<ChunkResult> => {
    let text: string;
    try {
      text =
        head.length === 0
          ? decoder.decode(body)
          : decoder.decode(head, { stream: true }) + decoder.decode(body);
    } catch (cause) {
      throw new InputError(`input is not valid ${settings.encoding}`, {
        reason: 'bad-encoding',
        cause,
      });
    }
    const { rows, lines } = parse(text);
    let inputCounts: PackedClassCounts | undefined;
    if (sample && stats?.input !== undefined) {
      // One small counter per sampled chunk: the caller merges them in input order.
      const before: RowClassCounter = createRowClassCounter(stats.quasiIdentifiers);
      before.addRows(rows, stats.input);
      inputCounts = before.pack();
    }
    const out = runner.synchronous ? runner.batchSync(rows, 1) : await runner.batch(rows, 1);
    if (stats !== undefined && after !== undefined) after.add(out, stats.output);
    const rejects = drainRejects();
    return {
      output: encode(serialize(out)),
      rows: rows.length,
      written: out.length,
      lines,
      rejects,
      ...(settings.subjects === undefined
        ? {}
        : {
            subjects: digestSubjects(
              rows,
              out.length,
              rejects,
              settings.subjects,
              subjectMac,
              encoder,
            ),
          }),
      ...(inputCounts === undefined ? {} : { inputCounts }),
    };
  };
  return Object.assign(run, {
    counts: (): ChunkCounts => ({ after: after?.counts() }),
    mergedCounts: (others: readonly ChunkCounts[]) => {
      if (after === undefined) return undefined;
      for (const other of others) if (other.after !== undefined) after.merge(other.after);
      return after.serialize();
    },
  });
}

/** The digests of the subjects of the rows not rejected (their data was released). */
function digestSubjects(
  rows: readonly (readonly unknown[])[],
  written: number,
  rejects: readonly LocalReject[],
  subjects: ChunkSubjects,
  mac: ((data: Uint8Array) => Uint8Array) | undefined,
  encoder: TextEncoder,
): Uint8Array {
  if (mac === undefined) {
    throw new InputError('subject digests need the keyring', {
      reason: 'missing-keyring',
      path: 'keys',
    });
  }
  const rejected = new Set<number>();
  for (const reject of rejects) rejected.add(reject.row);
  if (rows.length - rejected.size !== written) {
    // Only rejects drop rows; anything else would make the filing claim people not released.
    throw new InputError(
      'the rows written do not match the rows not rejected: subjects not filed',
      {
        reason: 'subject-count-mismatch',
        path: subjects.field,
      },
    );
  }
  const out = new Uint8Array((rows.length - rejected.size) * 16);
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    if (rejected.has(i + 1)) continue;
    const subject = (rows[i] as readonly unknown[])[subjects.column];
    if (typeof subject !== 'string' || subject.length === 0) {
      // Never the row's values: only which field is missing.
      throw new InputError(`a released row has no ${subjects.field} (the subject id)`, {
        reason: 'missing-subject',
        path: subjects.field,
      });
    }
    out.set(mac(encoder.encode(subject)).subarray(0, 16), at);
    at += 16;
  }
  return at === out.length ? out : out.slice(0, at);
}

// Sensitive attributes (l-diversity, t-closeness) need per-class value counts:
// the general counter keeps them; quasi-identifiers alone take the compact one.
function outputCounter(
  quasiIdentifiers: readonly string[],
  sensitive: readonly string[],
): {
  add(rows: readonly (readonly unknown[])[], indexes: readonly number[]): void;
  counts(): ThreadClassCounts;
  merge(other: ThreadClassCounts): void;
  serialize(): SerializedClassCounts;
} {
  // Every thread counts with the same settings; a mismatch is a broken worker, never skipped.
  const mismatch = () =>
    new ValidationError('a thread sent class counts in another form', {
      reason: 'incompatible-counts',
      path: 'counts',
    });
  if (sensitive.length === 0) {
    const counter = createRowClassCounter(quasiIdentifiers);
    return {
      add: (rows, indexes) => counter.addRows(rows, indexes),
      counts: () => counter.pack(),
      merge(other) {
        if (!('tuples' in other)) throw mismatch();
        counter.merge(other);
      },
      serialize: () => counter.serialize(),
    };
  }
  const counter = createClassCounter(quasiIdentifiers, sensitive);
  return {
    add(rows, indexes) {
      const values: string[] = new Array<string>(indexes.length);
      for (const row of rows) {
        for (let i = 0; i < indexes.length; i++) {
          const at = indexes[i] as number;
          values[i] = at < 0 ? '*' : String(row[at] ?? '');
        }
        counter.add(values);
      }
    },
    counts: () => counter.serialize(),
    merge(other) {
      if ('tuples' in other) throw mismatch();
      counter.merge(other);
    },
    serialize: () => counter.serialize(),
  };
}

function parseNdjsonRows(
  text: string,
  layout: readonly string[],
): { rows: unknown[][]; lines: number } {
  const rows: unknown[][] = [];
  let line = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    const body = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    if (body.trim().length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      throw new InputError(`ndjson: line ${line} is not valid JSON`, {
        reason: 'ndjson-invalid-json',
        details: { line },
      });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError(`ndjson: line ${line} is not a JSON object`, {
        reason: 'ndjson-not-object',
        details: { line },
      });
    }
    const record = value as Record<string, unknown>;
    rows.push(layout.map((name) => (Object.hasOwn(record, name) ? record[name] : undefined)));
  }
  return { rows, lines: line };
}
