import type { DatasetRef } from '../core/refs.ts';
import type { LedgerCheckpoint } from '../provenance/ledger.ts';
import type { ReleaseRecord } from './commit.ts';
import type { ProtectProcessing, ProtectReject } from './protect-options.ts';

/** What a release (protect(), protectFile()) did. */
export interface ProtectSummary {
  readonly processing: ProtectProcessing;
  /** This release's id (part of the copy id). */
  readonly releaseId: string;
  readonly rowsIn: number;
  readonly rowsOut: number;
  /** Rows left out because a value broke a transform's input contract (quarantine). */
  readonly rejected: number;
  /** Rows left out because their subject's consent did not allow the processing. */
  readonly excluded: number;
  /** The first rejects (at most 1,000), without values. */
  readonly rejects: readonly ProtectReject[];
  /** The output columns, in order. */
  readonly columns: readonly string[];
  /** Input columns that match no dataset field: dropped. */
  readonly extraColumns: readonly string[];
  readonly source: DatasetRef;
  readonly target: DatasetRef;
  readonly policyDigest: string;
  readonly planDigest: string;
  /** The decision the release rests on and its digest (recorded in the event). */
  readonly decision: { readonly kind: string; readonly digest: string | undefined };
  readonly keyIds: readonly string[];
  /** Key id per keyed output column. */
  readonly columnKeys: Readonly<Record<string, string>>;
  /** Anonymity of the output over the dataset's quasi-identifiers (when it declares any). */
  readonly anonymity?: {
    readonly quasiIdentifiers: readonly string[];
    readonly requiredK: number | undefined;
    readonly k: number;
    readonly highestRisk: number;
    readonly averageRisk: number;
    readonly classes: number;
    readonly suppressed: number;
  };
  /** The ledger entry recording this run. */
  readonly ledgerIndex: number;
  readonly eventId: string;
  readonly checkpoint?: LedgerCheckpoint;
}

/**
 * The summary of a release from what its stages produced.
 *
 * @param record - plan, decision, compiled release, run and gate results, release id
 * @param entry - the ledger index, event id and copy of the committed event
 * @returns the summary (without the checkpoint)
 */
export function releaseSummary(
  record: Pick<ReleaseRecord, 'plan' | 'decision' | 'compiled' | 'run' | 'gate' | 'releaseId'>,
  entry: { readonly index: number; readonly eventId: string; readonly target: DatasetRef },
): ProtectSummary {
  const { plan, decision, compiled, run, gate } = record;
  return {
    processing: plan.processing,
    releaseId: record.releaseId,
    rowsIn: run.rowsIn,
    rowsOut: run.rowsOut,
    rejected: run.rejected,
    excluded: run.excluded,
    rejects: run.rejects,
    columns: compiled.columns,
    extraColumns: run.extraColumns,
    source: plan.source,
    target: entry.target,
    policyDigest: compiled.transformer.digest,
    planDigest: plan.digest,
    decision: { kind: decision.kind, digest: decision.digest },
    keyIds: compiled.keyIds,
    columnKeys: compiled.columnKeys,
    ...(gate === undefined
      ? {}
      : {
          anonymity: {
            quasiIdentifiers: gate.quasiIdentifiers,
            requiredK: gate.requiredK,
            k: gate.measures.k,
            highestRisk: gate.measures.highestRisk,
            averageRisk: gate.measures.averageRisk,
            classes: gate.measures.classes,
            suppressed: gate.measures.suppressed,
          },
        }),
    ledgerIndex: entry.index,
    eventId: entry.eventId,
  };
}
