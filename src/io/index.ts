/**
 * Node-only streaming readers and writers: RFC 4180 CSV and NDJSON in UTF-8,
 * GB18030 or GBK, with backpressure, bounded memory and atomic file output.
 *
 * @packageDocumentation
 */

export type { FileFormat } from './chunk-processor.ts';
export type { ReadNdjsonOptions } from './ndjson.ts';
export { readNdjson, writeNdjson } from './ndjson.ts';
export type { CsvBatch, ReadCsvOptions } from './read-csv.ts';
export { readCsv, readCsvBatches } from './read-csv.ts';
export type { InputEncoding, InputSource } from './text-source.ts';
export type { TransformFileOptions, TransformFileResult } from './transform-file.ts';
export { transformFile } from './transform-file.ts';
export type { WriteAtomicOptions, WriteResult } from './write-atomic.ts';
export { writeAtomic } from './write-atomic.ts';
export type { CsvRecords, WriteCsvOptions } from './write-csv.ts';
export { writeCsv } from './write-csv.ts';
