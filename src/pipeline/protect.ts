import { systemClock } from '../core/clock.ts';
import type { DatasetRef } from '../core/refs.ts';
import type { LedgerEntry } from '../provenance/ledger.ts';
import { checkpointAfter, commitRelease, newReleaseId } from './commit.ts';
import { compileRelease, prepareTransformer } from './compile.ts';
import { decideRelease } from './decide.ts';
import { gateRelease } from './gate.ts';
import { planRelease } from './plan.ts';
import type { ProtectOptions, RecordSink } from './protect-options.ts';
import { createRejectTally, runRecords } from './run.ts';
import { stageSubjects } from './subject-filing.ts';
import { rawSubjectDigester } from './subject-index.ts';
import { suggestionHook } from './suggest.ts';
import { type ProtectSummary, releaseSummary } from './summary.ts';

/**
 * The main flow of dataguard: one release, in the stages of the design —
 * plan (validate everything before a row is read), decide (the sharing,
 * opening or grant decision it rests on, S-CHANNEL), compile (the policy may
 * only narrow the decision: S-TYPES, S-OPEN, P-DEID, S-TRADE), run (stage the
 * output, count equivalence classes), gate (anonymity over the dataset's
 * quasi-identifiers) and commit (ledger event, then the output becomes
 * visible: P-RECORD). Custody follows from the event; each release is its
 * own copy.
 *
 * Fail closed: any refusal before commit leaves no output and no event.
 *
 * @param options - input, sink, dataset, policy, purpose, actor, recipient, decision, keyring, ledger …
 * @returns a summary: rows in/out/rejected, anonymity measured, ledger index and checkpoint
 * @throws {ValidationError} on a wrong option (named), before anything is read
 * @throws {ConsentError} when no decision allows the release, or the policy releases more than it allows
 * @throws {AnonymityError} when an open, trade or anonymized release is not anonymous
 * @throws {PolicyError} when the policy cannot apply to the dataset
 * @throws {InputError} when the input lacks a needed column, or the job was already released
 * @throws {TransformError} when rejects exceed maxRejects
 * @example
 * ```ts
 * import { createKeyring, createLedger, createLedgerSigner, createMemorySink, defineDataset, generateKeyring, protect } from 'dataguard';
 * import type { PolicyDocument } from 'dataguard/deidentify';
 * const dataset = defineDataset({ id: 'contacts', version: '1', fields: [
 *   { name: 'name', role: 'direct-identifier', piCategory: 'basic', share: 'conditional', open: 'closed', openBasis: 'PIPL Art. 25' },
 *   { name: 'district', role: 'quasi-identifier', share: 'unconditional', open: 'open' },
 * ] });
 * const policy: PolicyDocument = { id: 'p', version: '1', keep: ['district'], rules: [
 *   { id: 'n', select: { fields: ['name'] }, transform: { type: 'mask', preset: 'cn-name' } },
 * ] };
 * const keyring = createKeyring({ keys: generateKeyring({ suite: 'international' }) });
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createLedgerSigner(keyring, origin) });
 * const sink = createMemorySink();
 * // A decision made beforehand; or pass share: { decider, request } and protect() decides (S-CHANNEL).
 * const decision = { allowed: true, allowedFields: ['name', 'district'], reasons: [], obligations: [] };
 * const summary = await protect({ input: [{ name: '张三', district: '鼓楼区' }], sink, dataset, policy,
 *   purpose: 'statutory-duty', legalBasis: 'statutory-duty', actor: { id: 'civil-affairs', kind: 'agency' },
 *   recipient: { id: 'health-commission', kind: 'agency' }, decision, keyring, ledger });
 * sink.records; // [{ name: '张*', district: '鼓楼区' }]
 * summary.ledgerIndex; // 0
 * ```
 */
export async function protect(options: ProtectOptions): Promise<ProtectSummary> {
  const plan = planRelease(options);
  const rejectedRows = new Set<number>();
  const tally = createRejectTally(plan, options.rejects ?? 'fail', (reject) => {
    rejectedRows.add(reject.row);
    options.onReject?.(reject);
  });
  const transformer = prepareTransformer(
    plan,
    options,
    options.rejects === 'quarantine' ? (reject) => tally.handle(reject) : 'fail',
  );
  const decision = await decideRelease(plan, options, outputFields(transformer));
  const compiled = compileRelease(plan, decision, transformer, options.keyring.activeKeyId());
  const sink = options.sink ?? createMemorySink();
  const releaseId = options.releaseId ?? newReleaseId();
  // Subjects are filed as the rows stream (a staged filing), made the copy's before the event.
  const subjects = await stageSubjects(plan, options, releaseId);
  let run: Awaited<ReturnType<typeof runRecords>>;
  let gate: ReturnType<typeof gateRelease>;
  try {
    run = await runRecords(
      plan,
      compiled,
      options,
      sink,
      tally,
      subjects === undefined
        ? undefined
        : {
            field: subjects.run.field,
            digest: rawSubjectDigester(options.keyring),
            rejected: rejectedRows,
            onDigests: subjects.run.onDigests,
          },
    );
    gate = gateRelease(
      plan,
      run,
      suggestionHook(
        plan,
        run.input?.complete === true ? run.input.counts : undefined,
        options,
        decision.allowedFields,
      ),
    );
  } catch (error) {
    await subjects?.abort();
    await sink.abort();
    throw error;
  }
  const entry: LedgerEntry = await commitRelease(
    {
      plan,
      decision,
      compiled,
      run,
      gate,
      releaseId,
      target: options.target,
      time: (options.clock ?? systemClock)(),
    },
    options.ledger,
    sink,
    options.again === true,
    subjects,
  );
  const checkpoint = await checkpointAfter(options.ledger, options.checkpoint);
  return {
    ...releaseSummary(
      { plan, decision, compiled, run, gate, releaseId },
      { index: entry.index, eventId: entry.event.id, target: entry.event.outputs[0] as DatasetRef },
    ),
    ...(checkpoint === undefined ? {} : { checkpoint }),
  };
}

function outputFields(transformer: ReturnType<typeof prepareTransformer>): string[] {
  return transformer.fields
    .filter((field) => field.outcome !== 'dropped')
    .map((field) => field.field);
}

/** A sink that keeps the released records in memory; `records` holds them once committed. */
export interface MemorySink extends RecordSink {
  /** The committed records (empty until commit). */
  readonly records: readonly Record<string, unknown>[];
  readonly columns: readonly string[];
}

/**
 * Creates a {@link RecordSink} that stages records in memory and exposes them
 * only after commit.
 *
 * @returns the sink
 * @example
 * ```ts
 * import { createMemorySink } from 'dataguard';
 * const sink = createMemorySink();
 * sink.records.length; // 0 until a release commits
 * ```
 */
export function createMemorySink(): MemorySink {
  let staged: Record<string, unknown>[] = [];
  const committed: Record<string, unknown>[] = [];
  let columns: readonly string[] = [];
  return {
    get records() {
      return committed;
    },
    get columns() {
      return columns;
    },
    async write(records, outColumns) {
      columns = outColumns;
      staged = [];
      for await (const record of records) staged.push(record);
    },
    async commit() {
      for (const record of staged) committed.push(record);
      staged = [];
    },
    async abort() {
      staged = [];
    },
  };
}
