import type { Clock } from '../core/clock.ts';
import type { RandomSource } from '../core/random.ts';
import type { DatasetRef } from '../core/refs.ts';
import type { DecisionLink } from './decision-link.ts';
import type { ProcessingEvent, ProcessingEventInput } from './event.ts';
import type { OpenLineageOptions, OpenLineageRunEvent } from './export-openlineage.ts';
import type { ProvDocument } from './export-prov.ts';
import type { HashFunction } from './hash-function.ts';
import type { LedgerStore } from './ledger-store.ts';
import type { Lineage, SourceLabels } from './lineage.ts';
import type { NoteSigner, NoteVerifier } from './note-keys.ts';
import type { LedgerVerifyReport, VerifyOptions } from './verify-ledger.ts';

/** An event as stored in the ledger. */
export interface LedgerEntry {
  /** Position in the log. */
  readonly index: number;
  readonly event: ProcessingEvent;
  /** The leaf bytes: the event's RFC 8785 canonical JSON. */
  readonly bytes: Uint8Array;
  /** The RFC 9162 leaf hash of `bytes`. */
  readonly leafHash: Uint8Array;
}

/** An inclusion proof for one entry, against the tree of `treeSize` entries. */
export interface InclusionProof {
  readonly index: number;
  readonly treeSize: number;
  readonly leafHash: Uint8Array;
  /** Audit path, bottom-up (RFC 9162 §2.1.3). */
  readonly proof: readonly Uint8Array[];
  readonly root: Uint8Array;
}

/** A consistency proof between two tree sizes. */
export interface ConsistencyProof {
  readonly oldSize: number;
  readonly newSize: number;
  readonly oldRoot: Uint8Array;
  readonly newRoot: Uint8Array;
  /** RFC 9162 §2.1.4 consistency path (empty when the sizes are equal or the old tree is empty). */
  readonly proof: readonly Uint8Array[];
}

/** A checkpoint the ledger signed and stored. */
export interface LedgerCheckpoint {
  readonly size: number;
  readonly root: Uint8Array;
  /** The C2SP signed note. */
  readonly note: string;
}

/** Options of {@link createLedger}. */
export interface LedgerOptions {
  /** The log's identity: the checkpoint origin line, e.g. `example.gov.cn/ledger`. */
  readonly origin: string;
  /** Where the log lives (default: a new memory store). */
  readonly store?: LedgerStore | undefined;
  /** Tree hash (default SHA-256; SM3 under the national suite). Must never change for a log. */
  readonly hash?: HashFunction | undefined;
  /** Time source for events without a time (default `Date.now`). */
  readonly clock?: Clock | undefined;
  /** Randomness for event ids (default the platform CSPRNG). */
  readonly random?: RandomSource | undefined;
  /** Signs checkpoints; needed by `checkpoint()`. Its name should equal `origin`. */
  readonly signer?: NoteSigner | undefined;
  /** Keys trusted by `verify()` for stored checkpoints (default: the signer's verifier). */
  readonly verifiers?: readonly NoteVerifier[] | undefined;
  /** `producer` and job namespace of OpenLineage exports. */
  readonly openLineage?: OpenLineageOptions | undefined;
}

/** The provenance ledger: an append-only, verifiable log of processing events. */
export interface Ledger {
  readonly origin: string;
  readonly hash: HashFunction;
  /**
   * Validates, canonicalizes and appends one event. With `{ decision }`, the
   * event records the use a consent decision allowed: a denied decision or a
   * field it withheld is refused, and its digest becomes `details.decisionDigest`.
   */
  append(
    event: ProcessingEventInput,
    link?: { readonly decision: DecisionLink },
  ): Promise<LedgerEntry>;
  /** Appends several events atomically (all or none), in order. */
  appendBatch(events: Iterable<ProcessingEventInput>): Promise<LedgerEntry[]>;
  /** The entry at `index`, checked against its leaf hash. */
  get(index: number): Promise<LedgerEntry>;
  /** Number of entries. */
  size(): Promise<number>;
  /** Root hash of the first `size` entries (default: all). */
  root(size?: number): Promise<Uint8Array>;
  /** Inclusion proof of entry `index` in the tree of `size` entries (default: all). */
  proveInclusion(index: number, size?: number): Promise<InclusionProof>;
  /** Consistency proof from `oldSize` to `newSize` entries (default: all). */
  proveConsistency(oldSize: number, newSize?: number): Promise<ConsistencyProof>;
  /** Signs and stores a checkpoint of the current tree. */
  checkpoint(): Promise<LedgerCheckpoint>;
  /** Recomputes everything from the stored entries and reports the first bad index. */
  verify(options?: VerifyOptions): Promise<LedgerVerifyReport>;
  /** Events and datasets the dataset was derived from. */
  upstream(dataset: DatasetRef): Promise<Lineage>;
  /** Events and datasets derived from the dataset. */
  downstream(dataset: DatasetRef): Promise<Lineage>;
  /** Sources and acquisition dates of a data product (S-DEVELOP). */
  sourceLabels(dataset: DatasetRef): Promise<SourceLabels>;
  /** The dataset's history (upstream and downstream) as a W3C PROV-JSON document. */
  exportProv(dataset: DatasetRef): Promise<ProvDocument>;
  /** The dataset's history as OpenLineage run events (one COMPLETE event per ledger event). */
  exportOpenLineage(dataset: DatasetRef): Promise<OpenLineageRunEvent[]>;
}
