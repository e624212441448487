// Every exported `safeX` twin answers in the one shape of DESIGN.md:
// `{ ok: true, value }` or `{ ok: false, error }` with a DataguardError whose
// `reason` says why, through the public entry points as a user imports them.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { libraryEntries } from '../../scripts/entries.mjs';
import { parseResidentId, safeParseResidentId } from '../../src/detect/index.ts';
import { type DataguardError, IntegrityError, ValidationError } from '../../src/errors/index.ts';
import {
  createLedger,
  createNoteSigner,
  leafHash,
  type NoteVerifier,
  safeVerifyCheckpoint,
  safeVerifyConsistency,
  safeVerifyInclusion,
  safeVerifyInclusionAgainstCheckpoint,
  verifyCheckpoint,
} from '../../src/provenance/index.ts';
import { event, ORIGIN, SECRET } from '../provenance/helpers.ts';

const root = resolve(import.meta.dirname, '../..');
const signer = createNoteSigner({ name: ORIGIN, secretKey: SECRET });
const verifiers = [signer.verifier as NoteVerifier];
const h = leafHash(Uint8Array.of(1));

/** The safe twins this file covers; a new exported `safe*` name must be added here. */
const covered = [
  'safeParseResidentId',
  'safeVerifyCheckpoint',
  'safeVerifyConsistency',
  'safeVerifyInclusion',
  'safeVerifyInclusionAgainstCheckpoint',
];

function expectFailure(result: unknown, kind: typeof DataguardError, reason: string): void {
  expect(result).toMatchObject({ ok: false, error: { reason } });
  const { error } = result as { error: unknown };
  expect(error).toBeInstanceOf(kind);
  expect(Object.keys(result as object).sort()).toEqual(['error', 'ok']);
}

describe('safeX twins: one result shape', () => {
  it('covers every exported safe* function of every subpath', async () => {
    const names = new Set<string>();
    for (const file of Object.values(libraryEntries(root))) {
      const mod = (await import(pathToFileURL(join(root, file)).href)) as Record<string, unknown>;
      for (const name of Object.keys(mod)) if (name.startsWith('safe')) names.add(name);
    }
    expect([...names].sort()).toEqual(covered);
  });

  it('safeParseResidentId: the value parseResidentId returns, or its ValidationError', () => {
    const id = '11010519491231002X';
    expect(safeParseResidentId(id)).toEqual({ ok: true, value: parseResidentId(id) });
    expectFailure(safeParseResidentId('110105194912310021'), ValidationError, 'checksum');
    expectFailure(safeParseResidentId(7 as unknown as string), ValidationError, 'format');
  });

  it('safeVerifyInclusion / safeVerifyConsistency: true, or an IntegrityError with the proof failure', () => {
    const one = { leafHash: h, index: 0, treeSize: 1, proof: [], root: h };
    expect(safeVerifyInclusion(one)).toEqual({ ok: true, value: true });
    expectFailure(safeVerifyInclusion({ ...one, index: 1 }), IntegrityError, 'index-out-of-range');
    expectFailure(safeVerifyInclusion(null as never), ValidationError, 'invalid-input');
    const same = { oldSize: 1, newSize: 1, oldRoot: h, newRoot: h, proof: [] };
    expect(safeVerifyConsistency(same)).toEqual({ ok: true, value: true });
    expectFailure(
      safeVerifyConsistency({ ...same, oldSize: 2 }),
      IntegrityError,
      'old-size-greater',
    );
    expectFailure(safeVerifyConsistency('x' as never), ValidationError, 'invalid-input');
  });

  it('safeVerifyCheckpoint / safeVerifyInclusionAgainstCheckpoint: the verified checkpoint, or why not', async () => {
    const ledger = createLedger({ origin: ORIGIN, signer });
    const entry = await ledger.append(event({ id: 'e0' }));
    await ledger.append(event({ id: 'e1' }));
    const { note } = await ledger.checkpoint();
    const options = { verifiers, origin: ORIGIN };
    expect(safeVerifyCheckpoint(note, options)).toEqual({
      ok: true,
      value: verifyCheckpoint(note, options),
    });
    expectFailure(
      safeVerifyCheckpoint(note, { verifiers, origin: 'other.example/log' }),
      IntegrityError,
      'origin-mismatch',
    );
    expectFailure(safeVerifyCheckpoint(note, null as never), ValidationError, 'invalid-input');

    const { proof } = await ledger.proveInclusion(entry.index, 2);
    const input = { ...options, checkpoint: note, leafHash: entry.leafHash, index: 0, proof };
    const included = safeVerifyInclusionAgainstCheckpoint(input);
    expect(included).toMatchObject({ ok: true, value: { size: 2, origin: ORIGIN } });
    expectFailure(
      safeVerifyInclusionAgainstCheckpoint({ ...input, index: 1 }),
      IntegrityError,
      'root-mismatch',
    );
    expectFailure(
      safeVerifyInclusionAgainstCheckpoint({ ...input, verifiers: 7 as never }),
      ValidationError,
      'invalid-input',
    );
  });
});
