import type { DatasetRef, PartyRef } from '../core/refs.ts';
import { ValidationError } from '../errors/kinds.ts';

/** An instant as dataguard accepts it: ISO 8601 with offset, a Date, or epoch milliseconds. */
export type Instant = string | Date | number;

/** A value that may come synchronously or as a promise. */
export type MaybePromise<T> = T | Promise<T>;

/** Values that may come as an array, an (async) iterable, or a promise of one. */
export type ManyOf<T> = MaybePromise<Iterable<T> | AsyncIterable<T>>;

/**
 * What audits and incidents read about a grant (sharing, opening, development,
 * authorized operation). `dataguard/consent` grants map onto it.
 */
export interface GrantFacts {
  readonly id: string;
  /** The party the grant was made to (a party or its id). */
  readonly grantee: PartyRef | string;
  /** The dataset (copy) granted (a reference or its id). */
  readonly dataset: DatasetRef | string;
  /** `share`, `open`, `develop` (S-DEVELOP), `authorized-operation` (S-AUTH-TERM) or another kind. */
  readonly kind?: string | undefined;
  readonly validFrom: Instant;
  readonly validUntil?: Instant | undefined;
  /** The state at the time asked: `active` (default), `pending`, `suspended`, `terminated`, `revoked`, `expired`. */
  readonly status?: string | undefined;
  /** Regular usage reports a secondary developer owes (S-DEVELOP). */
  readonly usageReports?:
    | {
        /** When the next report is due, if the source computes it; else from `every`. */
        readonly due?: Instant | undefined;
        /** ISO 8601 duration between reports, e.g. `P3M` (needed when `due` is absent). */
        readonly every?: string | undefined;
        /** The last report (default: `validFrom`). */
        readonly lastReportedAt?: Instant | undefined;
      }
    | undefined;
}

/** Where grants come from (the consent store, adapted). */
export interface GrantSource {
  /** The grants a party holds, with their state as of `at` (ISO 8601). */
  grantsOf(grantee: string, at: string): ManyOf<GrantFacts>;
}

/** Why a grant is being suspended, terminated or reinstated. */
export interface GrantActionReason {
  readonly rule: 'S-SUSPEND';
  readonly article: string;
  readonly incident: string;
  readonly message: string;
  /** For a suspension: the deadline to correct the misuse, after which the grant ends (ISO 8601). */
  readonly correctBy?: string | undefined;
}

/** Acts on grants when shared data is misused (S-SUSPEND). */
export interface GrantController {
  suspend(grantId: string, reason: GrantActionReason): MaybePromise<void>;
  terminate(grantId: string, reason: GrantActionReason): MaybePromise<void>;
  /** Optional: lift a suspension once the misuse is corrected. */
  reinstate?(grantId: string, reason: GrantActionReason): MaybePromise<void>;
}

/** One withdrawal of consent (C-WITHDRAW) that concerns a dataset. */
export interface Withdrawal {
  readonly subject: string;
  readonly withdrawnAt: Instant;
}

/** Which subjects withdrew consent for a dataset (the consent store, adapted). */
export interface WithdrawalSource {
  /** Withdrawals whose data is still to be deleted; undefined when the dataset is unknown. */
  withdrawnSubjects(dataset: DatasetRef): ManyOf<Withdrawal> | undefined;
}

/** When the retention period of a dataset ends (C-RETENTION). */
export interface RetentionSource {
  retentionEnd(dataset: DatasetRef): MaybePromise<Instant | undefined>;
}

/** Which subjects a dataset holds data about (the consent store or a subject index, adapted). */
export interface SubjectSource {
  /** The subject ids in a dataset (or its subject digests); undefined when the dataset is unknown to the source. */
  subjectsOf(
    dataset: DatasetRef,
  ): MaybePromise<Iterable<string> | AsyncIterable<string> | undefined>;
  /**
   * The key the dataset's subject ids were digested under, when they are keyed digests: ids of
   * datasets under different keys never match, so their union is not a count of people.
   */
  keyOf?(dataset: DatasetRef): MaybePromise<string | undefined>;
}

/**
 * Collects what a fact source returned into an array.
 *
 * @param value - an array, iterable, async iterable, a promise of one, or undefined
 * @returns the values, or undefined when the source returned undefined
 */
export async function collectAll<T>(
  value: MaybePromise<Iterable<T> | AsyncIterable<T> | undefined>,
): Promise<T[] | undefined> {
  const resolved = await value;
  if (resolved === undefined) return undefined;
  const out: T[] = [];
  for await (const item of resolved as AsyncIterable<T>) out.push(item);
  return out;
}

/**
 * The id of a party given as a reference or an id.
 *
 * @param party - the party or its id
 * @param path - the argument's name, for the error
 * @returns the id
 * @throws {ValidationError} reason `invalid-argument` when it is neither
 */
export function partyIdOf(party: PartyRef | string, path = 'party'): string {
  return idOf(party, path);
}

/**
 * The id of a dataset given as a reference or an id.
 *
 * @param dataset - the dataset or its id
 * @param path - the argument's name, for the error
 * @returns the id
 * @throws {ValidationError} reason `invalid-argument` when it is neither
 */
export function datasetIdOf(dataset: DatasetRef | string, path = 'dataset'): string {
  return idOf(dataset, path);
}

function idOf(ref: { readonly id: string } | string, path: string): string {
  if (typeof ref === 'string') return ref;
  if (typeof ref === 'object' && ref !== null && typeof ref.id === 'string') return ref.id;
  throw new ValidationError(`${path} must be an id or a reference with an id`, {
    path,
    reason: 'invalid-argument',
  });
}
