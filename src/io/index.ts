/**
 * Node-only streaming readers and writers: RFC 4180 CSV and NDJSON in UTF-8,
 * GB18030 or GBK, and .xlsx workbooks, with backpressure, bounded memory and
 * atomic file output; PostgreSQL queries (read-only, through a cursor) and
 * tables (a two-phase release sink) with the optional `pg` package.
 *
 * @packageDocumentation
 */

export type { FileFormat } from './chunk-processor.ts';
export type { ReadNdjsonOptions } from './ndjson.ts';
export { readNdjson, writeNdjson } from './ndjson.ts';
export type {
  PostgresRecovery,
  PostgresSink,
  PostgresSinkOptions,
} from './postgres-sink.ts';
export { createPostgresSink, recoverPostgresRelease } from './postgres-sink.ts';
export type { PostgresSourceOptions } from './postgres-source.ts';
export { readPostgresQuery } from './postgres-source.ts';
export type { CsvBatch, ReadCsvOptions } from './read-csv.ts';
export { readCsv, readCsvBatches } from './read-csv.ts';
export type { InputEncoding, InputSource } from './text-source.ts';
export type { TransformFileOptions, TransformFileResult } from './transform-file.ts';
export { transformFile } from './transform-file.ts';
export type { WriteAtomicOptions, WriteResult } from './write-atomic.ts';
export { writeAtomic } from './write-atomic.ts';
export type { CsvRecords, WriteCsvOptions } from './write-csv.ts';
export { writeCsv } from './write-csv.ts';
export type { ReadXlsxOptions, XlsxValue } from './xlsx-read.ts';
export { readXlsx } from './xlsx-read.ts';
export type { XlsxWriteOptions } from './xlsx-write.ts';
export { writeXlsx } from './xlsx-write.ts';
