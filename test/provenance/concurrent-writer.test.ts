// Another writer appending and checkpointing between two of a ledger's reads, made
// deterministic: a store whose size() lets the other writer in just after it read
// the size. verify() must not call that tampering, and checkpoint() must not call
// it a truncation (real tampering stays caught: tamper.test.ts).
import { describe, expect, it } from 'vitest';
import {
  createLedger,
  createMemoryLedgerStore,
  createNoteSigner,
  type LedgerStore,
  type MemoryLedgerStore,
} from '../../src/provenance/index.ts';
import { counterRandom, event, ORIGIN, SECRET, testClock } from './helpers.ts';

const signer = createNoteSigner({ name: ORIGIN, secretKey: SECRET });

/**
 * The memory store, shared by `ledger` and `other`; `interleave(n)` makes the
 * next `size()` call of `ledger` let `other` append n events and checkpoint
 * after the size was read and before it is returned.
 */
async function setup() {
  const store = createMemoryLedgerStore();
  const options = { origin: ORIGIN, clock: testClock(), random: counterRandom(), signer };
  const other = createLedger({ ...options, store });
  let pending = 0;
  const racing: LedgerStore = {
    ...store,
    async size() {
      const size = await store.size();
      if (pending > 0) {
        const count = pending;
        pending = 0;
        await other.appendBatch(Array.from({ length: count }, (_, i) => event({ id: `o${i}` })));
        await other.checkpoint();
      }
      return size;
    },
  };
  const ledger = createLedger({ ...options, store: racing });
  for (let i = 0; i < 10; i++) await ledger.append(event({ id: `e${i}` }));
  await ledger.checkpoint();
  return {
    store: store as MemoryLedgerStore,
    ledger,
    other,
    interleave: (count: number) => {
      pending = count;
    },
  };
}

describe('a ledger read while another writer appends and checkpoints', () => {
  it('verify() reports the log it read as intact, not missing-tail or truncated', async () => {
    const { ledger, interleave } = await setup();
    interleave(5);
    expect(await ledger.verify()).toEqual({
      ok: true,
      size: 10,
      checkpointsChecked: 1,
      signatures: 'all',
    });
    // Everything, the other writer's checkpoint included, verifies afterwards.
    expect(await ledger.verify()).toEqual({
      ok: true,
      size: 15,
      checkpointsChecked: 2,
      signatures: 'all',
    });
  });

  it('checkpoint() signs the size it read although a larger checkpoint landed meanwhile', async () => {
    const { ledger, store, interleave } = await setup();
    interleave(3);
    const checkpoint = await ledger.checkpoint();
    expect(checkpoint.size).toBe(10);
    expect((await store.listCheckpoints()).map((c) => c.size)).toEqual([10, 10, 13]);
    expect(await ledger.checkpoint()).toMatchObject({ size: 13 });
    expect(await ledger.verify()).toMatchObject({ ok: true, size: 13, checkpointsChecked: 4 });
  });
});
