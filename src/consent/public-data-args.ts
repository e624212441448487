import { z } from 'zod';
import { assertRecord } from '../core/assert.ts';
import { parseArgument } from '../core/parse.ts';
import type { PartyRef as Party } from '../core/refs.ts';
import { Id, PartyRef, PurposeId } from '../core/refs.ts';
import { Processing } from '../tags/vocabulary.ts';
import type { DutyDefinition } from './engine.ts';
import type {
  GrantChange,
  GrantInput,
  GrantUseRequest,
  ObjectionInput,
  TermInput,
} from './public-data-types.ts';
import { type Reason, reason } from './reason.ts';
import { S } from './share-reasons.ts';
import { LocalDateTime } from './time-zone.ts';

// The argument schemas of the public-data operations (S-*), and the parsing of
// a request that a decideX() answers (malformed parts are deniable, not errors).

const DatasetArg = z.strictObject({ id: Id, version: z.string().min(1).max(64).optional() });
const Names = z.array(z.string().min(1).max(128)).min(1).max(10_000);
// Requests that decideX() answers: an empty list is a deniable request, not misuse.
const AskedNames = z.array(z.string().min(1).max(128)).max(10_000);
const Instant = z.union([LocalDateTime, z.number(), z.date()]).optional();
const Term = z.strictObject({
  start: LocalDateTime.optional(),
  end: LocalDateTime.optional(),
  duration: z.string().max(64).optional(),
});
const Duty = z.strictObject({
  id: Id,
  law: z.string().max(500),
  scope: z.array(
    z.strictObject({ dataset: Id, fields: z.array(z.string().min(1).max(128)).optional() }),
  ),
});
const ShareArg = z.strictObject({
  dataset: DatasetArg.optional(),
  fields: AskedNames,
  requester: PartyRef.optional(),
  requesterRole: z.enum(['public-management', 'public-service', 'public-utility']).optional(),
  duty: z.union([z.string().max(256), Duty]).optional(),
  scenario: z.string().max(2000).optional(),
  commitment: z
    .object({
      authenticity: z.boolean().optional(),
      security: z.boolean().optional(),
      compliance: z.boolean().optional(),
    })
    .optional(),
  purpose: PurposeId.optional(),
  at: Instant,
  id: Id.optional(),
  term: Term.optional(),
});
const GrantArg = z.strictObject({
  id: Id.optional(),
  kind: z.enum(['open', 'develop', 'authorized-operation']),
  dataset: DatasetArg,
  fields: Names,
  grantee: PartyRef,
  purpose: PurposeId,
  term: Term,
  approvedBy: PartyRef.optional(),
  authority: PartyRef.optional(),
  reportEvery: z.string().max(64).optional(),
  termJustification: z.string().max(2000).optional(),
  outputForms: z.array(z.string().min(1).max(64)).max(64).optional(),
  at: Instant,
});
const UseArg = z.strictObject({
  grant: z.string().max(256),
  actor: z.union([Id, PartyRef]),
  recipient: z.union([Id, PartyRef]).optional(),
  purpose: z.string().max(256),
  processing: Processing,
  fields: AskedNames,
  output: z.string().min(1).max(64).optional(),
  label: z.string().max(2000).optional(),
  derived: z.boolean().optional(),
  at: Instant,
});
const OpenArg = z.strictObject({
  dataset: DatasetArg.optional(),
  fields: AskedNames,
  requester: PartyRef,
  grant: Id.optional(),
  at: Instant,
});
const ChangeArg = z.strictObject({
  at: LocalDateTime.optional(),
  by: Id,
  note: z.string().max(500).optional(),
  correctBy: LocalDateTime.optional(),
  outcome: z.enum(['corrected', 'upheld', 'rejected']).optional(),
});
const ObjectionArg = z.strictObject({
  id: Id.optional(),
  dataset: Id,
  field: z.string().min(1).max(128).optional(),
  by: PartyRef,
  kind: z.enum(['quality', 'rights', 'other']),
  description: z.string().min(1).max(2000),
  at: LocalDateTime.optional(),
});

/** A request parsed for a decision: its data, or the reasons to deny it. */
export type Asked<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly reasons: Reason[] };

/**
 * Parses a request that a decideX() answers. A non-object is programming
 * misuse and throws; a malformed part is a deniable request: one reason per
 * part, from `known` or S-REQUEST `malformed-request` naming the part (never its value).
 *
 * @param schema - the request's schema
 * @param value - the request
 * @param known - the reason for a malformed part, by part
 * @returns the parsed request, or the reasons to deny it
 * @throws {ValidationError} when the request is not an object
 */
function parseAsked<T>(
  schema: z.ZodType<T>,
  value: unknown,
  known: Readonly<Record<string, Reason>>,
): Asked<T> {
  assertRecord(value, 'request');
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const keys: string[] = [];
  for (const issue of result.error.issues) {
    const named =
      issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0] ?? 'request')];
    for (const key of named) if (!keys.includes(key)) keys.push(key);
  }
  const reasons: Reason[] = [];
  for (const key of keys) {
    const r = Object.hasOwn(known, key) ? (known[key] as Reason) : malformed(key);
    if (!reasons.includes(r)) reasons.push(r);
  }
  return { ok: false, reasons };
}

function malformed(key: string): Reason {
  const name = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  return reason(
    'deny',
    'S-REQUEST',
    S.requestComplete.article,
    'malformed-request',
    `request.${name} is missing or malformed`,
  );
}

// The reason a malformed part of a request is denied with, by part.
const SHARE_PARTS: Readonly<Record<string, Reason>> = {
  dataset: S.unknownDataset,
  requester: S.requesterNotPublicBody,
  fields: S.fieldsMissing,
  scenario: S.scenarioMissing,
  commitment: S.commitmentMissing,
  duty: S.dutyMissing,
};
const OPEN_PARTS: Readonly<Record<string, Reason>> = {
  dataset: S.unknownDataset,
  fields: S.fieldsMissing,
};
const USE_PARTS: Readonly<Record<string, Reason>> = {
  grant: S.unknownGrant,
  actor: S.notGrantee,
  fields: S.fieldsMissing,
};

/** A share request as parsed: any part may be missing (decideShare denies for it). */
export interface ParsedShareRequest {
  readonly dataset?: { readonly id: string; readonly version?: string | undefined } | undefined;
  readonly fields: readonly string[];
  readonly requester?: Party | undefined;
  readonly requesterRole?: 'public-management' | 'public-service' | 'public-utility' | undefined;
  readonly duty?: string | DutyDefinition | undefined;
  readonly scenario?: string | undefined;
  readonly commitment?:
    | {
        readonly authenticity?: boolean | undefined;
        readonly security?: boolean | undefined;
        readonly compliance?: boolean | undefined;
      }
    | undefined;
  readonly purpose?: string | undefined;
  readonly at?: string | number | Date | undefined;
  readonly id?: string | undefined;
  readonly term?: TermInput | undefined;
}

/** An open request as parsed: the dataset may be missing (decideOpen denies for it). */
export interface ParsedOpenRequest {
  readonly dataset?: { readonly id: string; readonly version?: string | undefined } | undefined;
  readonly fields: readonly string[];
  readonly requester: Party;
  readonly grant?: string | undefined;
  readonly at?: string | number | Date | undefined;
}

/** A grant or objection change as parsed. */
export interface ParsedChange extends GrantChange {
  readonly correctBy?: string | undefined;
  readonly outcome?: 'corrected' | 'upheld' | 'rejected' | undefined;
}

/**
 * Parses a share request that decideShare answers (malformed parts are reasons to deny).
 *
 * @param value - the request
 * @returns the request, or the reasons to deny it
 * @throws {ValidationError} when the request is not an object
 */
export function askShare(value: unknown): Asked<ParsedShareRequest> {
  return parseAsked(ShareArg, value, SHARE_PARTS);
}

/**
 * Parses a share-grant request (grantShare): malformed input is an error.
 *
 * @param value - the request
 * @returns the request
 * @throws {ValidationError} naming the malformed part
 */
export function parseShareGrantRequest(value: unknown): ParsedShareRequest {
  return parseArgument(ShareArg, value, 'request');
}

/**
 * Parses a grant-use request that decideGrantUse answers.
 *
 * @param value - the request
 * @returns the request, or the reasons to deny it
 * @throws {ValidationError} when the request is not an object
 */
export function askGrantUse(value: unknown): Asked<GrantUseRequest> {
  return parseAsked(UseArg, value, USE_PARTS);
}

/**
 * Parses an open request that decideOpen answers.
 *
 * @param value - the request
 * @returns the request, or the reasons to deny it
 * @throws {ValidationError} when the request is not an object
 */
export function askOpen(value: unknown): Asked<ParsedOpenRequest> {
  return parseAsked(OpenArg, value, OPEN_PARTS);
}

/**
 * Parses the input of issueGrant.
 *
 * @param value - the input
 * @returns the input
 * @throws {ValidationError} naming the malformed part
 */
export function parseGrantInput(value: unknown): GrantInput {
  return parseArgument(GrantArg, value, 'grant');
}

/**
 * Parses a change to a grant or an objection.
 *
 * @param value - the change
 * @returns the change
 * @throws {ValidationError} naming the malformed part
 */
export function parseChange(value: unknown): ParsedChange {
  return parseArgument(ChangeArg, value, 'change');
}

/**
 * Parses the input of recordObjection.
 *
 * @param value - the input
 * @returns the input
 * @throws {ValidationError} naming the malformed part
 */
export function parseObjectionInput(value: unknown): ObjectionInput {
  return parseArgument(ObjectionArg, value, 'objection');
}
