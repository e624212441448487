import { assertFunction, assertObject, assertRecord } from '../core/assert.ts';
import { equalBytes } from '../core/bytes.ts';
import { type Clock, systemClock } from '../core/clock.ts';
import { parseArgument } from '../core/parse.ts';
import { type RandomSource, systemRandom } from '../core/random.ts';
import { DatasetRef } from '../core/refs.ts';
import { toEpochMs, toIso } from '../core/time.ts';
import { IntegrityError, LedgerError, ValidationError } from '../errors/kinds.ts';
import { assertNoteSigner, assertNoteVerifiers } from './assert-note-keys.ts';
import { signCheckpoint } from './checkpoint.ts';
import { type DecisionLink, linkEventToDecision } from './decision-link.ts';
import {
  type ProcessingEvent,
  type ProcessingEventInput,
  ProcessingEventInputSchema,
  ProcessingEventSchema,
} from './event.ts';
import { eventBytes } from './event-bytes.ts';
import { fastParseEventInput } from './event-fast-path.ts';
import {
  assertOpenLineageOptions,
  buildOpenLineage,
  type OpenLineageOptions,
  type OpenLineageRunEvent,
} from './export-openlineage.ts';
import { buildProv, type ProvDocument } from './export-prov.ts';
import { type HashFunction, hashSize, sha256Hash } from './hash-function.ts';
import type { LedgerStore } from './ledger-store.ts';
import { createTrustedLineageIndex, type Lineage, type SourceLabels } from './lineage.ts';
import { createMemoryLedgerStore } from './memory-ledger-store.ts';
import { hashLeaf } from './merkle-hash.ts';
import type { NoteSigner, NoteVerifier } from './note-keys.ts';
import { consistencyPath, inclusionPath, treeRoot } from './tree-reader.ts';
import { uuidV7Source } from './uuid.ts';
import { type LedgerVerifyReport, type VerifyOptions, verifyLedgerStore } from './verify-ledger.ts';

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

const READ_CHUNK = 4096;

function assertIndex(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(`${name} must be a non-negative integer`, {
      path: name,
      reason: 'invalid-index',
    });
  }
}

const STORE_METHODS = [
  'append',
  'size',
  'getLeaf',
  'getLeaves',
  'getNode',
  'getNodes',
  'getNodeRange',
  'putCheckpoint',
  'listCheckpoints',
  'latestCheckpoint',
] as const;

// Checked once here so a bad option fails at construction with its name,
// not later as a TypeError inside append or verify.
function assertLedgerOptions(options: unknown): asserts options is LedgerOptions {
  assertRecord(options, 'options');
  const { origin, store } = options;
  if (typeof origin !== 'string' || origin.length === 0 || origin.includes('\n')) {
    throw new ValidationError('origin must be one non-empty line', {
      path: 'origin',
      reason: 'invalid-origin',
    });
  }
  if (store !== undefined) {
    assertObject(store, 'options.store');
    for (const method of STORE_METHODS) {
      assertFunction((store as Record<string, unknown>)[method], `options.store.${method}`);
    }
  }
  if (options.hash !== undefined) hashSize(options.hash as HashFunction);
  if (options.clock !== undefined) assertFunction(options.clock, 'options.clock');
  if (options.random !== undefined) assertFunction(options.random, 'options.random');
  if (options.signer !== undefined) assertNoteSigner(options.signer, 'options.signer');
  if (options.verifiers !== undefined) assertNoteVerifiers(options.verifiers, 'options.verifiers');
  if (options.openLineage !== undefined) {
    assertOpenLineageOptions(options.openLineage, 'options.openLineage');
  }
}

function outOfRange(message: string, path: string): LedgerError {
  return new LedgerError(message, { path, reason: 'out-of-range' });
}

/**
 * Creates a provenance ledger over a store.
 *
 * @param options - `origin` (required), `store`, `hash`, `clock`, `random`, `signer`, `verifiers`, `openLineage`
 * @returns the {@link Ledger}
 * @throws {ValidationError} when the origin is empty or multi-line, or another option has the
 *   wrong type (`hash` not a hash function, a store or signer missing methods…)
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createLedger, createNoteSigner } from 'dataguard/provenance';
 * const secretKey = ed25519.generateSecretKey();
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createNoteSigner({ name: origin, secretKey }) });
 * const actor = { id: 'civil-affairs', kind: 'agency' } as const;
 * const entry = await ledger.append({ processing: 'collect', actor, purpose: 'public-service',
 *   legalBasis: 'statutory-duty', inputs: [], outputs: [{ id: 'households' }] });
 * entry.index; // 0
 * await ledger.size(); // 1
 * ```
 */
export function createLedger(options: LedgerOptions): Ledger {
  assertLedgerOptions(options);
  const { origin } = options;
  const store = options.store ?? createMemoryLedgerStore();
  const hash = options.hash ?? sha256Hash;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const signer = options.signer;
  const verifiers = options.verifiers ?? (signer?.verifier === undefined ? [] : [signer.verifier]);
  const newId = uuidV7Source(clock, random);
  const lineageIndex = createTrustedLineageIndex();
  // Stored nodes never change, so a root of a given size can be reused; this
  // saves the fold on every proof against the same tree size.
  let cachedRoot: { readonly size: number; readonly root: Uint8Array } | undefined;
  async function rootAt(size: number): Promise<Uint8Array> {
    if (cachedRoot?.size !== size) cachedRoot = { size, root: await treeRoot(store, size, hash) };
    return cachedRoot.root.slice();
  }

  function prepare(
    input: unknown,
    path: string,
  ): { event: ProcessingEvent; bytes: Uint8Array; hash: Uint8Array } {
    // Well-formed input takes the hand-written check; anything else gets zod's errors.
    const parsed =
      fastParseEventInput(input) ?? parseArgument(ProcessingEventInputSchema, input, path);
    const time = toIso(
      parsed.time === undefined ? clock() : toEpochMs(parsed.time, `${path}.time`),
    );
    const event: ProcessingEvent = { ...parsed, id: parsed.id ?? newId(), time };
    const bytes = eventBytes(event);
    return { event, bytes, hash: hashLeaf(bytes, hash) };
  }

  async function currentSize(size: number | undefined, path: string): Promise<number> {
    const current = await store.size();
    if (size === undefined) return current;
    assertIndex(size, path);
    if (size > current) throw outOfRange(`${path} ${size} exceeds the log size ${current}`, path);
    return size;
  }

  function decode(index: number, bytes: Uint8Array): ProcessingEvent {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (cause) {
      throw new IntegrityError(`ledger entry ${index} is not JSON`, {
        reason: 'invalid-event',
        cause,
        details: { index },
      });
    }
    const result = ProcessingEventSchema.safeParse(value);
    if (!result.success) {
      throw new IntegrityError(`ledger entry ${index} is not a valid event`, {
        reason: 'invalid-event',
        details: { index },
      });
    }
    return result.data;
  }

  // Brings the lineage index up to date with the store, reading only new
  // entries; calls are chained so concurrent queries never index an entry twice.
  let syncing: Promise<unknown> = Promise.resolve();
  function syncLineage(): Promise<typeof lineageIndex> {
    const run = syncing.then(readNewEntries);
    syncing = run.catch(() => undefined);
    return run;
  }
  async function readNewEntries(): Promise<typeof lineageIndex> {
    const size = await store.size();
    while (lineageIndex.count < size) {
      const from = lineageIndex.count;
      const leaves = await store.getLeaves(from, Math.min(size, from + READ_CHUNK));
      if (leaves.length === 0) break;
      for (const leaf of leaves) {
        if (leaf.index !== lineageIndex.count) {
          throw new IntegrityError(`ledger entry ${lineageIndex.count} is missing`, {
            reason: 'missing-leaf',
            details: { index: lineageIndex.count },
          });
        }
        if (!equalBytes(hashLeaf(leaf.bytes, hash), leaf.hash)) {
          throw new IntegrityError(`ledger entry ${leaf.index} does not match its leaf hash`, {
            reason: 'leaf-hash-mismatch',
            details: { index: leaf.index },
          });
        }
        lineageIndex.add(decode(leaf.index, leaf.bytes));
      }
    }
    return lineageIndex;
  }

  async function history(dataset: DatasetRef) {
    const ref = parseArgument(DatasetRef, dataset, 'dataset');
    const index = await syncLineage();
    return { ref, up: index.upstream(ref), down: index.downstream(ref) };
  }

  const ledger: Ledger = {
    origin,
    hash,
    async append(input, link) {
      const prepared = prepare(
        link === undefined ? input : linkEventToDecision(input, link),
        'event',
      );
      const { firstIndex } = await store.append(
        [{ bytes: prepared.bytes, hash: prepared.hash }],
        hash,
      );
      return {
        index: firstIndex,
        event: prepared.event,
        bytes: prepared.bytes,
        leafHash: prepared.hash,
      };
    },
    async appendBatch(inputs) {
      if (inputs === null || typeof inputs !== 'object' || !(Symbol.iterator in inputs)) {
        throw new ValidationError('events must be iterable', {
          path: 'events',
          reason: 'not-iterable',
        });
      }
      const prepared = [...inputs].map((input, i) => prepare(input, `events[${i}]`));
      const { firstIndex } = await store.append(
        prepared.map((p) => ({ bytes: p.bytes, hash: p.hash })),
        hash,
      );
      return prepared.map((p, i) => ({
        index: firstIndex + i,
        event: p.event,
        bytes: p.bytes,
        leafHash: p.hash,
      }));
    },
    async get(index) {
      assertIndex(index, 'index');
      const leaf = await store.getLeaf(index);
      if (leaf === undefined) throw outOfRange(`no ledger entry at index ${index}`, 'index');
      if (!equalBytes(hashLeaf(leaf.bytes, hash), leaf.hash)) {
        throw new IntegrityError(`ledger entry ${index} does not match its leaf hash`, {
          reason: 'leaf-hash-mismatch',
          details: { index },
        });
      }
      return {
        index,
        event: decode(index, leaf.bytes),
        bytes: leaf.bytes.slice(),
        leafHash: leaf.hash.slice(),
      };
    },
    size: () => store.size(),
    async root(size) {
      return rootAt(await currentSize(size, 'size'));
    },
    async proveInclusion(index, size) {
      assertIndex(index, 'index');
      const treeSize = await currentSize(size, 'size');
      if (index >= treeSize)
        throw outOfRange(`index ${index} is not below the tree size ${treeSize}`, 'index');
      const [leaf, proof, root] = await Promise.all([
        store.getNode(0, index),
        inclusionPath(store, index, treeSize, hash),
        rootAt(treeSize),
      ]);
      if (leaf === undefined) {
        throw new IntegrityError(`ledger store is missing the leaf hash of entry ${index}`, {
          reason: 'missing-node',
          details: { index },
        });
      }
      return { index, treeSize, leafHash: leaf.slice(), proof, root };
    },
    async proveConsistency(oldSize, newSize) {
      assertIndex(oldSize, 'oldSize');
      const size = await currentSize(newSize, 'newSize');
      if (oldSize > size) throw outOfRange(`oldSize ${oldSize} exceeds newSize ${size}`, 'oldSize');
      const [oldRoot, newRoot, proof] = await Promise.all([
        treeRoot(store, oldSize, hash),
        treeRoot(store, size, hash),
        oldSize === 0 || oldSize === size
          ? Promise.resolve([])
          : consistencyPath(store, oldSize, size, hash),
      ]);
      return { oldSize, newSize: size, oldRoot, newRoot, proof };
    },
    async checkpoint() {
      if (signer === undefined) {
        throw new LedgerError('checkpoint() needs a signer', {
          path: 'signer',
          reason: 'no-signer',
        });
      }
      // The latest checkpoint first, then the size: another process may append and
      // checkpoint in between, and its checkpoint must not look like a truncation.
      const latest = await store.latestCheckpoint();
      const size = await store.size();
      const root = await treeRoot(store, size, hash);
      // C2SP: a log must never sign a checkpoint inconsistent with one it signed before.
      if (latest !== undefined) {
        if (latest.size > size) {
          throw new IntegrityError(
            `the log holds ${size} entries but a checkpoint covers ${latest.size}`,
            {
              reason: 'truncated',
              details: { size, checkpointSize: latest.size },
            },
          );
        }
        if (!equalBytes(await treeRoot(store, latest.size, hash), latest.root)) {
          throw new IntegrityError(
            `the log no longer matches its checkpoint of size ${latest.size}`,
            {
              reason: 'inconsistent-with-checkpoint',
              details: { checkpointSize: latest.size },
            },
          );
        }
      }
      const note = signCheckpoint({ origin, size, root }, [signer]);
      await store.putCheckpoint({ size, root, note });
      return { size, root, note };
    },
    verify: (verifyOptions) =>
      verifyLedgerStore({ store, hash, origin, verifiers, signatures: verifyOptions?.signatures }),
    async upstream(dataset) {
      return (await history(dataset)).up;
    },
    async downstream(dataset) {
      return (await history(dataset)).down;
    },
    async sourceLabels(dataset) {
      const ref = parseArgument(DatasetRef, dataset, 'dataset');
      return (await syncLineage()).sourceLabels(ref);
    },
    async exportProv(dataset) {
      const { ref, up, down } = await history(dataset);
      return buildProv(ref, [...up.steps, ...down.steps], origin);
    },
    async exportOpenLineage(dataset) {
      const { up, down } = await history(dataset);
      return buildOpenLineage([...up.steps, ...down.steps], { ...options.openLineage, origin });
    },
  };
  return ledger;
}
