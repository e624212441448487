import { StoreError } from '../errors/kinds.ts';
import { computeAppend, type NodeId } from './compact-range.ts';
import type { HashFunction } from './hash-function.ts';
import type {
  AppendResult,
  LedgerLeaf,
  LedgerStore,
  StoredCheckpoint,
  StoredLeaf,
} from './ledger-store.ts';

/**
 * Live internal state of a memory store, for tamper tests and forensics.
 * Changing it breaks the log's integrity on purpose; `ledger.verify()` then
 * reports the first bad index.
 */
export interface MemoryLedgerInternals {
  /** The stored leaf bytes (events) by index; splice, swap or edit them to tamper. */
  readonly leaves: Uint8Array[];
  /** The stored checkpoints, ascending by size. */
  readonly checkpoints: StoredCheckpoint[];
  /** Overwrites the stored hash of node (level, index). */
  setNode(level: number, index: number, hash: Uint8Array): void;
}

/** An in-memory {@link LedgerStore} with its internals reachable for tests. */
export interface MemoryLedgerStore extends LedgerStore {
  /** Live internals: see {@link MemoryLedgerInternals}. */
  readonly internals: MemoryLedgerInternals;
}

// One level of the tree as a growable array of fixed-size hashes; millions of
// separate 32-byte arrays would cost more memory than the hashes themselves.
interface Level {
  buffer: Uint8Array;
  count: number;
}

/**
 * Creates an in-memory ledger store (nothing persists past the process).
 *
 * @returns a {@link MemoryLedgerStore}
 * @example
 * ```ts
 * import { createLedger, createMemoryLedgerStore } from 'dataguard/provenance';
 * const ledger = createLedger({ origin: 'example.gov.cn/ledger', store: createMemoryLedgerStore() });
 * ```
 */
export function createMemoryLedgerStore(): MemoryLedgerStore {
  const leaves: Uint8Array[] = [];
  const levels: Level[] = [];
  const checkpoints: StoredCheckpoint[] = [];
  let nodeSize = 0;
  let treeSize = 0;
  let frontier: Uint8Array[] = [];

  function node(level: number, index: number): Uint8Array | undefined {
    const row = levels[level];
    if (row === undefined || !Number.isInteger(index) || index < 0 || index >= row.count) {
      return undefined;
    }
    return row.buffer.subarray(index * nodeSize, (index + 1) * nodeSize);
  }

  function writeNode(level: number, index: number, hash: Uint8Array): void {
    let row = levels[level];
    if (row === undefined) {
      row = { buffer: new Uint8Array(nodeSize * 1024), count: 0 };
      levels[level] = row;
    }
    const end = (index + 1) * nodeSize;
    if (end > row.buffer.length) {
      const grown = new Uint8Array(Math.max(end, row.buffer.length * 2));
      grown.set(row.buffer.subarray(0, row.count * nodeSize));
      row.buffer = grown;
    }
    row.buffer.set(hash, index * nodeSize);
    if (index >= row.count) row.count = index + 1;
  }

  const internals: MemoryLedgerInternals = {
    leaves,
    checkpoints,
    setNode(level, index, hash) {
      if (nodeSize === 0 || hash.length !== nodeSize) {
        throw new StoreError('setNode needs a hash of the stored node size', {
          reason: 'bad-hash-length',
          path: 'hash',
        });
      }
      writeNode(level, index, hash);
    },
  };

  return {
    internals,
    async append(entries: readonly LedgerLeaf[], hash: HashFunction): Promise<AppendResult> {
      if (entries.length === 0) return { firstIndex: treeSize, size: treeSize };
      const size = entries[0]?.hash.length ?? 0;
      if (nodeSize === 0) nodeSize = size;
      const leafHashes: Uint8Array[] = [];
      for (const entry of entries) {
        if (!(entry.bytes instanceof Uint8Array) || !(entry.hash instanceof Uint8Array)) {
          throw new StoreError('ledger leaves need bytes and hash as Uint8Array', {
            reason: 'not-bytes',
          });
        }
        if (entry.hash.length !== nodeSize) {
          throw new StoreError('leaf hash length differs from the stored hashes', {
            reason: 'bad-hash-length',
          });
        }
        leafHashes.push(entry.hash);
      }
      // Compute first, then write: a failing hash leaves the store unchanged.
      const plan = computeAppend({ size: treeSize, frontier, leafHashes, hash });
      const firstIndex = treeSize;
      for (const entry of entries) leaves.push(entry.bytes.slice());
      for (const record of plan.nodes) writeNode(record.level, record.index, record.hash);
      frontier = plan.frontier;
      treeSize += entries.length;
      return { firstIndex, size: treeSize };
    },
    async size() {
      return leaves.length;
    },
    async getLeaf(index: number): Promise<StoredLeaf | undefined> {
      const bytes = leaves[index];
      const hash = node(0, index);
      return bytes === undefined || hash === undefined ? undefined : { index, bytes, hash };
    },
    async getLeaves(from: number, to: number): Promise<StoredLeaf[]> {
      const out: StoredLeaf[] = [];
      const end = Math.min(to, leaves.length);
      for (let i = Math.max(0, from); i < end; i++) {
        const hash = node(0, i);
        if (hash === undefined) break;
        out.push({ index: i, bytes: leaves[i] as Uint8Array, hash });
      }
      return out;
    },
    async getNode(level: number, index: number) {
      return node(level, index);
    },
    async getNodes(ids: readonly NodeId[]) {
      return ids.map((id) => node(id.level, id.index));
    },
    async getNodeRange(level: number, from: number, to: number) {
      const out: Uint8Array[] = [];
      const row = levels[level];
      if (row === undefined) return out;
      const end = Math.min(to, row.count);
      for (let i = Math.max(0, from); i < end; i++) {
        out.push(row.buffer.subarray(i * nodeSize, (i + 1) * nodeSize));
      }
      return out;
    },
    async putCheckpoint(checkpoint: StoredCheckpoint) {
      const copy: StoredCheckpoint = {
        size: checkpoint.size,
        root: checkpoint.root.slice(),
        note: checkpoint.note,
      };
      let at = checkpoints.length;
      while (at > 0 && (checkpoints[at - 1] as StoredCheckpoint).size > copy.size) at--;
      checkpoints.splice(at, 0, copy);
    },
    async listCheckpoints() {
      return [...checkpoints];
    },
    async latestCheckpoint() {
      return checkpoints[checkpoints.length - 1];
    },
  };
}
