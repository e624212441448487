// Public entry points refuse malformed arguments with a ValidationError
// (issue 12): never a TypeError or a DataCloneError from deep inside.
import { describe, expect, it } from 'vitest';
import { groupByParty, inForceAt } from '../../src/responsibility/attribution.ts';
import {
  createEventLog,
  createResponsibilityChain,
  dutiesOf,
  incidentToHtml,
  incidentToMarkdown,
} from '../../src/responsibility/index.ts';
import { asyncReasonOf as reasonOf } from '../helpers/validation-reason.ts';
import { events } from './scenario.ts';

describe('responsibility: malformed arguments', () => {
  it('createEventLog refuses a non-iterable and an event it cannot copy', async () => {
    expect(await reasonOf(() => createEventLog(0 as never))).toBe('not-iterable');
    const event = { ...events[0], details: { note: () => 1 } };
    expect(await reasonOf(() => createEventLog([event] as never))).toBe('invalid-ledger-entry');
  });

  it('queries refuse a null dataset or options', async () => {
    const chain = createResponsibilityChain({ ledger: createEventLog(events) });
    expect(await reasonOf(() => chain.responsibleParties(null as never))).toBe('invalid-argument');
    expect(await reasonOf(() => chain.auditDuties('health', null as never))).toBe(
      'invalid-argument',
    );
    expect(await reasonOf(() => chain.auditDuties(null as never))).toBe('invalid-argument');
  });

  it('the standalone helpers check their arguments', async () => {
    expect(await reasonOf(() => dutiesOf(0 as never))).toBe('invalid-argument');
    expect(await reasonOf(() => groupByParty(0 as never))).toBe('invalid-argument');
    expect(await reasonOf(() => inForceAt([] as never, Object.create(null)))).toBe(
      'invalid-argument',
    );
    expect(await reasonOf(() => incidentToHtml(0 as never))).toBe('invalid_type');
    expect(await reasonOf(() => incidentToMarkdown({ id: 'x' } as never))).toBe('invalid_value');
  });
});
