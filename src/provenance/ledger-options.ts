import { assertFunction, assertObject, assertRecord } from '../core/assert.ts';
import { ValidationError } from '../errors/kinds.ts';
import { assertNoteSigner, assertNoteVerifiers } from './assert-note-keys.ts';
import { assertOpenLineageOptions } from './export-openlineage.ts';
import { type HashFunction, hashSize } from './hash-function.ts';
import type { LedgerOptions } from './ledger-types.ts';

const STORE_METHODS = [
  'append',
  'size',
  'getLeaf',
  'getLeaves',
  'getNode',
  'getNodes',
  'getNodeRange',
  'putCheckpoint',
  'listCheckpoints',
  'latestCheckpoint',
] as const;

// Checked once here so a bad option fails at construction with its name,
// not later as a TypeError inside append or verify.
/**
 * Checks the options of `createLedger`.
 *
 * @param options - the options
 * @throws {ValidationError} naming the first bad option
 */
export function assertLedgerOptions(options: unknown): asserts options is LedgerOptions {
  assertRecord(options, 'options');
  const { origin, store } = options;
  if (typeof origin !== 'string' || origin.length === 0 || origin.includes('\n')) {
    throw new ValidationError('origin must be one non-empty line', {
      path: 'origin',
      reason: 'invalid-origin',
    });
  }
  if (store !== undefined) {
    assertObject(store, 'options.store');
    for (const method of STORE_METHODS) {
      assertFunction((store as Record<string, unknown>)[method], `options.store.${method}`);
    }
  }
  if (options.hash !== undefined) hashSize(options.hash as HashFunction);
  if (options.clock !== undefined) assertFunction(options.clock, 'options.clock');
  if (options.random !== undefined) assertFunction(options.random, 'options.random');
  if (options.signer !== undefined) assertNoteSigner(options.signer, 'options.signer');
  if (options.verifiers !== undefined) assertNoteVerifiers(options.verifiers, 'options.verifiers');
  if (options.openLineage !== undefined) {
    assertOpenLineageOptions(options.openLineage, 'options.openLineage');
  }
}
