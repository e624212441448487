// Signed notes against Go's golang.org/x/mod/sumdb/note (the implementation
// C2SP signed-note was written from): notes and verifier keys made by one are
// read by the other, tampered notes fail the same way in both, and key names
// follow Go's unicode.IsSpace exactly. The Go helper is
// test/provenance/interop/note-go.go, compiled once per run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, toBase64, toHex } from '../../src/core/bytes.ts';
import {
  createLedger,
  createNoteSigner,
  createNoteVerifier,
  formatVerifierKey,
  type NoteVerifier,
  parseVerifierKey,
  verifyCheckpoint,
} from '../../src/provenance/index.ts';
import { NOTE_ALGORITHM_ED25519, noteKeyId } from '../../src/provenance/note-keys.ts';
import { isValidKeyName } from '../../src/provenance/signed-note.ts';
import { safeVerifyNote, signNote } from '../../src/provenance/verify-note.ts';
import { buildGo, findGo, interopRequired, reportSkip } from './interop/tools.ts';

const go = findGo();
const goMissing = 'missing' in go ? go.missing : undefined;
if (goMissing !== undefined && !interopRequired) {
  reportSkip('signed-note interop with Go (golang.org/x/mod/sumdb/note)', goMissing);
}

interface GoRequest {
  readonly op: 'keygen' | 'vkey' | 'sign' | 'open' | 'spaces';
  readonly name?: string;
  readonly seed?: string;
  readonly publicKey?: string;
  readonly skey?: string;
  readonly text?: string;
  readonly note?: string;
  readonly vkeys?: readonly string[];
}

interface GoResult {
  readonly error?: string;
  readonly skey?: string;
  readonly vkey?: string;
  readonly valid?: boolean;
  readonly note?: string;
  readonly text?: string;
  readonly verified?: readonly string[];
  readonly spaces?: readonly number[];
}

let dir = '';
let binary = '';

/** Runs a batch of requests through the Go helper (one process per batch). */
function runGo(requests: readonly GoRequest[]): GoResult[] {
  const run = spawnSync(binary, [], { input: JSON.stringify(requests), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`note-go failed: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as GoResult[];
  expect(results).toHaveLength(requests.length);
  return results;
}

function goOne(request: GoRequest): GoResult {
  return runGo([request])[0] as GoResult;
}

/** Go's outcome of opening a note, in dataguard's reason words. */
function goOutcome(result: GoResult): string {
  return result.error ?? `ok ${JSON.stringify(result.text)} by ${result.verified?.join(',')}`;
}

/** dataguard's outcome of opening a note, in the same words. */
function dataguardOutcome(note: string, verifierKeys: readonly string[]): string {
  let verifiers: NoteVerifier[];
  try {
    verifiers = verifierKeys.map((key) => parseVerifierKey(key));
  } catch {
    return 'verifier key refused';
  }
  const check = safeVerifyNote(note, verifiers);
  return check.ok
    ? `ok ${JSON.stringify(check.value.text)} by ${check.value.verifiedBy.map((k) => k.name).join(',')}`
    : String(check.error.reason);
}

const NAME = 'example.gov.cn/ledger';
const SEED = Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i);
const OTHER_SEED = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
const TEXT = 'example.gov.cn/ledger\n42\nqdDqN7a8XZVV8D0r3nYRDKWqEvl/Ck9AfWNcVp0pSms=\n福建\n';

describe.skipIf(goMissing !== undefined && !interopRequired)(
  'signed notes against golang.org/x/mod/sumdb/note',
  () => {
    beforeAll(() => {
      if ('missing' in go) throw new Error(`interop required but ${go.missing}`);
      dir = mkdtempSync(join(tmpdir(), 'dataguard-note-go-'));
      binary = buildGo(resolve(import.meta.dirname, 'interop/note-go.go'), dir, go);
    });
    afterAll(() => {
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    it('derives the same verifier key from the same Ed25519 seed', () => {
      const fromGo = goOne({ op: 'keygen', name: NAME, seed: toHex(SEED) });
      expect(fromGo.error).toBeUndefined();
      expect(formatVerifierKey(createNoteSigner({ name: NAME, secretKey: SEED }))).toBe(
        fromGo.vkey,
      );
    });

    it('signs with dataguard and opens with Go', () => {
      const note = signNote(TEXT, [createNoteSigner({ name: NAME, secretKey: SEED })]);
      const vkey = formatVerifierKey(createNoteSigner({ name: NAME, secretKey: SEED }));
      expect(goOne({ op: 'open', note, vkeys: [vkey] })).toEqual({ text: TEXT, verified: [NAME] });
      // Two signatures, Go knows only the second key: the first is ignored, as the spec asks.
      const twice = signNote(TEXT, [
        createNoteSigner({ name: 'witness.example', secretKey: OTHER_SEED }),
        createNoteSigner({ name: NAME, secretKey: SEED }),
      ]);
      expect(goOne({ op: 'open', note: twice, vkeys: [vkey] })).toEqual({
        text: TEXT,
        verified: [NAME],
      });
    });

    it('signs with Go and opens with dataguard, byte for byte the same note', () => {
      const [keys] = runGo([{ op: 'keygen', name: NAME, seed: toHex(SEED) }]);
      const signed = goOne({ op: 'sign', skey: keys?.skey ?? '', text: TEXT });
      expect(signed.error).toBeUndefined();
      const note = signed.note ?? '';
      const opened = safeVerifyNote(note, [parseVerifierKey(keys?.vkey ?? '')]);
      expect(opened).toMatchObject({ ok: true, value: { text: TEXT } });
      // Ed25519 is deterministic: both produce the same note.
      expect(signNote(TEXT, [createNoteSigner({ name: NAME, secretKey: SEED })])).toBe(note);
    });

    it("exchanges a ledger's signed checkpoints with Go both ways", async () => {
      const signer = createNoteSigner({ name: NAME, secretKey: SEED });
      const ledger = createLedger({ origin: NAME, signer });
      for (let i = 0; i < 3; i++) {
        await ledger.append({
          processing: 'use',
          actor: { id: 'clerk-app', kind: 'system' },
          purpose: 'public-service.permits',
          legalBasis: 'statutory-duty',
          inputs: [{ id: 'permits' }],
          outputs: [],
          subjectCount: i,
        });
      }
      const checkpoint = await ledger.checkpoint();
      const vkey = formatVerifierKey(signer);
      const text = checkpoint.note.slice(0, checkpoint.note.lastIndexOf('\n\n') + 1);
      expect(goOne({ op: 'open', note: checkpoint.note, vkeys: [vkey] })).toEqual({
        text,
        verified: [NAME],
      });
      // Go signs the same checkpoint text; dataguard opens it as a checkpoint of this log.
      const [keys] = runGo([{ op: 'keygen', name: NAME, seed: toHex(SEED) }]);
      const fromGo = goOne({ op: 'sign', skey: keys?.skey ?? '', text }).note ?? '';
      const opened = verifyCheckpoint(fromGo, {
        verifiers: [parseVerifierKey(keys?.vkey ?? '')],
        origin: NAME,
      });
      expect(opened).toMatchObject({ origin: NAME, size: 3, root: checkpoint.root });
    });

    it('rejects tampered notes exactly as Go does', () => {
      const note = signNote(TEXT, [createNoteSigner({ name: NAME, secretKey: SEED })]);
      const vkey = formatVerifierKey(createNoteSigner({ name: NAME, secretKey: SEED }));
      const split = note.lastIndexOf('\n\n');
      const [dash, name, sig] = note.slice(split + 2, -1).split(' ') as [string, string, string];
      const body = note.slice(0, split + 2);
      const flip = (b64: string, at: number) => {
        const chars = [...b64];
        chars[at] = chars[at] === 'A' ? 'B' : 'A';
        return chars.join('');
      };
      const otherKeyId = toBase64(
        Uint8Array.of(0, 0, 0, 1, ...ed25519.sign(new Uint8Array(1), SEED)),
      );
      // The last base64 digit before '=' carries 2 unused bits: both decoders ignore them.
      const padBits = (b64: string) => {
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
        const at = b64.length - 2;
        const digit = alphabet[alphabet.indexOf(b64[at] as string) ^ 1] as string;
        return `${b64.slice(0, at)}${digit}${b64.slice(at + 1)}`;
      };
      expect(padBits(sig)).not.toBe(sig);
      const idOnly = toBase64((fromBase64(sig) as Uint8Array).slice(0, 4));
      const unknown = signNote(TEXT, [
        createNoteSigner({ name: 'witness.example', secretKey: OTHER_SEED }),
      ]);
      const unknownLine = unknown.slice(unknown.lastIndexOf('\n\n') + 2);
      const cases: readonly (readonly [string, string, string])[] = [
        ['untouched', note, 'ok'],
        ['one letter of the text', note.replace('example', 'exampl3'), 'bad-signature'],
        ['a signature byte', `${body}${dash} ${name} ${flip(sig, 20)}\n`, 'bad-signature'],
        ['the key id', `${body}${dash} ${name} ${flip(sig, 2)}\n`, 'no-known-signature'],
        [
          'another key id and signature',
          `${body}${dash} ${name} ${otherKeyId}\n`,
          'no-known-signature',
        ],
        ['the key name', `${body}${dash} example.gov.cn/ledgers ${sig}\n`, 'no-known-signature'],
        ['only an unknown signature', unknown, 'no-known-signature'],
        ['an unknown signature added', `${note}${unknownLine}`, 'ok'],
        ['no blank line', note.replace('\n\n', '\n'), 'malformed-note'],
        ['no final newline', note.slice(0, -1), 'malformed-note'],
        ['no signature lines', body, 'malformed-note'],
        ['a control character', note.replace('42', '4\u00072'), 'malformed-note'],
        ['a carriage return', note.replace('42\n', '42\r\n'), 'malformed-note'],
        ['a hyphen for the em dash', note.replace('\u2014 ', '- '), 'malformed-note'],
        ['two spaces after the name', note.replace(`${name} `, `${name}  `), 'malformed-note'],
        ['base64 without padding', note.replace(/=\n$/, '\n'), 'malformed-note'],
        ['non-zero base64 padding bits', `${body}${dash} ${name} ${padBits(sig)}\n`, 'ok'],
        ['a signature of 4 bytes', `${body}${dash} ${name} ${idOnly}\n`, 'malformed-note'],
        [
          'a non-base64 character',
          `${body}${dash} ${name} ${sig.slice(0, -2)}!=\n`,
          'malformed-note',
        ],
        ['101 signature lines', `${note}${unknownLine.repeat(100)}`, 'malformed-note'],
        ['a name with U+0085', `${body}${dash} a\u0085b ${sig}\n`, 'malformed-note'],
        ['a name with a plus', `${body}${dash} a+b ${sig}\n`, 'malformed-note'],
      ];
      const fromGo = runGo(cases.map(([, text]) => ({ op: 'open', note: text, vkeys: [vkey] })));
      const rows = cases.map(([label, text, expected], i) => ({
        label,
        expected,
        go: goOutcome(fromGo[i] as GoResult).replace(/^ok .*/, 'ok'),
        dataguard: dataguardOutcome(text, [vkey]).replace(/^ok .*/, 'ok'),
      }));
      expect(rows).toEqual(
        rows.map((row) => ({ ...row, go: row.expected, dataguard: row.expected })),
      );
    });

    it('treats a repeated signature line of a known key more strictly than Go', () => {
      // Go skips a second line from the same key unverified; dataguard
      // verifies every line and fails closed on a bad one.
      const note = signNote(TEXT, [createNoteSigner({ name: NAME, secretKey: SEED })]);
      const vkey = formatVerifierKey(createNoteSigner({ name: NAME, secretKey: SEED }));
      const line = note.slice(note.lastIndexOf('\n\n') + 2);
      const bad = line.replace(/[A-Za-z0-9+/]{3}=\n$/, 'AAA=\n');
      expect(bad).not.toBe(line);
      const repeated = `${note}${bad}`;
      expect(goOutcome(goOne({ op: 'open', note: repeated, vkeys: [vkey] }))).toMatch(/^ok /);
      expect(dataguardOutcome(repeated, [vkey])).toBe('bad-signature');
    });

    it("accepts exactly the key names Go accepts: Unicode White_Space as Go's unicode.IsSpace", () => {
      const spaces = new Set(goOne({ op: 'spaces' }).spaces);
      expect(spaces.has(0x85)).toBe(true);
      expect(spaces.has(0xfeff)).toBe(false);
      const disagree: string[] = [];
      for (let cp = 0; cp <= 0x10ffff; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue;
        const goValid = !spaces.has(cp) && cp !== 0x2b;
        if (isValidKeyName(`a${String.fromCodePoint(cp)}b`) !== goValid) {
          disagree.push(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
        }
      }
      expect(disagree).toEqual([]);
    });

    it('gives key names with edge whitespace the same fate in keys and notes', () => {
      const edges = [
        0x09, 0x0b, 0x1c, 0x20, 0x85, 0xa0, 0x1680, 0x180e, 0x2000, 0x200a, 0x200b, 0x2028, 0x2029,
        0x202f, 0x205f, 0x2060, 0x3000, 0xfeff,
      ];
      const publicKey = ed25519.getPublicKey(SEED);
      const rows = edges.map((cp) => {
        const name = `example.com/a${String.fromCodePoint(cp)}b`;
        const fromGo = goOne({ op: 'vkey', name, publicKey: toHex(publicKey) });
        let dataguardKey: boolean;
        try {
          createNoteVerifier({ name, publicKey });
          dataguardKey = true;
        } catch {
          dataguardKey = false;
        }
        let dataguardParses: boolean;
        try {
          parseVerifierKey(fromGo.vkey ?? '');
          dataguardParses = true;
        } catch {
          dataguardParses = false;
        }
        // A note signed under this name by hand (dataguard refuses to sign it).
        const keyId = noteKeyId(name, NOTE_ALGORITHM_ED25519, publicKey);
        const idBytes = Uint8Array.of(
          keyId >>> 24,
          (keyId >>> 16) & 255,
          (keyId >>> 8) & 255,
          keyId & 255,
        );
        const signature = ed25519.sign(new TextEncoder().encode(TEXT), SEED);
        const note = `${TEXT}\n\u2014 ${name} ${toBase64(Uint8Array.of(...idBytes, ...signature))}\n`;
        const vkeys = fromGo.valid === true ? [fromGo.vkey ?? ''] : [];
        const goOpen = goOutcome(goOne({ op: 'open', note, vkeys })).replace(/^ok .*/, 'ok');
        const dataguardOpen = dataguardOutcome(note, vkeys).replace(/^ok .*/, 'ok');
        return {
          cp: cp.toString(16),
          go: { key: fromGo.valid, open: goOpen },
          dataguard: { key: dataguardKey, parses: dataguardParses, open: dataguardOpen },
        };
      });
      expect(rows).toEqual(
        rows.map((row) => ({
          ...row,
          dataguard: { key: row.go.key, parses: row.go.key, open: row.go.open },
        })),
      );
      const fate = (hex: string) => rows.find((row) => row.cp === hex)?.go;
      expect(fate('85')).toEqual({ key: false, open: 'malformed-note' });
      expect(fate('feff')).toEqual({ key: true, open: 'ok' });
      expect(fate('200b')).toEqual({ key: true, open: 'ok' });
      expect(fate('3000')).toEqual({ key: false, open: 'malformed-note' });
    });
  },
);
