import type {
  CopyRecord,
  CustodyBatch,
  CustodyStore,
  RoleAssignment,
} from '../../responsibility/custody-store.ts';
import { checkCustodyBatch, copiesToLookUp } from '../shared/custody-checks.ts';
import type { PostgresDatabase } from './postgres-database.ts';

/**
 * A responsibility {@link CustodyStore} in PostgreSQL. Each batch is one
 * transaction that locks the position row, checks the batch as the memory
 * store does, and writes every record with set-based statements.
 *
 * @param database - an open database from `openPostgres`
 * @returns the store
 * @example
 * ```ts no-run needs a running PostgreSQL server (test/store runs the same calls against one)
 * const custody = createPostgresCustodyStore(await openPostgres({ connectionString }));
 * ```
 */
export function createPostgresCustodyStore(database: PostgresDatabase): CustodyStore {
  const s = database.schema;
  const sql = {
    position: `SELECT position FROM ${s}.custody_state WHERE id = 1`,
    lock: `SELECT position FROM ${s}.custody_state WHERE id = 1 FOR UPDATE`,
    setPosition: `UPDATE ${s}.custody_state SET position = $1 WHERE id = 1`,
    storedCopies: `SELECT id FROM ${s}.custody_copies WHERE id = ANY($1::text[])`,
    assignmentCopies: `SELECT id, copy FROM ${s}.custody_assignments WHERE id = ANY($1::text[])`,
    ords: `SELECT
        (SELECT COALESCE(MAX(ord), 0) + 1 FROM ${s}.custody_copies) AS copy,
        (SELECT COALESCE(MAX(ord), 0) + 1 FROM ${s}.custody_children) AS child,
        (SELECT COALESCE(MAX(ord), 0) + 1 FROM ${s}.custody_assignments) AS assignment,
        (SELECT COALESCE(MAX(ord), 0) + 1 FROM ${s}.custody_events) AS event,
        (SELECT COALESCE(MAX(ord), 0) + 1 FROM ${s}.custody_anomalies) AS anomaly`,
    insertCopies: `INSERT INTO ${s}.custody_copies (id, ord, doc)
      SELECT * FROM unnest($1::text[], $2::bigint[], $3::jsonb[])`,
    updateCopies: `UPDATE ${s}.custody_copies c SET doc = u.doc
      FROM unnest($1::text[], $2::jsonb[]) AS u(id, doc) WHERE c.id = u.id`,
    insertChildren: `INSERT INTO ${s}.custody_children (parent, child, ord)
      SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])`,
    insertAssignments: `INSERT INTO ${s}.custody_assignments (id, copy, party, idx, seq, active, ord, doc)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::integer[],
        $6::boolean[], $7::bigint[], $8::jsonb[])`,
    // The party column keeps the first record's party, as the memory store's index does.
    updateAssignments: `UPDATE ${s}.custody_assignments a
      SET idx = u.idx, seq = u.seq, active = u.active, doc = u.doc
      FROM unnest($1::text[], $2::bigint[], $3::integer[], $4::boolean[], $5::jsonb[])
        AS u(id, idx, seq, active, doc)
      WHERE a.id = u.id`,
    insertEvents: `INSERT INTO ${s}.custody_events (ord, copy, idx, doc)
      SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::jsonb[])`,
    insertAnomalies: `INSERT INTO ${s}.custody_anomalies (ord, copy, idx, doc)
      SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::jsonb[])`,
    copy: `SELECT doc FROM ${s}.custody_copies WHERE id = $1`,
    children: `SELECT c.doc FROM ${s}.custody_children k
      JOIN ${s}.custody_copies c ON c.id = k.child WHERE k.parent = $1 ORDER BY k.ord`,
    assignments: `SELECT doc FROM ${s}.custody_assignments WHERE copy = $1 ORDER BY idx, seq, ord`,
    activeAssignments: `SELECT doc FROM ${s}.custody_assignments
      WHERE copy = $1 AND active ORDER BY idx, seq, ord`,
    assignmentsOf: `SELECT doc FROM ${s}.custody_assignments WHERE party = $1 ORDER BY idx, seq, ord`,
    events: `SELECT doc FROM ${s}.custody_events WHERE copy = $1 ORDER BY idx, ord`,
    anomalies: `SELECT doc FROM ${s}.custody_anomalies WHERE copy = $1 ORDER BY idx, ord`,
  };

  const docs = async <T>(text: string, value: string): Promise<T[]> =>
    (await database.query<{ doc: T }>(text, [value])).rows.map((row) => row.doc);

  async function apply(batch: CustodyBatch): Promise<void> {
    await database.transaction(async (client) => {
      const locked = await client.query<{ position: string }>(sql.lock);
      const position = Number(locked.rows[0]?.position ?? -1);
      const lookUp = [...new Set([...copiesToLookUp(batch), ...batch.copies.map((c) => c.id)])];
      const stored = new Set(
        (await client.query<{ id: string }>(sql.storedCopies, [lookUp])).rows.map((r) => r.id),
      );
      const assignmentCopies = new Map(
        (
          await client.query<{ id: string; copy: string }>(sql.assignmentCopies, [
            batch.assignments.map((a) => a.id),
          ])
        ).rows.map((r) => [r.id, r.copy] as const),
      );
      checkCustodyBatch(batch, { position, storedCopies: stored, assignmentCopies });
      const ords = (
        await client.query<Record<'copy' | 'child' | 'assignment' | 'event' | 'anomaly', string>>(
          sql.ords,
        )
      ).rows[0];
      let copyOrd = Number(ords?.copy);
      let childOrd = Number(ords?.child);
      let assignmentOrd = Number(ords?.assignment);

      // Later records with the same id replace earlier ones, as in memory; first sight decides order.
      const newCopies = new Map<string, { ord: number; doc: string }>();
      const changedCopies = new Map<string, string>();
      const children: [string[], string[], number[]] = [[], [], []];
      for (const record of batch.copies) {
        const doc = JSON.stringify(record);
        const fresh = newCopies.get(record.id);
        if (fresh !== undefined) fresh.doc = doc;
        else if (stored.has(record.id)) changedCopies.set(record.id, doc);
        else {
          newCopies.set(record.id, { ord: copyOrd++, doc });
          for (const parent of record.parents) {
            children[0].push(parent);
            children[1].push(record.id);
            children[2].push(childOrd++);
          }
        }
      }
      if (newCopies.size > 0) {
        await client.query(sql.insertCopies, [
          [...newCopies.keys()],
          [...newCopies.values()].map((c) => c.ord),
          [...newCopies.values()].map((c) => c.doc),
        ]);
      }
      if (changedCopies.size > 0) {
        await client.query(sql.updateCopies, [
          [...changedCopies.keys()],
          [...changedCopies.values()],
        ]);
      }
      if (children[0].length > 0) await client.query(sql.insertChildren, children);

      const newAssignments = new Map<
        string,
        { record: RoleAssignment; ord: number; copy: string; party: string }
      >();
      const changedAssignments = new Map<string, RoleAssignment>();
      for (const record of batch.assignments) {
        const fresh = newAssignments.get(record.id);
        if (fresh !== undefined) fresh.record = record;
        else if (assignmentCopies.has(record.id)) changedAssignments.set(record.id, record);
        else
          newAssignments.set(record.id, {
            record,
            ord: assignmentOrd++,
            copy: record.copy,
            party: record.party.id,
          });
      }
      if (newAssignments.size > 0) {
        const rows = [...newAssignments.values()];
        await client.query(sql.insertAssignments, [
          rows.map((r) => r.record.id),
          rows.map((r) => r.copy),
          // The first record's copy and party index the assignment (memory indexes them on first sight).
          rows.map((r) => r.party),
          rows.map((r) => r.record.index),
          rows.map((r) => r.record.seq),
          rows.map((r) => r.record.until === undefined),
          rows.map((r) => r.ord),
          rows.map((r) => JSON.stringify(r.record)),
        ]);
      }
      if (changedAssignments.size > 0) {
        const rows = [...changedAssignments.values()];
        await client.query(sql.updateAssignments, [
          rows.map((r) => r.id),
          rows.map((r) => r.index),
          rows.map((r) => r.seq),
          rows.map((r) => r.until === undefined),
          rows.map((r) => JSON.stringify(r)),
        ]);
      }
      const eventOrd = Number(ords?.event);
      if (batch.events.length > 0) {
        await client.query(sql.insertEvents, [
          batch.events.map((_, i) => eventOrd + i),
          batch.events.map((e) => e.copy),
          batch.events.map((e) => e.index),
          batch.events.map((e) => JSON.stringify(e)),
        ]);
      }
      const anomalyOrd = Number(ords?.anomaly);
      if (batch.anomalies.length > 0) {
        await client.query(sql.insertAnomalies, [
          batch.anomalies.map((_, i) => anomalyOrd + i),
          batch.anomalies.map((a) => a.copy),
          batch.anomalies.map((a) => a.index),
          batch.anomalies.map((a) => JSON.stringify(a)),
        ]);
      }
      await client.query(sql.setPosition, [batch.position]);
    });
  }

  return {
    position: async () =>
      Number((await database.query<{ position: string }>(sql.position)).rows[0]?.position ?? -1),
    apply,
    async copy(id) {
      return (await docs<CopyRecord>(sql.copy, id))[0];
    },
    children: (id) => docs(sql.children, id),
    assignments: (copy, options = {}) =>
      docs(options.active === true ? sql.activeAssignments : sql.assignments, copy),
    assignmentsOf: (party) => docs(sql.assignmentsOf, party),
    events: (copy) => docs(sql.events, copy),
    anomalies: (copy) => docs(sql.anomalies, copy),
  };
}
