import { assertFiniteNumber, assertFunction, assertRecord, assertString } from '../core/assert.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { NoteSigner, NoteVerifier } from './note-keys.ts';

// Boundary checks for caller-supplied note keys: the fields signing and
// verification read (name, key id, and the sign or verify function).

function assertNoteKeyFields(
  value: unknown,
  path: string,
): asserts value is Readonly<Record<string, unknown>> {
  assertRecord(value, path);
  assertString(value.name, `${path}.name`);
  assertFiniteNumber(value.keyId, `${path}.keyId`);
}

function assertArray(value: unknown, path: string, what: string): asserts value is unknown[] {
  if (!Array.isArray(value)) {
    throw new ValidationError(`${path} must be an array of ${what}`, {
      path,
      reason: 'invalid-argument',
    });
  }
}

/** Throws unless `value` looks like a {@link NoteSigner} (internal boundary check). */
export function assertNoteSigner(value: unknown, path: string): asserts value is NoteSigner {
  assertNoteKeyFields(value, path);
  assertFunction(value.sign, `${path}.sign`);
}

/** Throws unless `value` looks like a {@link NoteVerifier} (internal boundary check). */
function assertNoteVerifier(value: unknown, path: string): asserts value is NoteVerifier {
  assertNoteKeyFields(value, path);
  assertFunction(value.verify, `${path}.verify`);
}

/** Throws unless `value` is an array of note signers (internal boundary check). */
export function assertNoteSigners(
  value: unknown,
  path: string,
): asserts value is readonly NoteSigner[] {
  assertArray(value, path, 'note signers');
  for (let i = 0; i < value.length; i++) assertNoteSigner(value[i], `${path}[${i}]`);
}

/** Throws unless `value` is an array of note verifiers (internal boundary check). */
export function assertNoteVerifiers(
  value: unknown,
  path: string,
): asserts value is readonly NoteVerifier[] {
  assertArray(value, path, 'note verifiers');
  for (let i = 0; i < value.length; i++) assertNoteVerifier(value[i], `${path}[${i}]`);
}
