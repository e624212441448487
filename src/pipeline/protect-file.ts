// The release pipeline over files (Node): the same plan, decide, compile, gate
// and commit stages as protect(), with the `run` stage on the streaming
// worker-thread file path of dataguard/io. Not part of the runtime-neutral root.
import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { SerializedClassCounts } from '../anonymity/class-counts.ts';
import { systemClock } from '../core/clock.ts';
import type { CreateKeyringOptions } from '../crypto/index.ts';
import { InputError } from '../errors/kinds.ts';
import type { FileFormat } from '../io/chunk-processor.ts';
import type { InputEncoding } from '../io/text-source.ts';
import { transformFile } from '../io/transform-file.ts';
import { builtWorkerUrl } from '../io/worker-url.ts';
import { writeFault } from '../io/write-fault.ts';
import { ndjsonToXlsx, openIntermediate, xlsxAsCsv } from '../io/xlsx-bridge.ts';
import type { Ledger } from '../provenance/ledger.ts';
import { checkpointAfter, commitRelease, newReleaseId } from './commit.ts';
import { compileRelease, prepareTransformer } from './compile.ts';
import { decideRelease } from './decide.ts';
import { gateRelease } from './gate.ts';
import { planRelease, resolveHeader } from './plan.ts';
import type { ProtectOptions, ProtectReject, RecordSink } from './protect-options.ts';
import { createQuarantineList } from './quarantine-list.ts';
import {
  countedAttributes,
  createRejectTally,
  INPUT_CLASS_LIMIT,
  neededFields,
  type RunResult,
} from './run.ts';
import { type SubjectFilingHook, stageSubjects } from './subject-filing.ts';
import { suggestionHook } from './suggest.ts';
import { type ProtectSummary, releaseSummary } from './summary.ts';

/** Options of {@link protectFile}: protect() options with files instead of records and a sink. */
export interface ProtectFileOptions
  extends Omit<ProtectOptions, 'input' | 'sink' | 'columns' | 'consent' | 'onReject'> {
  /** The input file (CSV or NDJSON). */
  readonly input: string;
  /** The output file; written under a staging name and renamed into place at commit. */
  readonly output: string;
  /** `csv` (default), `ndjson` or `xlsx`. */
  readonly inputFormat?: FileFormat | 'xlsx' | undefined;
  /** Default: the input format. */
  readonly outputFormat?: FileFormat | 'xlsx' | undefined;
  /** The worksheet of an .xlsx input (default the first). */
  readonly sheet?: string | undefined;
  readonly encoding?: InputEncoding | undefined;
  readonly delimiter?: string | undefined;
  /** Worker threads (default 1; the main thread works too). */
  readonly workers?: number | undefined;
  /** Key records for the workers (each opens its own keyring); without them the run stays on this thread. */
  readonly keys?: CreateKeyringOptions['keys'] | undefined;
  /** Quarantine file: one line per rejected row (row, field, rule, reason; never values). */
  readonly quarantine?: string | undefined;
  /** Also count the input's classes (for a before/after report). */
  readonly measureInput?: boolean | undefined;
  /** Extra files committed with the output (e.g. an HTML report), rendered from the result before the event is appended. */
  readonly attachments?:
    | ((
        result: ProtectFileResult,
      ) => readonly { readonly path: string; readonly content: string }[])
    | undefined;
  /** Paths of attachments an interrupted earlier release may have staged (recovered with the output). */
  readonly attachmentPaths?: readonly string[] | undefined;
  /** Test hook: called at each step boundary of the commit protocol. */
  readonly onStep?: ((step: CommitStep) => void) | undefined;
}

/** Step boundaries of a file release (for crash tests and progress). */
export type CommitStep = 'planned' | 'staged' | 'gated' | 'attached' | 'recorded' | 'committed';

/** What {@link protectFile} did. */
export interface ProtectFileResult {
  readonly summary: ProtectSummary;
  /** Class counts of the input (with `measureInput`). */
  readonly inputCounts: SerializedClassCounts | undefined;
  /** Input rows those counts cover (fewer than all once a thread held 100,000 input classes). */
  readonly inputRowsCounted: number | undefined;
  /** Class counts of the output. */
  readonly outputCounts: SerializedClassCounts | undefined;
}

/** The staging name of a file: hidden, beside it, so the rename stays on one file system. */
export function stagingPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.dataguard-staged`);
}

// Beside the staged output: the id of the release staging it, written before the
// output is staged and removed after it is renamed, so recovery asks the ledger
// for this release's event and not for an earlier release of identical bytes.
function releaseMarkerPath(output: string): string {
  return join(dirname(output), `.${basename(output)}.dataguard-release`);
}

function readReleaseMarker(output: string): string | undefined {
  try {
    const release = readFileSync(releaseMarkerPath(output), 'utf8');
    return release === '' ? undefined : release;
  } catch {
    return undefined;
  }
}

/**
 * Finishes or rolls back a release interrupted at `output`: a staged output
 * recorded by a ledger event (of the release that staged it, whose id is kept
 * beside it; by digest alone when that id is missing) is renamed into place
 * with its staged attachments (the release happened, P-RECORD); one no event
 * records is removed with them (it never happened), and so are the temporary
 * file of a staged output whose writing was cut short and staged attachments
 * left without a staged output (commit renames attachments first, so they were
 * never committed).
 *
 * @param ledger - the ledger the release would have been recorded in
 * @param output - the release's output path
 * @param attachments - paths committed with it (reports)
 * @returns what recovery did: `none` when nothing was staged
 */
export async function recoverRelease(
  ledger: Ledger,
  output: string,
  attachments: readonly string[] = [],
): Promise<'none' | 'finished' | 'rolled-back'> {
  const staged = stagingPath(output);
  const stagedAttachments = attachments.map((path) => [stagingPath(path), path] as const);
  const marker = releaseMarkerPath(output);
  // A kill while the staged output was written leaves only its temporary file.
  const partial = removeTemporaryFiles(staged);
  if (!existsSync(staged)) {
    let orphans = false;
    for (const [from] of stagedAttachments) {
      if (!existsSync(from)) continue;
      rmSync(from, { force: true });
      orphans = true;
    }
    // Left by a kill before staging, or after the output's rename (finished then).
    rmSync(marker, { force: true });
    return partial || orphans ? 'rolled-back' : 'none';
  }
  const digest = await fileDigest(staged);
  const release = readReleaseMarker(output);
  const size = await ledger.size();
  let recorded = false;
  for (let index = size - 1; index >= 0 && !recorded; index--) {
    const event = (await ledger.get(index)).event;
    recorded =
      (release === undefined || event.details?.release === release) &&
      event.outputs.some((out) => out.digest === digest);
  }
  if (recorded) {
    for (const [from, to] of stagedAttachments) if (existsSync(from)) renameSync(from, to);
    renameSync(staged, output);
  } else {
    for (const [from] of stagedAttachments) rmSync(from, { force: true });
    rmSync(staged, { force: true });
  }
  rmSync(marker, { force: true });
  return recorded ? 'finished' : 'rolled-back';
}

// The names writeAtomic (dataguard/io) writes `path` under before renaming it.
function removeTemporaryFiles(path: string): boolean {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    // No directory, nothing staged: writing the output names the problem.
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

async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `sha-256:${hash.digest('hex')}`;
}

/**
 * One release of a file, in the stages of protect(): plan, decide, compile,
 * run (streamed through worker threads in bounded memory, with class counts
 * merged across workers), gate, commit (staged output and attachments, ledger
 * event, rename). An interrupted earlier release at the same output is
 * finished or rolled back first. Digests in the event are of the file bytes.
 *
 * @param options - protect() options, with input and output paths
 * @returns the summary and the class counts
 * @throws {InputError} when output equals input, or the input lacks a needed column
 * @throws {ConsentError} {AnonymityError} {PolicyError} {TransformError} as protect()
 */
export async function protectFile(options: ProtectFileOptions): Promise<ProtectFileResult> {
  const input = resolve(options.input);
  const output = resolve(options.output);
  const others = [options.quarantine]
    .filter((path): path is string => path !== undefined)
    .map((path) => resolve(path));
  if (input === output || others.includes(input) || others.includes(output)) {
    throw new InputError(
      `the output ${options.output} is the input or another file of this release: choose a different --out`,
      { reason: 'output-is-input', path: 'output' },
    );
  }
  if (!existsSync(input)) {
    throw new InputError(`cannot read input file ${options.input}: it does not exist`, {
      reason: 'missing-input',
      path: 'input',
    });
  }
  const plan = planRelease({ ...options, input: [] });
  options.onStep?.('planned');
  await recoverRelease(options.ledger, output, [
    ...others,
    ...(options.attachmentPaths ?? []).map((path) => resolve(path)),
  ]);
  const quarantine = createQuarantineList();
  const tally = createRejectTally(plan, options.rejects ?? 'fail', (reject: ProtectReject) =>
    quarantine.add(reject),
  );
  const transformer = prepareTransformer(plan, options, 'fail');
  const decision = await decideRelease(
    plan,
    options,
    transformer.fields.filter((field) => field.outcome !== 'dropped').map((field) => field.field),
  );
  const compiled = compileRelease(plan, decision, transformer, options.keyring.activeKeyId());
  const attributes = countedAttributes(plan, compiled.columns);
  const releaseId = options.releaseId ?? newReleaseId();
  // Subject digests go to the index chunk by chunk as the run streams (subject-filing.ts).
  const subjects: SubjectFilingHook | undefined = await stageSubjects(plan, options, releaseId);
  const needed = [
    ...new Set([...neededFields(plan, compiled, undefined), ...(subjects?.needed ?? [])]),
  ];
  let extra: readonly string[] = [];
  const staged = stagingPath(output);
  const marker = releaseMarkerPath(output);
  const usesVault = transformer.fields.some((field) => field.transform === 'tokenize');
  // Workers need the built worker script; running from sources, the run stays on this thread.
  const workers =
    usesVault || options.keys === undefined || !hasBuiltWorker() ? 0 : (options.workers ?? 1);
  let result: Awaited<ReturnType<typeof transformFile>>;
  let intermediate: string | undefined;
  try {
    try {
      writeFileSync(marker, releaseId, { mode: 0o600 });
    } catch (error) {
      throw writeFault(error, output, 'output') ?? error;
    }
    // An .xlsx input is fed to the chunk pipeline as CSV; an .xlsx output is staged
    // as NDJSON under a temporary name (removed by recovery) and then converted.
    const xlsxIn = options.inputFormat === 'xlsx';
    const outputFormat = options.outputFormat ?? options.inputFormat;
    const xlsxOut = outputFormat === 'xlsx';
    intermediate = xlsxOut
      ? join(dirname(staged), `.${basename(staged)}.${randomBytes(6).toString('hex')}.tmp`)
      : undefined;
    result = await transformFile({
      input: xlsxIn ? xlsxAsCsv(input, options.sheet) : input,
      output: intermediate === undefined ? staged : openIntermediate(intermediate),
      policy: plan.policy,
      dataset: plan.dataset,
      ...(workers > 0 ? { keys: options.keys } : { keyring: options.keyring }),
      vault: options.vault,
      // The profile prepareTransformer chose (by purpose and recipient), by name.
      profile: transformer.profile,
      hierarchies: options.hierarchies,
      inputFormat: xlsxIn ? 'csv' : options.inputFormat,
      outputFormat: outputFormat === 'xlsx' ? 'ndjson' : outputFormat,
      encoding: xlsxIn ? 'utf-8' : options.encoding,
      delimiter: xlsxIn ? ',' : options.delimiter,
      workers,
      rejects:
        options.rejects === 'quarantine'
          ? (reject) =>
              tally.handle({
                row: reject.row,
                field: reject.field,
                rule: reject.rule,
                reason: reject.reason,
              })
          : 'fail',
      resolveHeader: (header) => {
        const resolved = resolveHeader(plan.dataset, header, needed);
        extra = resolved.extra;
        return resolved.layout;
      },
      ...(subjects === undefined ? {} : { subjects: subjects.run }),
      ...(attributes === undefined
        ? {}
        : {
            statistics: {
              quasiIdentifiers: attributes.quasiIdentifiers,
              sensitive: attributes.sensitive,
              input: options.measureInput === true || plan.requirements !== undefined,
              // A report alone measures the input on a sample of its first rows; a gated
              // release counts it whole, so a failed gate can propose a generalization
              // (up to 200,000 classes: the reach the former per-thread limit had on two threads).
              ...(plan.requirements === undefined
                ? { inputRowLimit: 100_000 }
                : { inputClassLimit: INPUT_CLASS_LIMIT }),
            },
          }),
    });
    tally.check(result.rows);
    // The event's digests are of the files: the workbook read and the workbook written.
    if (xlsxIn) result = { ...result, inputDigest: await fileDigest(input) };
    if (intermediate !== undefined) {
      const workbook = await ndjsonToXlsx(intermediate, staged, result.columns);
      result = { ...result, outputDigest: workbook.digest, bytes: workbook.bytes };
    }
  } catch (error) {
    rmSync(staged, { force: true });
    rmSync(marker, { force: true });
    await subjects?.abort();
    throw error;
  } finally {
    if (intermediate !== undefined) rmSync(intermediate, { force: true });
  }
  options.onStep?.('staged');
  const run: RunResult = {
    rowsIn: result.rows,
    rowsOut: result.written,
    rejected: tally.count(),
    excluded: 0,
    rejects: tally.first(),
    extraColumns: extra,
    inputDigest: result.inputDigest,
    outputDigest: result.outputDigest,
    counts: result.counts,
    // The workers digest every released row's subject (and only those).
    ...(subjects === undefined ? {} : { subjectsFiled: result.written }),
  };
  const attachmentPaths: string[] = [];
  const sink: RecordSink = {
    async write() {
      // staged by transformFile
    },
    async commit() {
      options.onStep?.('recorded');
      for (const path of attachmentPaths) renameSync(stagingPath(path), path);
      renameSync(staged, output);
      rmSync(marker, { force: true });
      options.onStep?.('committed');
    },
    async abort() {
      for (const path of attachmentPaths) rmSync(stagingPath(path), { force: true });
      rmSync(staged, { force: true });
      rmSync(marker, { force: true });
      await subjects?.abort();
    },
  };
  let gate: ReturnType<typeof gateRelease>;
  try {
    // Only exact input counts make a suggestion (the class limit was not reached).
    const exact = result.inputRowsCounted === result.rows ? result.inputCounts : undefined;
    gate = gateRelease(plan, run, suggestionHook(plan, exact, options, decision.allowedFields));
  } catch (error) {
    await sink.abort();
    throw error;
  }
  options.onStep?.('gated');
  const record = {
    plan,
    decision,
    compiled,
    run,
    gate,
    releaseId,
    target: options.target,
    time: (options.clock ?? systemClock)(),
  };
  const summaryOf = (
    ledgerIndex: number,
    eventId: string,
    target: ProtectSummary['target'],
  ): ProtectSummary => releaseSummary(record, { index: ledgerIndex, eventId, target });
  try {
    if (options.quarantine !== undefined && options.rejects === 'quarantine') {
      const path = resolve(options.quarantine);
      writeFileSync(stagingPath(path), quarantine.text(), { mode: 0o600 });
      attachmentPaths.push(path);
    }
    if (options.attachments !== undefined) {
      const preview = {
        summary: summaryOf(-1, '', { id: '', digest: run.outputDigest }),
        inputCounts: result.inputCounts,
        inputRowsCounted: result.inputRowsCounted,
        outputCounts: result.counts,
      };
      for (const attachment of options.attachments(preview)) {
        const path = resolve(attachment.path);
        writeFileSync(stagingPath(path), attachment.content);
        attachmentPaths.push(path);
      }
    }
  } catch (error) {
    await sink.abort();
    throw error;
  }
  options.onStep?.('attached');
  const entry = await commitRelease(record, options.ledger, sink, options.again === true, subjects);
  const checkpoint = await checkpointAfter(options.ledger, options.checkpoint);
  return {
    summary: {
      ...summaryOf(entry.index, entry.event.id, entry.event.outputs[0] as ProtectSummary['target']),
      ...(checkpoint === undefined ? {} : { checkpoint }),
    },
    inputCounts: result.inputCounts,
    inputRowsCounted: result.inputRowsCounted,
    outputCounts: result.counts,
  };
}

function hasBuiltWorker(): boolean {
  try {
    builtWorkerUrl(import.meta.url);
    return true;
  } catch {
    return false;
  }
}
