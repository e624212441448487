import { z } from 'zod';
import { assertRecord } from '../core/assert.ts';
import { deepFreeze } from '../core/deep-freeze.ts';
import { parseArgument } from '../core/parse.ts';
import { Id, PartyRef, PurposeId } from '../core/refs.ts';
import { IsoDateTime } from '../core/time.ts';
import { ValidationError } from '../errors/kinds.ts';
import { PiCategory } from '../tags/pi-category.ts';
import { Processing } from '../tags/vocabulary.ts';
import { digestOf } from './digest.ts';
import { parseDuration } from './duration.ts';

/**
 * The declaration of a notice (告知, C-NOTICE: PIPL Art. 17; Fujian Art. 11):
 * one immutable version of what a handler tells subjects before collecting.
 */
export interface NoticeDefinition {
  id: string;
  version: string;
  /** The personal-information handler (个人信息处理者). */
  handler: PartyRef;
  /** How to reach the handler. */
  contact: string;
  purposes: string[];
  /**
   * Processing activities the notice discloses (处理方式, PIPL Art. 17): the same
   * word and values as a consent's `processing` and a request's `processing`.
   * Notices stored before this name was chosen call it `methods`; that name is
   * still read (stores rename it when they read).
   */
  processing: Processing[];
  piCategories: PiCategory[];
  /** Retention period, ISO 8601 duration (保存期限). */
  retention: string;
  /** How subjects exercise their rights. */
  rights: string;
  /** How to withdraw consent (ISO/IEC TS 27560 "withdrawal method"); defaults to `rights`. */
  withdrawal?: string | undefined;
  /** BCP 47 language tag of the notice text. */
  language: string;
  publishedAt: string;
  /** Other handlers PI may be provided to, when the notice names any. */
  recipients?: PartyRef[] | undefined;
  /** Jurisdiction (ISO 3166 code); defaults to CN. */
  jurisdiction?: string | undefined;
  storageLocations?: string[] | undefined;
  /** Where the full text is published. */
  url?: string | undefined;
}

/** An immutable notice version with the digest of its canonical JSON. */
export interface Notice {
  readonly id: string;
  readonly version: string;
  readonly handler: Readonly<PartyRef>;
  readonly contact: string;
  readonly purposes: readonly string[];
  /** Processing activities disclosed (处理方式). */
  readonly processing: readonly Processing[];
  readonly piCategories: readonly PiCategory[];
  readonly retention: string;
  readonly rights: string;
  readonly withdrawal: string;
  readonly language: string;
  readonly publishedAt: string;
  readonly recipients: readonly Readonly<PartyRef>[];
  readonly jurisdiction: string;
  readonly storageLocations?: readonly string[];
  readonly url?: string;
  /**
   * `sha-256:<hex>` of the notice's canonical JSON (without the digest), in its
   * first wire form, where `processing` was named `methods`: digests of notices
   * published before the rename, which consents refer to, stay valid.
   */
  readonly digest: string;
}

const Text = z.string().trim().min(1).max(2000);

/** Zod schema of {@link NoticeDefinition}. */
const NoticeDefinitionSchema: z.ZodType<NoticeDefinition> = z.strictObject({
  id: Id,
  version: z.string().min(1).max(64),
  handler: PartyRef,
  contact: Text,
  purposes: z.array(PurposeId).min(1).max(256),
  processing: z.array(Processing).min(1),
  piCategories: z.array(PiCategory).min(1),
  retention: z.string().max(64),
  rights: Text,
  withdrawal: Text.optional(),
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag'),
  publishedAt: IsoDateTime,
  recipients: z.array(PartyRef).optional(),
  jurisdiction: z
    .string()
    .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/)
    .optional(),
  storageLocations: z.array(z.string().min(1).max(128)).optional(),
  url: z.url().optional(),
});

/**
 * Validates a notice version and freezes it with its digest. Lists are
 * de-duplicated and sorted so equal notices have equal digests.
 *
 * @param definition - the notice
 * @returns the frozen notice
 * @throws {ValidationError} when the notice is invalid (reason from zod, or `invalid-duration`)
 * @example
 * ```ts
 * import { defineNotice } from 'dataguard/consent';
 * const notice = defineNotice({
 *   id: 'civil-affairs-app', version: '1', handler: { id: 'civil-affairs', kind: 'agency' },
 *   contact: 'privacy@example.gov.cn', purposes: ['public-service.social-assistance'],
 *   processing: ['collect', 'use'], piCategories: ['basic', 'property'], retention: 'P5Y',
 *   rights: 'Withdraw or correct in the app under Me > Privacy', language: 'zh-CN',
 *   publishedAt: '2026-01-01T00:00:00+08:00',
 * });
 * notice.digest; // 'sha-256:…'
 * ```
 */
export function defineNotice(definition: NoticeDefinition): Notice {
  const parsed = parseArgument(NoticeDefinitionSchema, normalizeNotice(definition), 'notice');
  parseDuration(parsed.retention, 'notice.retention');
  const body = {
    id: parsed.id,
    version: parsed.version,
    handler: { ...parsed.handler },
    contact: parsed.contact,
    purposes: sorted(parsed.purposes),
    processing: sorted(parsed.processing),
    piCategories: sorted(parsed.piCategories),
    retention: parsed.retention,
    rights: parsed.rights,
    withdrawal: parsed.withdrawal ?? parsed.rights,
    language: parsed.language,
    publishedAt: parsed.publishedAt,
    recipients: (parsed.recipients ?? []).map((party) => Object.freeze({ ...party })),
    jurisdiction: parsed.jurisdiction ?? 'CN',
    ...(parsed.storageLocations === undefined
      ? {}
      : { storageLocations: sorted(parsed.storageLocations) }),
    ...(parsed.url === undefined ? {} : { url: parsed.url }),
  };
  return deepFreeze({ ...body, digest: noticeDigest(body) });
}

/**
 * Reads a notice (or notice definition) written before `processing` got its
 * name: a record with `methods` and no `processing` gets `processing`. Stores
 * apply it to every notice they read, so stored rows load unchanged.
 *
 * @param notice - a notice or definition, as stored or given
 * @returns the same notice with `processing` (the input itself when nothing is renamed)
 * @example
 * ```ts
 * import { normalizeNotice } from './notice.ts';
 * normalizeNotice({ id: 'n', methods: ['use'] }); // { id: 'n', processing: ['use'] }
 * ```
 */
export function normalizeNotice<T>(notice: T): T {
  if (notice === null || typeof notice !== 'object') return notice;
  const record = notice as Record<string, unknown>;
  if (!('methods' in record) || 'processing' in record) return notice;
  const { methods, ...rest } = record;
  return { ...rest, processing: methods } as T;
}

/**
 * A notice's digest: SHA-256 over the canonical JSON of its body in the first
 * wire form (`processing` written as `methods`), so that it never changes for
 * a notice already published.
 *
 * @param body - the notice without its digest
 * @returns `sha-256:<hex>`
 */
function noticeDigest(body: Omit<Notice, 'digest'>): string {
  const { processing, ...rest } = body;
  return digestOf({ ...rest, methods: processing });
}

/** What changed from one notice version to another (C-CONSENT: PIPL Art. 14 ¶2). */
export interface NoticeChanges {
  readonly purposes: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly processing: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly piCategories: { readonly added: readonly string[]; readonly removed: readonly string[] };
  /** True when purpose, processing or PI category changed: earlier consents no longer cover the changed parts. */
  readonly needsNewConsent: boolean;
}

/**
 * Compares two versions of a notice.
 *
 * @param olderNotice - the earlier version
 * @param newerNotice - the later version
 * @returns the added and removed purposes, processing activities and PI categories
 * @throws {ValidationError} reason `invalid-argument` when a notice lacks its lists
 * @example
 * ```ts
 * import { defineNotice, type NoticeDefinition } from 'dataguard/consent';
 * import { noticeChanges } from './notice.ts';
 * const definition: NoticeDefinition = {
 *   id: 'app', version: '1', handler: { id: 'civil-affairs', kind: 'agency' },
 *   contact: 'privacy@example.gov.cn', purposes: ['public-service'], processing: ['collect', 'use'],
 *   piCategories: ['basic'], retention: 'P5Y', rights: 'Me > Privacy in the app', language: 'zh-CN',
 *   publishedAt: '2026-01-01T00:00:00+08:00',
 * };
 * const v1 = defineNotice(definition);
 * const v2 = defineNotice({ ...definition, version: '2', piCategories: ['basic', 'health'] });
 * noticeChanges(v1, v2).needsNewConsent; // true (v2 adds a PI category)
 * ```
 */
export function noticeChanges(olderNotice: Notice, newerNotice: Notice): NoticeChanges {
  const older = normalizeNotice(olderNotice);
  const newer = normalizeNotice(newerNotice);
  checkLists(older, 'older');
  checkLists(newer, 'newer');
  const diff = (a: readonly string[], b: readonly string[]) => ({
    added: b.filter((x) => !a.includes(x)),
    removed: a.filter((x) => !b.includes(x)),
  });
  const purposes = diff(older.purposes, newer.purposes);
  const processing = diff(older.processing, newer.processing);
  const piCategories = diff(older.piCategories, newer.piCategories);
  const needsNewConsent = [purposes, processing, piCategories].some(
    (d) => d.added.length + d.removed.length > 0,
  );
  return { purposes, processing, piCategories, needsNewConsent };
}

// noticeChanges() reads only the three lists; a notice from a store or a
// caller that lacks them is refused with a ValidationError, not a TypeError.
function checkLists(notice: Notice, path: string): void {
  assertRecord(notice, path);
  for (const key of ['purposes', 'processing', 'piCategories'] as const) {
    const list: unknown = notice[key];
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
      throw new ValidationError(`${path}.${key} must be a list of strings`, {
        path: `${path}.${key}`,
        reason: 'invalid-argument',
      });
    }
  }
}

function sorted<T extends string>(list: readonly T[]): T[] {
  return [...new Set(list)].sort();
}
