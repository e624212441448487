import type { DatasetRef, PartyRef } from '../core/refs.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { Catalog } from '../tags/catalog.ts';
import type { PiCategory } from '../tags/pi-category.ts';
import type { LegalBasis, Processing } from '../tags/vocabulary.ts';
import { basisBit, categoryBit, DISCLOSING, PROVIDING, processingBit } from './bits.ts';
import { type FieldReasonName, O, R } from './decide-reasons.ts';
import { type FieldSet, type FieldTag, fieldsFromDataset, fieldsFromTags } from './fields.ts';
import { toZonedInstant } from './instant.ts';
import { type CompiledPurpose, compiledPurpose, type PurposeTaxonomy } from './purposes.ts';
import { type Obligation, type Reason, reason } from './reason.ts';
import type { SubjectRecord } from './subject.ts';
import type { TimeZone } from './time-zone.ts';

/** Fields given as a dataset of the catalog: all its fields, or the named ones. */
export interface DatasetFields {
  readonly dataset: Pick<DatasetRef, 'id'> & { readonly version?: string | undefined };
  readonly names?: readonly string[] | undefined;
}

/** What the caller needs (C-MINIMUM), narrowing what the purpose declares. */
export interface Needs {
  readonly fields?: readonly string[] | undefined;
  readonly categories?: readonly PiCategory[] | undefined;
}

/** The parts of a request that do not depend on the subject or the time (see `prepare`). */
export interface DecisionTemplate {
  readonly purpose: string;
  readonly processing: Processing;
  /** The fields with their tags, or a dataset of the catalog. */
  readonly fields: readonly FieldTag[] | DatasetFields;
  /** Who receives the data when it is provided to another handler. */
  readonly recipient?: string | PartyRef | undefined;
  /** Whether the data leaves the mainland (C-SEP-XBORDER). */
  readonly crossBorder?: boolean | undefined;
  /** Defaults to `consent`. */
  readonly legalBasis?: LegalBasis | undefined;
  /** The handler acting; when given, only its consents count (and an agency handler triggers C-NO-DUP on collection). */
  readonly handler?: string | PartyRef | undefined;
  readonly needed?: Needs | undefined;
  /**
   * The law or administrative regulation that requires collecting again what
   * public-data sharing already provides: C-NO-DUP then withholds nothing.
   */
  readonly recollectionLaw?: string | undefined;
  /** When the data was collected (C-RETENTION counts from it; otherwise from the consent). */
  readonly collectedAt?: string | number | Date | undefined;
}

/** "May this party do this to these fields of this person's data, for this purpose, now?" */
export interface DecisionRequest extends DecisionTemplate {
  /** The subject's id (looked up in the subject directory) or its record. */
  readonly subject: string | SubjectRecord;
  /** When; ISO 8601 with offset, Date or epoch ms; defaults to the clock. */
  readonly at?: string | number | Date | undefined;
}

/** A request compiled for evaluation. Internal. */
export interface CompiledRequest {
  readonly purposeId: string;
  readonly purpose: CompiledPurpose | undefined;
  readonly processing: string;
  readonly procBit: number;
  readonly basis: LegalBasis;
  readonly basisBit: number;
  readonly providing: boolean;
  readonly disclosing: boolean;
  readonly entrusting: boolean;
  readonly deleting: boolean;
  readonly recipient: string | undefined;
  readonly crossBorder: boolean;
  readonly handler: string | undefined;
  readonly fields: FieldSet;
  /** C-MINIMUM and C-NO-DUP outcome per field: 1 kept, 0 withheld. */
  readonly keep: Uint8Array;
  readonly staticReasons: readonly Reason[];
  readonly staticObligations: readonly Obligation[];
  /** Some kept field is PI. */
  readonly personal: boolean;
  /** Some requested field has a PI category (kept or withheld): the consent rules bear on the request. */
  readonly pi: boolean;
  /**
   * The fields the consent checks run over: the kept ones, or, when every PI
   * field was withheld (C-MINIMUM, C-NO-DUP), the kept ones and the withheld PI
   * fields, so the decision still states the other rules that bear on it.
   */
  readonly check: Uint8Array;
  readonly collectedAt: number;
  readonly taxonomyVersion: number;
}

/** Per-field reason objects, cached per (template, field). Internal. */
export type FieldReasons = (template: FieldReasonName, field: string) => Reason;

/** Context for compiling requests. Internal. */
export interface CompileContext {
  readonly taxonomy: PurposeTaxonomy;
  readonly catalog: Catalog | undefined;
  readonly fieldReason: FieldReasons;
  readonly offsetMinutes: number;
  readonly zone: TimeZone;
}

const BASES = new Set(basisBit.keys());

/**
 * Checks a request's shape by hand (no schema parsing on the hot path) and
 * compiles it. Unknown purposes and fields are not errors here: they become
 * deny decisions; malformed values are errors.
 *
 * @param ctx - the compile context
 * @param t - the request or template
 * @returns the compiled request
 * @throws {ValidationError} naming the malformed argument
 */
export function compileRequest(ctx: CompileContext, t: DecisionTemplate): CompiledRequest {
  if (t === null || typeof t !== 'object') fail('request must be an object', 'request');
  const purposeId = t.purpose;
  if (typeof purposeId !== 'string')
    fail('request.purpose must be a purpose id', 'request.purpose');
  const processing = t.processing;
  const bit = processingBit.get(processing);
  if (bit === undefined) fail('request.processing must be a Processing term', 'request.processing');
  const basis = t.legalBasis ?? 'consent';
  if (!BASES.has(basis)) fail('request.legalBasis must be a LegalBasis term', 'request.legalBasis');
  const recipient = partyId(t.recipient, 'request.recipient');
  const handler = partyId(t.handler, 'request.handler');
  if (t.crossBorder !== undefined && typeof t.crossBorder !== 'boolean') {
    fail('request.crossBorder must be a boolean', 'request.crossBorder');
  }
  const collectedAt =
    t.collectedAt === undefined
      ? Number.NaN
      : toZonedInstant(t.collectedAt, ctx.zone, 'request.collectedAt');
  const fields = compileFields(ctx, t.fields);
  const purpose = compiledPurpose(ctx.taxonomy, purposeId);
  const procBit = 1 << bit;
  const n = fields.names.length;
  const keep = new Uint8Array(n);
  const reasons: Reason[] = [];
  const obligations: Obligation[] = [];
  let personal = false;
  if (purpose !== undefined && fields.unknown === undefined) {
    const needs = purpose.needs;
    const needed = t.needed === undefined ? undefined : compileNeeds(t.needed);
    const undeclared = needs === undefined && needed === undefined;
    let withheld = false;
    for (let i = 0; i < n; i++) {
      const category = fields.categories[i] as number;
      const name = fields.names[i] as string;
      if (category === 0) {
        keep[i] = 1;
        continue;
      }
      const ok =
        !undeclared &&
        (needs === undefined || needs.fields.has(name) || (needs.categories & category) !== 0) &&
        (needed === undefined || needed.fields.has(name) || (needed.categories & category) !== 0);
      if (ok) {
        keep[i] = 1;
        personal = true;
      } else {
        withheld = true;
        if (!undeclared) reasons.push(ctx.fieldReason('notNeeded', name));
      }
    }
    if (undeclared && withheld) reasons.push(R.needsUndeclared);
    else if (!withheld) reasons.push(R.minimumMet);
    const party = typeof t.handler === 'object' ? t.handler : undefined;
    const law = t.recollectionLaw;
    if (law !== undefined && (typeof law !== 'string' || law.trim() === '' || law.length > 500)) {
      fail(
        'request.recollectionLaw must cite a law or administrative regulation',
        'request.recollectionLaw',
      );
    }
    if (processing === 'collect' && party?.kind === 'agency' && law !== undefined) {
      reasons.push(
        reason(
          'pass',
          'C-NO-DUP',
          `Fujian Art. 11; ${law}`,
          'law-requires-collection',
          'a law or administrative regulation requires collecting these fields again, so C-NO-DUP withholds nothing',
        ),
      );
    } else if (processing === 'collect' && party?.kind === 'agency' && ctx.catalog !== undefined) {
      if (noDuplicateCollection(ctx, fields, keep, party.id, reasons)) {
        obligations.push(O.requestShare);
        personal = false;
        for (let i = 0; i < n; i++)
          if (keep[i] === 1 && fields.categories[i] !== 0) personal = true;
      }
    }
  }
  let pi = false;
  for (let i = 0; i < n; i++) if (fields.categories[i] !== 0) pi = true;
  let check = keep;
  if (pi && !personal) {
    check = new Uint8Array(n);
    for (let i = 0; i < n; i++) check[i] = keep[i] === 1 || fields.categories[i] !== 0 ? 1 : 0;
  }
  return {
    purposeId,
    purpose,
    processing,
    procBit,
    basis,
    basisBit: 1 << (basisBit.get(basis) as number),
    providing: (procBit & PROVIDING) !== 0,
    disclosing: (procBit & DISCLOSING) !== 0,
    entrusting: processing === 'entrust',
    deleting: processing === 'delete',
    recipient,
    crossBorder: t.crossBorder === true,
    handler,
    fields,
    keep,
    staticReasons: reasons,
    staticObligations: obligations,
    personal,
    pi,
    check,
    collectedAt,
    taxonomyVersion: ctx.taxonomy.version,
  };
}

function compileFields(ctx: CompileContext, fields: DecisionTemplate['fields']): FieldSet {
  if (Array.isArray(fields)) {
    if (fields.length === 0) fail('request.fields must name at least one field', 'request.fields');
    return fieldsFromTags(fields as readonly FieldTag[], 'request.fields');
  }
  if (fields === null || typeof fields !== 'object') {
    fail('request.fields must be field tags or { dataset, names? }', 'request.fields');
  }
  const ref = (fields as DatasetFields).dataset;
  if (ref === null || typeof ref !== 'object' || typeof ref.id !== 'string') {
    fail('request.fields.dataset must be a dataset reference', 'request.fields.dataset');
  }
  const names = (fields as DatasetFields).names;
  if (names !== undefined) {
    if (
      !Array.isArray(names) ||
      names.length === 0 ||
      names.some((name) => typeof name !== 'string')
    ) {
      fail('request.fields.names must be field names', 'request.fields.names');
    }
  }
  const schema = ctx.catalog?.get(ref.id, ref.version);
  if (schema === undefined) {
    // An unknown dataset is an unknown set of fields: deny, naming the dataset id only.
    return {
      names: Object.freeze([...(names ?? [])]),
      categories: new Int32Array(names?.length ?? 0),
      sensitive: new Uint8Array(names?.length ?? 0),
      minorData: false,
      unknown: `${ref.id} (dataset not in the catalog)`,
      dataset: undefined,
    };
  }
  return fieldsFromDataset(schema, names === undefined ? undefined : Object.freeze([...names]));
}

function compileNeeds(needs: Needs): { fields: ReadonlySet<string>; categories: number } {
  if (needs === null || typeof needs !== 'object')
    fail('request.needed must be an object', 'request.needed');
  let categories = 0;
  for (const category of needs.categories ?? []) {
    const bit = categoryBit.get(category);
    if (bit === undefined)
      fail('request.needed.categories must be PI categories', 'request.needed');
    categories |= 1 << bit;
  }
  return { fields: new Set(needs.fields ?? []), categories };
}

// C-NO-DUP: an agency must not collect again what public-data sharing already provides.
function noDuplicateCollection(
  ctx: CompileContext,
  fields: FieldSet,
  keep: Uint8Array,
  collector: string,
  reasons: Reason[],
): boolean {
  const schemas = (ctx.catalog as Catalog).list();
  let any = false;
  for (let i = 0; i < fields.names.length; i++) {
    if (keep[i] !== 1) continue;
    const name = fields.names[i] as string;
    const category = fields.categories[i] as number;
    const source = schemas.find(
      (schema) =>
        schema !== fields.dataset &&
        (schema.domain === 'public' || schema.domain === 'government') &&
        schema.provider !== undefined &&
        schema.provider.id !== collector &&
        schema.fields.some(
          (f) =>
            f.name === name &&
            f.share !== 'none' &&
            (f.piCategory === undefined ? 0 : 1 << (categoryBit.get(f.piCategory) as number)) ===
              category,
        ),
    );
    if (source !== undefined) {
      keep[i] = 0;
      any = true;
      reasons.push(ctx.fieldReason('obtainableBySharing', name));
    }
  }
  return any;
}

function partyId(value: string | PartyRef | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value !== '') return value;
  if (value !== null && typeof value === 'object' && typeof value.id === 'string') return value.id;
  return fail(`${name} must be a party id or { id, kind }`, name);
}

function fail(message: string, path: string): never {
  throw new ValidationError(message, { path, reason: 'invalid-request' });
}
