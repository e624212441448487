import { checkAnonymous } from '../anonymity/gate.ts';
import type { AnonymityMeasures } from '../anonymity/measures.ts';
import type { FieldTag } from '../consent/fields.ts';
import type { ShareDecision } from '../consent/public-data-types.ts';
import { assertAnyIterable, assertFunction, assertRecord } from '../core/assert.ts';
import { systemClock } from '../core/clock.ts';
import { parseArgument } from '../core/parse.ts';
import { type DatasetRef, PartyRef, PurposeId } from '../core/refs.ts';
import { compilePolicy } from '../deidentify/compile-policy.ts';
import { toDatasetSchema } from '../deidentify/dataset-input.ts';
import { parsePolicy } from '../deidentify/parse-policy.ts';
import type { Reject } from '../deidentify/row-runner.ts';
import type { DataRecord } from '../deidentify/transformer.ts';
import { DataguardError } from '../errors/dataguard-error.ts';
import { AnonymityError, ConsentError, LedgerError, ValidationError } from '../errors/kinds.ts';
import type { LedgerCheckpoint, LedgerEntry } from '../provenance/ledger.ts';
import type { DatasetSchema } from '../tags/dataset.ts';
import type { LegalBasis } from '../tags/vocabulary.ts';
import { createContentDigest } from './content-digest.ts';
import { deniedError } from './denied.ts';
import type { ProtectOptions, ProtectProcessing } from './protect-options.ts';

/** A rejected row, without its values. */
export interface ProtectReject {
  readonly row: number;
  readonly field: string;
  readonly rule: string;
  readonly reason: string;
}

/** What {@link protect} did. */
export interface ProtectSummary {
  readonly processing: ProtectProcessing;
  readonly rowsIn: number;
  readonly rowsOut: number;
  /** Rows left out because a value broke a transform's input contract (quarantine). */
  readonly rejected: number;
  /** Rows left out because their subject's consent did not allow the processing. */
  readonly excluded: number;
  /** The first rejects (at most 1,000), without values. */
  readonly rejects: readonly ProtectReject[];
  /** The output columns, in order. */
  readonly columns: readonly string[];
  readonly source: DatasetRef;
  readonly target: DatasetRef;
  readonly policyDigest: string;
  readonly keyIds: readonly string[];
  /** Anonymity achieved by the output, when requirements were given. */
  readonly anonymity?: {
    readonly k: number;
    readonly highestRisk: number;
    readonly averageRisk: number;
    readonly classes: number;
    readonly suppressed: number;
  };
  /** The ledger entry recording this run. */
  readonly ledgerIndex: number;
  readonly eventId: string;
  readonly checkpoint?: LedgerCheckpoint;
  /** The sharing decision, when one was made. */
  readonly share?: ShareDecision;
}

const MAX_REJECTS = 1000;
const RELEASES: ReadonlySet<string> = new Set([
  'share',
  'provide',
  'open',
  'trade',
  'entrust',
  'transmit',
]);
const PROCESSINGS: ReadonlySet<string> = new Set([...RELEASES, 'deidentify', 'anonymize', 'use']);

/**
 * The main flow of dataguard as one call: sharing or consent decision, the
 * compiled de-identification policy, the anonymity gate for open and trade
 * releases (S-TRADE), the output, and a ledger event recording inputs and
 * outputs digests, the policy digest, key ids, actor and purpose (P-RECORD).
 * Custody follows from that event (the recipient holds and uses its copy).
 *
 * Fail closed: a denied decision, a failed anonymity check or a broken row
 * (unless quarantined) throws before the sink commits, so nothing is written.
 *
 * @param options - input, sink, dataset, policy, purpose, actor, recipient, keyring, ledger …
 * @returns a summary: rows in/out/rejected, anonymity achieved, ledger index and checkpoint
 * @throws {ConsentError} when the sharing or consent decision denies the run
 * @throws {AnonymityError} when an open or trade release is not anonymous
 * @throws {PolicyError} when the policy cannot apply to the dataset
 * @throws {TransformError} when a row breaks a transform's input contract and rejects are not quarantined
 * @example
 * ```ts no-run
 * const summary = await protect({ input: records, sink, dataset, policy, purpose: 'public-service',
 *   actor, recipient, legalBasis: 'statutory-duty', keyring, ledger });
 * ```
 */
export async function protect(options: ProtectOptions): Promise<ProtectSummary> {
  checkOptions(options);
  const clock = options.clock ?? systemClock;
  const actor = parseArgument(PartyRef, options.actor, 'actor');
  const recipient =
    options.recipient === undefined
      ? undefined
      : parseArgument(PartyRef, options.recipient, 'recipient');
  const purpose = parseArgument(PurposeId, options.purpose, 'purpose');
  const processing: ProtectProcessing =
    options.processing ?? (recipient === undefined ? 'deidentify' : 'provide');
  if (!PROCESSINGS.has(processing)) {
    throw new ValidationError(`processing must be one of ${[...PROCESSINGS].join(', ')}`, {
      path: 'processing',
      reason: 'invalid-processing',
    });
  }
  if (RELEASES.has(processing) && recipient === undefined) {
    throw new ValidationError(`processing "${processing}" releases data: give a recipient`, {
      path: 'recipient',
      reason: 'missing-recipient',
    });
  }
  const basis: LegalBasis | undefined =
    options.legalBasis ?? (options.consent === undefined ? undefined : 'consent');
  if (basis === undefined) {
    throw new ValidationError(
      'legalBasis is required (PIPL Art. 13, rule C-BASIS) unless consent checking is configured',
      {
        path: 'legalBasis',
        reason: 'missing-legal-basis',
      },
    );
  }
  const legalBasis: LegalBasis = basis;
  const anonymous = processing === 'open' || processing === 'trade' || processing === 'anonymize';
  if (anonymous && options.anonymity === undefined) {
    throw new AnonymityError(
      `processing "${processing}" needs anonymity requirements (rule S-TRADE, PIPL Art. 73)`,
      {
        path: 'anonymity',
        reason: 'requirements-missing',
        details: { rule: 'S-TRADE', article: 'Fujian Art. 17; PIPL Art. 73' },
      },
    );
  }

  const dataset = toDatasetSchema(options.dataset);
  const rejects: ProtectReject[] = [];
  let rejected = 0;
  const policy = parsePolicy(options.policy);
  // Profiles are chosen by purpose and recipient only when the policy has any.
  const profiled = policy.profiles !== undefined && Object.keys(policy.profiles).length > 0;
  const transformer = compilePolicy(policy, {
    dataset,
    keyring: options.keyring,
    vault: options.vault,
    profile: options.profile,
    purpose: profiled ? purpose : undefined,
    recipient: profiled ? recipient?.id : undefined,
    hierarchies: options.hierarchies,
    rejects:
      options.rejects === 'quarantine'
        ? (reject: Reject) => {
            rejected++;
            if (rejects.length < MAX_REJECTS)
              rejects.push({
                row: reject.row,
                field: reject.field,
                rule: reject.rule,
                reason: reject.reason,
              });
          }
        : 'fail',
  });
  const outputFields = transformer.fields
    .filter((plan) => plan.outcome !== 'dropped')
    .map((plan) => plan.field);
  if (anonymous) refuseRestorableOutput(dataset, transformer.fields);

  const source: DatasetRef = options.source ?? { id: dataset.id, version: dataset.version };
  const targetId = options.target?.id ?? `${source.id}.${recipient?.id ?? processing}`;
  const share =
    options.share === undefined ? undefined : await decideShare(options, source, outputFields);

  const keyed = transformer.fields.some((plan) => plan.traits?.keyed === true);
  const keyIds = keyed ? [options.keyring.activeKeyId()] : [];
  const algorithm = options.keyring.suite.digestAlgorithm;
  const inputDigest = createContentDigest(algorithm);
  const outputDigest = createContentDigest(algorithm);
  const qi = options.anonymity?.quasiIdentifiers ?? [];
  const sensitive = sensitiveAttributes(options.anonymity);
  const gateColumns = Object.fromEntries(
    [...qi, ...sensitive].map((name) => [name, [] as string[]]),
  );
  let rowsIn = 0;
  let rowsOut = 0;
  let excluded = 0;
  let measures: AnonymityMeasures | undefined;
  let entry: LedgerEntry | undefined;

  const admitted = admit(
    options,
    purpose,
    processing,
    legalBasis,
    recipient,
    dataset,
    outputFields,
    {
      read: (record) => {
        rowsIn++;
        inputDigest.add(record);
      },
      exclude: () => {
        excluded++;
      },
    },
  );

  async function* protectedRecords(): AsyncGenerator<Record<string, unknown>> {
    for await (const record of transformer.records(admitted)) {
      rowsOut++;
      outputDigest.add(record);
      for (const name of Object.keys(gateColumns))
        (gateColumns[name] as string[]).push(String(record[name] ?? ''));
      yield record;
    }
    if (options.anonymity !== undefined) {
      for (const name of Object.keys(gateColumns)) {
        if (!transformer.columns.includes(name)) {
          throw new ValidationError(
            `anonymity requirement names ${name}, which the policy does not output`,
            {
              path: 'anonymity.quasiIdentifiers',
              reason: 'unknown-field',
            },
          );
        }
      }
      const verdict = checkAnonymous({ columns: gateColumns }, options.anonymity);
      measures = verdict.measures;
      if (!verdict.ok) {
        throw new AnonymityError(
          `output is not anonymous: ${verdict.failures.map((f) => f.message).join('; ')}`,
          {
            reason: 'not-anonymous',
            path: 'anonymity',
            details: {
              rule: 'S-TRADE',
              article: 'Fujian Art. 17; PIPL Art. 73',
              failures: verdict.failures.map((f) => f.code),
            },
          },
        );
      }
    }
    // Record before the sink commits: an output never exists without its ledger event (P-RECORD).
    entry = await options.ledger.append({
      processing,
      actor,
      purpose,
      legalBasis,
      inputs: [{ ...source, digest: inputDigest.finish() }],
      outputs: [
        {
          id: targetId,
          ...(options.target?.version === undefined ? {} : { version: options.target.version }),
          digest: outputDigest.finish(),
        },
      ],
      fields: [...transformer.columns],
      policyDigest: transformer.digest,
      ...(keyIds.length > 0 ? { keyIds } : {}),
      ...(recipient === undefined ? {} : { recipients: [recipient] }),
      subjectCount: rowsOut,
      time: clock(),
      details: {
        rowsIn,
        rowsOut,
        rejected,
        excluded,
        policy: transformer.policy.id,
        ...(transformer.profile === undefined ? {} : { profile: transformer.profile }),
        ...(measures === undefined
          ? {}
          : { k: measures.k, highestRisk: measures.prosecutor.highest }),
      },
    });
  }

  const sink = options.sink ?? drain;
  await sink(protectedRecords(), transformer.columns);
  if (entry === undefined) {
    throw new LedgerError('the sink did not consume the whole output, so nothing was recorded', {
      reason: 'incomplete-sink',
      path: 'sink',
    });
  }
  const checkpoint =
    options.checkpoint === false
      ? undefined
      : await tryCheckpoint(options, options.checkpoint === true);
  const done: ProtectSummary = {
    processing,
    rowsIn,
    rowsOut,
    rejected,
    excluded,
    rejects,
    columns: transformer.columns,
    source,
    target: entry.event.outputs[0] as DatasetRef,
    policyDigest: transformer.digest,
    keyIds,
    ...(measures === undefined
      ? {}
      : {
          anonymity: {
            k: measures.k,
            highestRisk: measures.prosecutor.highest,
            averageRisk: measures.prosecutor.average,
            classes: measures.classes,
            suppressed: measures.suppressed,
          },
        }),
    ledgerIndex: entry.index,
    eventId: entry.event.id,
    ...(checkpoint === undefined ? {} : { checkpoint }),
    ...(share === undefined ? {} : { share }),
  };
  return done;
}

async function drain(records: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of records) {
    // counted by protect()
  }
}

async function tryCheckpoint(
  options: ProtectOptions,
  required: boolean,
): Promise<LedgerCheckpoint | undefined> {
  try {
    return await options.ledger.checkpoint();
  } catch (error) {
    if (!required && error instanceof DataguardError && error.reason === 'no-signer')
      return undefined;
    throw error;
  }
}

function sensitiveAttributes(requirements: ProtectOptions['anonymity']): string[] {
  if (requirements === undefined) return [];
  const list = [requirements.lDiversity ?? [], requirements.tCloseness ?? []].flat() as {
    attribute: string;
  }[];
  return [...new Set(list.map((r) => r.attribute))].filter(
    (name) => !requirements.quasiIdentifiers.includes(name),
  );
}

/** An anonymized release may not carry anything the holder of a key or vault could restore (PIPL Art. 73). */
function refuseRestorableOutput(
  dataset: DatasetSchema,
  plans: ReturnType<typeof compilePolicy>['fields'],
): void {
  for (const plan of plans) {
    if (plan.outcome === 'dropped') continue;
    const field = dataset.fields.find((candidate) => candidate.name === plan.field);
    // Keyed transforms count as restorable: whoever holds the key can recompute
    // them for known people and link the release back (PIPL Art. 73).
    const restorable =
      plan.outcome === 'transformed' &&
      (plan.traits?.reversible === true || plan.traits?.keyed === true);
    const identifying = field?.role === 'direct-identifier' && plan.outcome === 'kept';
    if (restorable || identifying) {
      throw new AnonymityError(
        `field ${plan.field} would leave the release restorable or identifying (${plan.transform ?? 'kept'}): anonymized data must not be restorable (PIPL Art. 73, rule S-TRADE)`,
        {
          path: `policy:${plan.rule ?? plan.field}`,
          reason: 'restorable-output',
          details: { rule: 'S-TRADE', article: 'Fujian Art. 17; PIPL Art. 73' },
        },
      );
    }
  }
}

async function decideShare(
  options: ProtectOptions,
  source: DatasetRef,
  fields: readonly string[],
): Promise<ShareDecision> {
  const share = options.share as NonNullable<ProtectOptions['share']>;
  const request = {
    ...share.request,
    dataset: share.request.dataset ?? {
      id: source.id,
      ...(source.version === undefined ? {} : { version: source.version }),
    },
    fields: share.request.fields ?? fields,
  };
  const decision = await share.decider.decideShare(request);
  if (!decision.allowed) throw deniedError('sharing request denied', decision.reasons);
  const withheld = fields.filter((name) => !decision.allowedFields.includes(name));
  if (withheld.length > 0) {
    throw new ConsentError(
      `the policy outputs fields the sharing decision withheld: ${withheld.join(', ')} (rule S-REQUEST, least and enough)`,
      {
        reason: 'field-withheld',
        path: 'policy',
        details: { rules: ['S-REQUEST'], fields: withheld },
      },
    );
  }
  return decision;
}

interface AdmitHooks {
  read(record: DataRecord): void;
  exclude(): void;
}

/** Reads the input, counting and digesting it, and applies per-subject consent when configured. */
async function* admit(
  options: ProtectOptions,
  purpose: string,
  processing: ProtectProcessing,
  legalBasis: LegalBasis,
  recipient: PartyRef | undefined,
  dataset: DatasetSchema,
  outputFields: readonly string[],
  hooks: AdmitHooks,
): AsyncGenerator<DataRecord> {
  const consent = options.consent;
  if (consent === undefined) {
    for await (const record of options.input) {
      hooks.read(record);
      yield record;
    }
    return;
  }
  if (!dataset.fields.some((field) => field.name === consent.subjectField)) {
    throw new ValidationError(
      `consent.subjectField ${consent.subjectField} is not a field of dataset ${dataset.id}`,
      {
        path: 'consent.subjectField',
        reason: 'unknown-field',
      },
    );
  }
  const fields: FieldTag[] = dataset.fields
    .filter((field) => outputFields.includes(field.name))
    .map((field) => ({
      name: field.name,
      ...(field.piCategory === undefined ? {} : { piCategory: field.piCategory }),
      ...(field.sensitive ? { sensitive: true } : {}),
    }));
  const prepared = consent.decider.prepare({
    purpose,
    processing,
    fields,
    legalBasis,
    ...(recipient === undefined ? {} : { recipient }),
    handler: options.actor,
  });
  const onDenied = consent.onDenied ?? 'stop';
  let row = 0;
  for await (const record of options.input) {
    row++;
    hooks.read(record);
    const subject = record[consent.subjectField];
    if (typeof subject !== 'string' || subject.length === 0) {
      throw new ValidationError(`row ${row}: ${consent.subjectField} (the subject id) is missing`, {
        path: consent.subjectField,
        reason: 'missing-subject',
      });
    }
    const decision = await prepared.decide(subject);
    const allowed =
      decision.allowed && fields.every((field) => decision.allowedFields.includes(field.name));
    if (allowed) {
      yield record;
    } else if (onDenied === 'exclude') {
      hooks.exclude();
    } else {
      throw deniedError(`row ${row}: consent does not allow this processing`, decision.reasons);
    }
  }
}

// The options protect() calls into or reads before any zod parse, checked once
// up front so a malformed one fails with a ValidationError (and nothing is recorded).
function checkOptions(options: ProtectOptions): void {
  assertRecord(options, 'options');
  assertAnyIterable(options.input, 'input');
  assertRecord(options.dataset, 'dataset');
  assertRecord(options.keyring, 'keyring');
  assertFunction(options.keyring.activeKeyId, 'keyring.activeKeyId');
  assertRecord(options.keyring.suite, 'keyring.suite');
  assertRecord(options.ledger, 'ledger');
  assertFunction(options.ledger.append, 'ledger.append');
  if (options.sink !== undefined) assertFunction(options.sink, 'sink');
  if (options.clock !== undefined) assertFunction(options.clock, 'clock');
  if (options.source !== undefined) assertRecord(options.source, 'source');
  if (options.target !== undefined) assertRecord(options.target, 'target');
  if (options.anonymity !== undefined) assertRecord(options.anonymity, 'anonymity');
  if (options.consent !== undefined) {
    assertRecord(options.consent, 'consent');
    assertRecord(options.consent.decider, 'consent.decider');
  }
  if (options.share !== undefined) {
    assertRecord(options.share, 'share');
    assertRecord(options.share.decider, 'share.decider');
    assertRecord(options.share.request, 'share.request');
  }
}
