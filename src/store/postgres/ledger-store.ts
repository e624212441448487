import type { PoolClient } from 'pg';
import { IntegrityError } from '../../errors/index.ts';
import type { NodeId } from '../../provenance/compact-range.ts';
import { computeAppend, frontierIds } from '../../provenance/compact-range.ts';
import type { LedgerStore, StoredCheckpoint, StoredLeaf } from '../../provenance/index.ts';
import { isIndex, plainBytes } from '../shared/bytes.ts';
import { assertCheckpoint, assertHashLength, leafHashesOf } from '../shared/ledger-checks.ts';
import type { PostgresDatabase } from './postgres-database.ts';

interface LeafRow {
  idx: string;
  bytes: Uint8Array;
  hash: Uint8Array;
}

interface CheckpointRow {
  size: string;
  root: Uint8Array;
  note: string;
}

/**
 * A provenance {@link LedgerStore} in PostgreSQL. Each append is one
 * transaction that locks the log's head row (`SELECT … FOR UPDATE`), reads the
 * frontier nodes, and writes the leaves, the new tree nodes and the new size;
 * concurrent appenders in any process queue on the lock, so the log stays one
 * consistent sequence. When no other process appended since this one did, the
 * whole append is a single statement (one round trip) that checks the size
 * under the lock and falls back to the full transaction if it changed.
 *
 * @param database - an open database from `openPostgres`
 * @returns the store
 * @example
 * ```ts no-run needs a running PostgreSQL server (test/store runs the same calls against one)
 * const store = createPostgresLedgerStore(await openPostgres({ connectionString }));
 * ```
 */
export function createPostgresLedgerStore(database: PostgresDatabase): LedgerStore {
  const s = database.schema;
  const sql = {
    lockHead: `SELECT size FROM ${s}.ledger_head WHERE id = 1 FOR UPDATE`,
    size: `SELECT size FROM ${s}.ledger_head WHERE id = 1`,
    write: `WITH leaves AS (
        INSERT INTO ${s}.ledger_leaves (idx, bytes)
        SELECT * FROM unnest($1::bigint[], $2::bytea[])
      ), nodes AS (
        INSERT INTO ${s}.ledger_nodes (level, idx, hash)
        SELECT * FROM unnest($3::smallint[], $4::bigint[], $5::bytea[])
      )
      UPDATE ${s}.ledger_head SET size = $6 WHERE id = 1`,
    // The same write, done only if the locked head still has the size the caller
    // computed from ($7); after waiting for the lock PostgreSQL re-reads the row.
    writeIf: `WITH head AS (
        SELECT size FROM ${s}.ledger_head WHERE id = 1 FOR UPDATE
      ), ok AS (
        SELECT 1 FROM head WHERE size = $7
      ), leaves AS (
        INSERT INTO ${s}.ledger_leaves (idx, bytes)
        SELECT * FROM unnest($1::bigint[], $2::bytea[]) WHERE EXISTS (SELECT 1 FROM ok)
      ), nodes AS (
        INSERT INTO ${s}.ledger_nodes (level, idx, hash)
        SELECT * FROM unnest($3::smallint[], $4::bigint[], $5::bytea[])
        WHERE EXISTS (SELECT 1 FROM ok)
      ), bumped AS (
        UPDATE ${s}.ledger_head SET size = $6 WHERE id = 1 AND EXISTS (SELECT 1 FROM ok)
        RETURNING size
      )
      SELECT count(*)::int AS applied FROM bumped`,
    nodes: `SELECT n.level, n.idx, n.hash FROM ${s}.ledger_nodes n
      JOIN unnest($1::smallint[], $2::bigint[]) AS want(level, idx)
        ON n.level = want.level AND n.idx = want.idx`,
    // A leaf is its bytes with its leaf hash (node level 0); a row missing on either side is a gap.
    leaf: `SELECT l.idx, l.bytes, n.hash FROM ${s}.ledger_leaves l
      JOIN ${s}.ledger_nodes n ON n.level = 0 AND n.idx = l.idx WHERE l.idx = $1`,
    leaves: `SELECT l.idx, l.bytes, n.hash FROM ${s}.ledger_leaves l
      JOIN ${s}.ledger_nodes n ON n.level = 0 AND n.idx = l.idx
      WHERE l.idx >= $1 AND l.idx < $2 ORDER BY l.idx`,
    nodeRange: `SELECT idx, hash FROM ${s}.ledger_nodes
      WHERE level = $1 AND idx >= $2 AND idx < $3 ORDER BY idx`,
    putCheckpoint: `INSERT INTO ${s}.ledger_checkpoints (size, root, note) VALUES ($1, $2, $3)`,
    checkpoints: `SELECT size, root, note FROM ${s}.ledger_checkpoints ORDER BY size, seq`,
    latest: `SELECT size, root, note FROM ${s}.ledger_checkpoints
      ORDER BY size DESC, seq DESC LIMIT 1`,
  };

  // The frontier after this process's last append; reused when the locked size
  // shows nobody appended since (sizes only grow), which saves a round trip.
  let cached: { size: number; frontier: Uint8Array[] } | undefined;

  async function readNodes(
    query: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>,
    ids: readonly NodeId[],
  ): Promise<(Uint8Array | undefined)[]> {
    const levels: number[] = [];
    const indexes: number[] = [];
    for (const id of ids) {
      if (!isIndex(id.level) || !isIndex(id.index) || id.level > 32767) continue;
      levels.push(id.level);
      indexes.push(id.index);
    }
    const found = new Map<string, Uint8Array>();
    if (levels.length > 0) {
      const result = await query(sql.nodes, [levels, indexes]);
      for (const row of result.rows as { level: number; idx: string; hash: Uint8Array }[]) {
        found.set(`${row.level}:${row.idx}`, plainBytes(row.hash));
      }
    }
    return ids.map((id) => found.get(`${id.level}:${id.index}`));
  }

  async function frontier(client: PoolClient, size: number): Promise<Uint8Array[]> {
    if (cached !== undefined && cached.size === size) return cached.frontier;
    const ids = frontierIds(size);
    const hashes = await readNodes((text, values) => client.query(text, values), ids);
    return hashes.map((hash, i) => {
      if (hash === undefined) {
        const id = ids[i] as NodeId;
        throw new IntegrityError(`ledger tree node (${id.level}, ${id.index}) is missing`, {
          reason: 'missing-node',
          path: `ledger_nodes(${id.level},${id.index})`,
        });
      }
      return hash;
    });
  }

  const toLeaf = (row: LeafRow): StoredLeaf => ({
    index: Number(row.idx),
    bytes: plainBytes(row.bytes),
    hash: plainBytes(row.hash),
  });
  const toCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({
    size: Number(row.size),
    root: plainBytes(row.root),
    note: row.note,
  });
  const contiguous = <R extends { idx: string }, T>(rows: R[], start: number, map: (r: R) => T) => {
    const out: T[] = [];
    // Stop at the first gap: a missing row must not shift later nodes' positions.
    for (const row of rows) {
      if (Number(row.idx) !== start + out.length) break;
      out.push(map(row));
    }
    return out;
  };
  const readSize = async () =>
    Number((await database.query<{ size: string }>(sql.size)).rows[0]?.size ?? 0);

  return {
    async append(entries, hash) {
      const hashes = leafHashesOf(entries);
      if (entries.length === 0) {
        const size = await readSize();
        return { firstIndex: size, size };
      }
      const leafBytes = entries.map((entry) => entry.bytes);
      const writeParams = (size: number, front: Uint8Array[]) => {
        assertHashLength(front[0], hashes);
        const plan = computeAppend({ size, frontier: front, leafHashes: hashes, hash });
        const levels: number[] = [];
        const indexes: number[] = [];
        const nodeHashes: Uint8Array[] = [];
        for (const record of plan.nodes) {
          levels.push(record.level);
          indexes.push(record.index);
          nodeHashes.push(record.hash);
        }
        const next = size + entries.length;
        const params = [
          hashes.map((_, i) => size + i),
          leafBytes,
          levels,
          indexes,
          nodeHashes,
          next,
        ];
        return { params, result: { firstIndex: size, size: next, frontier: plan.frontier } };
      };
      try {
        // Fast path: if nobody appended since this process did, one statement (one round
        // trip, one commit) checks the size under the row lock and writes everything.
        const known = cached;
        if (known !== undefined) {
          const { params, result } = writeParams(known.size, known.frontier);
          const written = await database.query<{ applied: number }>(sql.writeIf, [
            ...params,
            known.size,
          ]);
          if (written.rows[0]?.applied === 1) {
            cached = { size: result.size, frontier: result.frontier };
            return { firstIndex: result.firstIndex, size: result.size };
          }
        }
        const result = await database.transaction(async (client) => {
          const head = await client.query<{ size: string }>(sql.lockHead);
          const size = Number(head.rows[0]?.size ?? 0);
          const { params, result } = writeParams(size, await frontier(client, size));
          await client.query(sql.write, params);
          return result;
        });
        cached = { size: result.size, frontier: result.frontier };
        return { firstIndex: result.firstIndex, size: result.size };
      } catch (error) {
        cached = undefined;
        throw error;
      }
    },
    size: readSize,
    async getLeaf(index) {
      if (!isIndex(index)) return undefined;
      const row = (await database.query<LeafRow>(sql.leaf, [index])).rows[0];
      return row === undefined ? undefined : toLeaf(row);
    },
    async getLeaves(from, to) {
      const start = Math.max(0, Math.ceil(from));
      if (!Number.isFinite(start) || !(to > start)) return [];
      const end = Math.min(to, Number.MAX_SAFE_INTEGER);
      const rows = (await database.query<LeafRow>(sql.leaves, [start, end])).rows;
      // A deleted row shows as a gap in the indexes, for verify() to report.
      return rows.map(toLeaf);
    },
    async getNode(level, index) {
      return (await readNodes((t, v) => database.query(t, v), [{ level, index }]))[0];
    },
    async getNodes(ids) {
      return readNodes((t, v) => database.query(t, v), ids);
    },
    async getNodeRange(level, from, to) {
      const start = Math.max(0, Math.ceil(from));
      if (!isIndex(level) || !Number.isFinite(start) || !(to > start)) return [];
      const end = Math.min(to, Number.MAX_SAFE_INTEGER);
      if (level > 32767) return [];
      const rows = await database.query<{ idx: string; hash: Uint8Array }>(sql.nodeRange, [
        level,
        start,
        end,
      ]);
      return contiguous(rows.rows, start, (row) => plainBytes(row.hash));
    },
    async putCheckpoint(checkpoint) {
      assertCheckpoint(checkpoint);
      await database.query(sql.putCheckpoint, [checkpoint.size, checkpoint.root, checkpoint.note]);
    },
    async listCheckpoints() {
      return (await database.query<CheckpointRow>(sql.checkpoints)).rows.map(toCheckpoint);
    },
    async latestCheckpoint() {
      const row = (await database.query<CheckpointRow>(sql.latest)).rows[0];
      return row === undefined ? undefined : toCheckpoint(row);
    },
  };
}
