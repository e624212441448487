import type { NodeId } from './compact-range.ts';
import type { HashFunction } from './hash-function.ts';

/** One entry to append: the leaf's bytes and its RFC 9162 leaf hash. */
export interface LedgerLeaf {
  /** The leaf data (for the ledger: the event's RFC 8785 canonical JSON). */
  readonly bytes: Uint8Array;
  /** `H(0x00 || bytes)`, computed by the caller outside the store's transaction. */
  readonly hash: Uint8Array;
}

/** A stored leaf: its index, its bytes and the leaf hash held in the tree (node level 0). */
export interface StoredLeaf {
  readonly index: number;
  readonly bytes: Uint8Array;
  readonly hash: Uint8Array;
}

/** Where an append landed. */
export interface AppendResult {
  /** Index of the first appended leaf. */
  readonly firstIndex: number;
  /** Tree size after the append. */
  readonly size: number;
}

/** A signed checkpoint as stored: the size and root it commits to and the signed note text. */
export interface StoredCheckpoint {
  readonly size: number;
  readonly root: Uint8Array;
  /** The full C2SP signed note (checkpoint body, blank line, signature lines). */
  readonly note: string;
}

/**
 * Persistence for the provenance ledger's Merkle log.
 *
 * Data model: leaves (index → bytes), tree nodes ((level, index) → hash, for
 * every complete perfect subtree, level 0 being the leaf hashes) and signed
 * checkpoints. Leaves and nodes are append-only and never change once
 * written, so any tree size up to the current one can be rebuilt from
 * O(log n) nodes.
 *
 * Contract for backends (the conformance suite in
 * test/conformance/ledger-store.ts checks it):
 * - `append` is atomic and serialized with every other append to the same
 *   log, across processes: inside one write transaction it reads the current
 *   size and the `frontierIds(size)` nodes, calls `computeAppend` with the
 *   given leaf hashes and `hash`, and writes the leaves and every returned
 *   node. Either all of it is visible afterwards or none.
 * - An empty append writes nothing and returns the current size.
 * - Reads return copies or views the caller must not modify; a store never
 *   keeps a reference to caller-owned input buffers.
 * - Reads outside the stored range return `undefined` (single) or fewer items
 *   (ranges), never throw.
 * - Checkpoints are listed by ascending size (ties in insertion order).
 * - Reads may run while other processes append: the size never shrinks, and an
 *   append's leaves, nodes and new size become visible together. `verify()`
 *   and `checkpoint()` rely on this (reading checkpoints before the size) to
 *   see a consistent log without a read transaction.
 */
export interface LedgerStore {
  /** Appends leaves and their tree nodes atomically; see the interface's contract. */
  append(leaves: readonly LedgerLeaf[], hash: HashFunction): Promise<AppendResult>;
  /** Number of leaves. */
  size(): Promise<number>;
  /** The leaf at `index`, or undefined. */
  getLeaf(index: number): Promise<StoredLeaf | undefined>;
  /** Leaves [from, to) that exist, in index order (a missing row shows as a gap in `index`). */
  getLeaves(from: number, to: number): Promise<StoredLeaf[]>;
  /** The hash of node (level, index), or undefined when that subtree is not complete. */
  getNode(level: number, index: number): Promise<Uint8Array | undefined>;
  /** Several nodes at once (one round trip for database backends), in the order asked. */
  getNodes(ids: readonly NodeId[]): Promise<(Uint8Array | undefined)[]>;
  /** Nodes of one level with index in [from, to) that exist, in index order. */
  getNodeRange(level: number, from: number, to: number): Promise<Uint8Array[]>;
  /** Stores a signed checkpoint. */
  putCheckpoint(checkpoint: StoredCheckpoint): Promise<void>;
  /** Every stored checkpoint, ascending by size. */
  listCheckpoints(): Promise<StoredCheckpoint[]>;
  /** The checkpoint with the largest size (the last stored among equals), or undefined. */
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
}
