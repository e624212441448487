import { parseArgument } from '../core/parse.ts';
import { DatasetRef, type PartyRef } from '../core/refs.ts';
import type { Processing } from '../tags/vocabulary.ts';
import { type ProcessingEvent, ProcessingEventSchema } from './event.ts';

/** One event of a lineage, with its position in the ledger. */
export interface LineageStep {
  readonly index: number;
  readonly event: ProcessingEvent;
}

/** The events and datasets reachable from a dataset, in ledger order. */
export interface Lineage {
  /** The dataset asked about. */
  readonly dataset: DatasetRef;
  readonly direction: 'upstream' | 'downstream';
  /** Events that produced (upstream) or consumed (downstream) the datasets, by ledger index. */
  readonly steps: readonly LineageStep[];
  /** Every dataset reached, the one asked about excluded, in discovery order. */
  readonly datasets: readonly DatasetRef[];
}

/**
 * 数据产品来源标注: where a data product's data came from and when it was
 * acquired (rule S-DEVELOP, Fujian Art. 16).
 */
export interface SourceLabel {
  /** The dataset as acquired. */
  readonly dataset: DatasetRef;
  /** Who provided or collected it: the acquiring event's `onBehalfOf`, else its actor. */
  readonly source: PartyRef;
  /** When it was acquired (the event's time, ISO 8601 UTC). */
  readonly acquiredAt: string;
  /** How it was acquired: collect, provide, share, open, trade, transmit or entrust. */
  readonly processing: Processing;
  readonly eventId: string;
  readonly eventIndex: number;
  /** A one-line human-readable label. */
  readonly label: string;
}

/** The source labels of a data product. */
export interface SourceLabels {
  readonly product: DatasetRef;
  readonly sources: readonly SourceLabel[];
  /** Origin datasets with no acquisition event on record: their source cannot be labelled. */
  readonly unlabeled: readonly DatasetRef[];
}

/** Processing kinds through which data arrives from a source. */
const ACQUISITION_PROCESSING: ReadonlySet<Processing> = new Set<Processing>([
  'collect',
  'transmit',
  'provide',
  'share',
  'open',
  'trade',
  'entrust',
]);

/**
 * Whether a recorded reference matches a query: same id, and equal version
 * and digest where both sides give one (a missing one is unknown and could be
 * any, so lineage errs towards including a step rather than losing it).
 */
function refMatches(query: DatasetRef, recorded: DatasetRef): boolean {
  return (
    query.id === recorded.id &&
    (query.version === undefined ||
      recorded.version === undefined ||
      query.version === recorded.version) &&
    (query.digest === undefined ||
      recorded.digest === undefined ||
      query.digest === recorded.digest)
  );
}

/** A stable key for a reference (id, version, digest). */
function refKey(ref: DatasetRef): string {
  return JSON.stringify([ref.id, ref.version ?? null, ref.digest ?? null]);
}

/**
 * An incremental index of ledger events by dataset id: events are added in
 * ledger order and lineage queries walk it without rescanning the store.
 */
export interface LineageIndex {
  /** Number of events indexed (they are indexes 0..count-1). */
  readonly count: number;
  /** Adds the event at index `count`. */
  add(event: ProcessingEvent): void;
  upstream(dataset: DatasetRef): Lineage;
  downstream(dataset: DatasetRef): Lineage;
  sourceLabels(dataset: DatasetRef): SourceLabels;
}

/**
 * Creates an empty {@link LineageIndex} that checks what it is given: each
 * added event against the stored-event schema, each queried dataset against
 * `DatasetRef`. (The ledger feeds its own index events it already parsed.)
 *
 * @returns the index
 * @throws {ValidationError} from `add` or a query, on an invalid event or dataset
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createLedger, createNoteSigner } from 'dataguard/provenance';
 * import { createLineageIndex } from './lineage.ts';
 * const secretKey = ed25519.generateSecretKey();
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createNoteSigner({ name: origin, secretKey }) });
 * const actor = { id: 'civil-affairs', kind: 'agency' } as const;
 * const entry = await ledger.append({ processing: 'collect', actor, purpose: 'public-service',
 *   legalBasis: 'statutory-duty', inputs: [], outputs: [{ id: 'households' }] });
 * const report = await ledger.append({ processing: 'use', actor, purpose: 'statistics', legalBasis: 'statutory-duty',
 *   inputs: [{ id: 'households' }], outputs: [{ id: 'report' }] });
 * const index = createLineageIndex();
 * index.add(entry.event);
 * index.add(report.event);
 * index.upstream({ id: 'report' }).datasets.map((d) => d.id); // ['households']
 * ```
 */
export function createLineageIndex(): LineageIndex {
  const index = createTrustedLineageIndex();
  const ref = (dataset: unknown) => parseArgument(DatasetRef, dataset, 'dataset');
  return {
    get count() {
      return index.count;
    },
    add: (event) => index.add(parseArgument(ProcessingEventSchema, event, 'event')),
    upstream: (dataset) => index.upstream(ref(dataset)),
    downstream: (dataset) => index.downstream(ref(dataset)),
    sourceLabels: (dataset) => index.sourceLabels(ref(dataset)),
  };
}

/** A {@link LineageIndex} that trusts its events and queries: the ledger's own (internal). */
export function createTrustedLineageIndex(): LineageIndex {
  const events: ProcessingEvent[] = [];
  const producers = new Map<string, number[]>();
  const consumers = new Map<string, number[]>();

  const push = (map: Map<string, number[]>, id: string, index: number) => {
    const list = map.get(id);
    if (list === undefined) map.set(id, [index]);
    else if (list[list.length - 1] !== index) list.push(index);
  };

  // Upstream walks producers backwards in time: a dataset's inputs only
  // count if they were produced before the event that consumed them.
  function upstreamWalk(dataset: DatasetRef): {
    steps: Set<number>;
    datasets: Map<string, DatasetRef>;
    origins: DatasetRef[];
  } {
    const steps = new Set<number>();
    const datasets = new Map<string, DatasetRef>();
    const origins: DatasetRef[] = [];
    const processed = new Map<string, number>();
    const work: [DatasetRef, number][] = [[dataset, events.length]];
    while (work.length > 0) {
      const [ref, bound] = work.pop() as [DatasetRef, number];
      const key = refKey(ref);
      const low = processed.get(key) ?? 0;
      if (processed.has(key) && bound <= low) continue;
      processed.set(key, bound);
      let produced = false;
      for (const index of producers.get(ref.id) ?? []) {
        if (index >= bound) break;
        const event = events[index] as ProcessingEvent;
        if (!event.outputs.some((out) => refMatches(ref, out))) continue;
        produced = true;
        if (index < low) continue;
        steps.add(index);
        for (const input of event.inputs) {
          const inputKey = refKey(input);
          if (!datasets.has(inputKey) && inputKey !== refKey(dataset))
            datasets.set(inputKey, input);
          work.push([input, index]);
        }
      }
      if (!produced && !origins.some((o) => refKey(o) === key)) origins.push(ref);
    }
    return { steps, datasets, origins };
  }

  function lineage(
    dataset: DatasetRef,
    direction: Lineage['direction'],
    steps: Set<number>,
    datasets: Map<string, DatasetRef>,
  ): Lineage {
    return {
      dataset,
      direction,
      steps: [...steps]
        .sort((a, b) => a - b)
        .map((index) => ({ index, event: events[index] as ProcessingEvent })),
      datasets: [...datasets.values()],
    };
  }

  return {
    get count() {
      return events.length;
    },
    add(event) {
      const index = events.length;
      events.push(event);
      for (const ref of event.outputs) push(producers, ref.id, index);
      for (const ref of event.inputs) push(consumers, ref.id, index);
    },
    upstream(dataset) {
      const { steps, datasets } = upstreamWalk(dataset);
      return lineage(dataset, 'upstream', steps, datasets);
    },
    downstream(dataset) {
      // Downstream walks consumers forwards: an output only feeds events after it was produced.
      const steps = new Set<number>();
      const datasets = new Map<string, DatasetRef>();
      const processed = new Map<string, number>();
      const work: [DatasetRef, number][] = [[dataset, 0]];
      while (work.length > 0) {
        const [ref, bound] = work.pop() as [DatasetRef, number];
        const key = refKey(ref);
        const high = processed.get(key) ?? Number.POSITIVE_INFINITY;
        if (bound >= high) continue;
        processed.set(key, bound);
        for (const index of consumers.get(ref.id) ?? []) {
          if (index < bound) continue;
          if (index >= high) break;
          const event = events[index] as ProcessingEvent;
          if (!event.inputs.some((input) => refMatches(ref, input))) continue;
          steps.add(index);
          for (const output of event.outputs) {
            const outputKey = refKey(output);
            if (!datasets.has(outputKey) && outputKey !== refKey(dataset))
              datasets.set(outputKey, output);
            work.push([output, index + 1]);
          }
        }
      }
      return lineage(dataset, 'downstream', steps, datasets);
    },
    sourceLabels(dataset) {
      const { steps, origins } = upstreamWalk(dataset);
      const sources: SourceLabel[] = [];
      const labelled = new Set<string>();
      for (const index of [...steps].sort((a, b) => a - b)) {
        const event = events[index] as ProcessingEvent;
        if (!ACQUISITION_PROCESSING.has(event.processing)) continue;
        const source = event.onBehalfOf ?? event.actor;
        // The acquired copy and the original it came from both have a known source now.
        for (const input of event.inputs) labelled.add(refKey(input));
        for (const output of event.outputs) {
          labelled.add(refKey(output));
          const name = source.name ?? source.id;
          const version = output.version === undefined ? '' : ` v${output.version}`;
          sources.push({
            dataset: output,
            source,
            acquiredAt: event.time,
            processing: event.processing,
            eventId: event.id,
            eventIndex: index,
            label: `Source: ${name}; dataset ${output.id}${version}; acquired ${event.time.slice(0, 10)} (${event.processing})`,
          });
        }
      }
      const unlabeled = origins.filter((origin) => !labelled.has(refKey(origin)));
      return { product: dataset, sources, unlabeled };
    },
  };
}
