import { IntegrityError } from '../../errors/index.ts';
import type { NodeId } from '../../provenance/compact-range.ts';
import { computeAppend, frontierIds } from '../../provenance/compact-range.ts';
import type {
  HashFunction,
  LedgerLeaf,
  LedgerStore,
  StoredCheckpoint,
  StoredLeaf,
} from '../../provenance/index.ts';
import { isIndex, plainBytes } from '../shared/bytes.ts';
import { assertCheckpoint, assertHashLength, leafHashesOf } from '../shared/ledger-checks.ts';
import type { SqliteDatabase } from './sqlite-database.ts';
import { treePosition } from './tree-position.ts';

interface LeafRow {
  idx: number;
  bytes: Uint8Array;
  hash: Uint8Array;
}

interface CheckpointRow {
  size: number;
  root: Uint8Array;
  note: string;
}

/**
 * A provenance {@link LedgerStore} in SQLite. Each append is one `BEGIN
 * IMMEDIATE` transaction that reads the size, the frontier nodes, and writes
 * the leaves and the new tree nodes, so appends from several
 * processes sharing the file serialize into one consistent log, and a crash
 * leaves either all of an append or none of it.
 *
 * @param database - an open database from `openSqlite`
 * @returns the store
 * @example
 * ```ts
 * import { openSqlite, createSqliteLedgerStore } from 'dataguard/store/sqlite';
 * const db = openSqlite({ path: ':memory:' });
 * const store = createSqliteLedgerStore(db);
 * db.close();
 * ```
 */
export function createSqliteLedgerStore(database: SqliteDatabase): LedgerStore {
  const db = database.db;
  // The size is one past the last leaf row (a rowid lookup). The IMMEDIATE transaction
  // already serializes appends, so SQLite needs no head row to lock (PostgreSQL does).
  const readSize = db.prepare('SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_leaves').pluck();
  const insertLeaf = db.prepare('INSERT INTO ledger_leaves (idx, bytes) VALUES (?, ?)');
  const insertNode = db.prepare('INSERT INTO ledger_tree (pos, hash) VALUES (?, ?)');
  const nodeHash = db.prepare('SELECT hash FROM ledger_tree WHERE pos = ?').pluck();
  // A leaf is its bytes with its leaf hash (tree position 2·idx); a row missing on either side is a gap.
  const leaf = db.prepare(
    `SELECT l.idx, l.bytes, t.hash FROM ledger_leaves l
     JOIN ledger_tree t ON t.pos = 2 * l.idx WHERE l.idx = ?`,
  );
  const leaves = db.prepare(
    `SELECT l.idx, l.bytes, t.hash FROM ledger_leaves l
     JOIN ledger_tree t ON t.pos = 2 * l.idx
     WHERE l.idx >= ? AND l.idx < ? ORDER BY l.idx`,
  );
  // Nodes of one level in a position range: (pos + 1) has exactly `level` trailing zeros.
  const levelRange = db.prepare(
    `SELECT pos, hash FROM ledger_tree
     WHERE pos >= ? AND pos <= ? AND ((pos + 1) & ?) = ? ORDER BY pos`,
  );
  const insertCheckpoint = db.prepare(
    'INSERT INTO ledger_checkpoints (size, root, note) VALUES (?, ?, ?)',
  );
  const checkpoints = db.prepare(
    'SELECT size, root, note FROM ledger_checkpoints ORDER BY size, seq',
  );
  const latest = db.prepare(
    'SELECT size, root, note FROM ledger_checkpoints ORDER BY size DESC, seq DESC LIMIT 1',
  );

  // The frontier after this process's last append; reused when the size shows
  // nobody appended since (sizes only grow), which saves O(log n) reads.
  let cached: { size: number; frontier: Uint8Array[] } | undefined;

  function node(level: number, index: number): Uint8Array | undefined {
    if (!isIndex(level) || !isIndex(index)) return undefined;
    const position = treePosition(level, index);
    if (position === undefined) return undefined;
    const hash = nodeHash.get(position) as Uint8Array | undefined;
    return hash === undefined ? undefined : plainBytes(hash);
  }

  function frontier(size: number): Uint8Array[] {
    if (cached !== undefined && cached.size === size) return cached.frontier;
    return frontierIds(size).map(({ level, index }) => {
      const hash = node(level, index);
      if (hash === undefined) {
        throw new IntegrityError(`ledger tree node (${level}, ${index}) is missing`, {
          reason: 'missing-node',
          path: `ledger_tree(${level},${index})`,
        });
      }
      return hash;
    });
  }

  function append(entries: readonly LedgerLeaf[], hashes: Uint8Array[], hash: HashFunction) {
    const size = readSize.get() as number;
    const front = frontier(size);
    assertHashLength(front[0], hashes);
    const plan = computeAppend({ size, frontier: front, leafHashes: hashes, hash });
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as LedgerLeaf;
      insertLeaf.run(size + i, entry.bytes);
    }
    for (const record of plan.nodes) {
      insertNode.run(treePosition(record.level, record.index), record.hash);
    }
    const next = size + entries.length;
    return { firstIndex: size, size: next, frontier: plan.frontier };
  }

  const toLeaf = (row: LeafRow): StoredLeaf => ({
    index: row.idx,
    bytes: plainBytes(row.bytes),
    hash: plainBytes(row.hash),
  });
  const toCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({
    size: row.size,
    root: plainBytes(row.root),
    note: row.note,
  });

  return {
    async append(entries, hash) {
      const hashes = leafHashesOf(entries);
      if (entries.length === 0) {
        const size = readSize.get() as number;
        return { firstIndex: size, size };
      }
      let result: ReturnType<typeof append>;
      try {
        result = database.transaction(() => append(entries, hashes, hash));
      } catch (error) {
        cached = undefined;
        throw error;
      }
      cached = { size: result.size, frontier: result.frontier };
      return { firstIndex: result.firstIndex, size: result.size };
    },
    async size() {
      return readSize.get() as number;
    },
    async getLeaf(index) {
      if (!isIndex(index)) return undefined;
      const row = leaf.get(index) as LeafRow | undefined;
      return row === undefined ? undefined : toLeaf(row);
    },
    async getLeaves(from, to) {
      const start = Math.max(0, Math.ceil(from));
      if (!Number.isFinite(start) || !(to > start)) return [];
      // A deleted row shows as a gap in the indexes, for verify() to report.
      return (leaves.all(start, Math.min(to, Number.MAX_SAFE_INTEGER)) as LeafRow[]).map(toLeaf);
    },
    async getNode(level, index) {
      return node(level, index);
    },
    async getNodes(ids: readonly NodeId[]) {
      return ids.map((id) => node(id.level, id.index));
    },
    async getNodeRange(level, from, to) {
      const start = Math.max(0, Math.ceil(from));
      if (!isIndex(level) || level > 52 || !Number.isFinite(start) || !(to > start)) return [];
      // Beyond this index a level's positions are no longer safe integers.
      const limit = Math.floor((Number.MAX_SAFE_INTEGER + 1) / 2 ** (level + 1));
      const end = Math.min(to, limit);
      const out: Uint8Array[] = [];
      if (!(end > start)) return out;
      // Stop at the first gap: a missing row must not shift later nodes' positions.
      if (level <= 1) {
        // Low levels are dense in position: one range scan beats a lookup per node.
        const first = treePosition(level, start);
        const last = treePosition(level, end - 1);
        if (first === undefined || last === undefined) return out;
        const rows = levelRange.all(first, last, 2 ** (level + 1) - 1, 2 ** level) as {
          pos: number;
          hash: Uint8Array;
        }[];
        for (const row of rows) {
          if (row.pos !== treePosition(level, start + out.length)) break;
          out.push(plainBytes(row.hash));
        }
        return out;
      }
      for (let index = start; index < end; index++) {
        const hash = node(level, index);
        if (hash === undefined) break;
        out.push(hash);
      }
      return out;
    },
    async putCheckpoint(checkpoint) {
      assertCheckpoint(checkpoint);
      insertCheckpoint.run(checkpoint.size, checkpoint.root, checkpoint.note);
    },
    async listCheckpoints() {
      return (checkpoints.all() as CheckpointRow[]).map(toCheckpoint);
    },
    async latestCheckpoint() {
      const row = latest.get() as CheckpointRow | undefined;
      return row === undefined ? undefined : toCheckpoint(row);
    },
  };
}
