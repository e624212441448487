import { assertFiniteNumber, assertRecord } from '../core/assert.ts';
import { fromBase64, toBase64 } from '../core/bytes.ts';
import { ValidationError } from '../errors/kinds.ts';
import { assertBytes } from './assert-bytes.ts';

/** One signature line of a signed note. */
export interface NoteSignature {
  /** The key name. */
  readonly name: string;
  /** The 32-bit key id (big-endian first four bytes of the encoded signature). */
  readonly keyId: number;
  /** The signature bytes after the key id. */
  readonly signature: Uint8Array;
}

/** A signed note split into its text and its signature lines (nothing verified yet). */
export interface ParsedNote {
  /** The signed text, ending in a newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** Notes larger than this are refused before parsing (C2SP asks verifiers to bound size). */
const MAX_NOTE_BYTES = 1_000_000;
/** At most this many signature lines (C2SP requires accepting at least 16). */
const MAX_NOTE_SIGNATURES = 100;

const EM_DASH_PREFIX = '\u2014 ';

function malformed(problem: string): never {
  throw new ValidationError(`signed note is malformed: ${problem}`, {
    path: 'note',
    reason: 'malformed-note',
  });
}

// Unicode White_Space exactly as Go's unicode.IsSpace (which C2SP and
// golang.org/x/mod/sumdb/note use), plus '+'. JavaScript's \s differs: it
// misses U+0085 (NEXT LINE) and adds U+FEFF (BOM), which is not White_Space.
const KEY_NAME_FORBIDDEN =
  /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000+]/;

/**
 * True when a key name is valid per C2SP signed-note: non-empty, well-formed
 * UTF-16 (so valid UTF-8), no Unicode White_Space (as Go's `unicode.IsSpace`:
 * U+0085 is a space, U+FEFF is not), no `+`.
 *
 * @param name - the key name
 * @returns whether the name may be used
 * @example
 * ```ts
 * import { isValidKeyName } from './signed-note.ts';
 * isValidKeyName('example.com/log'); // true
 * isValidKeyName('example.com/\u0085log'); // false
 * ```
 */
export function isValidKeyName(name: string): boolean {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    !KEY_NAME_FORBIDDEN.test(name) &&
    name.isWellFormed()
  );
}

/** Throws unless the text is valid note text (UTF-8, no control characters but newline). */
export function assertNoteText(text: string, path: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: C2SP forbids these characters
  if (!text.isWellFormed() || /[\u0000-\u0009\u000b-\u001f]/.test(text)) {
    throw new ValidationError(
      `${path} must be UTF-8 without control characters other than newline`,
      {
        path,
        reason: 'malformed-note',
      },
    );
  }
}

/** Throws unless the text can be signed: valid note text ending in a newline. */
export function assertSignableText(text: string): void {
  if (typeof text !== 'string' || !text.endsWith('\n')) {
    throw new ValidationError('note text must be a string ending with a newline', {
      path: 'text',
      reason: 'malformed-note',
    });
  }
  assertNoteText(text, 'text');
}

/**
 * Splits a C2SP signed note (c2sp.org/signed-note) into text and signature
 * lines. Signatures are not verified: use `verifyNote` for that.
 *
 * @param note - the whole note
 * @returns the text and the signatures
 * @throws {ValidationError} `malformed-note` when the note does not follow the format
 * @example
 * ```ts
 * import { parseNote } from './signed-note.ts';
 * parseNote('hello\n\n— example.com/k AAAAAQE=\n').text; // 'hello\n'
 * ```
 */
export function parseNote(note: string): ParsedNote {
  if (typeof note !== 'string') malformed('not a string');
  if (note.length > MAX_NOTE_BYTES) malformed('too large');
  try {
    assertNoteText(note, 'note');
  } catch {
    malformed('contains control characters or invalid UTF-8');
  }
  if (!note.endsWith('\n')) malformed('does not end with a newline');
  // The text is separated from the signatures by the last empty line.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) malformed('has no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) malformed('has too many signatures');
  const signatures: NoteSignature[] = lines.map((line) => {
    if (!line.startsWith(EM_DASH_PREFIX)) malformed('signature line does not start with "— "');
    const rest = line.slice(EM_DASH_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space < 0) malformed('signature line has no signature');
    const name = rest.slice(0, space);
    if (!isValidKeyName(name)) malformed('signature line has an invalid key name');
    const bytes = fromBase64(rest.slice(space + 1));
    if (bytes === undefined || bytes.length < 5)
      malformed('signature is not base64 of key id and signature');
    const keyId = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, false);
    return { name, keyId, signature: bytes.slice(4) };
  });
  return { text, signatures };
}

/**
 * Formats a signed note from its text and signatures.
 *
 * @param text - the note text, ending in a newline
 * @param signatures - at least one signature
 * @returns the note: text, blank line, one `— name base64(keyId || sig)` line each
 * @throws {ValidationError} when the text or a key name is invalid, or there is no signature
 * @example
 * ```ts
 * import { formatNote } from './signed-note.ts';
 * formatNote('hello\n', [{ name: 'example.com/k', keyId: 1, signature: new Uint8Array([7]) }]);
 * ```
 */
export function formatNote(text: string, signatures: readonly NoteSignature[]): string {
  assertSignableText(text);
  if (
    !Array.isArray(signatures) ||
    signatures.length === 0 ||
    signatures.length > MAX_NOTE_SIGNATURES
  ) {
    throw new ValidationError(`a note needs 1 to ${MAX_NOTE_SIGNATURES} signatures`, {
      path: 'signatures',
      reason: 'malformed-note',
    });
  }
  let out = `${text}\n`;
  for (let i = 0; i < signatures.length; i++) {
    const entry: unknown = signatures[i];
    assertRecord(entry, `signatures[${i}]`);
    const { name, keyId, signature } = entry;
    assertFiniteNumber(keyId, `signatures[${i}].keyId`);
    assertBytes(signature, `signatures[${i}].signature`);
    if (typeof name !== 'string' || !isValidKeyName(name)) {
      throw new ValidationError('key names must be non-empty without spaces or "+"', {
        path: 'signatures.name',
        reason: 'invalid-key-name',
      });
    }
    const bytes = new Uint8Array(4 + signature.length);
    new DataView(bytes.buffer).setUint32(0, keyId >>> 0, false);
    bytes.set(signature, 4);
    out += `${EM_DASH_PREFIX}${name} ${toBase64(bytes)}\n`;
  }
  return out;
}
