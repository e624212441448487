import type { ChainCore } from './chain-core.ts';
import type { CopyEvent } from './custody-store.ts';
import type { TimelineEntry } from './incident-report.ts';

/**
 * The ledger events that named the affected copies, and those of their
 * ancestors up to `cutoff` (the derivation of the named copies), in ledger order.
 *
 * @param core - the chain core
 * @param affected - the affected copies
 * @param upstream - their ancestors
 * @param cutoff - the last ledger index taken from ancestors
 * @returns the timeline
 */
export async function buildTimeline(
  core: ChainCore,
  affected: readonly string[],
  upstream: readonly string[],
  cutoff: number,
): Promise<TimelineEntry[]> {
  const byIndex = new Map<number, { event: CopyEvent; copies: string[] }>();
  for (const id of [...affected, ...upstream]) {
    const isUpstream = !affected.includes(id);
    for (const event of await core.store.events(id)) {
      if (isUpstream && event.index > cutoff) continue;
      const entry = byIndex.get(event.index);
      if (entry === undefined) byIndex.set(event.index, { event, copies: [id] });
      else if (!entry.copies.includes(id)) entry.copies.push(id);
    }
  }
  return [...byIndex.values()]
    .sort((a, b) => a.event.index - b.event.index)
    .map(({ event, copies }) => ({
      index: event.index,
      time: event.time,
      eventId: event.eventId,
      processing: event.processing,
      actor: event.actor,
      ...(event.onBehalfOf === undefined ? {} : { onBehalfOf: event.onBehalfOf }),
      ...(event.recipients === undefined ? {} : { recipients: event.recipients }),
      purpose: event.purpose,
      copies,
    }));
}
