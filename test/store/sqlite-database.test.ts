import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SchemaVersionError, StoreError, ValidationError } from '../../src/errors/index.ts';
import type { Migration } from '../../src/store/shared/migration.ts';
import { openSqlite } from '../../src/store/sqlite/index.ts';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.ts';
import { openSqliteWith } from '../../src/store/sqlite/sqlite-database.ts';
import { tempDir } from './harness.ts';

const dir = tempDir();
let n = 0;
const file = () => join(dir, `t${++n}.db`);

const steps: Migration[] = [
  { version: 1, name: 'create-a', statements: ['CREATE TABLE a (x INTEGER)'] },
  { version: 2, name: 'create-b', statements: ['CREATE TABLE b (y TEXT)'] },
];

function versions(path: string): number[] {
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    return (
      raw.prepare('SELECT version FROM schema_version ORDER BY version').all() as {
        version: number;
      }[]
    ).map((r) => r.version);
  } finally {
    raw.close();
  }
}

describe('openSqlite', () => {
  it('creates .dataguard/dataguard.db under the working directory by default', () => {
    const cwd = process.cwd();
    const here = tempDir();
    process.chdir(here);
    try {
      const db = openSqlite();
      expect(db.path).toBe(join(here, '.dataguard', 'dataguard.db'));
      db.close();
      expect(existsSync(join(here, '.dataguard', 'dataguard.db'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('uses WAL, NORMAL synchronous by default, FULL on request, and a busy timeout', () => {
    const db = openSqlite({ path: file() });
    expect(db.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.db.pragma('busy_timeout', { simple: true })).toBe(10_000);
    expect(db.db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    const full = openSqlite({ path: file(), synchronous: 'full', busyTimeoutMs: 250 });
    expect(full.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(full.db.pragma('busy_timeout', { simple: true })).toBe(250);
    full.close();
  });

  it('creates missing parent directories', () => {
    const path = join(dir, 'deep', 'er', 'x.db');
    openSqlite({ path }).close();
    expect(existsSync(path)).toBe(true);
  });

  it('applies every shipped migration and records it', () => {
    const path = file();
    const db = openSqlite({ path });
    expect(db.schemaVersion).toBe(SQLITE_MIGRATIONS.length);
    expect(db.migration.applied).toEqual(SQLITE_MIGRATIONS.map((m) => m.name));
    db.close();
    expect(versions(path)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    const again = openSqlite({ path });
    expect(again.migration.applied).toEqual([]);
    again.close();
  });

  it('applies only the pending migrations, in one transaction', () => {
    const path = file();
    openSqliteWith({ path }, steps.slice(0, 1)).close();
    const db = openSqliteWith({ path }, steps);
    expect(db.migration).toEqual({ from: 1, to: 2, applied: ['create-b'] });
    db.close();
    expect(versions(path)).toEqual([1, 2]);
  });

  it('rolls back every step when one fails', () => {
    const path = file();
    const broken: Migration[] = [
      ...steps,
      { version: 3, name: 'broken', statements: ['CREATE TABLE c (', 'nonsense'] },
    ];
    expect(() => openSqliteWith({ path }, broken)).toThrow();
    const raw = new BetterSqlite3(path);
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    raw.close();
    expect(tables).toEqual([]);
  });

  it('refuses a database whose schema is newer than this code', () => {
    const path = file();
    openSqliteWith({ path }, steps).close();
    let error: unknown;
    try {
      openSqliteWith({ path }, steps.slice(0, 1));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaVersionError);
    expect(error).toMatchObject({ code: 'ERR_SCHEMA_VERSION', reason: 'schema-too-new' });
    expect((error as Error).message).toMatch(/schema version 2, newer than the 1/);
  });

  it('refuses a destructive migration unless explicitly allowed', () => {
    const path = file();
    openSqliteWith({ path }, steps).close();
    const drop: Migration[] = [
      ...steps,
      { version: 3, name: 'drop-b', statements: ['DROP TABLE b'], destructive: true },
    ];
    expect(() => openSqliteWith({ path }, drop)).toThrow(
      expect.objectContaining({ reason: 'destructive-migration' }),
    );
    expect(versions(path)).toEqual([1, 2]);
    const db = openSqliteWith({ path, allowDestructiveMigrations: true }, drop);
    expect(db.migration.applied).toEqual(['drop-b']);
    db.close();
  });

  it('rejects a migration list with gaps', () => {
    expect(() => openSqliteWith({ path: file() }, [steps[1] as Migration])).toThrow(StoreError);
  });

  it('validates options', () => {
    expect(() => openSqlite({ synchronous: 'off' as 'full' })).toThrow(ValidationError);
    expect(() => openSqlite({ busyTimeoutMs: -1 })).toThrow(ValidationError);
    expect(() => openSqlite({ extra: 1 } as never)).toThrow(ValidationError);
  });

  it('wraps a file that cannot be opened in StoreError', () => {
    const path = file();
    openSqlite({ path }).close();
    // A path below a regular file cannot be created.
    expect(() => openSqlite({ path: join(path, 'x.db') })).toThrow(
      expect.objectContaining({ reason: 'open-failed' }),
    );
  });

  it('rolls transactions back on throw and nests them', () => {
    const db = openSqliteWith({ path: file() }, steps);
    const insert = db.db.prepare('INSERT INTO a (x) VALUES (?)');
    db.transaction(() => insert.run(1));
    expect(() =>
      db.transaction(() => {
        insert.run(2);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    db.transaction(() => {
      insert.run(3);
      try {
        db.transaction(() => {
          insert.run(4);
          throw new Error('inner');
        });
      } catch {
        // the savepoint is rolled back, the outer transaction goes on
      }
    });
    expect(db.db.prepare('SELECT x FROM a ORDER BY x').pluck().all()).toEqual([1, 3]);
    db.close();
  });

  it('backs up online and with VACUUM INTO', async () => {
    const db = openSqliteWith({ path: file() }, steps);
    db.db.prepare('INSERT INTO a (x) VALUES (42)').run();
    const copy = join(dir, 'backup.db');
    await db.backup(copy);
    const vacuumed = join(dir, 'vacuumed.db');
    db.vacuumInto(vacuumed);
    db.close();
    for (const path of [copy, vacuumed]) {
      const raw = new BetterSqlite3(path, { readonly: true });
      expect(raw.prepare('SELECT x FROM a').pluck().get()).toBe(42);
      raw.close();
    }
  });
});
