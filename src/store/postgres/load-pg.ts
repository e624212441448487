import type * as Pg from 'pg';
import { StoreError } from '../../errors/index.ts';

/** The `pg` module's namespace. */
export type PgModule = typeof Pg;

/**
 * Imports `pg` on first use. It is an optional peer dependency, so code that
 * only uses `dataguard/store/sqlite` never needs it installed.
 *
 * @returns the `pg` module
 * @throws StoreError `pg-missing` when `pg` is not installed
 */
export async function loadPg(): Promise<PgModule> {
  try {
    // pg is CommonJS: under ESM its API is the default export, under a bundler it may be the namespace.
    const mod = (await import('pg')) as PgModule & { default?: PgModule };
    return mod.default ?? mod;
  } catch (cause) {
    throw new StoreError("dataguard/store/postgres needs the 'pg' package (npm install pg@8)", {
      reason: 'pg-missing',
      cause,
    });
  }
}
