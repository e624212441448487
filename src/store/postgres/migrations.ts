import type { Migration } from '../shared/migration.ts';

/**
 * The PostgreSQL schema of every dataguard store, as numbered steps; `{schema}`
 * stands for the configured schema. Append new steps; never edit one that has shipped.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger',
    statements: [
      // One row holding the tree size; appends lock it (SELECT … FOR UPDATE) to serialize.
      `CREATE TABLE {schema}.ledger_head (
        id smallint PRIMARY KEY CHECK (id = 1),
        size bigint NOT NULL
      )`,
      'INSERT INTO {schema}.ledger_head (id, size) VALUES (1, 0)',
      // Leaf bytes apart from their leaf hashes (tree level 0 in ledger_nodes): rows moved,
      // inserted or deleted here no longer match the tree, so verify() names the exact index.
      `CREATE TABLE {schema}.ledger_leaves (
        idx bigint PRIMARY KEY,
        bytes bytea NOT NULL
      )`,
      `CREATE TABLE {schema}.ledger_nodes (
        level smallint NOT NULL,
        idx bigint NOT NULL,
        hash bytea NOT NULL,
        PRIMARY KEY (level, idx)
      )`,
      `CREATE TABLE {schema}.ledger_checkpoints (
        seq bigserial PRIMARY KEY,
        size bigint NOT NULL,
        root bytea NOT NULL,
        note text NOT NULL
      )`,
      'CREATE INDEX ledger_checkpoints_by_size ON {schema}.ledger_checkpoints (size, seq)',
    ],
  },
  {
    version: 2,
    name: 'custody',
    statements: [
      `CREATE TABLE {schema}.custody_state (
        id smallint PRIMARY KEY CHECK (id = 1),
        position bigint NOT NULL
      )`,
      'INSERT INTO {schema}.custody_state (id, position) VALUES (1, -1)',
      // Records are stored whole as JSON; the columns beside them are what queries filter and sort on.
      // ord keeps first-insertion order, which the memory store's lists follow.
      `CREATE TABLE {schema}.custody_copies (
        id text PRIMARY KEY,
        ord bigint NOT NULL,
        doc jsonb NOT NULL
      )`,
      `CREATE TABLE {schema}.custody_children (
        parent text NOT NULL,
        child text NOT NULL,
        ord bigint NOT NULL
      )`,
      'CREATE INDEX custody_children_by_parent ON {schema}.custody_children (parent, ord)',
      // Each batch numbers its new rows after the largest ord: keep that lookup an index probe.
      'CREATE INDEX custody_copies_by_ord ON {schema}.custody_copies (ord)',
      'CREATE INDEX custody_children_by_ord ON {schema}.custody_children (ord)',
      `CREATE TABLE {schema}.custody_assignments (
        id text PRIMARY KEY,
        copy text NOT NULL,
        party text NOT NULL,
        idx bigint NOT NULL,
        seq integer NOT NULL,
        active boolean NOT NULL,
        ord bigint NOT NULL,
        doc jsonb NOT NULL
      )`,
      'CREATE INDEX custody_assignments_by_copy ON {schema}.custody_assignments (copy, idx, seq, ord)',
      'CREATE INDEX custody_assignments_by_party ON {schema}.custody_assignments (party, idx, seq, ord)',
      'CREATE INDEX custody_assignments_by_ord ON {schema}.custody_assignments (ord)',
      `CREATE TABLE {schema}.custody_events (
        ord bigint PRIMARY KEY,
        copy text NOT NULL,
        idx bigint NOT NULL,
        doc jsonb NOT NULL
      )`,
      'CREATE INDEX custody_events_by_copy ON {schema}.custody_events (copy, idx, ord)',
      `CREATE TABLE {schema}.custody_anomalies (
        ord bigint PRIMARY KEY,
        copy text NOT NULL,
        idx bigint NOT NULL,
        doc jsonb NOT NULL
      )`,
      'CREATE INDEX custody_anomalies_by_copy ON {schema}.custody_anomalies (copy, idx, ord)',
    ],
  },
  {
    version: 3,
    name: 'token-vault',
    statements: [
      // Originals are only ever stored sealed (AEAD under the keyring, by the tokenize
      // transform); idx is a keyed hash and subject a keyed hash of the subject.
      `CREATE TABLE {schema}.token_vault (
        domain text NOT NULL,
        token text NOT NULL,
        idx bytea NOT NULL,
        sealed bytea NOT NULL,
        subject text,
        PRIMARY KEY (domain, token)
      )`,
      'CREATE UNIQUE INDEX token_vault_by_index ON {schema}.token_vault (domain, idx)',
      'CREATE INDEX token_vault_by_subject ON {schema}.token_vault (subject) WHERE subject IS NOT NULL',
    ],
  },
  {
    version: 4,
    name: 'consent',
    statements: [
      // Records are JSON documents (immutable except through events); ord keeps the
      // order stored, which list methods follow.
      `CREATE TABLE {schema}.consent_notices (
        id text NOT NULL,
        version text NOT NULL,
        ord bigserial NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (id, version)
      )`,
      'CREATE INDEX consent_notices_by_order ON {schema}.consent_notices (id, ord)',
      `CREATE TABLE {schema}.consent_records (
        id text PRIMARY KEY,
        subject text NOT NULL,
        ord bigserial NOT NULL,
        doc jsonb NOT NULL
      )`,
      'CREATE INDEX consent_records_by_subject ON {schema}.consent_records (subject, ord)',
      `CREATE TABLE {schema}.consent_grants (
        id text PRIMARY KEY,
        grantee text NOT NULL,
        ord bigserial NOT NULL,
        doc jsonb NOT NULL
      )`,
      'CREATE INDEX consent_grants_by_grantee ON {schema}.consent_grants (grantee, ord)',
      `CREATE TABLE {schema}.consent_objections (
        id text PRIMARY KEY,
        dataset text NOT NULL,
        ord bigserial NOT NULL,
        doc jsonb NOT NULL
      )`,
      'CREATE INDEX consent_objections_by_dataset ON {schema}.consent_objections (dataset, ord)',
      // Change feed: every write adds a row in its transaction and notifies listeners,
      // so other processes learn what to drop from their decision caches.
      `CREATE TABLE {schema}.consent_changes (
        seq bigserial PRIMARY KEY,
        kind text NOT NULL,
        id text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    version: 5,
    name: 'privacy-budget',
    statements: [
      // Running totals, added in spend order as the memory store sums, so every
      // backend accepts and refuses exactly the same spends.
      `CREATE TABLE {schema}.privacy_budgets (
        id text PRIMARY KEY,
        epsilon double precision NOT NULL,
        delta double precision NOT NULL,
        spends bigint NOT NULL DEFAULT 0
      )`,
      `CREATE TABLE {schema}.privacy_spends (
        budget text NOT NULL,
        seq bigint NOT NULL,
        epsilon double precision NOT NULL,
        delta double precision NOT NULL,
        label text NOT NULL,
        at bigint NOT NULL,
        PRIMARY KEY (budget, seq)
      )`,
    ],
  },
  {
    version: 6,
    name: 'token-vault-per-subject',
    statements: [
      // A token belongs to one subject: the unique key becomes (domain, subject, index), so
      // erasing one subject never removes or leaves behind another's token for an equal value.
      // Rows written before this step keep their token, filed under the subject recorded then.
      'DROP INDEX {schema}.token_vault_by_index',
      "CREATE UNIQUE INDEX token_vault_by_subject_index ON {schema}.token_vault (domain, (coalesce(subject, '')), idx)",
    ],
  },
  {
    version: 7,
    name: 'subject-index',
    statements: [
      // A copy's subjects are filed as keyed 128-bit digests (never identifiers). A filing is
      // staged (live false) while its release runs and made live in one transaction, replacing
      // the copy's earlier filing: at most one live filing per copy. key: the keyring key id
      // the digests were made under (digests under different keys never match).
      `CREATE TABLE {schema}.subject_filings (
        id bigserial PRIMARY KEY,
        copy text NOT NULL,
        live boolean NOT NULL,
        key text
      )`,
      'CREATE UNIQUE INDEX subject_filings_live ON {schema}.subject_filings (copy) WHERE live',
      // Digests arrive in random order: appended here unindexed, moved sorted at commit.
      `CREATE TABLE {schema}.subject_staged (
        filing bigint NOT NULL,
        digest bytea NOT NULL
      )`,
      `CREATE TABLE {schema}.subject_digests (
        filing bigint NOT NULL,
        digest bytea NOT NULL,
        PRIMARY KEY (filing, digest)
      )`,
    ],
  },
];
