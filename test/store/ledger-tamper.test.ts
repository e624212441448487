// Tampering with the ledger's rows directly in SQLite and PostgreSQL (flipped
// bytes, deleted, inserted and reordered rows, rewritten tree nodes, truncation,
// edited checkpoints): verify() reports each one with the first bad index.
import { ed25519 } from '@noble/curves/ed25519.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { sha256Hash } from '../../src/provenance/hash-function.ts';
import {
  createLedger,
  createNoteSigner,
  type Ledger,
  type LedgerStore,
  leafHash,
} from '../../src/provenance/index.ts';
import {
  createPostgresLedgerStore,
  type PostgresDatabase,
} from '../../src/store/postgres/index.ts';
import { createSqliteLedgerStore, type SqliteDatabase } from '../../src/store/sqlite/index.ts';
import { treePosition } from '../../src/store/sqlite/tree-position.ts';
import { announcePgSkip, PG_URL, postgresFactory, sqliteFactory } from './harness.ts';

announcePgSkip('ledger-tamper.test.ts');

const ORIGIN = 'tamper.example/ledger';
const signer = createNoteSigner({ name: ORIGIN, secretKey: ed25519.utils.randomSecretKey() });
const SIZE = 40;
const CHECKPOINT_AT = 35;

/** Raw row access, bypassing the store, as an attacker with database access would. */
interface Raw {
  leafBytes(index: number): Promise<Uint8Array>;
  setLeafBytes(index: number, bytes: Uint8Array): Promise<void>;
  deleteLeaf(index: number): Promise<void>;
  /** Moves leaf rows with idx ≥ from up by one (making room for an insertion). */
  shiftLeavesUp(from: number): Promise<void>;
  insertLeaf(index: number, bytes: Uint8Array): Promise<void>;
  swapLeaves(a: number, b: number): Promise<void>;
  setNode(level: number, index: number, hash: Uint8Array): Promise<void>;
  /** Deletes leaves ≥ size and every node reaching past size, and sets the head: a clean truncation. */
  truncate(size: number): Promise<void>;
  setHeadSize(size: number): Promise<void>;
  setCheckpointRoot(size: number, root: Uint8Array): Promise<void>;
}

function sqliteRaw(database: SqliteDatabase): Raw {
  const db = database.db;
  return {
    leafBytes: async (i) =>
      new Uint8Array(
        db.prepare('SELECT bytes FROM ledger_leaves WHERE idx = ?').pluck().get(i) as Uint8Array,
      ),
    setLeafBytes: async (i, bytes) => {
      db.prepare('UPDATE ledger_leaves SET bytes = ? WHERE idx = ?').run(bytes, i);
    },
    deleteLeaf: async (i) => {
      db.prepare('DELETE FROM ledger_leaves WHERE idx = ?').run(i);
    },
    shiftLeavesUp: async (from) => {
      // Two steps so the primary key never collides midway.
      db.prepare('UPDATE ledger_leaves SET idx = -idx - 1 WHERE idx >= ?').run(from);
      db.prepare('UPDATE ledger_leaves SET idx = -idx WHERE idx < 0').run();
    },
    insertLeaf: async (i, bytes) => {
      db.prepare('INSERT INTO ledger_leaves (idx, bytes) VALUES (?, ?)').run(i, bytes);
    },
    swapLeaves: async (a, b) => {
      db.prepare('UPDATE ledger_leaves SET idx = -1 WHERE idx = ?').run(a);
      db.prepare('UPDATE ledger_leaves SET idx = ? WHERE idx = ?').run(a, b);
      db.prepare('UPDATE ledger_leaves SET idx = ? WHERE idx = -1').run(b);
    },
    setNode: async (level, i, hash) => {
      db.prepare('UPDATE ledger_tree SET hash = ? WHERE pos = ?').run(hash, treePosition(level, i));
    },
    truncate: async (size) => {
      db.prepare('DELETE FROM ledger_leaves WHERE idx >= ?').run(size);
      // Every node whose subtree reaches past the new size (pos = (2·index + 1)·2^level − 1).
      const positions = db.prepare('SELECT pos FROM ledger_tree').pluck().all() as number[];
      const remove = db.prepare('DELETE FROM ledger_tree WHERE pos = ?');
      for (const pos of positions) {
        let level = 0;
        while (((pos + 1) / 2 ** level) % 2 === 0) level++;
        const index = ((pos + 1) / 2 ** level - 1) / 2;
        if ((index + 1) * 2 ** level > size) remove.run(pos);
      }
    },
    // SQLite derives the size from the last leaf row: nothing to lower.
    setHeadSize: async () => undefined,
    setCheckpointRoot: async (size, root) => {
      db.prepare('UPDATE ledger_checkpoints SET root = ? WHERE size = ?').run(root, size);
    },
  };
}

function postgresRaw(database: PostgresDatabase): Raw {
  const s = database.schema;
  const q = async (text: string, values: unknown[] = []) =>
    (await database.pool.query(text, values)).rows;
  return {
    leafBytes: async (i) =>
      new Uint8Array(
        (await q(`SELECT bytes FROM ${s}.ledger_leaves WHERE idx = $1`, [i]))[0].bytes,
      ),
    setLeafBytes: async (i, bytes) => {
      await q(`UPDATE ${s}.ledger_leaves SET bytes = $1 WHERE idx = $2`, [bytes, i]);
    },
    deleteLeaf: async (i) => {
      await q(`DELETE FROM ${s}.ledger_leaves WHERE idx = $1`, [i]);
    },
    shiftLeavesUp: async (from) => {
      await q(`UPDATE ${s}.ledger_leaves SET idx = -idx - 1 WHERE idx >= $1`, [from]);
      await q(`UPDATE ${s}.ledger_leaves SET idx = -idx WHERE idx < 0`);
    },
    insertLeaf: async (i, bytes) => {
      await q(`INSERT INTO ${s}.ledger_leaves (idx, bytes) VALUES ($1, $2)`, [i, bytes]);
    },
    swapLeaves: async (a, b) => {
      await q(`UPDATE ${s}.ledger_leaves SET idx = -1 WHERE idx = $1`, [a]);
      await q(`UPDATE ${s}.ledger_leaves SET idx = $1 WHERE idx = $2`, [a, b]);
      await q(`UPDATE ${s}.ledger_leaves SET idx = $1 WHERE idx = -1`, [b]);
    },
    setNode: async (level, i, hash) => {
      await q(`UPDATE ${s}.ledger_nodes SET hash = $1 WHERE level = $2 AND idx = $3`, [
        hash,
        level,
        i,
      ]);
    },
    truncate: async (size) => {
      await q(`DELETE FROM ${s}.ledger_leaves WHERE idx >= $1`, [size]);
      await q(`DELETE FROM ${s}.ledger_nodes WHERE (idx + 1) * (1::bigint << level) > $1`, [size]);
      await q(`UPDATE ${s}.ledger_head SET size = $1`, [size]);
    },
    setHeadSize: async (size) => {
      await q(`UPDATE ${s}.ledger_head SET size = $1`, [size]);
    },
    setCheckpointRoot: async (size, root) => {
      await q(`UPDATE ${s}.ledger_checkpoints SET root = $1 WHERE size = $2`, [root, size]);
    },
  };
}

const event = (i: number) => ({
  processing: 'use' as const,
  actor: { id: 'agency-a', kind: 'agency' as const },
  purpose: 'public-service.test',
  legalBasis: 'statutory-duty' as const,
  inputs: [{ id: `dataset-${i}` }],
  outputs: [],
  time: 1_767_225_600_000 + i * 1000,
});

function tamperSuite(name: string, open: () => Promise<{ store: LedgerStore; raw: Raw }>) {
  describe(`${name}: verify() catches tampering with stored rows`, () => {
    let ledger: Ledger;
    let raw: Raw;
    beforeEach(async () => {
      const opened = await open();
      raw = opened.raw;
      ledger = createLedger({ origin: ORIGIN, store: opened.store, signer });
      for (let i = 0; i < SIZE; i++) {
        if (i === CHECKPOINT_AT) await ledger.checkpoint();
        await ledger.append(event(i));
      }
      expect(await ledger.verify()).toMatchObject({ ok: true, size: SIZE, checkpointsChecked: 1 });
    });

    it('a flipped byte in an event', async () => {
      const bytes = await raw.leafBytes(17);
      bytes[bytes.length - 5] = (bytes[bytes.length - 5] as number) ^ 0x01;
      await raw.setLeafBytes(17, bytes);
      expect(await ledger.verify()).toMatchObject({
        ok: false,
        problem: 'leaf-hash-mismatch',
        firstBadIndex: 17,
      });
    });

    it('a deleted event', async () => {
      await raw.deleteLeaf(17);
      expect(await ledger.verify()).toMatchObject({
        ok: false,
        problem: 'missing-leaf',
        firstBadIndex: 17,
      });
    });

    it('an inserted event', async () => {
      await raw.shiftLeavesUp(17);
      await raw.insertLeaf(17, new TextEncoder().encode(JSON.stringify(event(99))));
      await raw.setHeadSize(SIZE + 1);
      expect(await ledger.verify()).toMatchObject({
        ok: false,
        problem: 'leaf-hash-mismatch',
        firstBadIndex: 17,
      });
    });

    it('two events swapped', async () => {
      await raw.swapLeaves(17, 23);
      expect(await ledger.verify()).toMatchObject({
        ok: false,
        problem: 'leaf-hash-mismatch',
        firstBadIndex: 17,
      });
    });

    it('an event rewritten together with its leaf hash', async () => {
      const forged = new TextEncoder().encode(JSON.stringify(event(99)));
      await raw.setLeafBytes(17, forged);
      await raw.setNode(0, 17, leafHash(forged, sha256Hash));
      // The parent node (1, 8) over entries [16, 18) and every node above it no longer
      // match; verify() names the start of a failing subtree, at or before 16.
      const report = await ledger.verify();
      expect(report).toMatchObject({ ok: false, problem: 'node-mismatch' });
      expect(report.ok === false && report.firstBadIndex).toBeLessThanOrEqual(16);
    });

    it('a rewritten tree node', async () => {
      await raw.setNode(2, 3, new Uint8Array(32).fill(7));
      expect(await ledger.verify()).toMatchObject({
        ok: false,
        problem: 'node-mismatch',
        firstBadIndex: 12,
      });
    });

    it('the last event deleted and the size lowered', async () => {
      await raw.deleteLeaf(SIZE - 1);
      await raw.setHeadSize(SIZE - 1);
      expect(await ledger.verify()).toMatchObject({
        ok: false,
        problem: 'missing-tail',
        firstBadIndex: SIZE - 1,
      });
    });

    it('a clean truncation below a signed checkpoint', async () => {
      await raw.truncate(30);
      expect(await ledger.verify()).toMatchObject({
        ok: false,
        problem: 'truncated',
        firstBadIndex: 30,
      });
    });

    it('an edited checkpoint', async () => {
      await raw.setCheckpointRoot(CHECKPOINT_AT, new Uint8Array(32));
      expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'checkpoint-unverified' });
    });
  });
}

const sqlite = sqliteFactory();
tamperSuite('SQLite', async () => {
  const db = sqlite();
  return { store: createSqliteLedgerStore(db), raw: sqliteRaw(db) };
});

if (PG_URL !== undefined) {
  const pg = postgresFactory();
  tamperSuite('PostgreSQL', async () => {
    const db = await pg.fresh();
    return { store: createPostgresLedgerStore(db), raw: postgresRaw(db) };
  });
}
