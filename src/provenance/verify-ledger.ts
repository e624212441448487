import { equalBytes } from '../core/bytes.ts';
import { parseCheckpoint, safeVerifyCheckpoint } from './checkpoint.ts';
import { type AppendPlan, computeAppend, foldRange, type NodeRecord } from './compact-range.ts';
import type { HashFunction } from './hash-function.ts';
import type { LedgerStore, StoredCheckpoint } from './ledger-store.ts';
import { createNodeHasher, emptyRoot, hashLeaf } from './merkle-hash.ts';
import type { NoteVerifier } from './note-keys.ts';

/** What `verify()` found wrong. */
export type LedgerProblem =
  /** A leaf's bytes do not hash to the leaf hash stored in the tree: modified, inserted, deleted or moved. */
  | 'leaf-hash-mismatch'
  /** A leaf row is missing (a gap in the stored indexes). */
  | 'missing-leaf'
  /** The tree holds more leaf hashes than there are leaves: entries were deleted at the end. */
  | 'missing-tail'
  /** A stored interior node differs from the one recomputed from the leaves. */
  | 'node-mismatch'
  /** A stored interior node is missing. */
  | 'missing-node'
  /** The root recomputed from the leaves differs from a signed checkpoint's root. */
  | 'checkpoint-mismatch'
  /** A signed checkpoint covers more entries than the log holds: the log was truncated. */
  | 'truncated'
  /** A stored checkpoint's signature, origin or format does not verify. */
  | 'checkpoint-unverified'
  /** Two stored checkpoints have the same size and different roots. */
  | 'checkpoints-inconsistent';

/** The result of verifying a whole ledger. */
export type LedgerVerifyReport =
  | {
      readonly ok: true;
      readonly size: number;
      /** Checkpoints whose roots were recomputed and matched. */
      readonly checkpointsChecked: number;
      /**
       * Which checkpoint signatures were verified: `all`, only the `latest`
       * (see {@link VerifyOptions}), or `unchecked` when no verifier key was configured.
       */
      readonly signatures: 'all' | 'latest' | 'unchecked';
    }
  | {
      readonly ok: false;
      readonly size: number;
      readonly problem: LedgerProblem;
      /**
       * Entries before this index are proven intact. Exact for modified,
       * inserted, deleted or reordered entries while the tree's leaf hashes
       * are untouched; when an attacker also rewrote the tree, the start of
       * the smallest subtree or checkpoint interval that fails. Undefined for
       * problems with a checkpoint itself.
       */
      readonly firstBadIndex: number | undefined;
      /** A non-personal explanation. */
      readonly detail: string;
      /** Signed notes that show the problem (for checkpoint problems). */
      readonly evidence?: readonly string[] | undefined;
    };

const CHUNK = 8192;

/** Options of `ledger.verify()`. */
export interface VerifyOptions {
  /**
   * `all` (default) verifies every stored checkpoint's signature. `latest`
   * verifies the latest one, plus every checkpoint a finding rests on: a
   * history rewritten anywhere before the latest signed size changes its root,
   * so tampering is still caught, at one signature check instead of one per
   * checkpoint; forged checkpoints that state the true root go unnoticed.
   */
  readonly signatures?: 'all' | 'latest' | undefined;
}

interface Failure {
  readonly problem: LedgerProblem;
  readonly firstBadIndex: number | undefined;
  readonly detail: string;
  readonly evidence?: readonly string[] | undefined;
}

/**
 * Recomputes a stored ledger from its leaf bytes and compares every leaf
 * hash, every tree node and every checkpoint; never repairs anything.
 */
export async function verifyLedgerStore(options: {
  readonly store: LedgerStore;
  readonly hash: HashFunction;
  readonly origin: string;
  readonly verifiers: readonly NoteVerifier[];
  readonly signatures?: 'all' | 'latest' | undefined;
}): Promise<LedgerVerifyReport> {
  const { store, hash, origin, verifiers } = options;
  const mode = options.signatures ?? 'all';
  // Other processes may append and checkpoint meanwhile. Stored entries, nodes and
  // checkpoints never change, and a checkpoint is stored only after the entries it
  // covers, so reading the checkpoints before the size gives a consistent view:
  // every checkpoint read covers at most `size` entries unless the log was truncated.
  const checkpoints = await store.listCheckpoints();
  const size = await store.size();
  const fail = (failure: Failure): LedgerVerifyReport => ({ ok: false, size, ...failure });

  // Signature checks are memoized: a finding may ask again about a checkpoint.
  const verified = new Map<StoredCheckpoint, boolean>();
  const signed = (checkpoint: StoredCheckpoint): boolean => {
    if (verifiers.length === 0) return true;
    let ok = verified.get(checkpoint);
    if (ok === undefined) {
      ok = safeVerifyCheckpoint(checkpoint.note, { verifiers, origin }).ok;
      verified.set(checkpoint, ok);
    }
    return ok;
  };
  const unverified = (checkpoint: StoredCheckpoint): Failure => ({
    problem: 'checkpoint-unverified',
    firstBadIndex: undefined,
    detail: `stored checkpoint of size ${checkpoint.size} does not verify with the log's keys`,
    evidence: [checkpoint.note],
  });

  const recordFailure = checkCheckpointRecords(checkpoints, origin, signed, unverified);
  if (recordFailure) return fail(recordFailure);
  const upfront = mode === 'all' ? checkpoints : checkpoints.slice(-1);
  for (const checkpoint of upfront) if (!signed(checkpoint)) return fail(unverified(checkpoint));

  const hasher = createNodeHasher(hash);
  let frontier: Uint8Array[] = [];
  let checkpointAt = 0;
  const good: StoredCheckpoint[] = [];
  // The last checkpoint before a failure whose signature holds bounds the damage.
  const lastSignedGoodSize = (): number => {
    for (let i = good.length - 1; i >= 0; i--) {
      const checkpoint = good[i] as StoredCheckpoint;
      if (signed(checkpoint)) return checkpoint.size;
    }
    return 0;
  };
  const compareCheckpointsAt = (treeSize: number): Failure | undefined => {
    while (
      checkpointAt < checkpoints.length &&
      (checkpoints[checkpointAt] as StoredCheckpoint).size === treeSize
    ) {
      const checkpoint = checkpoints[checkpointAt] as StoredCheckpoint;
      const root = treeSize === 0 ? emptyRoot(hash) : foldRange(frontier, hasher);
      if (!equalBytes(root, checkpoint.root)) {
        if (!signed(checkpoint)) return unverified(checkpoint);
        const bound = lastSignedGoodSize();
        return {
          problem: 'checkpoint-mismatch',
          firstBadIndex: bound,
          detail: `root recomputed at size ${treeSize} differs from the signed checkpoint; the change lies in [${bound}, ${treeSize})`,
          evidence: [checkpoint.note],
        };
      }
      good.push(checkpoint);
      checkpointAt++;
    }
    return undefined;
  };

  const initial = compareCheckpointsAt(0);
  if (initial) return fail(initial);
  for (let from = 0; from < size; from += CHUNK) {
    const to = Math.min(size, from + CHUNK);
    const leaves = await store.getLeaves(from, to);
    const computed: Uint8Array[] = [];
    // A bad leaf stops the scan, but nodes and checkpoints completed before it
    // are still compared: one of them may reveal an earlier bad index.
    let leafFailure: Failure | undefined;
    for (let i = 0; i < to - from; i++) {
      const leaf = leaves[i];
      const index = from + i;
      if (leaf === undefined || leaf.index !== index) {
        leafFailure = {
          problem: 'missing-leaf',
          firstBadIndex: index,
          detail: `no stored entry at index ${index}`,
        };
        break;
      }
      const recomputed = hashLeaf(leaf.bytes, hash);
      if (!equalBytes(recomputed, leaf.hash)) {
        leafFailure = {
          problem: 'leaf-hash-mismatch',
          firstBadIndex: index,
          detail: `entry ${index} does not hash to the leaf hash stored in the tree`,
        };
        break;
      }
      computed.push(recomputed);
    }
    // Walk the chunk in pieces that end at checkpoint sizes, so each
    // checkpoint is compared with the root at exactly its size.
    let at = 0;
    while (at < computed.length) {
      const nextCheckpoint =
        checkpointAt < checkpoints.length
          ? (checkpoints[checkpointAt] as StoredCheckpoint).size
          : Number.POSITIVE_INFINITY;
      const stop = Math.min(computed.length, Math.max(at + 1, nextCheckpoint - from));
      const plan = computeAppend({
        size: from + at,
        frontier,
        leafHashes: computed.slice(at, stop),
        hash,
      });
      const nodeFailure = await compareNodes(store, plan);
      if (nodeFailure) return fail(nodeFailure);
      frontier = plan.frontier;
      at = stop;
      const checkpointFailure = compareCheckpointsAt(from + at);
      if (checkpointFailure) return fail(checkpointFailure);
    }
    if (leafFailure) return fail(leafFailure);
  }
  if ((await store.getNode(0, size)) !== undefined && !(await appendedSince(store, size))) {
    return fail({
      problem: 'missing-tail',
      firstBadIndex: size,
      detail: `the tree holds a leaf hash at index ${size} but there is no entry`,
    });
  }
  const beyond = checkpoints[checkpointAt];
  if (beyond !== undefined) {
    if (!signed(beyond)) return fail(unverified(beyond));
    return fail({
      problem: 'truncated',
      firstBadIndex: size,
      detail: `a signed checkpoint covers ${beyond.size} entries but the log holds ${size}`,
      evidence: [beyond.note],
    });
  }
  return {
    ok: true,
    size,
    checkpointsChecked: checkpoints.length,
    signatures: verifiers.length === 0 ? 'unchecked' : mode,
  };
}

// A leaf hash just past `size` is a missing tail only if no append has landed
// there since the size was read: appends write a leaf with its hash and the
// larger size in one transaction, so after a real append the size has grown
// and the entry at `size` is there. A deleted tail leaves the size where it was.
async function appendedSince(store: LedgerStore, size: number): Promise<boolean> {
  if ((await store.size()) <= size) return false;
  return (await store.getLeaf(size)) !== undefined;
}

// Compares the interior nodes an append produced with the stored ones, one
// range read per level.
async function compareNodes(store: LedgerStore, plan: AppendPlan): Promise<Failure | undefined> {
  const byLevel = new Map<number, NodeRecord[]>();
  for (const node of plan.nodes) {
    if (node.level === 0) continue;
    let list = byLevel.get(node.level);
    if (list === undefined) {
      list = [];
      byLevel.set(node.level, list);
    }
    list.push(node);
  }
  let first: Failure | undefined;
  let firstStart = Infinity;
  for (const [level, nodes] of byLevel) {
    const low = (nodes[0] as NodeRecord).index;
    const stored = await store.getNodeRange(
      level,
      low,
      (nodes[nodes.length - 1] as NodeRecord).index + 1,
    );
    for (const node of nodes) {
      const start = node.index * 2 ** level;
      if (start >= firstStart) break;
      const have = stored[node.index - low];
      if (have === undefined || !equalBytes(have, node.hash)) {
        firstStart = start;
        first = {
          problem: have === undefined ? 'missing-node' : 'node-mismatch',
          firstBadIndex: start,
          detail: `tree node (${level}, ${node.index}) over entries [${start}, ${start + 2 ** level}) ${
            have === undefined ? 'is missing' : 'differs from the entries'
          }`,
        };
        break;
      }
    }
  }
  return first;
}

// Each stored checkpoint must be a well-formed note of this log whose size
// and root match its stored columns; two of one size must have one root
// (reported only when both are really signed: otherwise one is a forgery).
function checkCheckpointRecords(
  checkpoints: readonly StoredCheckpoint[],
  origin: string,
  signed: (checkpoint: StoredCheckpoint) => boolean,
  unverified: (checkpoint: StoredCheckpoint) => Failure,
): Failure | undefined {
  for (const stored of checkpoints) {
    let body: ReturnType<typeof parseCheckpoint> | undefined;
    try {
      body = parseCheckpoint(stored.note.slice(0, stored.note.lastIndexOf('\n\n') + 1));
    } catch {
      body = undefined;
    }
    if (
      body === undefined ||
      body.origin !== origin ||
      body.size !== stored.size ||
      !equalBytes(body.root, stored.root)
    ) {
      return {
        problem: 'checkpoint-unverified',
        firstBadIndex: undefined,
        detail: `stored checkpoint of size ${stored.size} is malformed, of another log, or does not match its note`,
        evidence: [stored.note],
      };
    }
  }
  for (let i = 1; i < checkpoints.length; i++) {
    const a = checkpoints[i - 1] as StoredCheckpoint;
    const b = checkpoints[i] as StoredCheckpoint;
    if (a.size === b.size && !equalBytes(a.root, b.root)) {
      if (!signed(a)) return unverified(a);
      if (!signed(b)) return unverified(b);
      return {
        problem: 'checkpoints-inconsistent',
        firstBadIndex: undefined,
        detail: `two signed checkpoints of size ${a.size} have different roots`,
        evidence: [a.note, b.note],
      };
    }
  }
  return undefined;
}
