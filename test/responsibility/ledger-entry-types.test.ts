import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ProcessingEvent } from '../../src/provenance/index.ts';
import type {
  LedgerEntryLike,
  ProcessingEventLike,
  RecordedEvent,
} from '../../src/responsibility/ledger-entry.ts';
import { assertLedgerEntry } from '../../src/responsibility/ledger-entry.ts';

// The event shape is written once, in provenance; responsibility derives its
// view of it. These checks fail to compile (tsc) if the two drift apart.
describe('responsibility reads the provenance event shape', () => {
  it('a provenance event is a responsibility event and back (details aside)', () => {
    expectTypeOf<ProcessingEvent>().toExtend<ProcessingEventLike>();
    expectTypeOf<Omit<ProcessingEventLike, 'details'>>().toEqualTypeOf<
      Omit<ProcessingEvent, 'details'>
    >();
    expectTypeOf<RecordedEvent>().toEqualTypeOf<ProcessingEvent>();
  });

  it('accepts an entry carrying the provenance-only fields policyDigest and keyIds', () => {
    const event: ProcessingEvent = {
      id: 'e1',
      time: '2026-01-01T00:00:00Z',
      processing: 'share',
      actor: { id: 'a', kind: 'agency' },
      purpose: 'public-service',
      legalBasis: 'statutory-duty',
      inputs: [{ id: 'ds' }],
      outputs: [{ id: 'ds-out' }],
      policyDigest: `sha256:${'0'.repeat(64)}`,
      keyIds: ['k1'],
    };
    const entry: LedgerEntryLike = { index: 0, event };
    expect(assertLedgerEntry(entry)).toBe(Date.UTC(2026, 0, 1));
  });
});
