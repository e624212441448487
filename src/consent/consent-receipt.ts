import { z } from 'zod';
import { deepFreeze } from '../core/deep-freeze.ts';
import { parseArgument } from '../core/parse.ts';
import { ValidationError } from '../errors/kinds.ts';
import {
  CONSENT_RECORD_FORMAT_VERSION,
  type ConsentEvent,
  type ConsentEventType,
  type ConsentRecord,
  ConsentRecordSchema,
} from './consent-record.ts';

/** The DPV profile of ISO/IEC TS 27560:2023 consent records a receipt conforms to. */
export const CONSENT_RECEIPT_PROFILE = 'https://w3id.org/dpv/schema/iso-27560#record';

/** The JSON-LD context of a receipt: DPV, Dublin Core, and dataguard's own terms. */
const CONSENT_RECEIPT_CONTEXT: {
  readonly dpv: 'https://w3id.org/dpv#';
  readonly dct: 'http://purl.org/dc/terms/';
  readonly dataguard: 'https://w3id.org/dataguard/consent#';
} = Object.freeze({
  dpv: 'https://w3id.org/dpv#',
  dct: 'http://purl.org/dc/terms/',
  dataguard: 'https://w3id.org/dataguard/consent#',
});

// Consent states as DPV names them (dpv:ConsentStatus).
const STATUS: Readonly<Record<ConsentEventType, string>> = Object.freeze({
  given: 'dpv:ConsentGiven',
  renewed: 'dpv:RenewedConsentGiven',
  withdrawn: 'dpv:ConsentWithdrawn',
  revoked: 'dpv:ConsentRevoked',
  expired: 'dpv:ConsentExpired',
  refused: 'dpv:ConsentRefused',
});
const TYPE_OF = new Map(Object.entries(STATUS).map(([type, iri]) => [iri, type]));

/** A party in a receipt (controller, recipient). */
export interface ReceiptParty {
  readonly 'dct:identifier': string;
  /** The party kind: agency, enterprise, individual or system. */
  readonly 'dct:type': string;
  readonly 'dct:title'?: string | undefined;
}

/** Something named by identifier (subject, purpose, PI category, processing). */
export interface ReceiptId {
  readonly 'dct:identifier': string;
}

/** One consent status event of a receipt (27560 event time, state and entity). */
export interface ReceiptEvent {
  readonly 'dpv:hasConsentStatus': string;
  readonly 'dpv:isIndicatedAtTime': string;
  readonly 'dpv:isIndicatedBy': ReceiptId;
  readonly 'dataguard:until'?: string | undefined;
  readonly 'dct:description'?: string | undefined;
}

/**
 * An ISO/IEC TS 27560:2023 consent record as JSON-LD in the terms of the W3C
 * DPV guide to 27560 (`dct:conformsTo` its record profile); fields DPV has no
 * term for (separate consents, notice digest, event history) are in the
 * `dataguard:` namespace, so a record survives the round trip unchanged.
 */
export interface ConsentReceipt {
  readonly '@context': { readonly dpv: string; readonly dct: string; readonly dataguard: string };
  readonly '@type': 'dpv:ConsentRecord';
  readonly 'dct:conformsTo': typeof CONSENT_RECEIPT_PROFILE;
  readonly 'dataguard:schemaVersion': typeof CONSENT_RECORD_FORMAT_VERSION;
  /** 27560 record id. */
  readonly 'dct:identifier': string;
  /** 27560 PII principal id. */
  readonly 'dpv:hasDataSubject': ReceiptId;
  /** 27560 notice (id, version, language) with the notice digest. */
  readonly 'dpv:hasNotice': {
    readonly 'dct:identifier': string;
    readonly 'dct:hasVersion': string;
    readonly 'dataguard:digest': string;
    readonly 'dct:language': string;
  };
  /** 27560 PII controller. */
  readonly 'dpv:hasDataController': ReceiptParty;
  readonly 'dpv:hasPurpose': readonly ReceiptId[];
  readonly 'dpv:hasLegalBasis': 'dpv:Consent';
  /** 27560 PII categories (dataguard PiCategory ids). */
  readonly 'dpv:hasPersonalData': readonly ReceiptId[];
  readonly 'dataguard:piAttributes'?: readonly string[] | undefined;
  /** 27560 processing (dataguard Processing ids). */
  readonly 'dpv:hasProcessing': readonly ReceiptId[];
  readonly 'dataguard:collectionMethod'?: string | undefined;
  /** 27560 recipient third parties. */
  readonly 'dpv:hasRecipient': readonly ReceiptParty[];
  readonly 'dpv:hasJurisdiction': string;
  /** 27560 storage locations. */
  readonly 'dpv:hasLocation'?: readonly string[] | undefined;
  /** 27560 retention period (ISO 8601 duration). */
  readonly 'dpv:hasDuration': string;
  readonly 'dataguard:withdrawalMethod': string;
  readonly 'dataguard:separateConsent': {
    readonly sensitive: boolean;
    readonly provide: boolean;
    readonly disclose: boolean;
    readonly crossBorder: boolean;
  };
  readonly 'dataguard:method': string;
  readonly 'dataguard:givenBy': {
    readonly role: string;
    readonly 'dct:identifier': string;
    readonly relation?: string | undefined;
  };
  /** Validity: start and optional end. */
  readonly 'dct:valid': { readonly start: string; readonly end?: string | undefined };
  /** The current status (of the last event). */
  readonly 'dpv:hasConsentStatus': string;
  readonly 'dataguard:events': readonly ReceiptEvent[];
}

const Party = z.strictObject({
  'dct:identifier': z.string(),
  'dct:type': z.string(),
  'dct:title': z.string().optional(),
});
const Identified = z.strictObject({ 'dct:identifier': z.string() });
const Event = z.strictObject({
  'dpv:hasConsentStatus': z.string(),
  'dpv:isIndicatedAtTime': z.string(),
  'dpv:isIndicatedBy': Identified,
  'dataguard:until': z.string().optional(),
  'dct:description': z.string().optional(),
});

/** Zod schema of {@link ConsentReceipt}. */
const ConsentReceiptSchema: z.ZodType<ConsentReceipt> = z.strictObject({
  '@context': z.strictObject({ dpv: z.string(), dct: z.string(), dataguard: z.string() }),
  '@type': z.literal('dpv:ConsentRecord'),
  'dct:conformsTo': z.literal(CONSENT_RECEIPT_PROFILE),
  'dataguard:schemaVersion': z.literal(CONSENT_RECORD_FORMAT_VERSION),
  'dct:identifier': z.string(),
  'dpv:hasDataSubject': Identified,
  'dpv:hasNotice': z.strictObject({
    'dct:identifier': z.string(),
    'dct:hasVersion': z.string(),
    'dataguard:digest': z.string(),
    'dct:language': z.string(),
  }),
  'dpv:hasDataController': Party,
  'dpv:hasPurpose': z.array(Identified),
  'dpv:hasLegalBasis': z.literal('dpv:Consent'),
  'dpv:hasPersonalData': z.array(Identified),
  'dataguard:piAttributes': z.array(z.string()).optional(),
  'dpv:hasProcessing': z.array(Identified),
  'dataguard:collectionMethod': z.string().optional(),
  'dpv:hasRecipient': z.array(Party),
  'dpv:hasJurisdiction': z.string(),
  'dpv:hasLocation': z.array(z.string()).optional(),
  'dpv:hasDuration': z.string(),
  'dataguard:withdrawalMethod': z.string(),
  'dataguard:separateConsent': z.strictObject({
    sensitive: z.boolean(),
    provide: z.boolean(),
    disclose: z.boolean(),
    crossBorder: z.boolean(),
  }),
  'dataguard:method': z.string(),
  'dataguard:givenBy': z.strictObject({
    role: z.string(),
    'dct:identifier': z.string(),
    relation: z.string().optional(),
  }),
  'dct:valid': z.strictObject({ start: z.string(), end: z.string().optional() }),
  'dpv:hasConsentStatus': z.string(),
  'dataguard:events': z.array(Event).min(1),
});

/**
 * Exports a consent record as an ISO/IEC TS 27560 consent record (JSON-LD, DPV terms).
 *
 * @param record - the consent record
 * @returns the receipt
 * @example
 * ```ts
 * import { createConsentService, createMemoryConsentStore, toConsentReceipt } from 'dataguard/consent';
 * const service = createConsentService({ store: createMemoryConsentStore() });
 * await service.publishNotice({ id: 'app', version: '1', handler: { id: 'civil-affairs', kind: 'agency' },
 *   contact: 'privacy@example.gov.cn', purposes: ['public-service'], processing: ['collect', 'use'],
 *   piCategories: ['basic'], retention: 'P5Y', rights: 'Me > Privacy in the app', language: 'zh-CN',
 *   publishedAt: '2026-01-01T00:00:00+08:00' });
 * const record = await service.recordConsent({ subject: 's1', notice: { id: 'app' },
 *   purposes: ['public-service'], piCategories: ['basic'], processing: ['collect', 'use'],
 *   method: 'electronic', givenBy: { role: 'subject', id: 's1' }, at: '2026-02-01T09:00:00+08:00' });
 * const receipt = toConsentReceipt(record);
 * receipt['dpv:hasConsentStatus']; // 'dpv:ConsentGiven'
 * ```
 */
export function toConsentReceipt(record: ConsentRecord): ConsentReceipt {
  const last = record.events[record.events.length - 1] as ConsentEvent;
  const party = (p: ConsentRecord['handler']) => ({
    'dct:identifier': p.id,
    'dct:type': p.kind,
    ...(p.name === undefined ? {} : { 'dct:title': p.name }),
  });
  return {
    '@context': { ...CONSENT_RECEIPT_CONTEXT },
    '@type': 'dpv:ConsentRecord',
    'dct:conformsTo': CONSENT_RECEIPT_PROFILE,
    'dataguard:schemaVersion': record.schemaVersion,
    'dct:identifier': record.id,
    'dpv:hasDataSubject': { 'dct:identifier': record.subject },
    'dpv:hasNotice': {
      'dct:identifier': record.notice.id,
      'dct:hasVersion': record.notice.version,
      'dataguard:digest': record.notice.digest,
      'dct:language': record.language,
    },
    'dpv:hasDataController': party(record.handler),
    'dpv:hasPurpose': record.purposes.map((id) => ({ 'dct:identifier': id })),
    'dpv:hasLegalBasis': 'dpv:Consent',
    'dpv:hasPersonalData': record.piCategories.map((id) => ({ 'dct:identifier': id })),
    ...(record.piAttributes === undefined
      ? {}
      : { 'dataguard:piAttributes': [...record.piAttributes] }),
    'dpv:hasProcessing': record.processing.map((id) => ({ 'dct:identifier': id })),
    ...(record.collectionMethod === undefined
      ? {}
      : { 'dataguard:collectionMethod': record.collectionMethod }),
    'dpv:hasRecipient': record.recipients.map(party),
    'dpv:hasJurisdiction': record.jurisdiction,
    ...(record.storageLocations === undefined
      ? {}
      : { 'dpv:hasLocation': [...record.storageLocations] }),
    'dpv:hasDuration': record.retention,
    'dataguard:withdrawalMethod': record.withdrawalMethod,
    'dataguard:separateConsent': { ...record.separate },
    'dataguard:method': record.method,
    'dataguard:givenBy': {
      role: record.givenBy.role,
      'dct:identifier': record.givenBy.id,
      ...(record.givenBy.relation === undefined ? {} : { relation: record.givenBy.relation }),
    },
    'dct:valid': {
      start: record.validity.from,
      ...(record.validity.until === undefined ? {} : { end: record.validity.until }),
    },
    'dpv:hasConsentStatus': STATUS[last.type],
    'dataguard:events': record.events.map((e) => ({
      'dpv:hasConsentStatus': STATUS[e.type],
      'dpv:isIndicatedAtTime': e.at,
      'dpv:isIndicatedBy': { 'dct:identifier': e.by },
      ...(e.until === undefined ? {} : { 'dataguard:until': e.until }),
      ...(e.note === undefined ? {} : { 'dct:description': e.note }),
    })),
  };
}

/**
 * Reads a consent record back from an ISO/IEC TS 27560 consent record made by
 * {@link toConsentReceipt}, checking it as a stored record is checked.
 *
 * @param receipt - the receipt (parsed JSON)
 * @returns the consent record
 * @throws {ValidationError} when the receipt is malformed, its status disagrees with its events, or the record is invalid
 */
export function fromConsentReceipt(receipt: ConsentReceipt): ConsentRecord {
  const r = parseArgument(ConsentReceiptSchema, receipt, 'receipt');
  const party = (p: ReceiptParty) => ({
    id: p['dct:identifier'],
    kind: p['dct:type'],
    ...(p['dct:title'] === undefined ? {} : { name: p['dct:title'] }),
  });
  const events = r['dataguard:events'].map((e) => ({
    type: statusType(e['dpv:hasConsentStatus']),
    at: e['dpv:isIndicatedAtTime'],
    by: e['dpv:isIndicatedBy']['dct:identifier'],
    ...(e['dataguard:until'] === undefined ? {} : { until: e['dataguard:until'] }),
    ...(e['dct:description'] === undefined ? {} : { note: e['dct:description'] }),
  }));
  const last = events[events.length - 1];
  if (last === undefined || statusType(r['dpv:hasConsentStatus']) !== last.type) {
    throw new ValidationError('receipt status disagrees with its last event', {
      path: 'receipt.dpv:hasConsentStatus',
      reason: 'invalid-receipt',
    });
  }
  const notice = r['dpv:hasNotice'];
  const giver = r['dataguard:givenBy'];
  const valid = r['dct:valid'];
  const candidate = {
    schemaVersion: r['dataguard:schemaVersion'],
    id: r['dct:identifier'],
    subject: r['dpv:hasDataSubject']['dct:identifier'],
    notice: {
      id: notice['dct:identifier'],
      version: notice['dct:hasVersion'],
      digest: notice['dataguard:digest'],
    },
    language: notice['dct:language'],
    handler: party(r['dpv:hasDataController']),
    purposes: r['dpv:hasPurpose'].map((p) => p['dct:identifier']),
    legalBasis: 'consent',
    piCategories: r['dpv:hasPersonalData'].map((p) => p['dct:identifier']),
    ...(r['dataguard:piAttributes'] === undefined
      ? {}
      : { piAttributes: r['dataguard:piAttributes'] }),
    processing: r['dpv:hasProcessing'].map((p) => p['dct:identifier']),
    ...(r['dataguard:collectionMethod'] === undefined
      ? {}
      : { collectionMethod: r['dataguard:collectionMethod'] }),
    recipients: r['dpv:hasRecipient'].map(party),
    jurisdiction: r['dpv:hasJurisdiction'],
    ...(r['dpv:hasLocation'] === undefined ? {} : { storageLocations: r['dpv:hasLocation'] }),
    retention: r['dpv:hasDuration'],
    withdrawalMethod: r['dataguard:withdrawalMethod'],
    separate: r['dataguard:separateConsent'],
    method: r['dataguard:method'],
    givenBy: {
      role: giver.role,
      id: giver['dct:identifier'],
      ...(giver.relation === undefined ? {} : { relation: giver.relation }),
    },
    validity: { from: valid.start, ...(valid.end === undefined ? {} : { until: valid.end }) },
    events,
  };
  return deepFreeze(parseArgument(ConsentRecordSchema, candidate, 'receipt'));
}

function statusType(iri: string): ConsentEventType {
  const type = TYPE_OF.get(iri);
  if (type === undefined) {
    throw new ValidationError('receipt names a consent status DPV does not define', {
      path: 'receipt.dpv:hasConsentStatus',
      reason: 'invalid-receipt',
    });
  }
  return type as ConsentEventType;
}
