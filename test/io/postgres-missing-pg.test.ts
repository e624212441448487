import { describe, expect, it, vi } from 'vitest';
import { StoreError } from '../../src/errors/index.ts';
import { readPostgresQuery } from '../../src/io/postgres-source.ts';

// Without the optional `pg` package the reader says which option needs it and how to install it.
vi.mock('../../src/store/postgres/load-pg.ts', () => ({
  loadPg: async () => {
    throw new StoreError("dataguard/store/postgres needs the 'pg' package (npm install pg@8)", {
      reason: 'pg-missing',
    });
  },
}));

describe('readPostgresQuery without pg', () => {
  it('fails with pg-missing naming --from-postgres and the install command, never the URL', async () => {
    const read = async () => {
      for await (const _ of readPostgresQuery({
        url: 'postgres://dg:s3cret@db/x',
        query: 'SELECT 1',
      })) {
        // nothing is read
      }
    };
    const error = await read().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ reason: 'pg-missing', path: 'from-postgres' });
    expect((error as Error).message).toContain('--from-postgres');
    expect((error as Error).message).toContain('npm install pg@8');
    expect((error as Error).message).not.toContain('s3cret');
  });
});
