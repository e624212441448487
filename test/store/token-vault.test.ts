import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createMemoryTokenVault, type TokenVault } from '../../src/deidentify/index.ts';
import { createPostgresTokenVault } from '../../src/store/postgres/index.ts';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.ts';
import { openPostgresWith } from '../../src/store/postgres/postgres-database.ts';
import { createSqliteTokenVault } from '../../src/store/sqlite/index.ts';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.ts';
import { openSqliteWith } from '../../src/store/sqlite/sqlite-database.ts';
import { runTokenVaultStoreConformance } from '../conformance/token-vault-store.ts';
import { announcePgSkip, PG_URL, postgresFactory, sqliteFactory, tempDir } from './harness.ts';

announcePgSkip('token-vault.test.ts');

runTokenVaultStoreConformance('memory', () => createMemoryTokenVault());

const sqlite = sqliteFactory();
runTokenVaultStoreConformance('sqlite', () => createSqliteTokenVault(sqlite()));

if (PG_URL !== undefined) {
  const postgres = postgresFactory();
  runTokenVaultStoreConformance('postgres', async () =>
    createPostgresTokenVault(await postgres.fresh()),
  );
}

// A vault written before per-subject tokens (schema 5: one token per value, filed under the
// first subject) keeps working after the upgrade: its tokens still reverse, the subject they
// were filed under keeps its token, another subject gets its own.
describe('token vault upgrade to per-subject tokens (migration 6)', () => {
  const legacy = (index: number) => new Uint8Array([index, index, index]);
  const sealed = new Uint8Array([104, 7]);

  async function checkUpgraded(vault: TokenVault) {
    expect(await vault.lookup('d', ['old'])).toEqual([sealed]);
    const entry = (token: string, subject: string) => ({
      index: legacy(4),
      token,
      sealed,
      subject,
    });
    expect(await vault.tokenize('d', [entry('new1', 's1'), entry('new2', 's2')])).toEqual([
      'old',
      'new2',
    ]);
    expect(await vault.deleteSubject('s2')).toBe(1);
    expect(await vault.lookup('d', ['old', 'new2'])).toEqual([sealed, undefined]);
    expect(await vault.deleteSubject('s1')).toBe(1);
    expect(await vault.lookup('d', ['old'])).toEqual([undefined]);
  }

  it('sqlite', async () => {
    const path = join(tempDir(), 'legacy.db');
    const old = openSqliteWith({ path }, SQLITE_MIGRATIONS.slice(0, 5));
    old.db
      .prepare(
        'INSERT INTO token_vault (domain, token, idx, sealed, subject) VALUES (?, ?, ?, ?, ?)',
      )
      .run('d', 'old', legacy(4), sealed, 's1');
    old.close();
    // Up to migration 6 exactly: later steps are not this test's subject.
    const db = openSqliteWith({ path }, SQLITE_MIGRATIONS.slice(0, 6));
    try {
      expect(db.migration).toEqual({ from: 5, to: 6, applied: ['token-vault-per-subject'] });
      await checkUpgraded(createSqliteTokenVault(db));
    } finally {
      db.close();
    }
  });

  it.skipIf(PG_URL === undefined)('postgres', async () => {
    const pool = new pg.Pool({ connectionString: PG_URL, max: 2 });
    const schema = `dgtest_upgrade_${process.pid}_${Date.now().toString(36)}`;
    try {
      const old = await openPostgresWith({ pool, schema }, POSTGRES_MIGRATIONS.slice(0, 5));
      await old.query(
        `INSERT INTO ${old.schema}.token_vault (domain, token, idx, sealed, subject) VALUES ($1, $2, $3, $4, $5)`,
        ['d', 'old', legacy(4), sealed, 's1'],
      );
      const db = await openPostgresWith({ pool, schema }, POSTGRES_MIGRATIONS.slice(0, 6));
      expect(db.migration).toEqual({ from: 5, to: 6, applied: ['token-vault-per-subject'] });
      await checkUpgraded(createPostgresTokenVault(db));
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    }
  });
});
