import { sha256 } from '@noble/hashes/sha2.js';
import { createPurposeTaxonomy } from '../consent/purposes.ts';
import { assertAnyIterable, assertFunction, assertRecord } from '../core/assert.ts';
import { toHex } from '../core/bytes.ts';
import { canonicalJson } from '../core/canonical-json.ts';
import { parseArgument } from '../core/parse.ts';
import { type DatasetRef, PartyRef, PurposeId } from '../core/refs.ts';
import { toDatasetSchema } from '../deidentify/dataset-input.ts';
import { parsePolicy } from '../deidentify/parse-policy.ts';
import { AnonymityError, InputError, ValidationError } from '../errors/kinds.ts';
import type { Dataset } from '../tags/dataset.ts';
import { LegalBasis } from '../tags/vocabulary.ts';
import type { ProtectOptions, ProtectProcessing } from './protect-options.ts';
import type { ReleasePlan } from './release-plan.ts';

/** Processings that hand data to another party. */
const RELEASES: ReadonlySet<string> = new Set([
  'share',
  'provide',
  'open',
  'trade',
  'entrust',
  'transmit',
]);
const PROCESSINGS: ReadonlySet<string> = new Set([...RELEASES, 'deidentify', 'anonymize', 'use']);
const ANONYMOUS: ReadonlySet<string> = new Set(['open', 'trade', 'anonymize']);

/**
 * Stage `plan`: validates every option of a release before a row is read —
 * purpose (against the taxonomy), processing, recipient, legal basis, dataset,
 * policy, anonymity requirements (quasi-identifiers from the dataset only) and
 * the reject threshold — and returns an immutable, digested plan.
 *
 * @param options - the options of protect()
 * @returns the plan
 * @throws {ValidationError} naming the option that is wrong
 * @throws {AnonymityError} when an anonymous release lacks requirements or quasi-identifiers
 * @throws {PolicyError} when the policy does not parse
 */
export function planRelease(options: ProtectOptions): ReleasePlan {
  checkOptions(options);
  const actor = parseArgument(PartyRef, options.actor, 'actor');
  const recipient =
    options.recipient === undefined
      ? undefined
      : parseArgument(PartyRef, options.recipient, 'recipient');
  const purpose = parseArgument(PurposeId, options.purpose, 'purpose');
  const purposes = options.purposes ?? createPurposeTaxonomy();
  if (!purposes.has(purpose)) {
    throw new ValidationError(
      `purpose "${purpose}" is not in the purpose taxonomy (rule C-MINIMUM: a use needs a declared purpose)`,
      { path: 'purpose', reason: 'unknown-purpose' },
    );
  }
  const processing = (options.processing ??
    (recipient === undefined ? 'deidentify' : 'provide')) as ProtectProcessing;
  if (!PROCESSINGS.has(processing)) {
    throw new ValidationError(`processing must be one of ${[...PROCESSINGS].join(', ')}`, {
      path: 'processing',
      reason: 'invalid-processing',
    });
  }
  const isRelease = RELEASES.has(processing);
  if (isRelease && recipient === undefined) {
    throw new ValidationError(`processing "${processing}" releases data: give a recipient`, {
      path: 'recipient',
      reason: 'missing-recipient',
    });
  }
  const basisInput = options.legalBasis ?? (options.consent === undefined ? undefined : 'consent');
  if (basisInput === undefined) {
    throw new ValidationError(
      'legalBasis is required (PIPL Art. 13, rule C-BASIS) unless consent checking is configured',
      { path: 'legalBasis', reason: 'missing-legal-basis' },
    );
  }
  const parsedBasis = LegalBasis.safeParse(basisInput);
  if (!parsedBasis.success) {
    throw new ValidationError(
      `legalBasis must be one of ${LegalBasis.options.join(', ')} (PIPL Art. 13, rule C-BASIS)`,
      { path: 'legalBasis', reason: 'invalid-legal-basis' },
    );
  }
  const legalBasis = parsedBasis.data;
  if (legalBasis === 'consent' && options.consent === undefined) {
    throw new ValidationError(
      'legalBasis "consent" needs per-subject consent checking (the consent option): rule C-CONSENT',
      { path: 'consent', reason: 'missing-consent' },
    );
  }
  const dataset = toDatasetSchema(options.dataset);
  const policy = parsePolicy(options.policy);
  const isAnonymous = ANONYMOUS.has(processing);
  const quasiIdentifiers = dataset.fields
    .filter((field) => field.role === 'quasi-identifier')
    .map((field) => field.name);
  const requirements = options.anonymity;
  if (isAnonymous && requirements === undefined) {
    throw new AnonymityError(
      `processing "${processing}" needs anonymity requirements (rule S-TRADE, PIPL Art. 73)`,
      {
        path: 'anonymity',
        reason: 'requirements-missing',
        details: { rule: 'S-TRADE', article: 'Fujian Arts. 17, 40; PIPL Art. 73' },
      },
    );
  }
  if (requirements !== undefined) checkRequirements(requirements, quasiIdentifiers, dataset);
  if (isAnonymous && quasiIdentifiers.length === 0) {
    throw new AnonymityError(
      `dataset ${dataset.id} declares no quasi-identifier, so the anonymity of a "${processing}" release cannot be measured: mark its quasi-identifiers (role "quasi-identifier")`,
      {
        path: 'dataset',
        reason: 'no-quasi-identifiers',
        details: { rule: 'S-TRADE', article: 'Fujian Arts. 17, 40; PIPL Art. 73' },
      },
    );
  }
  const rawIdentifiers = checkRawIdentifiers(options.rawIdentifiers, dataset);
  const maxRejects = parseMaxRejects(options.maxRejects);
  const source: DatasetRef = options.source ?? { id: dataset.id, version: dataset.version };
  const profile = options.profile;
  const defining = {
    dataset: { id: dataset.id, version: dataset.version, fields: dataset.fields },
    policy,
    profile: profile ?? null,
    purpose,
    processing,
    legalBasis,
    actor,
    recipient: recipient ?? null,
    source,
    requirements: requirements ?? null,
    rawIdentifiers: rawIdentifiers ?? null,
  };
  const digest = `sha-256:${toHex(sha256(new TextEncoder().encode(canonicalJson(defining))))}`;
  return Object.freeze({
    dataset,
    policy,
    profile,
    purpose,
    processing,
    legalBasis,
    actor,
    recipient,
    source,
    isRelease,
    isAnonymous,
    isPublicData: dataset.domain === 'public' || dataset.domain === 'government',
    quasiIdentifiers: Object.freeze(quasiIdentifiers),
    requirements,
    rawIdentifiers,
    maxRejects,
    digest,
  });
}

/** How input columns map to dataset fields. */
export interface ResolvedHeader {
  /** The dataset field name for each input column, in input order (the column's own name when it matches no field). */
  readonly layout: readonly string[];
  /** Input columns that match no dataset field: dropped, and listed in the summary. */
  readonly extra: readonly string[];
  /** Input columns read under an alias: column → field. */
  readonly aliased: Readonly<Record<string, string>>;
}

/**
 * Maps an input header to the dataset's fields, honouring the aliases the
 * dataset declares, and refuses a header that lacks a column the release needs.
 *
 * @param dataset - the dataset
 * @param header - the input's column names
 * @param needed - the fields the release reads (output fields and the consent subject field)
 * @returns the layout in field names, the extra columns and the aliases used
 * @throws {InputError} `missing-column` or `duplicate-column`
 */
export function resolveHeader(
  dataset: Dataset,
  header: readonly string[],
  needed: readonly string[],
): ResolvedHeader {
  const byName = new Map<string, string>();
  for (const field of dataset.fields) {
    byName.set(field.name, field.name);
    for (const alias of field.aliases ?? []) byName.set(alias, field.name);
  }
  const layout: string[] = [];
  const extra: string[] = [];
  const aliased: Record<string, string> = {};
  const seen = new Set<string>();
  for (const column of header) {
    const field = byName.get(column.trim());
    if (field === undefined) {
      extra.push(column);
      layout.push(column);
      continue;
    }
    if (seen.has(field)) {
      throw new InputError(
        `input columns name dataset field ${field} twice (as a name or an alias): keep one`,
        { path: 'input', reason: 'duplicate-column', details: { field } },
      );
    }
    seen.add(field);
    if (field !== column) aliased[column] = field;
    layout.push(field);
  }
  const missing = needed.filter((name) => !seen.has(name));
  if (missing.length > 0) {
    const described = missing.map((name) => {
      const aliases = dataset.fields.find((field) => field.name === name)?.aliases ?? [];
      return aliases.length === 0 ? name : `${name} (or ${aliases.join(', ')})`;
    });
    throw new InputError(
      `the input lacks column${missing.length > 1 ? 's' : ''} ${described.join(', ')} of dataset ${dataset.id}; it has ${header.length} columns: ${header.join(', ')}. Declare other names as "aliases" of the field in the dataset definition`,
      { path: 'input', reason: 'missing-column', details: { fields: missing } },
    );
  }
  return { layout, extra, aliased };
}

function checkRequirements(
  requirements: NonNullable<ProtectOptions['anonymity']>,
  quasiIdentifiers: readonly string[],
  dataset: Dataset,
): void {
  assertRecord(requirements, 'anonymity');
  if (!Number.isInteger(requirements.k) || requirements.k < 1) {
    throw new ValidationError('anonymity.k must be an integer ≥ 1', {
      path: 'anonymity.k',
      reason: 'invalid-parameter',
    });
  }
  const given = requirements.quasiIdentifiers;
  if (given !== undefined) {
    const same =
      given.length === quasiIdentifiers.length &&
      given.every((name) => quasiIdentifiers.includes(name));
    if (!same) {
      throw new ValidationError(
        `anonymity.quasiIdentifiers (${given.join(', ')}) differ from the quasi-identifiers dataset ${dataset.id} declares (${quasiIdentifiers.join(', ')}): the gate measures the dataset's`,
        { path: 'anonymity.quasiIdentifiers', reason: 'quasi-identifiers-mismatch' },
      );
    }
  }
  if ((requirements as { population?: unknown }).population !== undefined) {
    throw new ValidationError(
      'a release gate measures streamed class counts; a population table is not supported here (use checkAnonymous on the output)',
      { path: 'anonymity.population', reason: 'unsupported-requirement' },
    );
  }
}

function checkRawIdentifiers(
  raw: ProtectOptions['rawIdentifiers'],
  dataset: Dataset,
): ReleasePlan['rawIdentifiers'] {
  if (raw === undefined) return undefined;
  assertRecord(raw, 'rawIdentifiers');
  if (typeof raw.basis !== 'string' || raw.basis.trim().length === 0) {
    throw new ValidationError(
      'rawIdentifiers.basis must cite the basis for releasing identifiers raw',
      {
        path: 'rawIdentifiers.basis',
        reason: 'missing-basis',
      },
    );
  }
  if (!Array.isArray(raw.fields)) {
    throw new ValidationError('rawIdentifiers.fields must be a list of field names', {
      path: 'rawIdentifiers.fields',
      reason: 'invalid-type',
    });
  }
  for (const name of raw.fields) {
    if (!dataset.fields.some((field) => field.name === name)) {
      throw new ValidationError(
        `rawIdentifiers names ${String(name)}, not a field of ${dataset.id}`,
        {
          path: 'rawIdentifiers.fields',
          reason: 'unknown-field',
        },
      );
    }
  }
  return Object.freeze({ fields: Object.freeze([...raw.fields]), basis: raw.basis });
}

/**
 * Parses a reject threshold: a non-negative integer count, or a percentage
 * such as `'2%'` or `'0.5%'` of the rows read.
 *
 * @param value - a number, a numeric string or a percentage; default 0
 * @returns the threshold
 * @throws {ValidationError} `invalid-max-rejects`
 */
function parseMaxRejects(value: number | string | undefined): ReleasePlan['maxRejects'] {
  if (value === undefined) return { count: 0 };
  const bad = () =>
    new ValidationError('maxRejects must be a count (e.g. 10) or a percentage (e.g. 0.5%)', {
      path: 'maxRejects',
      reason: 'invalid-max-rejects',
    });
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw bad();
    return { count: value };
  }
  if (typeof value !== 'string') throw bad();
  const percent = /^(\d{1,3}(?:\.\d{1,4})?)%$/.exec(value.trim());
  if (percent !== null) {
    const share = Number(percent[1]) / 100;
    if (share > 1) throw bad();
    return { share };
  }
  if (!/^\d{1,15}$/.test(value.trim())) throw bad();
  return { count: Number(value.trim()) };
}

// The options the stages call into, checked once up front so a malformed one
// fails with a ValidationError before anything is read or recorded.
function checkOptions(options: ProtectOptions): void {
  assertRecord(options, 'options');
  assertAnyIterable(options.input, 'input');
  assertRecord(options.dataset, 'dataset');
  assertRecord(options.keyring, 'keyring');
  assertFunction(options.keyring.activeKeyId, 'keyring.activeKeyId');
  assertRecord(options.keyring.suite, 'keyring.suite');
  assertRecord(options.ledger, 'ledger');
  assertFunction(options.ledger.append, 'ledger.append');
  if (options.sink !== undefined) {
    assertRecord(options.sink, 'sink');
    assertFunction(options.sink.write, 'sink.write');
    assertFunction(options.sink.commit, 'sink.commit');
    assertFunction(options.sink.abort, 'sink.abort');
  }
  if (options.clock !== undefined) assertFunction(options.clock, 'clock');
  if (options.source !== undefined) assertRecord(options.source, 'source');
  if (options.target !== undefined) assertRecord(options.target, 'target');
  if (options.onReject !== undefined) assertFunction(options.onReject, 'onReject');
  if (options.consent !== undefined) {
    assertRecord(options.consent, 'consent');
    assertRecord(options.consent.decider, 'consent.decider');
  }
  for (const name of ['share', 'open', 'grant'] as const) {
    const option = options[name];
    if (option === undefined) continue;
    assertRecord(option, name);
    assertRecord(option.decider, `${name}.decider`);
    assertRecord(option.request, `${name}.request`);
  }
  if (options.decision !== undefined) assertRecord(options.decision, 'decision');
  if (options.columns !== undefined && !Array.isArray(options.columns)) {
    throw new ValidationError('columns must be a list of column names', {
      path: 'columns',
      reason: 'invalid-type',
    });
  }
}
