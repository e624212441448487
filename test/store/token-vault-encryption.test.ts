// The persistent token vaults hold originals only sealed under the keyring:
// after tokenizing through a real policy, no original appears anywhere in the
// SQLite file (WAL included) or in the PostgreSQL table's bytes; tokens reverse
// through the vault and the key; a subject's tokens can be deleted (C-RETENTION).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyring } from '../../src/crypto/index.ts';
import {
  compilePolicy,
  forgetSubject,
  type PolicyDocument,
  reidentify,
  type TokenVault,
} from '../../src/deidentify/index.ts';
import { createPostgresTokenVault, type PostgresDatabase } from '../../src/store/postgres/index.ts';
import { createSqliteTokenVault, openSqlite } from '../../src/store/sqlite/index.ts';
import type { DatasetDefinition } from '../../src/tags/index.ts';
import { announcePgSkip, PG_URL, postgresFactory, tempDir } from './harness.ts';

announcePgSkip('token-vault-encryption.test.ts');

const keyring = createKeyring({
  keys: [
    {
      id: 'k1',
      suite: 'international',
      material: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
      createdAt: '2026-01-01T00:00:00Z',
      status: 'active',
    },
  ],
});

const dataset: DatasetDefinition = {
  id: 'applicants',
  version: '1',
  fields: [
    {
      name: 'id_card',
      role: 'direct-identifier',
      piCategory: 'identity',
      share: 'conditional',
      open: 'closed',
      openBasis: 'PIPL Art. 25',
    },
    {
      name: 'mobile',
      role: 'direct-identifier',
      piCategory: 'communication',
      share: 'conditional',
      open: 'closed',
      openBasis: 'PIPL Art. 25',
    },
  ],
};

const policy: PolicyDocument = {
  id: 'vault-test',
  version: '1',
  rules: [
    {
      id: 'mobile',
      select: { fields: ['mobile'] },
      transform: { type: 'tokenize', domain: 'phones', subjectField: 'id_card' },
    },
    { id: 'id', select: { fields: ['id_card'] }, transform: { type: 'pseudonymize' } },
  ],
};

const rows = Array.from({ length: 40 }, (_, i) => ({
  id_card: `35010219900307${String(1000 + i)}`,
  mobile: `1380013${String(8000 + i)}`,
}));

async function tokenizeAll(vault: TokenVault) {
  const transformer = compilePolicy(policy, { dataset, keyring, vault });
  const out: Record<string, unknown>[] = [];
  for await (const record of transformer.records(rows)) out.push(record);
  return out;
}

const utf8 = new TextEncoder();
function contains(haystack: Uint8Array, needle: string): boolean {
  const bytes = utf8.encode(needle);
  outer: for (let i = 0; i + bytes.length <= haystack.length; i++) {
    for (let j = 0; j < bytes.length; j++) if (haystack[i + j] !== bytes[j]) continue outer;
    return true;
  }
  return false;
}

/** Tokenizes, checks the round trip and erasure; `raw` returns the stored bytes. */
async function exercise(vault: TokenVault, raw: () => Promise<Uint8Array>) {
  const out = await tokenizeAll(vault);
  for (const [i, record] of out.entries()) {
    expect(record.mobile).toMatch(/^[a-z2-7]{16}$/);
    expect(record.mobile).not.toBe(rows[i]?.mobile);
  }
  const stored = await raw();
  // The originals' last 8 digits are enough to find them in the clear (the
  // 138-prefix alone would match unrelated bytes by chance too rarely to matter).
  for (const row of rows) {
    expect(contains(stored, row.mobile.slice(3))).toBe(false);
    expect(contains(stored, row.id_card)).toBe(false);
  }
  // The tokens themselves are stored (so the check above does see the table).
  expect(contains(stored, out[0]?.mobile as string)).toBe(true);

  const restored = await reidentify(out, { policy, dataset, keyring, vault, fields: ['mobile'] });
  expect(restored.map((r) => r.mobile)).toEqual(rows.map((r) => r.mobile));

  // C-RETENTION / PIPL Art. 47: erase one subject's tokens.
  expect(await forgetSubject(vault, keyring, rows[3]?.id_card as string)).toBe(1);
  await expect(
    reidentify([out[3] as Record<string, unknown>], {
      policy,
      dataset,
      keyring,
      vault,
      fields: ['mobile'],
    }),
  ).rejects.toMatchObject({ reason: 'unknown-token' });
  const others = await reidentify([out[4] as Record<string, unknown>], {
    policy,
    dataset,
    keyring,
    vault,
    fields: ['mobile'],
  });
  expect(others[0]?.mobile).toBe(rows[4]?.mobile);
  // Tokenizing the same values again gives the same tokens (except the erased one).
  const again = await tokenizeAll(vault);
  expect(again.map((r) => r.mobile).filter((_, i) => i !== 3)).toEqual(
    out.map((r) => r.mobile).filter((_, i) => i !== 3),
  );
  expect(again[3]?.mobile).not.toBe(out[3]?.mobile);
}

describe('persistent token vaults store originals only encrypted', () => {
  const dir = tempDir();
  it('SQLite: not in the database file or its WAL', async () => {
    const path = join(dir, 'vault.db');
    const db = openSqlite({ path });
    await exercise(createSqliteTokenVault(db), async () => {
      const files = [path, `${path}-wal`].map((file) => {
        try {
          return readFileSync(file);
        } catch {
          return new Uint8Array(0);
        }
      });
      const all = new Uint8Array(files.reduce((n, f) => n + f.length, 0));
      let at = 0;
      for (const f of files) {
        all.set(f, at);
        at += f.length;
      }
      return all;
    });
    db.close();
  });

  const pg = PG_URL === undefined ? undefined : postgresFactory();
  it.skipIf(pg === undefined)('PostgreSQL: not in any column of the vault table', async () => {
    if (pg === undefined) return;
    const db: PostgresDatabase = await pg.open();
    await exercise(createPostgresTokenVault(db), async () => {
      const result = await db.pool.query<{ row: string }>(
        `SELECT t::text AS row, t.idx, t.sealed
         FROM ${db.schema}.token_vault t`,
      );
      // Every column as text (bytea in hex), plus the raw bytea bytes.
      const parts = result.rows.flatMap((r) => {
        const row = r as unknown as { row: string; idx: Uint8Array; sealed: Uint8Array };
        return [utf8.encode(row.row), row.idx, row.sealed];
      });
      const all = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
      let at = 0;
      for (const p of parts) {
        all.set(p, at);
        at += p.length + 1;
      }
      return all;
    });
  });
});
