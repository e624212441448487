import { describe, expect, it } from 'vitest';
import { SchemaVersionError, StoreError, ValidationError } from '../../src/errors/index.ts';
import { openPostgres } from '../../src/store/postgres/index.ts';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.ts';
import { openPostgresWith } from '../../src/store/postgres/postgres-database.ts';
import type { Migration } from '../../src/store/shared/migration.ts';
import { announcePgSkip, PG_URL, postgresFactory } from './harness.ts';

announcePgSkip('postgres-database.test.ts');

const steps: Migration[] = [
  { version: 1, name: 'create-a', statements: ['CREATE TABLE {schema}.a (x integer)'] },
  { version: 2, name: 'create-b', statements: ['CREATE TABLE {schema}.b (y text)'] },
];

describe('openPostgres options (no server needed)', () => {
  it('rejects schema names that are not plain lowercase identifiers', async () => {
    for (const schema of ['Data', 'a-b', 'x"; DROP TABLE t; --', '', '1abc', 'a'.repeat(64)]) {
      await expect(
        openPostgres({ schema, connectionString: 'postgres://x@127.0.0.1:1/x' }),
      ).rejects.toThrow(ValidationError);
    }
  });
  it('rejects unknown options and bad pools', async () => {
    await expect(openPostgres({ nope: 1 } as never)).rejects.toThrow(ValidationError);
    await expect(openPostgres({ pool: {} as never })).rejects.toThrow(ValidationError);
    await expect(openPostgres({ max: 0 })).rejects.toThrow(ValidationError);
  });
  it('fails with StoreError connect-failed when the server is unreachable', async () => {
    await expect(
      openPostgres({ connectionString: 'postgres://nobody@127.0.0.1:1/none' }),
    ).rejects.toMatchObject({ code: 'ERR_STORE', reason: 'connect-failed' });
  });
});

describe.skipIf(PG_URL === undefined)('openPostgres against a real server', () => {
  const pg = postgresFactory();

  const versions = async (schema: string) =>
    (
      await pg
        .pool()
        .query<{ version: number }>(
          `SELECT version FROM "${schema}".schema_version ORDER BY version`,
        )
    ).rows.map((r) => r.version);

  it('creates the schema and applies every shipped migration once', async () => {
    const schema = pg.newSchemaName();
    const db = await openPostgres({ connectionString: PG_URL, schema, max: 2 });
    expect(db.schemaName).toBe(schema);
    expect(db.schemaVersion).toBe(POSTGRES_MIGRATIONS.length);
    expect(db.migration.applied).toEqual(POSTGRES_MIGRATIONS.map((m) => m.name));
    await db.close();
    const again = await openPostgres({ pool: pg.pool(), schema });
    expect(again.migration.applied).toEqual([]);
    await again.close();
    expect(await versions(schema)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    // close() leaves a caller's pool open
    expect((await pg.pool().query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('applies pending steps only, and concurrent openers migrate once', async () => {
    const schema = pg.newSchemaName();
    await openPostgresWith({ pool: pg.pool(), schema }, steps.slice(0, 1));
    const opened = await Promise.all(
      Array.from({ length: 4 }, () =>
        openPostgresWith({ connectionString: PG_URL, schema, max: 1 }, steps),
      ),
    );
    expect(opened.flatMap((db) => db.migration.applied)).toEqual(['create-b']);
    await Promise.all(opened.map((db) => db.close()));
    expect(await versions(schema)).toEqual([1, 2]);
  });

  it('rolls back every step when one fails', async () => {
    const schema = pg.newSchemaName();
    const broken: Migration[] = [
      ...steps,
      { version: 3, name: 'broken', statements: ['CREATE TABLE ('] },
    ];
    await expect(openPostgresWith({ pool: pg.pool(), schema }, broken)).rejects.toThrow(StoreError);
    const present = await pg
      .pool()
      .query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    expect(present.rowCount).toBe(0);
  });

  it('refuses a schema newer than this code', async () => {
    const schema = pg.newSchemaName();
    await openPostgresWith({ pool: pg.pool(), schema }, steps);
    await expect(
      openPostgresWith({ pool: pg.pool(), schema }, steps.slice(0, 1)),
    ).rejects.toSatisfy(
      (e: unknown) => e instanceof SchemaVersionError && e.reason === 'schema-too-new',
    );
  });

  it('refuses a destructive migration unless explicitly allowed', async () => {
    const schema = pg.newSchemaName();
    await openPostgresWith({ pool: pg.pool(), schema }, steps);
    const drop: Migration[] = [
      ...steps,
      { version: 3, name: 'drop-b', statements: ['DROP TABLE {schema}.b'], destructive: true },
    ];
    await expect(openPostgresWith({ pool: pg.pool(), schema }, drop)).rejects.toMatchObject({
      reason: 'destructive-migration',
    });
    const db = await openPostgresWith(
      { pool: pg.pool(), schema, allowDestructiveMigrations: true },
      drop,
    );
    expect(db.migration.applied).toEqual(['drop-b']);
  });

  it('with migrate: false only checks that the schema is current', async () => {
    const schema = pg.newSchemaName();
    await expect(
      openPostgresWith({ pool: pg.pool(), schema, migrate: false }, steps),
    ).rejects.toMatchObject({ reason: 'schema-outdated' });
    await openPostgresWith({ pool: pg.pool(), schema }, steps);
    const db = await openPostgresWith({ pool: pg.pool(), schema, migrate: false }, steps);
    expect(db.migration).toEqual({ from: 2, to: 2, applied: [] });
  });

  it('with createSchema: false needs the schema to exist', async () => {
    const schema = pg.newSchemaName();
    await expect(
      openPostgresWith({ pool: pg.pool(), schema, createSchema: false }, steps),
    ).rejects.toMatchObject({ reason: 'sqlstate-3F000' });
    await pg.pool().query(`CREATE SCHEMA "${schema}"`);
    const db = await openPostgresWith({ pool: pg.pool(), schema, createSchema: false }, steps);
    expect(db.schemaVersion).toBe(2);
  });

  it('commits, rolls back and retries serialization failures in transaction()', async () => {
    const db = await openPostgresWith({ pool: pg.pool(), schema: pg.newSchemaName() }, steps);
    await db.transaction(async (c) => {
      await c.query(`INSERT INTO ${db.schema}.a (x) VALUES (1)`);
    });
    await expect(
      db.transaction(async (c) => {
        await c.query(`INSERT INTO ${db.schema}.a (x) VALUES (2)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    let attempts = 0;
    await db.transaction(async (c) => {
      attempts++;
      await c.query(`INSERT INTO ${db.schema}.a (x) VALUES (3)`);
      if (attempts < 3) throw Object.assign(new Error('conflict'), { code: '40001' });
    });
    expect(attempts).toBe(3);
    const rows = await db.query<{ x: number }>(`SELECT x FROM ${db.schema}.a ORDER BY x`);
    expect(rows.rows.map((r) => r.x)).toEqual([1, 3]);
    await expect(db.query('SELECT * FROM nowhere')).rejects.toMatchObject({
      reason: 'sqlstate-42P01',
    });
  });
});
