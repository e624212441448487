// Erasure per subject (PIPL Art. 47, C-RETENTION) through the public API, on
// every vault backend: a tokenized value is recoverable for a person exactly
// until that person is forgotten, also when several people share the value
// (a diagnosis). A property test runs random tokenizations and erasures
// against a simple model of who holds what.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePolicy,
  createMemoryTokenVault,
  forgetSubject,
  type PolicyDocument,
  reidentify,
  type TokenVault,
} from '../../src/deidentify/index.ts';
import { DataguardError } from '../../src/errors/index.ts';
import { createPostgresTokenVault } from '../../src/store/postgres/index.ts';
import { createSqliteTokenVault } from '../../src/store/sqlite/index.ts';
import { residents, testKeyring } from '../deidentify/fixtures.ts';
import { announcePgSkip, PG_URL, postgresFactory, sqliteFactory } from './harness.ts';

announcePgSkip('token-vault-erasure.test.ts');

const keyring = testKeyring();

const policy: PolicyDocument = {
  id: 'erasure',
  version: '1',
  rules: [
    {
      id: 'diagnosis',
      select: { fields: ['diagnosis'] },
      transform: { type: 'tokenize', domain: 'diagnoses', subjectField: 'id_card' },
    },
  ],
};

type Row = { id_card: string; diagnosis: string };

async function tokenize(vault: TokenVault, rows: readonly Row[]): Promise<Row[]> {
  const transformer = compilePolicy(policy, { dataset: residents, keyring, vault });
  const out: Row[] = [];
  for await (const record of transformer.records(rows)) out.push(record as Row);
  return out;
}

/** The restored diagnosis of one released row, or the reason it was refused. */
async function restore(vault: TokenVault, row: Row): Promise<string> {
  try {
    const [back] = await reidentify([row], {
      policy,
      dataset: residents,
      keyring,
      vault,
      fields: ['diagnosis'],
    });
    return `value:${String(back?.diagnosis)}`;
  } catch (error) {
    if (error instanceof DataguardError) return `refused:${error.reason}`;
    throw error;
  }
}

const SUBJECTS = ['110105194912310021', '350102199003074578', '440106198001010011'];
const VALUES = ['E11.9', 'I10', 'J45.909'];

type Op =
  | { kind: 'tokenize'; rows: { subject: number; value: number }[] }
  | { kind: 'forget'; subject: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('tokenize' as const),
    rows: fc.array(
      fc.record({
        subject: fc.nat({ max: SUBJECTS.length - 1 }),
        value: fc.nat({ max: VALUES.length - 1 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  }),
  fc.record({
    kind: fc.constant('forget' as const),
    subject: fc.nat({ max: SUBJECTS.length - 1 }),
  }),
);

/** What the model expects of one released row. */
interface Issued {
  readonly row: Row;
  readonly subject: number;
  readonly value: number;
  alive: boolean;
}

function runErasureSuite(
  name: string,
  factory: () => Promise<TokenVault> | TokenVault,
  runs: number,
) {
  describe(`per-subject erasure: ${name}`, () => {
    it('forgetting one of two people sharing a value erases exactly that person', async () => {
      const vault = await factory();
      const [a, b] = SUBJECTS as [string, string];
      const [rowA, rowB] = (await tokenize(vault, [
        { id_card: a, diagnosis: 'E11.9' },
        { id_card: b, diagnosis: 'E11.9' },
      ])) as [Row, Row];
      expect(rowA.diagnosis).not.toBe(rowB.diagnosis);
      expect(await forgetSubject(vault, keyring, a)).toBe(1);
      expect(await restore(vault, rowA)).toBe('refused:unknown-token');
      expect(await restore(vault, rowB)).toBe('value:E11.9');
      expect(await forgetSubject(vault, keyring, b)).toBe(1);
      expect(await restore(vault, rowB)).toBe('refused:unknown-token');
    });

    it('forgetting the later holder of a shared value leaves the first one whole', async () => {
      const vault = await factory();
      const [a, b] = SUBJECTS as [string, string];
      const [rowA] = (await tokenize(vault, [{ id_card: a, diagnosis: 'I10' }])) as [Row];
      const [rowB] = (await tokenize(vault, [{ id_card: b, diagnosis: 'I10' }])) as [Row];
      expect(await forgetSubject(vault, keyring, b)).toBe(1);
      expect(await restore(vault, rowB)).toBe('refused:unknown-token');
      expect(await restore(vault, rowA)).toBe('value:I10');
    });

    it('matches the model over random tokenizations and erasures', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
          const vault = await factory();
          const issued: Issued[] = [];
          for (const step of ops) {
            if (step.kind === 'forget') {
              const alive = new Set(
                issued.filter((i) => i.alive && i.subject === step.subject).map((i) => i.value),
              );
              const deleted = await forgetSubject(vault, keyring, SUBJECTS[step.subject] as string);
              // One token per (subject, value) still held.
              expect(deleted).toBe(alive.size);
              for (const i of issued) if (i.subject === step.subject) i.alive = false;
              continue;
            }
            const rows = step.rows.map((r) => ({
              id_card: SUBJECTS[r.subject] as string,
              diagnosis: VALUES[r.value] as string,
            }));
            const out = await tokenize(vault, rows);
            step.rows.forEach((r, k) => {
              issued.push({ row: out[k] as Row, subject: r.subject, value: r.value, alive: true });
            });
          }
          const tokenOwner = new Map<string, string>();
          for (const i of issued) {
            const expected = i.alive ? `value:${VALUES[i.value]}` : 'refused:unknown-token';
            expect(await restore(vault, i.row)).toBe(expected);
            // A token belongs to one (subject, value): never shared between people.
            const owner = `${i.subject}/${i.value}`;
            expect(tokenOwner.get(i.row.diagnosis) ?? owner).toBe(owner);
            tokenOwner.set(i.row.diagnosis, owner);
          }
          // While held, a person's equal values keep one token.
          const live = new Map<string, string>();
          for (const i of issued.filter((x) => x.alive)) {
            const key = `${i.subject}/${i.value}`;
            expect(live.get(key) ?? i.row.diagnosis).toBe(i.row.diagnosis);
            live.set(key, i.row.diagnosis);
          }
        }),
        { numRuns: runs },
      );
    });
  });
}

runErasureSuite('memory', () => createMemoryTokenVault(), 100);

const sqlite = sqliteFactory();
runErasureSuite('sqlite', () => createSqliteTokenVault(sqlite()), 40);

if (PG_URL !== undefined) {
  const pg = postgresFactory();
  runErasureSuite('postgres', async () => createPostgresTokenVault(await pg.fresh()), 25);
}
