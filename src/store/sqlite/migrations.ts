import type { Migration } from '../shared/migration.ts';

/**
 * The SQLite schema of every dataguard store, as numbered steps. Append new
 * steps; never edit one that has shipped.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger',
    statements: [
      // Leaf bytes apart from their leaf hashes (in ledger_tree): rows moved, inserted or
      // deleted here no longer match the tree, so verify() names the exact index.
      `CREATE TABLE ledger_leaves (
        idx INTEGER PRIMARY KEY,
        bytes BLOB NOT NULL
      ) STRICT`,
      // Every tree node, leaf hashes included, keyed by its in-order position
      // pos = (2·index + 1)·2^level − 1 (leaf i at 2i): the nodes one append completes
      // sit together at the end of the table, so a commit writes one or two pages.
      `CREATE TABLE ledger_tree (
        pos INTEGER PRIMARY KEY,
        hash BLOB NOT NULL
      ) STRICT`,
      `CREATE TABLE ledger_checkpoints (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        size INTEGER NOT NULL,
        root BLOB NOT NULL,
        note TEXT NOT NULL
      ) STRICT`,
      'CREATE INDEX ledger_checkpoints_by_size ON ledger_checkpoints (size, seq)',
    ],
  },
  {
    version: 2,
    name: 'custody',
    statements: [
      `CREATE TABLE custody_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        position INTEGER NOT NULL
      ) STRICT`,
      'INSERT INTO custody_state (id, position) VALUES (1, -1)',
      // Records are stored whole as JSON; the columns beside them are what queries filter and sort on.
      // ord (the rowid) keeps first-insertion order, which the memory store's lists follow.
      `CREATE TABLE custody_copies (
        ord INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        doc TEXT NOT NULL
      ) STRICT`,
      `CREATE TABLE custody_children (
        ord INTEGER PRIMARY KEY,
        parent TEXT NOT NULL,
        child TEXT NOT NULL
      ) STRICT`,
      'CREATE INDEX custody_children_by_parent ON custody_children (parent, ord)',
      `CREATE TABLE custody_assignments (
        ord INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        copy TEXT NOT NULL,
        party TEXT NOT NULL,
        idx INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        active INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT`,
      'CREATE INDEX custody_assignments_by_copy ON custody_assignments (copy, idx, seq, ord)',
      'CREATE INDEX custody_assignments_by_party ON custody_assignments (party, idx, seq, ord)',
      `CREATE TABLE custody_events (
        ord INTEGER PRIMARY KEY,
        copy TEXT NOT NULL,
        idx INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT`,
      'CREATE INDEX custody_events_by_copy ON custody_events (copy, idx, ord)',
      `CREATE TABLE custody_anomalies (
        ord INTEGER PRIMARY KEY,
        copy TEXT NOT NULL,
        idx INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT`,
      'CREATE INDEX custody_anomalies_by_copy ON custody_anomalies (copy, idx, ord)',
    ],
  },
  {
    version: 3,
    name: 'token-vault',
    statements: [
      // Originals are only ever stored sealed (AEAD under the keyring, by the tokenize
      // transform); idx is a keyed hash and subject a keyed hash of the subject.
      `CREATE TABLE token_vault (
        domain TEXT NOT NULL,
        token TEXT NOT NULL,
        idx BLOB NOT NULL,
        sealed BLOB NOT NULL,
        subject TEXT,
        PRIMARY KEY (domain, token)
      ) STRICT, WITHOUT ROWID`,
      'CREATE UNIQUE INDEX token_vault_by_index ON token_vault (domain, idx)',
      'CREATE INDEX token_vault_by_subject ON token_vault (subject) WHERE subject IS NOT NULL',
    ],
  },
  {
    version: 4,
    name: 'consent',
    statements: [
      // Records are JSON documents (immutable except through events); ord (the rowid)
      // keeps the order stored, which list methods follow.
      `CREATE TABLE consent_notices (
        ord INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        version TEXT NOT NULL,
        doc TEXT NOT NULL,
        UNIQUE (id, version)
      ) STRICT`,
      'CREATE INDEX consent_notices_by_order ON consent_notices (id, ord)',
      `CREATE TABLE consent_records (
        ord INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        subject TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT`,
      'CREATE INDEX consent_records_by_subject ON consent_records (subject, ord)',
      `CREATE TABLE consent_grants (
        ord INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        grantee TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT`,
      'CREATE INDEX consent_grants_by_grantee ON consent_grants (grantee, ord)',
      `CREATE TABLE consent_objections (
        ord INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        dataset TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT`,
      'CREATE INDEX consent_objections_by_dataset ON consent_objections (dataset, ord)',
      // Change feed: every write adds a row in its transaction, so other processes
      // sharing the file learn what to drop from their decision caches.
      `CREATE TABLE consent_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT`,
    ],
  },
  {
    version: 5,
    name: 'privacy-budget',
    statements: [
      // Running totals, added in spend order as the memory store sums, so every
      // backend accepts and refuses exactly the same spends.
      `CREATE TABLE privacy_budgets (
        id TEXT PRIMARY KEY,
        epsilon REAL NOT NULL,
        delta REAL NOT NULL
      ) STRICT`,
      `CREATE TABLE privacy_spends (
        budget TEXT NOT NULL,
        seq INTEGER NOT NULL,
        epsilon REAL NOT NULL,
        delta REAL NOT NULL,
        label TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (budget, seq)
      ) STRICT`,
    ],
  },
  {
    version: 6,
    name: 'token-vault-per-subject',
    statements: [
      // A token belongs to one subject: the unique key becomes (domain, subject, index), so
      // erasing one subject never removes or leaves behind another's token for an equal value.
      // Rows written before this step keep their token, filed under the subject recorded then.
      'DROP INDEX token_vault_by_index',
      "CREATE UNIQUE INDEX token_vault_by_subject_index ON token_vault (domain, ifnull(subject, ''), idx)",
    ],
  },
  {
    version: 7,
    name: 'subject-index',
    statements: [
      // A copy's subjects are filed as keyed 128-bit digests (never identifiers). A filing is
      // staged (live = 0) while its release runs and made live in one transaction, replacing
      // the copy's earlier filing: at most one live filing per copy. key: the keyring key id
      // the digests were made under (digests under different keys never match).
      `CREATE TABLE subject_filings (
        id INTEGER PRIMARY KEY,
        copy TEXT NOT NULL,
        live INTEGER NOT NULL,
        key TEXT
      ) STRICT`,
      'CREATE UNIQUE INDEX subject_filings_live ON subject_filings (copy) WHERE live = 1',
      // Digests arrive in random order: appended here unindexed (a keyed B-tree takes random
      // inserts at a fraction of the speed), then moved sorted into subject_digests at commit.
      `CREATE TABLE subject_staged (
        filing INTEGER NOT NULL,
        digest BLOB NOT NULL
      ) STRICT`,
      `CREATE TABLE subject_digests (
        filing INTEGER NOT NULL,
        digest BLOB NOT NULL,
        PRIMARY KEY (filing, digest)
      ) STRICT, WITHOUT ROWID`,
    ],
  },
];
