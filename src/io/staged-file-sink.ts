// A file sink for the records path of a release (records from a database, not a
// file): the same two phases as the file path — staged output and the release id
// beside it, the ledger event, then the rename — under names of its own.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Ledger } from '../provenance/ledger.ts';
import { formatNdjson } from './ndjson.ts';
import { writeAtomic } from './write-atomic.ts';
import { formatCsv } from './write-csv.ts';
import { writeFault } from './write-fault.ts';

/** Options of {@link createStagedFileSink}. */
export interface StagedFileSinkOptions {
  /** The output file; staged beside it and renamed into place at commit. */
  readonly output: string;
  readonly format: 'csv' | 'ndjson';
  /** The release's id, kept beside the staged file so recovery asks the ledger for this release. */
  readonly releaseId: string;
}

/** A two-phase file sink; satisfies the pipeline's `RecordSink`. */
export interface StagedFileSink {
  write(records: AsyncIterable<Record<string, unknown>>, columns: readonly string[]): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** Where the records path stages `output`. */
export function stagedRecordsPath(output: string): string {
  return join(dirname(output), `.${basename(output)}.dataguard-staged-records`);
}

function markerPath(output: string): string {
  return join(dirname(output), `.${basename(output)}.dataguard-records-release`);
}

/**
 * A sink writing CSV (NULL as an empty cell) or NDJSON (NULL as `null`) to a
 * staging file beside `output` (flushed), with the release id in a marker
 * file; `commit` renames it into place, `abort` removes both. Call
 * {@link recoverStagedFile} before a release to finish or roll back one a
 * crash interrupted.
 *
 * @param options - output path, format, release id
 * @returns the sink
 * @example
 * ```ts no-run a fragment of a release: it needs the options of protect() (test/io/staged-file-sink.test.ts runs it whole)
 * await protect({ ...options, releaseId, sink: createStagedFileSink({ output: 'out.csv', format: 'csv', releaseId }) });
 * ```
 */
export function createStagedFileSink(options: StagedFileSinkOptions): StagedFileSink {
  const staged = stagedRecordsPath(options.output);
  const marker = markerPath(options.output);
  const remove = () => {
    rmSync(staged, { force: true });
    rmSync(marker, { force: true });
  };
  return {
    async write(records, columns) {
      try {
        writeFileSync(marker, options.releaseId, { mode: 0o600 });
      } catch (error) {
        throw writeFault(error, options.output, 'output') ?? error;
      }
      const text =
        options.format === 'csv' ? formatCsv(records, { columns }) : formatNdjson(records);
      await writeAtomic(staged, text);
    },
    async commit() {
      renameSync(staged, options.output);
      rmSync(marker, { force: true });
    },
    async abort() {
      remove();
    },
  };
}

/**
 * Finishes or rolls back a records-path release interrupted at `output`: a
 * staged file whose release id (kept beside it) a ledger event records is
 * renamed into place; one no event records is removed, and so are a marker
 * alone and the temporary file of a staging write cut short.
 *
 * @param ledger - the ledger the release would be recorded in
 * @param output - the output path
 * @returns what recovery did
 */
export async function recoverStagedFile(
  ledger: Ledger,
  output: string,
): Promise<'none' | 'finished' | 'rolled-back'> {
  const staged = stagedRecordsPath(output);
  const marker = markerPath(output);
  const partial = removeTemporaryFiles(staged);
  let release: string | undefined;
  try {
    release = readFileSync(marker, 'utf8');
  } catch {
    release = undefined;
  }
  if (!existsSync(staged)) {
    rmSync(marker, { force: true });
    return partial || release !== undefined ? 'rolled-back' : 'none';
  }
  const recorded = await recordsRelease(ledger, release);
  if (recorded) renameSync(staged, output);
  else rmSync(staged, { force: true });
  rmSync(marker, { force: true });
  return recorded ? 'finished' : 'rolled-back';
}

/**
 * Whether the ledger holds an event of release `release` (`details.release`),
 * looked for from the newest entry back.
 *
 * @param ledger - the ledger the release would have been recorded in
 * @param release - the release id (none or empty: false)
 * @returns whether the release was recorded
 */
export async function recordsRelease(
  ledger: Ledger,
  release: string | undefined,
): Promise<boolean> {
  if (release === undefined || release === '') return false;
  for (let index = (await ledger.size()) - 1; index >= 0; index--)
    if ((await ledger.get(index)).event.details?.release === release) return true;
  return false;
}

// writeAtomic writes `path` under `.<name>.<12 hex>.tmp` before renaming it.
function removeTemporaryFiles(path: string): boolean {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return false;
  }
  let removed = false;
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{12}\.tmp$/.test(name.slice(prefix.length)))
      continue;
    rmSync(join(dirname(path), name), { force: true });
    removed = true;
  }
  return removed;
}
