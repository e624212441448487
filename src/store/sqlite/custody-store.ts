import type {
  CopyEvent,
  CopyRecord,
  CustodyAnomaly,
  CustodyBatch,
  CustodyStore,
  RoleAssignment,
} from '../../responsibility/custody-store.ts';
import { checkCustodyBatch, copiesToLookUp } from '../shared/custody-checks.ts';
import type { SqliteDatabase } from './sqlite-database.ts';

/**
 * A responsibility {@link CustodyStore} in SQLite: derived copies, role
 * assignments, copy events and anomalies, each batch applied in one
 * transaction that first checks the store's position.
 *
 * @param database - an open database from `openSqlite`
 * @returns the store
 * @example
 * ```ts
 * import { openSqlite, createSqliteCustodyStore } from 'dataguard/store/sqlite';
 * const db = openSqlite({ path: ':memory:' });
 * const custody = createSqliteCustodyStore(db);
 * db.close();
 * ```
 */
export function createSqliteCustodyStore(database: SqliteDatabase): CustodyStore {
  const db = database.db;
  const readPosition = db.prepare('SELECT position FROM custody_state WHERE id = 1').pluck();
  const writePosition = db.prepare('UPDATE custody_state SET position = ? WHERE id = 1');
  const copyExists = db.prepare('SELECT 1 FROM custody_copies WHERE id = ?').pluck();
  const assignmentCopy = db.prepare('SELECT copy FROM custody_assignments WHERE id = ?').pluck();
  // ord columns are rowids: SQLite numbers new rows after the largest, in insertion order.
  const insertCopy = db.prepare('INSERT INTO custody_copies (id, doc) VALUES (?, ?)');
  const updateCopy = db.prepare('UPDATE custody_copies SET doc = ? WHERE id = ?');
  const insertChild = db.prepare('INSERT INTO custody_children (parent, child) VALUES (?, ?)');
  const insertAssignment = db.prepare(
    `INSERT INTO custody_assignments (id, copy, party, idx, seq, active, doc)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  // The party column keeps the first record's party, as the memory store's index does.
  const updateAssignment = db.prepare(
    'UPDATE custody_assignments SET idx = ?, seq = ?, active = ?, doc = ? WHERE id = ?',
  );
  const insertEvent = db.prepare('INSERT INTO custody_events (copy, idx, doc) VALUES (?, ?, ?)');
  const insertAnomaly = db.prepare(
    'INSERT INTO custody_anomalies (copy, idx, doc) VALUES (?, ?, ?)',
  );
  const copy = db.prepare('SELECT doc FROM custody_copies WHERE id = ?').pluck();
  const children = db
    .prepare(
      `SELECT c.doc FROM custody_children k JOIN custody_copies c ON c.id = k.child
       WHERE k.parent = ? ORDER BY k.ord`,
    )
    .pluck();
  const assignments = db
    .prepare('SELECT doc FROM custody_assignments WHERE copy = ? ORDER BY idx, seq, ord')
    .pluck();
  const activeAssignments = db
    .prepare(
      'SELECT doc FROM custody_assignments WHERE copy = ? AND active = 1 ORDER BY idx, seq, ord',
    )
    .pluck();
  const assignmentsOf = db
    .prepare('SELECT doc FROM custody_assignments WHERE party = ? ORDER BY idx, seq, ord')
    .pluck();
  const events = db
    .prepare('SELECT doc FROM custody_events WHERE copy = ? ORDER BY idx, ord')
    .pluck();
  const anomalies = db
    .prepare('SELECT doc FROM custody_anomalies WHERE copy = ? ORDER BY idx, ord')
    .pluck();

  function apply(batch: CustodyBatch): void {
    const storedCopies = new Set<string>();
    for (const id of copiesToLookUp(batch))
      if (copyExists.get(id) !== undefined) storedCopies.add(id);
    const assignmentCopies = new Map<string, string>();
    for (const assignment of batch.assignments) {
      const existing = assignmentCopy.get(assignment.id) as string | undefined;
      if (existing !== undefined) assignmentCopies.set(assignment.id, existing);
    }
    checkCustodyBatch(batch, {
      position: readPosition.get() as number,
      storedCopies,
      assignmentCopies,
    });
    for (const record of batch.copies) {
      const doc = JSON.stringify(record);
      if (copyExists.get(record.id) === undefined) {
        insertCopy.run(record.id, doc);
        for (const parent of record.parents) insertChild.run(parent, record.id);
      } else {
        updateCopy.run(doc, record.id);
      }
    }
    for (const record of batch.assignments) {
      const active = record.until === undefined ? 1 : 0;
      const doc = JSON.stringify(record);
      if (assignmentCopy.get(record.id) === undefined) {
        insertAssignment.run(
          record.id,
          record.copy,
          record.party.id,
          record.index,
          record.seq,
          active,
          doc,
        );
      } else {
        updateAssignment.run(record.index, record.seq, active, doc, record.id);
      }
    }
    for (const event of batch.events) {
      insertEvent.run(event.copy, event.index, JSON.stringify(event));
    }
    for (const anomaly of batch.anomalies) {
      insertAnomaly.run(anomaly.copy, anomaly.index, JSON.stringify(anomaly));
    }
    writePosition.run(batch.position);
  }

  const parse = <T>(docs: unknown[]): T[] => docs.map((doc) => JSON.parse(doc as string) as T);

  return {
    position: async () => readPosition.get() as number,
    async apply(batch) {
      database.transaction(() => apply(batch));
    },
    async copy(id) {
      const doc = copy.get(id) as string | undefined;
      return doc === undefined ? undefined : (JSON.parse(doc) as CopyRecord);
    },
    children: async (id) => parse<CopyRecord>(children.all(id)),
    assignments: async (copyId, options = {}) =>
      parse<RoleAssignment>(
        (options.active === true ? activeAssignments : assignments).all(copyId),
      ),
    assignmentsOf: async (party) => parse<RoleAssignment>(assignmentsOf.all(party)),
    events: async (copyId) => parse<CopyEvent>(events.all(copyId)),
    anomalies: async (copyId) => parse<CustodyAnomaly>(anomalies.all(copyId)),
  };
}
