import { utf8 } from '../core/bytes.ts';
import { DataguardError } from '../errors/dataguard-error.ts';
import { IntegrityError, KeyError, ValidationError } from '../errors/kinds.ts';
import type { SafeResult } from '../errors/safe-result.ts';
import { assertNoteSigners, assertNoteVerifiers } from './assert-note-keys.ts';
import type { NoteKey, NoteSigner, NoteVerifier } from './note-keys.ts';
import { invalidInput, rejected } from './proof-check.ts';
import { assertSignableText, formatNote, type NoteSignature, parseNote } from './signed-note.ts';

/** A note whose signatures were checked. */
export interface VerifiedNote {
  /** The signed text. */
  readonly text: string;
  /** The known keys whose signatures verified. */
  readonly verifiedBy: readonly NoteKey[];
}

/**
 * Why a note was not accepted; `invalid-input` when the verifiers are not an
 * array of note verifiers (the throwing twins raise a ValidationError instead).
 */
type NoteFailureReason =
  | 'malformed-note'
  | 'no-known-signature'
  | 'bad-signature'
  | 'invalid-input';

/** The internal result of verifying a note. */
export type NoteCheck =
  | ({ readonly ok: true } & VerifiedNote)
  | { readonly ok: false; readonly reason: NoteFailureReason };

/**
 * Signs note text with one or more keys (C2SP signed-note).
 *
 * @param text - the text, ending in a newline, without control characters
 * @param signers - the signing keys
 * @returns the signed note
 * @throws {ValidationError} when the text is not valid note text, there is no signer or a
 *   signer is malformed; {@link KeyError} `sign-failed` when a signer throws
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createNoteSigner } from 'dataguard/provenance';
 * import { signNote } from './verify-note.ts';
 * const secretKey = ed25519.generateSecretKey();
 * const note = signNote('hello\n', [createNoteSigner({ name: 'example.com/k', secretKey })]);
 * note.startsWith('hello\n\n— example.com/k '); // true
 * ```
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!Array.isArray(signers) || signers.length === 0) {
    throw new ValidationError('signNote needs at least one signer', {
      path: 'signers',
      reason: 'no-signer',
    });
  }
  assertNoteSigners(signers, 'signers');
  assertSignableText(text);
  const message = utf8(text);
  const signatures: NoteSignature[] = signers.map((signer, i) => ({
    name: signer.name,
    keyId: signer.keyId,
    signature: signWith(signer, message, `signers[${i}]`),
  }));
  return formatNote(text, signatures);
}

// Signers may be caller-built (createNoteSigner): their failures become typed
// errors, and whatever they return must be bytes before it is encoded.
function signWith(signer: NoteSigner, message: Uint8Array, path: string): Uint8Array {
  let signature: unknown;
  try {
    signature = signer.sign(message);
  } catch (cause) {
    if (cause instanceof DataguardError) throw cause;
    throw new KeyError(`${path} failed to sign`, { path, reason: 'sign-failed', cause });
  }
  if (!(signature instanceof Uint8Array)) {
    throw new ValidationError(`${path}.sign must return a Uint8Array`, {
      path,
      reason: 'invalid-signer',
    });
  }
  return signature;
}

/** Verifies a note whose verifiers were checked (internal: shared by both twins). */
export function verifyCheckedNote(note: string, verifiers: readonly NoteVerifier[]): NoteCheck {
  let parsed: ReturnType<typeof parseNote>;
  try {
    parsed = parseNote(note);
  } catch {
    return { ok: false, reason: 'malformed-note' };
  }
  const message = utf8(parsed.text);
  const verifiedBy: NoteKey[] = [];
  for (const signature of parsed.signatures) {
    for (const verifier of verifiers) {
      if (verifier.name !== signature.name || verifier.keyId !== signature.keyId) continue;
      if (!verifies(verifier, message, signature.signature)) {
        return { ok: false, reason: 'bad-signature' };
      }
      if (!verifiedBy.includes(verifier)) verifiedBy.push(verifier);
    }
  }
  if (verifiedBy.length === 0) return { ok: false, reason: 'no-known-signature' };
  return { ok: true, text: parsed.text, verifiedBy };
}

// Fail closed on caller-built verifiers: only `true` accepts, and a throw rejects.
function verifies(verifier: NoteVerifier, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verifier.verify(message, signature) === true;
  } catch {
    return false;
  }
}

/**
 * Verifies a signed note without throwing: the note is accepted when at least
 * one signature from a known key (same name and key id) verifies and no
 * known key's signature fails. Unknown signatures are ignored, as C2SP asks.
 * Never throws.
 *
 * @param note - the signed note
 * @param verifiers - the trusted keys
 * @returns `{ ok: true, value: { text, verifiedBy } }`; otherwise `{ ok: false, error }` with an
 *   IntegrityError whose `reason` is a {@link NoteFailureReason}, or a ValidationError with
 *   reason `invalid-input` when `verifiers` is not an array of note verifiers
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createNoteSigner, createNoteVerifier } from 'dataguard/provenance';
 * import { safeVerifyNote, signNote } from './verify-note.ts';
 * const secretKey = ed25519.generateSecretKey();
 * const publicKey = ed25519.getPublicKey(secretKey);
 * const note = signNote('hello\n', [createNoteSigner({ name: 'example.com/k', secretKey })]);
 * const verifier = createNoteVerifier({ name: 'example.com/k', publicKey });
 * safeVerifyNote(note, [verifier]).ok; // true
 * safeVerifyNote(note.replace('hello', 'HELLO'), [verifier]).ok; // false
 * ```
 */
export function safeVerifyNote(
  note: string,
  verifiers: readonly NoteVerifier[],
): SafeResult<VerifiedNote> {
  let check: NoteCheck;
  try {
    assertNoteVerifiers(verifiers, 'verifiers');
    check = verifyCheckedNote(note, verifiers);
  } catch (error) {
    return invalidInput(error);
  }
  return check.ok
    ? { ok: true, value: { text: check.text, verifiedBy: check.verifiedBy } }
    : rejected(check.reason, 'signed note', 'note');
}

/**
 * Verifies a signed note: returns its text only when a trusted key's signature
 * verifies (see {@link safeVerifyNote}).
 *
 * @param note - the signed note
 * @param verifiers - the trusted keys
 * @returns the text and the keys that verified it
 * @throws {IntegrityError} `malformed-note`, `no-known-signature` or `bad-signature`;
 *   {@link ValidationError} when `verifiers` is not an array of note verifiers
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createNoteSigner, createNoteVerifier } from 'dataguard/provenance';
 * import { signNote, verifyNote } from './verify-note.ts';
 * const secretKey = ed25519.generateSecretKey();
 * const publicKey = ed25519.getPublicKey(secretKey);
 * const note = signNote('hello\n', [createNoteSigner({ name: 'example.com/k', secretKey })]);
 * const verifier = createNoteVerifier({ name: 'example.com/k', publicKey });
 * verifyNote(note, [verifier]).text; // 'hello\n'
 * ```
 */
export function verifyNote(note: string, verifiers: readonly NoteVerifier[]): VerifiedNote {
  assertNoteVerifiers(verifiers, 'verifiers');
  const result = verifyCheckedNote(note, verifiers);
  if (!result.ok) {
    throw new IntegrityError(`signed note rejected: ${result.reason}`, {
      path: 'note',
      reason: result.reason,
    });
  }
  return { text: result.text, verifiedBy: result.verifiedBy };
}
