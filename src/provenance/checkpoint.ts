import { assertRecord, assertString } from '../core/assert.ts';
import { fromBase64, toBase64 } from '../core/bytes.ts';
import { IntegrityError, ValidationError } from '../errors/kinds.ts';
import type { SafeResult } from '../errors/safe-result.ts';
import { assertNoteVerifiers } from './assert-note-keys.ts';
import type { NoteKey, NoteSigner, NoteVerifier } from './note-keys.ts';
import { invalidInput, rejected } from './proof-check.ts';
import { assertNoteText } from './signed-note.ts';
import { isTreeNumber } from './tree-math.ts';
import { signNote, verifyCheckedNote } from './verify-note.ts';

/** The body of a C2SP tlog checkpoint (c2sp.org/tlog-checkpoint). */
export interface Checkpoint {
  /** The log's identity, e.g. `example.gov.cn/ledger`. */
  readonly origin: string;
  /** Number of leaves. */
  readonly size: number;
  /** Root hash of the tree of `size` leaves. */
  readonly root: Uint8Array;
  /** Optional extension lines (C2SP: not recommended). */
  readonly extensions?: readonly string[] | undefined;
}

/** A checkpoint whose signature verified, with the note it came from. */
export interface VerifiedCheckpoint extends Checkpoint {
  readonly note: string;
  readonly verifiedBy: readonly NoteKey[];
}

function malformed(problem: string): never {
  throw new ValidationError(`checkpoint is malformed: ${problem}`, {
    path: 'checkpoint',
    reason: 'malformed-checkpoint',
  });
}

/**
 * Formats checkpoint note text: origin, decimal size, base64 root, then any
 * extension lines, each ending in a newline.
 *
 * @param checkpoint - origin, size, root and optional extension lines
 * @returns the note text (unsigned)
 * @throws {ValidationError} `malformed-checkpoint` on an empty origin, bad size or empty line
 * @example
 * ```ts
 * import { formatCheckpoint } from './checkpoint.ts';
 * import { emptyRoot } from './merkle-hash.ts';
 * formatCheckpoint({ origin: 'example.com/log', size: 0, root: emptyRoot() }); // 'example.com/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n'
 * ```
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  assertRecord(checkpoint, 'checkpoint');
  const { origin, size, root, extensions = [] } = checkpoint;
  if (!Array.isArray(extensions)) malformed('extensions must be an array of lines');
  if (typeof origin !== 'string' || origin.length === 0 || origin.includes('\n')) {
    malformed('origin must be one non-empty line');
  }
  if (!isTreeNumber(size)) malformed('size must be an integer in [0, 2^53)');
  if (!(root instanceof Uint8Array) || root.length === 0) malformed('root must be non-empty bytes');
  for (const line of extensions as unknown[]) {
    if (typeof line !== 'string' || line.length === 0 || line.includes('\n'))
      malformed('extension lines must be non-empty single lines');
  }
  const text = `${[origin, String(size), toBase64(root), ...extensions].join('\n')}\n`;
  assertNoteText(text, 'checkpoint');
  return text;
}

/**
 * Parses checkpoint note text (the signed part of the note).
 *
 * @param text - the note text
 * @returns the checkpoint
 * @throws {ValidationError} `malformed-checkpoint`
 * @example
 * ```ts
 * import { parseCheckpoint } from './checkpoint.ts';
 * parseCheckpoint('example.com/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n').size; // 0
 * ```
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string' || !text.endsWith('\n')) malformed('text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) malformed('needs origin, size and root lines');
  const [origin, sizeLine, rootLine, ...extensions] = lines as [
    string,
    string,
    string,
    ...string[],
  ];
  if (origin.length === 0) malformed('origin is empty');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeLine))
    malformed('size is not a decimal without leading zeros');
  const size = Number(sizeLine);
  if (!isTreeNumber(size)) malformed('size is too large');
  const root = fromBase64(rootLine);
  if (root === undefined || root.length === 0) malformed('root is not base64');
  if (extensions.some((line) => line.length === 0)) malformed('extension lines must be non-empty');
  return extensions.length > 0 ? { origin, size, root, extensions } : { origin, size, root };
}

/**
 * Signs a checkpoint as a C2SP signed note.
 *
 * @param checkpoint - origin, size, root
 * @param signers - the log's key (and any others)
 * @returns the signed checkpoint note
 * @throws {ValidationError} on a malformed checkpoint or no signer
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createNoteSigner } from 'dataguard/provenance';
 * import { signCheckpoint } from './checkpoint.ts';
 * import { emptyRoot } from './merkle-hash.ts';
 * const signer = createNoteSigner({ name: 'example.com/log', secretKey: ed25519.generateSecretKey() });
 * const note = signCheckpoint({ origin: 'example.com/log', size: 0, root: emptyRoot() }, [signer]);
 * note; // 'example.com/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n— example.com/log …\n'
 * ```
 */
export function signCheckpoint(checkpoint: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), signers);
}

/**
 * Why a checkpoint was not accepted; `invalid-input` when the options are not
 * `{ verifiers, origin? }` (the throwing twins raise a ValidationError instead).
 */
export type CheckpointFailureReason =
  | 'malformed-note'
  | 'no-known-signature'
  | 'bad-signature'
  | 'malformed-checkpoint'
  | 'origin-mismatch'
  | 'invalid-input';

/** Options of {@link verifyCheckpoint} and {@link safeVerifyCheckpoint}. */
export interface VerifyCheckpointOptions {
  /** The trusted keys. */
  readonly verifiers: readonly NoteVerifier[];
  /** The expected origin line, checked when given. */
  readonly origin?: string | undefined;
}

/** Throws a ValidationError unless `options` is {@link VerifyCheckpointOptions} (internal). */
function assertOpenCheckpointOptions(
  options: unknown,
  path: string,
): asserts options is VerifyCheckpointOptions {
  assertRecord(options, path);
  assertNoteVerifiers(options.verifiers, `${path}.verifiers`);
  if (options.origin !== undefined) assertString(options.origin, `${path}.origin`);
}

/** Verifies a checkpoint whose options were checked (internal: shared by both twins). */
export function verifyCheckedCheckpoint(
  note: string,
  options: VerifyCheckpointOptions,
): CheckpointCheck {
  const opened = verifyCheckedNote(note, options.verifiers);
  if (!opened.ok) return opened;
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(opened.text);
  } catch {
    return { ok: false, reason: 'malformed-checkpoint' };
  }
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    return { ok: false, reason: 'origin-mismatch' };
  }
  return { ok: true, checkpoint: { ...checkpoint, note, verifiedBy: opened.verifiedBy } };
}

/** The internal result of verifying a checkpoint. */
export type CheckpointCheck =
  | { readonly ok: true; readonly checkpoint: VerifiedCheckpoint }
  | { readonly ok: false; readonly reason: CheckpointFailureReason };

/**
 * Verifies a signed checkpoint note and parses it, without throwing.
 *
 * @param note - the signed checkpoint
 * @param options - `verifiers` (trusted keys) and the expected `origin` (checked when given)
 * @returns `{ ok: true, value }` with the verified checkpoint; otherwise `{ ok: false, error }`
 *   with an IntegrityError whose `reason` is a {@link CheckpointFailureReason}, or a
 *   ValidationError with reason `invalid-input` when the options are not `{ verifiers, origin? }`
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createNoteSigner, createNoteVerifier, safeVerifyCheckpoint } from 'dataguard/provenance';
 * import { signCheckpoint } from './checkpoint.ts';
 * import { emptyRoot } from './merkle-hash.ts';
 * const secretKey = ed25519.generateSecretKey();
 * const signer = createNoteSigner({ name: 'example.com/log', secretKey });
 * const verifier = createNoteVerifier({ name: 'example.com/log', publicKey: ed25519.getPublicKey(secretKey) });
 * const note = signCheckpoint({ origin: 'example.com/log', size: 0, root: emptyRoot() }, [signer]);
 * safeVerifyCheckpoint(note, { verifiers: [verifier], origin: 'example.com/log' }).ok; // true
 * safeVerifyCheckpoint(note, { verifiers: [verifier], origin: 'example.com/other' }).ok; // false
 * ```
 */
export function safeVerifyCheckpoint(
  note: string,
  options: VerifyCheckpointOptions,
): SafeResult<VerifiedCheckpoint> {
  let check: CheckpointCheck;
  try {
    assertOpenCheckpointOptions(options, 'options');
    check = verifyCheckedCheckpoint(note, options);
  } catch (error) {
    return invalidInput(error);
  }
  return check.ok
    ? { ok: true, value: check.checkpoint }
    : rejected(check.reason, 'checkpoint', 'checkpoint');
}

/**
 * Verifies a signed checkpoint note and parses it.
 *
 * @param note - the signed checkpoint
 * @param options - `verifiers` (trusted keys) and the expected `origin` (checked when given)
 * @returns the verified checkpoint
 * @throws {IntegrityError} with the failure reason as `reason`; {@link ValidationError} when the
 *   options are not `{ verifiers, origin? }`
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createNoteSigner, createNoteVerifier, verifyCheckpoint } from 'dataguard/provenance';
 * import { signCheckpoint } from './checkpoint.ts';
 * import { emptyRoot } from './merkle-hash.ts';
 * const secretKey = ed25519.generateSecretKey();
 * const signer = createNoteSigner({ name: 'example.com/log', secretKey });
 * const verifier = createNoteVerifier({ name: 'example.com/log', publicKey: ed25519.getPublicKey(secretKey) });
 * const note = signCheckpoint({ origin: 'example.com/log', size: 0, root: emptyRoot() }, [signer]);
 * const { size } = verifyCheckpoint(note, { verifiers: [verifier], origin: 'example.com/log' });
 * size; // 0
 * ```
 */
export function verifyCheckpoint(
  note: string,
  options: VerifyCheckpointOptions,
): VerifiedCheckpoint {
  assertOpenCheckpointOptions(options, 'options');
  const result = verifyCheckedCheckpoint(note, options);
  if (!result.ok) {
    throw new IntegrityError(`checkpoint rejected: ${result.reason}`, {
      path: 'checkpoint',
      reason: result.reason,
    });
  }
  return result.checkpoint;
}
