import { ValidationError } from '../errors/kinds.ts';
import { isPromise } from './awaitable.ts';
import { NO_CONSENTS } from './compiled-consent.ts';
import type { Decision } from './decision.ts';
import { consentsOf } from './engine-consents.ts';
import type { EngineState } from './engine-state.ts';
import { evaluate } from './evaluate.ts';
import type { CompiledRequest } from './request.ts';
import type { Awaitable } from './store.ts';
import type { SubjectRecord } from './subject.ts';

/**
 * Decides a compiled request for one subject (an id looked up in the
 * directory, or a record) at an instant.
 *
 * @param state - the engine state
 * @param req - the compiled request
 * @param subject - the subject id or record
 * @param at - the instant, epoch milliseconds
 * @returns the decision
 * @throws {ValidationError} `invalid-request` when the subject is neither an id nor a record with an id
 */
export function decideCompiled(
  state: EngineState,
  req: CompiledRequest,
  subject: string | SubjectRecord,
  at: number,
): Awaitable<Decision> {
  const record = subjectRecord(state, subject);
  if (isPromise(record)) return record.then((r) => decideForRecord(state, req, r, at));
  return decideForRecord(state, req, record, at);
}

function subjectRecord(
  state: EngineState,
  subject: string | SubjectRecord,
): Awaitable<SubjectRecord | undefined> {
  if (typeof subject === 'string') {
    const directory = state.directory;
    if (directory === undefined) return undefined;
    const found = directory.get(subject);
    // No closure on the synchronous path (decide() is called millions of times).
    if (isPromise(found)) return found.then((record) => sameSubject(record, subject));
    return sameSubject(found, subject);
  }
  if (
    subject === null ||
    typeof subject !== 'object' ||
    typeof subject.id !== 'string' ||
    subject.id === ''
  ) {
    throw new ValidationError('request.subject must be a subject id or a record with an id', {
      path: 'request.subject',
      reason: 'invalid-request',
    });
  }
  return subject;
}

function decideForRecord(
  state: EngineState,
  req: CompiledRequest,
  record: SubjectRecord | undefined,
  at: number,
): Awaitable<Decision> {
  const { evalContext, readSubject } = state;
  if (record === undefined) return evaluate(evalContext, req, undefined, NO_CONSENTS, at);
  if (req.purpose === undefined || req.fields.unknown !== undefined) {
    return evaluate(evalContext, req, readSubject(record), NO_CONSENTS, at);
  }
  const entry = state.subjects.get(record.id);
  if (entry !== undefined && entry.version === state.taxonomy.version) {
    if (entry.record !== record) {
      const info = readSubject(record);
      entry.reaches14 = info.reaches14;
      entry.guardians = info.guardians;
      entry.record = record;
    }
    return evaluate(evalContext, req, entry, entry, at);
  }
  const info = readSubject(record);
  const consents = consentsOf(state, record.id);
  if (isPromise(consents)) return consents.then((c) => evaluate(evalContext, req, info, c, at));
  return evaluate(evalContext, req, info, consents, at);
}

function sameSubject(record: SubjectRecord | undefined, id: string): SubjectRecord | undefined {
  return record === undefined || record === null || record.id !== id ? undefined : record;
}
