import type { ConsentEvent, ConsentRecord } from './consent-record.ts';
import type { Grant, GrantEvent } from './grant.ts';
import type { Notice } from './notice.ts';
import type { Objection, ObjectionEvent } from './objection.ts';

/** A value, or a promise of it: memory stores answer synchronously, database stores asynchronously. */
export type Awaitable<T> = T | Promise<T>;

/** A change a store reports to its subscribers (caches use it to invalidate; withdrawal takes effect at once). */
export type ConsentStoreChange =
  | { readonly type: 'notice'; readonly notice: Notice }
  | { readonly type: 'consent'; readonly record: ConsentRecord }
  | { readonly type: 'grant'; readonly grant: Grant }
  | { readonly type: 'objection'; readonly objection: Objection };

/**
 * Where notices, consent records, grants and objections live. Records are
 * plain JSON and immutable: writes insert new records or append events (through
 * the event functions of consent records, grants and objections).
 * Methods may answer synchronously or with a promise. Every backend must pass
 * `runConsentStoreConformance` (test/conformance/consent-store.ts).
 *
 * Failures: an unknown id on append → StoreError reason `not-found`; inserting
 * an existing id (or notice version) with different content → StoreError reason
 * `conflict` (identical content is a no-op); a forbidden event → ValidationError.
 */
export interface ConsentStore {
  /** Stores a notice version (immutable). */
  putNotice(notice: Notice): Awaitable<void>;
  /** A notice version, or its latest version when `version` is omitted. */
  getNotice(id: string, version?: string): Awaitable<Notice | undefined>;
  /** Every version of a notice, in the order stored. */
  noticeVersions(id: string): Awaitable<readonly Notice[]>;
  /** Stores a new consent record. */
  putConsent(record: ConsentRecord): Awaitable<void>;
  /** Appends a status event; returns the updated record. */
  appendConsentEvent(id: string, event: ConsentEvent): Awaitable<ConsentRecord>;
  getConsent(id: string): Awaitable<ConsentRecord | undefined>;
  /** The subject's consent records, in the order stored. */
  consentsOf(subject: string): Awaitable<readonly ConsentRecord[]>;
  putGrant(grant: Grant): Awaitable<void>;
  appendGrantEvent(id: string, event: GrantEvent): Awaitable<Grant>;
  getGrant(id: string): Awaitable<Grant | undefined>;
  /** Grants held by a party, in the order stored. */
  grantsOf(grantee: string): Awaitable<readonly Grant[]>;
  putObjection(objection: Objection): Awaitable<void>;
  appendObjectionEvent(id: string, event: ObjectionEvent): Awaitable<Objection>;
  getObjection(id: string): Awaitable<Objection | undefined>;
  /** Objections about a dataset, in the order stored. */
  objectionsOf(dataset: string): Awaitable<readonly Objection[]>;
  /**
   * Calls `listener` after every successful write (in this process), with the
   * new state. Returns a function that unsubscribes.
   */
  subscribe(listener: (change: ConsentStoreChange) => void): () => void;
}

/** A store whose methods all answer synchronously (such as the memory store): decide() can use it directly. */
export interface SyncConsentStore extends ConsentStore {
  putNotice(notice: Notice): void;
  getNotice(id: string, version?: string): Notice | undefined;
  noticeVersions(id: string): readonly Notice[];
  putConsent(record: ConsentRecord): void;
  appendConsentEvent(id: string, event: ConsentEvent): ConsentRecord;
  getConsent(id: string): ConsentRecord | undefined;
  consentsOf(subject: string): readonly ConsentRecord[];
  putGrant(grant: Grant): void;
  appendGrantEvent(id: string, event: GrantEvent): Grant;
  getGrant(id: string): Grant | undefined;
  grantsOf(grantee: string): readonly Grant[];
  putObjection(objection: Objection): void;
  appendObjectionEvent(id: string, event: ObjectionEvent): Objection;
  getObjection(id: string): Objection | undefined;
  objectionsOf(dataset: string): readonly Objection[];
}
