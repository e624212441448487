import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaVersionError, StoreError, ValidationError } from '../../src/errors/index.ts';
import type { Migration } from '../../src/store/shared/migration.ts';
import { createSqliteLedgerStore, openSqlite } from '../../src/store/sqlite/index.ts';
import { openSqliteWith } from '../../src/store/sqlite/sqlite-database.ts';
import { sqliteFault } from '../../src/store/sqlite/sqlite-fault.ts';
import { tempDir } from './harness.ts';

const dir = tempDir('dataguard-open-modes-');
let n = 0;
const file = () => join(dir, `m${++n}.db`);

const steps: Migration[] = [
  { version: 1, name: 'create-a', statements: ['CREATE TABLE a (x INTEGER)'] },
  { version: 2, name: 'create-b', statements: ['CREATE TABLE b (y TEXT)'] },
];

const reasonOf = (body: () => unknown): string | undefined => {
  try {
    body();
  } catch (error) {
    return (error as { reason?: string }).reason;
  }
  return undefined;
};

describe('openSqlite open modes', () => {
  it('readOnly and mustExist never create a missing file or its directory', () => {
    const missing = join(dir, 'absent', 'x.db');
    for (const mode of [{ readOnly: true }, { mustExist: true }]) {
      expect(() => openSqlite({ path: missing, ...mode })).toThrow(StoreError);
      expect(reasonOf(() => openSqlite({ path: missing, ...mode }))).toBe('missing-database');
      expect(() => openSqlite({ path: join(dir, 'absent.db'), ...mode })).toThrow(
        /absent\.db does not exist/,
      );
    }
    expect(existsSync(join(dir, 'absent'))).toBe(false);
    expect(existsSync(join(dir, 'absent.db'))).toBe(false);
  });

  it('refuses readOnly or mustExist on :memory:', () => {
    expect(() => openSqlite({ path: ':memory:', readOnly: true })).toThrow(ValidationError);
    expect(() => openSqlite({ path: ':memory:', mustExist: true })).toThrow(ValidationError);
  });

  it('readOnly refuses every write, leaves the file as it was and no -wal/-shm behind', async () => {
    const path = file();
    const writer = openSqlite({ path });
    const store = createSqliteLedgerStore(writer);
    expect(await store.size()).toBe(0);
    writer.close();
    const before = readFileSync(path);
    const reader = openSqlite({ path, readOnly: true });
    expect(reader.migration.applied).toEqual([]);
    expect(() => reader.db.prepare('CREATE TABLE z (x INTEGER)').run()).toThrow(/readonly/);
    expect(() => reader.transaction(() => reader.db.exec('DELETE FROM schema_version'))).toThrow();
    expect(await createSqliteLedgerStore(reader).size()).toBe(0);
    reader.close();
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.startsWith(`m${n}.db-`))).toEqual([]);
  });

  it('readOnly does not migrate: an older schema is refused, naming the file', () => {
    const path = file();
    openSqliteWith({ path }, steps.slice(0, 1)).close();
    let error: unknown;
    try {
      openSqliteWith({ path, readOnly: true }, steps);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SchemaVersionError);
    expect(error).toMatchObject({
      reason: 'read-only-outdated',
      details: { found: 1, supported: 2 },
    });
    expect((error as Error).message).toContain(path);
    // Still at version 1: nothing was applied.
    const old = openSqliteWith({ path, readOnly: true }, steps.slice(0, 1));
    expect(old.schemaVersion).toBe(1);
    old.close();
  });

  it('readOnly refuses a newer schema and a SQLite file without a dataguard schema', () => {
    const path = file();
    openSqliteWith({ path }, steps).close();
    expect(reasonOf(() => openSqliteWith({ path, readOnly: true }, steps.slice(0, 1)))).toBe(
      'schema-too-new',
    );
    const empty = file();
    writeFileSync(empty, '');
    expect(reasonOf(() => openSqlite({ path: empty, readOnly: true }))).toBe(
      'not-a-dataguard-database',
    );
    expect(readFileSync(empty).length).toBe(0);
  });

  it('names a file that is not a SQLite database, in every mode, and leaves it alone', () => {
    const path = file();
    const text = 'plain text, not a database\n'.repeat(100);
    writeFileSync(path, text);
    for (const mode of [{}, { mustExist: true }, { readOnly: true }]) {
      let error: unknown;
      try {
        openSqlite({ path, ...mode });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ reason: 'not-a-database', details: { code: 'SQLITE_NOTADB' } });
      expect((error as Error).message).toBe(
        `${path} is not a SQLite database (SQLITE_NOTADB); check the path, or restore the file from a backup`,
      );
    }
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('names a directory given as the database file', () => {
    const path = join(dir, 'a-directory.db');
    mkdirSync(path);
    for (const mode of [{}, { readOnly: true }]) {
      expect(reasonOf(() => openSqlite({ path, ...mode }))).toBe('is-a-directory');
    }
  });
});

describe('sqliteFault', () => {
  it('maps SQLite result codes, extended ones by their primary code, to actionable StoreErrors', () => {
    const full = sqliteFault(
      Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
      '/x/l.db',
    );
    expect(full).toBeInstanceOf(StoreError);
    expect(full?.reason).toBe('disk-full');
    expect(full?.message).toBe(
      'no space left on the device holding SQLite database /x/l.db (SQLITE_FULL); free space and run again',
    );
    expect(sqliteFault({ code: 'SQLITE_IOERR_WRITE' })?.reason).toBe('io-error');
    expect(sqliteFault({ code: 'SQLITE_BUSY_SNAPSHOT' })?.reason).toBe('busy');
    expect(sqliteFault({ code: 'SQLITE_READONLY_DBMOVED' })?.message).toContain(
      'the SQLite database cannot be written',
    );
    expect(sqliteFault({ code: 'ENOSPC' }, '/x/l.db')?.reason).toBe('disk-full');
  });

  it('leaves anything else alone', () => {
    expect(sqliteFault(new Error('x'))).toBeUndefined();
    expect(sqliteFault({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBeUndefined();
    expect(sqliteFault({ code: 42 })).toBeUndefined();
    expect(sqliteFault(null)).toBeUndefined();
  });
});
