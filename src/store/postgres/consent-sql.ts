import type { PostgresDatabase } from './postgres-database.ts';

/** The statements of one consent table (records, grants or objections). */
export interface ConsentTableSql {
  readonly get: string;
  readonly lock: string;
  readonly list: string;
  readonly insert: string;
  readonly update: string;
}

/** Every statement of the PostgreSQL consent store, for one schema. */
export interface ConsentSql {
  /** The LISTEN/NOTIFY channel of this schema's change feed. */
  readonly channel: string;
  readonly notice: string;
  readonly latestNotice: string;
  readonly noticeVersions: string;
  readonly insertNotice: string;
  readonly changesAfter: string;
  readonly lastSeq: string;
  readonly consents: ConsentTableSql;
  readonly grants: ConsentTableSql;
  readonly objections: ConsentTableSql;
}

/**
 * The consent store's SQL for a database's schema. Every write also appends a
 * change-feed row and notifies the channel, in the same statement.
 *
 * @param database - the database (its quoted schema and schema name)
 * @returns the statements
 */
export function consentSql(database: Pick<PostgresDatabase, 'schema' | 'schemaName'>): ConsentSql {
  const s = database.schema;
  // Channel names are identifiers of at most 63 bytes; a clash only costs extra reads.
  const channel = `dataguard_consent_${database.schemaName}`.slice(0, 63);
  const feed = (kind: string) => `changes AS (
      INSERT INTO ${s}.consent_changes (kind, id) SELECT '${kind}', id FROM written RETURNING seq
    )
    SELECT seq, pg_notify('${channel}', seq::text) FROM changes`;
  const table = (name: string, key: string, kind: string): ConsentTableSql => ({
    get: `SELECT doc FROM ${s}.${name} WHERE id = $1`,
    lock: `SELECT doc FROM ${s}.${name} WHERE id = $1 FOR UPDATE`,
    list: `SELECT doc FROM ${s}.${name} WHERE ${key} = $1 ORDER BY ord`,
    insert: `WITH written AS (
        INSERT INTO ${s}.${name} (id, ${key}, doc) VALUES ($1, $2, $3)
        ON CONFLICT (id) DO NOTHING RETURNING id
      ), ${feed(kind)}`,
    update: `WITH written AS (
        UPDATE ${s}.${name} SET doc = $2 WHERE id = $1 RETURNING id
      ), ${feed(kind)}`,
  });
  return {
    channel,
    notice: `SELECT doc FROM ${s}.consent_notices WHERE id = $1 AND version = $2`,
    latestNotice: `SELECT doc FROM ${s}.consent_notices WHERE id = $1 ORDER BY ord DESC LIMIT 1`,
    noticeVersions: `SELECT doc FROM ${s}.consent_notices WHERE id = $1 ORDER BY ord`,
    insertNotice: `WITH written AS (
        INSERT INTO ${s}.consent_notices (id, version, doc) VALUES ($1, $2, $3)
        ON CONFLICT (id, version) DO NOTHING RETURNING id
      ), ${feed('notice')}`,
    changesAfter: `SELECT seq, kind, id FROM ${s}.consent_changes WHERE seq > $1 ORDER BY seq`,
    lastSeq: `SELECT COALESCE(MAX(seq), 0) AS seq FROM ${s}.consent_changes`,
    consents: table('consent_records', 'subject', 'consent'),
    grants: table('consent_grants', 'grantee', 'grant'),
    objections: table('consent_objections', 'dataset', 'objection'),
  };
}
