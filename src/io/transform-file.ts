import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { SerializedClassCounts } from '../anonymity/class-counts.ts';
import { type CreateKeyringOptions, createKeyring, type Keyring } from '../crypto/index.ts';
import {
  compilePolicy,
  type PolicyDocument,
  type Reject,
  type RejectHandling,
  type TokenVault,
} from '../deidentify/index.ts';
import { DataguardError } from '../errors/dataguard-error.ts';
import { InputError, PolicyError, TransformError } from '../errors/kinds.ts';
import type { Dataset, DatasetDefinition } from '../tags/dataset.ts';
import {
  type ChunkResult,
  type ChunkSettings,
  createChunkProcessor,
  type FileFormat,
} from './chunk-processor.ts';
import { chunkReader } from './chunk-reader.ts';
import { createCsvFormatter } from './csv-format.ts';
import { createRowClassCounter } from './row-class-counter.ts';
import type { InputEncoding } from './text-source.ts';
import { inlinePool, workerPool } from './worker-pool.ts';
import { builtWorkerUrl } from './worker-url.ts';
import type { WriteAtomicOptions } from './write-atomic.ts';
import { writeChunks } from './write-chunks.ts';

/** Bytes read at a time when `chunkSize` is not given. */
const DEFAULT_CHUNK_BYTES = 1 << 16;

/** Options of {@link transformFile}. */
export interface TransformFileOptions extends WriteAtomicOptions {
  /** A file path or URL, or an (async) iterable of byte chunks such as a Node readable stream. */
  readonly input: string | URL | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** A file path or URL (written atomically), or a writable stream. */
  readonly output: string | URL | Writable;
  /** The de-identification policy. */
  readonly policy: PolicyDocument | string;
  readonly dataset: Dataset | DatasetDefinition;
  /** The keyring (single-threaded runs). */
  readonly keyring?: Keyring | undefined;
  /** Key records, instead of `keyring`: needed with `workers`, which each open their own keyring. */
  readonly keys?: CreateKeyringOptions['keys'] | undefined;
  /** Token vault (single-threaded runs only). */
  readonly vault?: TokenVault | undefined;
  readonly profile?: string | undefined;
  readonly purpose?: string | undefined;
  readonly recipient?: string | undefined;
  readonly hierarchies?:
    | Readonly<Record<string, string | readonly (readonly string[])[]>>
    | undefined;
  /** `csv` (default) or `ndjson`. */
  readonly inputFormat?: FileFormat | undefined;
  /** Default: the input format. */
  readonly outputFormat?: FileFormat | undefined;
  readonly encoding?: InputEncoding | undefined;
  /** CSV input delimiter (default `,`). */
  readonly delimiter?: string | undefined;
  /** CSV output delimiter (default: the input's). */
  readonly outputDelimiter?: string | undefined;
  /** CSV output line ends (default `crlf`). */
  readonly newline?: 'crlf' | 'lf' | undefined;
  readonly escapeFormulae?: boolean | undefined;
  /** Start CSV output with a UTF-8 BOM. */
  readonly bom?: boolean | undefined;
  /** `fail` (default) or a quarantine sink; row numbers count data rows from 1. */
  readonly rejects?: RejectHandling | undefined;
  /** Worker threads for parsing and transforming (default 0: all on this thread). */
  readonly workers?: number | undefined;
  /**
   * With workers, whether this thread transforms chunks too (default true):
   * `workers: availableParallelism() - 1` then uses every core.
   */
  readonly mainThreadWork?: boolean | undefined;
  /** Old-generation heap limit of each worker in MiB (default 96): keeps peak memory flat. */
  readonly workerHeapMb?: number | undefined;
  /** The bundled worker entry (`etl-worker.js`); default: beside this module. */
  readonly workerUrl?: URL | undefined;
  /**
   * Bytes read at a time (default 64 KiB); memory is a few chunks per thread.
   * Larger chunks decode to strings in V8's large-object space and cost both
   * memory and time (docs/performance.md, "release").
   */
  readonly chunkSize?: number | undefined;
  /**
   * Maps the CSV header to dataset field names (e.g. resolving aliases) and
   * may refuse it by throwing; called before any output is written.
   */
  readonly resolveHeader?: ((header: readonly string[]) => readonly string[]) | undefined;
  /**
   * Keyed digests of each released row's subject (HMAC under the keyring's
   * `domain` subkey, first 16 bytes), computed on the threads that transform
   * the rows and handed to `onDigests` chunk by chunk, in input order, as
   * chunks complete: nothing accumulates here.
   */
  readonly subjects?:
    | {
        /** The input field (dataset name, after `resolveHeader`) that identifies the subject. */
        readonly field: string;
        readonly domain: string;
        readonly onDigests: (digests: Uint8Array) => Promise<void> | void;
      }
    | undefined;
  /** Count equivalence classes over these output attributes (and the input's quasi-identifiers with `input: true`). */
  readonly statistics?:
    | {
        readonly quasiIdentifiers: readonly string[];
        readonly sensitive?: readonly string[] | undefined;
        readonly input?: boolean | undefined;
        /**
         * Input counting stops, in input order, at the first chunk that starts
         * once this many classes are counted (default 100,000): memory stays
         * bounded, and the sample is the same whichever thread ran each chunk.
         */
        readonly inputClassLimit?: number | undefined;
        /** Input counting stops at the first chunk that starts after this many rows (default: no limit). */
        readonly inputRowLimit?: number | undefined;
      }
    | undefined;
}

/** What {@link transformFile} did. */
export interface TransformFileResult {
  /** Data rows read. */
  readonly rows: number;
  /** Rows written. */
  readonly written: number;
  /** Rows quarantined. */
  readonly rejected: number;
  /** Output bytes. */
  readonly bytes: number;
  /** Output columns. */
  readonly columns: readonly string[];
  /** The policy digest (for the provenance event). */
  readonly digest: string;
  /** `sha-256:` digest of the input bytes read. */
  readonly inputDigest: string;
  /** `sha-256:` digest of the output bytes written. */
  readonly outputDigest: string;
  /** Class counts of the output (with `statistics`). */
  readonly counts?: SerializedClassCounts | undefined;
  /** Class counts of the input over the quasi-identifiers (with `statistics.input`). */
  readonly inputCounts?: SerializedClassCounts | undefined;
  /** Input rows the input counts cover: all rows, or fewer when the class limit was reached. */
  readonly inputRowsCounted?: number | undefined;
}

const MAX_RECORD = 1 << 20;

/**
 * Streams a CSV or NDJSON file through a de-identification policy into a CSV
 * or NDJSON file, in constant memory: input is read in chunks cut at record
 * boundaries, each chunk is decoded, parsed, transformed, serialized and
 * encoded (on worker threads when `workers` > 0, output order preserved),
 * and the output is written atomically. Rows that break an input contract
 * stop the run (`rejects: 'fail'`) or go to the quarantine sink.
 *
 * @param options - input, output, policy, dataset, keys, formats, workers
 * @returns row counts, output bytes, columns and the policy digest
 * @throws {PolicyError} on policy problems (before anything is written)
 * @throws {InputError} on unreadable input; {TransformError} on a rejected row in fail mode
 * @example
 * ```ts
 * import { readFile, writeFile } from 'node:fs/promises';
 * import { generateKeyring } from 'dataguard/crypto';
 * import type { PolicyDocument } from 'dataguard/deidentify';
 * import { transformFile } from 'dataguard/io';
 * import type { DatasetDefinition } from 'dataguard/tags';
 * const dataset: DatasetDefinition = { id: 'contacts', version: '1', fields: [
 *   { name: 'mobile', role: 'direct-identifier', share: 'conditional', open: 'closed', openBasis: 'PIPL Art. 25' },
 * ] };
 * const policy: PolicyDocument = { id: 'p', version: '1', rules: [
 *   { id: 'm', select: { fields: ['mobile'] }, transform: { type: 'fpe', format: 'cn-mobile' } },
 * ] };
 * await writeFile('in.csv', 'mobile\n13800138000\n');
 * const keys = generateKeyring({ suite: 'international' }).keys;
 * const result = await transformFile({ input: 'in.csv', output: 'out.csv', policy, dataset, keys, workers: 0 });
 * result.rows; // 1
 * (await readFile('out.csv', 'utf8')).includes('13800138000'); // false
 * ```
 */
export async function transformFile(options: TransformFileOptions): Promise<TransformFileResult> {
  const inputFormat = options.inputFormat ?? 'csv';
  const workers = options.workers ?? 0;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
    throw new InputError('workers must be an integer from 0 to 64', {
      reason: 'bad-workers',
      path: 'workers',
    });
  }
  const keyring =
    options.keyring ??
    (options.keys === undefined ? undefined : createKeyring({ keys: options.keys }));
  const localRejects: Reject[] = [];
  const transformer = compilePolicy(options.policy, {
    dataset: options.dataset,
    keyring,
    vault: options.vault,
    profile: options.profile,
    purpose: options.purpose,
    recipient: options.recipient,
    hierarchies: options.hierarchies,
    rejects: (reject) => localRejects.push(reject),
  });
  // The text transform numbers what it finds ([姓名1], 张某甲) across the whole
  // file: its state lives in one compiled transform, so it runs on one thread.
  const threads = transformer.fields.some((f) => f.transform === 'text') ? 0 : workers;
  if (threads > 0) {
    if (transformer.fields.some((f) => f.transform === 'tokenize')) {
      throw new PolicyError('tokenize needs the shared vault: run it without workers', {
        reason: 'workers-need-vault',
        path: 'workers',
      });
    }
    if (transformer.fields.some((f) => f.traits?.keyed === true) && options.keys === undefined) {
      throw new PolicyError('workers open their own keyring: pass keys, not keyring', {
        reason: 'workers-need-keys',
        path: 'keys',
      });
    }
  }
  const source =
    typeof options.input === 'string' || options.input instanceof URL
      ? createReadStream(options.input, { highWaterMark: chunkSize })
      : options.input;
  const inputHash = createHash('sha256');
  const outputHash = createHash('sha256');
  const sourceIterator = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const iterator: AsyncIterator<Uint8Array> = {
    async next() {
      const step = await sourceIterator.next();
      if (step.done !== true) inputHash.update(step.value);
      return step;
    },
    return: async (value?: unknown) =>
      (await sourceIterator.return?.(value)) ?? { done: true, value: undefined },
  };
  const reader = chunkReader(iterator, inputFormat === 'csv', MAX_RECORD);
  // Chunks of a file we opened have buffers of their own, which may move to workers without a copy.
  const ownBuffers = typeof options.input === 'string' || options.input instanceof URL;
  try {
    const header =
      inputFormat === 'csv'
        ? await reader.header(options.encoding ?? 'utf-8', options.delimiter ?? ',')
        : transformer.dataset.fields.map((field) => field.name);
    const layout = options.resolveHeader === undefined ? header : options.resolveHeader(header);
    const runner = transformer.rows(layout);
    const wanted = options.statistics;
    const statistics =
      wanted === undefined
        ? undefined
        : {
            quasiIdentifiers: [...wanted.quasiIdentifiers],
            sensitive: [...(wanted.sensitive ?? [])],
            output: [...wanted.quasiIdentifiers, ...(wanted.sensitive ?? [])].map((name) =>
              runner.columns.indexOf(name),
            ),
            ...(wanted.input === true
              ? { input: wanted.quasiIdentifiers.map((name) => layout.indexOf(name)) }
              : {}),
          };
    // The input sample: whole chunks, in input order, cut by row number and class count.
    const inputCounter =
      statistics?.input === undefined
        ? undefined
        : createRowClassCounter(statistics.quasiIdentifiers);
    const inputClassLimit = wanted?.inputClassLimit ?? 100_000;
    const inputRowLimit = wanted?.inputRowLimit ?? Number.POSITIVE_INFINITY;
    let inputRowsCounted = 0;
    // Checked at dispatch against the chunks merged so far, and again in order
    // when merging: a chunk the second check keeps always passed the first.
    const inSample = () =>
      inputCounter !== undefined &&
      inputCounter.classes < inputClassLimit &&
      inputRowsCounted < inputRowLimit;
    const subjectColumn =
      options.subjects === undefined ? -1 : layout.indexOf(options.subjects.field);
    if (options.subjects !== undefined && subjectColumn < 0) {
      throw new InputError(`the input has no column ${options.subjects.field} (the subject id)`, {
        reason: 'missing-column',
        path: options.subjects.field,
      });
    }
    const settings: ChunkSettings = {
      inputFormat,
      outputFormat: options.outputFormat ?? inputFormat,
      encoding: options.encoding ?? 'utf-8',
      delimiter: options.delimiter ?? ',',
      outputDelimiter: options.outputDelimiter ?? options.delimiter ?? ',',
      newline: options.newline ?? 'crlf',
      escapeFormulae: options.escapeFormulae === true,
      layout,
      ...(statistics === undefined ? {} : { statistics }),
      ...(options.subjects === undefined
        ? {}
        : {
            subjects: {
              column: subjectColumn,
              field: options.subjects.field,
              domain: options.subjects.domain,
            },
          }),
    };
    const subjectMac =
      options.subjects === undefined || keyring === undefined
        ? undefined
        : keyring.pseudonymizer(options.subjects.domain);
    const local = createChunkProcessor(
      settings,
      runner,
      () => localRejects.splice(0),
      subjectMac === undefined ? undefined : (data) => subjectMac.mac(data),
    );
    const pool =
      threads === 0
        ? inlinePool(local)
        : await workerPool(
            threads,
            options.workerUrl ?? builtWorkerUrl(import.meta.url),
            {
              kind: 'dataguard-etl',
              settings,
              policy: options.policy,
              dataset: options.dataset,
              keys: options.keys,
              profile: options.profile,
              purpose: options.purpose,
              recipient: options.recipient,
              hierarchies: options.hierarchies,
            },
            options.workerHeapMb ?? 96,
            options.mainThreadWork === false ? undefined : local,
          );
    const stats = { rows: 0, written: 0, rejected: 0 };
    try {
      const outputHeader =
        settings.outputFormat === 'csv'
          ? `${options.bom === true ? '\ufeff' : ''}${createCsvFormatter({
              delimiter: settings.outputDelimiter,
              newline: settings.newline,
            })(runner.columns)}`
          : '';
      const rejects = options.rejects ?? 'fail';
      const output = async function* (): AsyncGenerator<Uint8Array | string> {
        if (outputHeader.length > 0) {
          outputHash.update(outputHeader);
          yield outputHeader;
        }
        const inFlight: Promise<ChunkResult>[] = [];
        let line = inputFormat === 'csv' ? 2 : 1;
        for (;;) {
          while (inFlight.length < pool.capacity) {
            const chunk = await reader.next();
            if (chunk === undefined) break;
            const promise = pool.run(chunk, ownBuffers, inSample());
            // Unhandled until awaited in order; keep Node from reporting it early.
            promise.catch(() => undefined);
            inFlight.push(promise);
          }
          const next = inFlight.shift();
          if (next === undefined) return;
          let result: ChunkResult;
          try {
            result = await next;
          } catch (error) {
            throw withLine(error, line);
          }
          for (const reject of result.rejects) {
            const row = stats.rows + reject.row;
            if (rejects === 'fail') {
              throw new TransformError(
                `row ${row}, field ${reject.field} (rule ${reject.rule}) was rejected`,
                {
                  reason: reject.reason,
                  path: reject.field,
                  details: { row, field: reject.field, rule: reject.rule },
                },
              );
            }
            rejects({ ...reject, row });
          }
          if (result.subjects !== undefined) await options.subjects?.onDigests(result.subjects);
          if (result.inputCounts !== undefined && inSample()) {
            inputCounter?.merge(result.inputCounts);
            inputRowsCounted += result.rows;
          }
          stats.rows += result.rows;
          stats.written += result.written;
          stats.rejected += result.rows - result.written;
          line += result.lines;
          if (result.output.length > 0) {
            outputHash.update(result.output);
            yield result.output;
          }
        }
      };
      const written = await writeChunks(options.output, output(), options);
      // Each thread accumulated its own counts: the workers' are merged into
      // this thread's once, at the end.
      const after = statistics === undefined ? undefined : local.mergedCounts(await pool.collect());
      const before = inputCounter?.serialize();
      return {
        ...stats,
        bytes: written.bytes,
        columns: runner.columns,
        digest: transformer.digest,
        inputDigest: `sha-256:${inputHash.digest('hex')}`,
        outputDigest: `sha-256:${outputHash.digest('hex')}`,
        ...(after === undefined ? {} : { counts: after }),
        ...(before === undefined ? {} : { inputCounts: before, inputRowsCounted }),
      };
    } finally {
      await pool.close();
    }
  } finally {
    await iterator.return?.();
    // A keyring opened here from key records is wiped here.
    if (options.keyring === undefined) keyring?.destroy();
  }
}

/** Places a worker's chunk-relative line number in the whole input. */
function withLine(error: unknown, firstLine: number): unknown {
  if (!(error instanceof DataguardError)) return error;
  const local = error.details?.line;
  if (typeof local !== 'number') return error;
  const line = firstLine + local - 1;
  const Kind = error.constructor as new (message: string, options: object) => DataguardError;
  return new Kind(error.message.replace(`line ${local}`, `line ${line}`), {
    reason: error.reason,
    path: error.path,
    details: { ...error.details, line },
  });
}
