import { z } from 'zod';
import { DatasetRef, Digest, Id, PartyRef, PurposeId } from '../core/refs.ts';
import { IsoDateTime } from '../core/time.ts';
import { LegalBasis, Processing } from '../tags/vocabulary.ts';
import { type EventDetails, EventDetailsSchema } from './event-details.ts';

/**
 * One recorded processing step (处理活动记录): who did what to which datasets,
 * for which purpose and on which legal basis. It holds references and content
 * digests, never personal data or keys.
 */
export interface ProcessingEvent {
  /** Unique event id (default: a UUID v7). */
  readonly id: string;
  /** When it happened, ISO 8601 UTC. */
  readonly time: string;
  readonly processing: Processing;
  /** The party that performed the step. */
  readonly actor: PartyRef;
  /** The party the actor acted for (an entrusting agency, a controller). */
  readonly onBehalfOf?: PartyRef | undefined;
  /** Dotted purpose id. */
  readonly purpose: string;
  readonly legalBasis: LegalBasis;
  /** Datasets read (with content digests where known). */
  readonly inputs: readonly DatasetRef[];
  /** Datasets written. */
  readonly outputs: readonly DatasetRef[];
  /** Names of the fields processed. */
  readonly fields?: readonly string[] | undefined;
  /** Digest of the de-identification policy applied. */
  readonly policyDigest?: string | undefined;
  /** Ids (never material) of the keys used. */
  readonly keyIds?: readonly string[] | undefined;
  /** Parties the data went to. */
  readonly recipients?: readonly PartyRef[] | undefined;
  /** How many data subjects the step touched. */
  readonly subjectCount?: number | undefined;
  /** Small non-personal parameters; see EventDetailsSchema. */
  readonly details?: EventDetails | undefined;
}

const MAX_REFS = 1000;

const eventShape = {
  processing: Processing,
  actor: PartyRef,
  onBehalfOf: PartyRef.optional(),
  purpose: PurposeId,
  legalBasis: LegalBasis,
  inputs: z.array(DatasetRef).max(MAX_REFS),
  outputs: z.array(DatasetRef).max(MAX_REFS),
  fields: z.array(Id).max(MAX_REFS).optional(),
  policyDigest: Digest.optional(),
  keyIds: z.array(Id).max(100).optional(),
  recipients: z.array(PartyRef).max(MAX_REFS).optional(),
  subjectCount: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  details: EventDetailsSchema.optional(),
};

/** Schema of a stored {@link ProcessingEvent} (what the leaf bytes hold). */
export const ProcessingEventSchema: z.ZodType<ProcessingEvent> = z.strictObject({
  id: Id,
  time: IsoDateTime,
  ...eventShape,
});

/** What `ledger.append` accepts: an event whose id and time may be left for the ledger to fill. */
export interface ProcessingEventInput extends Omit<ProcessingEvent, 'id' | 'time'> {
  readonly id?: string | undefined;
  /** ISO 8601 with offset, a Date, or epoch milliseconds; default: the ledger's clock. */
  readonly time?: string | number | Date | undefined;
}

/** Schema of {@link ProcessingEventInput}. */
export const ProcessingEventInputSchema: z.ZodType<ProcessingEventInput> = z.strictObject({
  id: Id.optional(),
  // ±8.64e15 ms is the range of a JavaScript Date.
  time: z.union([IsoDateTime, z.date(), z.number().int().min(-8.64e15).max(8.64e15)]).optional(),
  ...eventShape,
});
