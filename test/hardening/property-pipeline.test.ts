// Property tests for protect(): mutated options and garbage input records
// give a summary or a DataguardError, a failed run records nothing, and a
// successful one leaves a verifiable ledger.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { createKeyring } from '../../src/crypto/index.ts';
import { createLedgerSigner, protect } from '../../src/pipeline/index.ts';
import { createLedger } from '../../src/provenance/index.ts';
import { garbage, garbageRecord, mutated } from './arbitraries.ts';
import { assertProperty, expectSafeAsync, hardeningIt } from './expect-safe.ts';

const root = new URL('../../', import.meta.url);
const definition = JSON.parse(
  readFileSync(new URL('examples/residents.dataset.json', root), 'utf8'),
);
const sharePolicy = JSON.parse(readFileSync(new URL('examples/share.policy.json', root), 'utf8'));
const openPolicy = JSON.parse(readFileSync(new URL('examples/open.policy.json', root), 'utf8'));
const [headerLine, ...lines] = readFileSync(new URL('examples/residents.csv', root), 'utf8')
  .trim()
  .split('\n');
const header = (headerLine as string).split(',');
const records = lines
  .slice(0, 60)
  .map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i], v])));
const keyring = createKeyring({
  keys: [
    {
      id: 'k1',
      suite: 'international',
      material: '44'.repeat(32),
      createdAt: '2026-01-01T00:00:00Z',
      status: 'active',
    },
  ],
});
const actor = { id: 'gov.example.civil-affairs', kind: 'agency', name: '民政局' };
const recipient = { id: 'gov.example.health', kind: 'agency', name: '卫健委' };

function freshLedger() {
  const origin = 'ledger.example.gov.cn';
  return createLedger({
    origin,
    signer: createLedgerSigner(keyring, origin),
    clock: fixedClock('2026-11-23T08:00:00+08:00'),
  });
}

const shareOptions = {
  dataset: definition,
  policy: sharePolicy,
  purpose: 'statutory-duty',
  actor,
  recipient,
  legalBasis: 'statutory-duty',
  rejects: 'fail',
};
const openOptions = {
  dataset: definition,
  policy: openPolicy,
  purpose: 'public-service',
  actor,
  recipient: { id: 'public', kind: 'system' },
  processing: 'open',
  legalBasis: 'statutory-duty',
  anonymity: { quasiIdentifiers: ['birth_date', 'sex', 'district'], k: 5 },
};

async function run(options: Record<string, unknown>) {
  const ledger = freshLedger();
  const out: Record<string, unknown>[] = [];
  const sink = async (stream: AsyncIterable<Record<string, unknown>>) => {
    for await (const record of stream) out.push(record);
  };
  const result = await expectSafeAsync('protect', () =>
    protect({ input: records, sink, keyring, ledger, ...options } as never),
  );
  return { result, ledger, out };
}

describe('protect() under hostile input', () => {
  hardeningIt(
    'mutated share and open options: a summary with a verifiable ledger, or a DataguardError and an empty ledger',
    async () => {
      await assertProperty(
        fc.asyncProperty(fc.oneof(mutated(shareOptions), mutated(openOptions)), async (options) => {
          const { result, ledger, out } = await run(options as Record<string, unknown>);
          if (result.ok) {
            expect(await ledger.size()).toBe(1);
            expect((await ledger.verify()).ok).toBe(true);
            expect(result.value.rowsOut).toBe(out.length);
          } else {
            expect(await ledger.size()).toBe(0);
          }
        }),
        { numRuns: 60 },
      );
    },
  );

  hardeningIt('garbage options', async () => {
    await assertProperty(
      fc.asyncProperty(garbage, async (options) => {
        await expectSafeAsync('protect(garbage)', () => protect(options as never));
      }),
      { numRuns: 60 },
    );
  });

  hardeningIt(
    'garbage input records: fail or quarantine, never a crash; quarantined rows are counted and never written',
    async () => {
      const fields = header;
      await assertProperty(
        fc.asyncProperty(
          fc.array(fc.oneof(garbageRecord(fields), fc.constantFrom(...records)), { maxLength: 8 }),
          fc.constantFrom('fail', 'quarantine'),
          async (input, rejects) => {
            const ledger = freshLedger();
            const out: unknown[] = [];
            const result = await expectSafeAsync('protect(garbage records)', () =>
              protect({
                ...(shareOptions as object),
                input,
                rejects,
                keyring,
                ledger,
                sink: async (stream: AsyncIterable<Record<string, unknown>>) => {
                  for await (const record of stream) out.push(record);
                },
              } as never),
            );
            if (result.ok) {
              expect(result.value.rowsIn).toBe(input.length);
              expect(result.value.rowsOut + result.value.rejected + result.value.excluded).toBe(
                input.length,
              );
              expect(out.length).toBe(result.value.rowsOut);
              for (const reject of result.value.rejects)
                expect(Object.keys(reject).sort()).toEqual(['field', 'reason', 'row', 'rule']);
            } else {
              expect(await ledger.size()).toBe(0);
            }
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  hardeningIt(
    'garbage input iterables (not iterable, throwing, null rows) are refused with a DataguardError or an input error',
    async () => {
      const throwing = {
        *[Symbol.iterator]() {
          yield records[0];
          throw new Error('disk failed');
        },
      };
      for (const input of [null, 42, 'text', { length: 2 }, [null], [undefined], [42], throwing]) {
        const ledger = freshLedger();
        const result = await (async () => {
          try {
            await protect({
              ...(shareOptions as object),
              input: input as never,
              keyring,
              ledger,
            } as never);
            return 'ok';
          } catch (error) {
            return error;
          }
        })();
        // A failing source may surface its own error (it is the caller's), but never a TypeError from dataguard.
        if (result !== 'ok' && input !== throwing) {
          expect(
            String((result as { code?: string }).code),
            `input ${String(input)}: ${String(result)}`,
          ).toMatch(/^ERR_/);
        }
        expect(await ledger.size()).toBe(0);
      }
    },
  );
});
