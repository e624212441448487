import { systemClock } from '../core/clock.ts';
import { systemRandom } from '../core/random.ts';
import { sha256Hash } from './hash-function.ts';
import { appendEvent, appendEvents } from './ledger-append.ts';
import { checkpointLedger } from './ledger-checkpoint.ts';
import {
  downstreamOf,
  exportOpenLineageOf,
  exportProvOf,
  sourceLabelsOf,
  upstreamOf,
} from './ledger-lineage.ts';
import { assertLedgerOptions } from './ledger-options.ts';
import { proveConsistency, proveInclusion } from './ledger-proofs.ts';
import { getEntry } from './ledger-read.ts';
import { currentSize, type LedgerState, rootAt } from './ledger-state.ts';
import type { Ledger, LedgerOptions } from './ledger-types.ts';
import { createTrustedLineageIndex } from './lineage.ts';
import { createMemoryLedgerStore } from './memory-ledger-store.ts';
import { uuidV7Source } from './uuid.ts';
import { verifyLedgerStore } from './verify-ledger.ts';

export type {
  ConsistencyProof,
  InclusionProof,
  Ledger,
  LedgerCheckpoint,
  LedgerEntry,
  LedgerOptions,
} from './ledger-types.ts';

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
  const signer = options.signer;
  const verifiers = options.verifiers ?? (signer?.verifier === undefined ? [] : [signer.verifier]);
  const state: LedgerState = {
    origin,
    store,
    hash,
    clock,
    newId: uuidV7Source(clock, options.random ?? systemRandom),
    signer,
    verifiers,
    openLineage: options.openLineage,
    lineageIndex: createTrustedLineageIndex(),
    cachedRoot: undefined,
    syncing: Promise.resolve(),
  };
  return {
    origin,
    hash,
    append: (input, link) => appendEvent(state, input, link),
    appendBatch: (inputs) => appendEvents(state, inputs),
    get: (index) => getEntry(state, index),
    size: () => store.size(),
    root: async (size) => rootAt(state, await currentSize(state, size, 'size')),
    proveInclusion: (index, size) => proveInclusion(state, index, size),
    proveConsistency: (oldSize, newSize) => proveConsistency(state, oldSize, newSize),
    checkpoint: () => checkpointLedger(state),
    verify: (verifyOptions) =>
      verifyLedgerStore({ store, hash, origin, verifiers, signatures: verifyOptions?.signatures }),
    upstream: (dataset) => upstreamOf(state, dataset),
    downstream: (dataset) => downstreamOf(state, dataset),
    sourceLabels: (dataset) => sourceLabelsOf(state, dataset),
    exportProv: (dataset) => exportProvOf(state, dataset),
    exportOpenLineage: (dataset) => exportOpenLineageOf(state, dataset),
  };
}
