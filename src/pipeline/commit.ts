import type { DatasetRef } from '../core/refs.ts';
import { DataguardError } from '../errors/dataguard-error.ts';
import { InputError, LedgerError } from '../errors/kinds.ts';
import type { Ledger, LedgerCheckpoint, LedgerEntry } from '../provenance/ledger.ts';
import type { CompiledRelease } from './compile.ts';
import type { ReleaseDecision } from './decide.ts';
import type { GateResult } from './gate.ts';
import type { RecordSink } from './protect-options.ts';
import type { ReleasePlan } from './release-plan.ts';
import type { RunResult } from './run.ts';

/** Everything stage `commit` records. */
export interface ReleaseRecord {
  readonly plan: ReleasePlan;
  readonly decision: ReleaseDecision;
  readonly compiled: CompiledRelease;
  readonly run: RunResult;
  readonly gate: GateResult | undefined;
  /** This release's id: part of the copy id, so every release is its own copy. */
  readonly releaseId: string;
  /** The copy produced (default id: source, recipient or processing, release). */
  readonly target: DatasetRef | undefined;
  readonly time: string | number | Date;
}

/**
 * The id of the copy a release produces: the caller's target, else
 * `<source>.<recipient or processing>.<release id>` (each release its own copy).
 *
 * @param plan - the release plan
 * @param target - the caller's target, if any
 * @param releaseId - the release id
 * @returns the copy id
 */
export function copyIdOf(
  plan: ReleasePlan,
  target: DatasetRef | undefined,
  releaseId: string,
): string {
  return target?.id ?? `${plan.source.id}.${plan.recipient?.id ?? plan.processing}.${releaseId}`;
}

/** The ledger event of a release (P-RECORD): digests, decision, keys per column, quasi-identifiers and measures. */
function releaseEvent(record: ReleaseRecord): Parameters<Ledger['append']>[0] {
  const { plan, decision, compiled, run, gate } = record;
  const targetId =
    record.target?.id ??
    `${plan.source.id}.${plan.recipient?.id ?? plan.processing}.${record.releaseId}`;
  const columnKeys = Object.entries(compiled.columnKeys);
  if (columnKeys.length > 32) {
    throw new LedgerError('a release may use keys on at most 32 columns (ledger event details)', {
      reason: 'too-many-keyed-columns',
      path: 'policy',
    });
  }
  const measures = gate?.measures;
  return {
    processing: plan.processing,
    actor: plan.actor,
    purpose: plan.purpose,
    legalBasis: plan.legalBasis,
    inputs: [{ ...plan.source, digest: run.inputDigest }],
    outputs: [
      {
        id: targetId,
        ...(record.target?.version === undefined ? {} : { version: record.target.version }),
        digest: run.outputDigest,
      },
    ],
    fields: [...compiled.columns],
    policyDigest: compiled.transformer.digest,
    ...(compiled.keyIds.length > 0 ? { keyIds: [...compiled.keyIds] } : {}),
    ...(plan.recipient === undefined ? {} : { recipients: [plan.recipient] }),
    subjectCount: run.rowsOut,
    time: record.time,
    details: {
      release: record.releaseId,
      ...(record.run.subjectsFiled === undefined
        ? {}
        : { subjectsIndexed: record.run.subjectsFiled }),
      planDigest: plan.digest,
      ...(decision.digest === undefined ? {} : { decisionDigest: decision.digest }),
      decision: decision.kind,
      grade: plan.dataset.grade,
      ...(columnKeys.length > 0
        ? // Column → index into keyIds: key ids may look like long numbers to the details screen.
          { columnKeys: columnKeys.map(([column, key]) => [column, compiled.keyIds.indexOf(key)]) }
        : {}),
      rowsIn: run.rowsIn,
      rowsOut: run.rowsOut,
      rejected: run.rejected,
      excluded: run.excluded,
      policy: compiled.transformer.policy.id,
      ...(compiled.transformer.profile === undefined
        ? {}
        : { profile: compiled.transformer.profile }),
      ...(plan.rawIdentifiers === undefined
        ? {}
        : { rawIdentifiers: [...plan.rawIdentifiers.fields], rawBasis: plan.rawIdentifiers.basis }),
      ...(measures === undefined
        ? {}
        : {
            quasiIdentifiers: [...plan.quasiIdentifiers],
            k: measures.k,
            ...(gate?.requiredK === undefined ? {} : { requiredK: gate.requiredK }),
            classes: measures.classes,
            highestRisk: measures.highestRisk,
          }),
    },
  };
}

/**
 * Finds an earlier release of the same job: same input digest, plan digest
 * and recipient. Reads the ledger from the newest entry back.
 *
 * @param ledger - the ledger
 * @param plan - the release plan
 * @param inputDigest - the input's digest
 * @returns the earlier entry, or undefined
 */
async function findSameRelease(
  ledger: Ledger,
  plan: ReleasePlan,
  inputDigest: string,
): Promise<LedgerEntry | undefined> {
  const size = await ledger.size();
  for (let index = size - 1; index >= 0; index--) {
    const entry = await ledger.get(index);
    const event = entry.event;
    if (event.details?.planDigest !== plan.digest) continue;
    if (event.inputs[0]?.digest !== inputDigest) continue;
    if ((event.recipients?.[0]?.id ?? null) !== (plan.recipient?.id ?? null)) continue;
    return entry;
  }
  return undefined;
}

/**
 * Stage `commit`: the output exists if and only if its record does (P-RECORD).
 * The sink has staged the output; this refuses a silent rerun of the same job
 * (one read of the ledger), files the release's subjects, appends the ledger
 * event, then makes the output visible. Any failure before the append
 * discards the staged output (and the subjects, unless already filed).
 *
 * @param record - plan, decision, compiled release, run and gate results
 * @param ledger - the ledger
 * @param sink - the sink holding the staged output
 * @param again - release again although the same job is recorded
 * @param subjects - the release's staged subject digests, filed before the event
 * @returns the ledger entry
 * @throws {InputError} `already-released` when the same job is recorded and `again` is not set
 */
export async function commitRelease(
  record: ReleaseRecord,
  ledger: Ledger,
  sink: RecordSink,
  again: boolean,
  subjects?: { commit(): Promise<void>; abort(): Promise<void> },
): Promise<LedgerEntry> {
  let entry: LedgerEntry;
  let filed = false;
  try {
    if (!again) {
      const earlier = await findSameRelease(ledger, record.plan, record.run.inputDigest);
      if (earlier !== undefined) {
        throw new InputError(
          `this job was already released (ledger entry #${earlier.index}: same input, plan and recipient); pass again (--again) to release it once more as a new copy`,
          { reason: 'already-released', path: 'again', details: { index: earlier.index } },
        );
      }
    }
    if (subjects !== undefined) {
      await subjects.commit();
      filed = true;
    }
    entry = await ledger.append(releaseEvent(record));
  } catch (error) {
    if (!filed) await subjects?.abort();
    await sink.abort();
    throw error;
  }
  // The event is durable: from here the release happened, and an interrupted
  // rename is finished by recovery (the event holds the staged output's digest).
  await sink.commit();
  return entry;
}

/**
 * A new release id: 20 random lower-case letters (no digits, so the ledger's
 * personal-data screen of event details never mistakes it for a number).
 *
 * @returns the id
 */
export function newReleaseId(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += String.fromCharCode(97 + (byte % 26));
  return id;
}

/**
 * Signs a checkpoint after a committed release: `false` skips it, `true`
 * requires it, and by default it is signed when the ledger has a signer.
 *
 * @param ledger - the ledger
 * @param wanted - the `checkpoint` option
 * @returns the checkpoint, or undefined when skipped or the ledger cannot sign
 */
export async function checkpointAfter(
  ledger: Ledger,
  wanted: boolean | undefined,
): Promise<LedgerCheckpoint | undefined> {
  if (wanted === false) return undefined;
  try {
    return await ledger.checkpoint();
  } catch (error) {
    if (wanted !== true && error instanceof DataguardError && error.reason === 'no-signer')
      return undefined;
    throw error;
  }
}
