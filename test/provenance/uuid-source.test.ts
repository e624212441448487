import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { createLedger } from '../../src/provenance/index.ts';
import { uuidV7, uuidV7Source } from '../../src/provenance/uuid.ts';
import { counterRandom, event, ORIGIN } from './helpers.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids', () => {
  it('draws the platform CSPRNG in pools and still gives distinct v7 ids across refills', async () => {
    const ledger = createLedger({ origin: ORIGIN });
    const entries = await ledger.appendBatch(Array.from({ length: 700 }, () => event()));
    const ids = entries.map((entry) => entry.event.id);
    expect(new Set(ids).size).toBe(700);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('calls an injected random source once per id, exactly as uuidV7 does', () => {
    const clock = fixedClock(Date.parse('2026-03-01T00:00:00Z'));
    const next = uuidV7Source(clock, counterRandom());
    const reference = counterRandom();
    for (let i = 0; i < 5; i++) expect(next()).toBe(uuidV7(clock, reference));
  });
});
