import { fromBase64, toBase64 } from '../core/bytes.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { ConsistencyProof, InclusionProof } from './ledger.ts';
import { isTreeNumber } from './tree-math.ts';

/** The JSON form of an inclusion proof: sizes as numbers, hashes as standard base64. */
export interface InclusionProofJson {
  readonly index: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly proof: readonly string[];
  readonly root: string;
}

/** The JSON form of a consistency proof: sizes as numbers, hashes as standard base64. */
export interface ConsistencyProofJson {
  readonly oldSize: number;
  readonly newSize: number;
  readonly oldRoot: string;
  readonly newRoot: string;
  readonly proof: readonly string[];
}

/**
 * Converts an inclusion proof to JSON (base64 hashes) for a third party.
 *
 * @param proof - the proof
 * @returns its JSON form
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createLedger, createNoteSigner, inclusionProofToJson } from 'dataguard/provenance';
 * const secretKey = ed25519.generateSecretKey();
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createNoteSigner({ name: origin, secretKey }) });
 * const actor = { id: 'civil-affairs', kind: 'agency' } as const;
 * const entry = await ledger.append({ processing: 'collect', actor, purpose: 'public-service',
 *   legalBasis: 'statutory-duty', inputs: [], outputs: [{ id: 'households' }] });
 * inclusionProofToJson(await ledger.proveInclusion(entry.index)).treeSize; // 1
 * ```
 */
export function inclusionProofToJson(proof: InclusionProof): InclusionProofJson {
  return {
    index: proof.index,
    treeSize: proof.treeSize,
    leafHash: toBase64(proof.leafHash),
    proof: proof.proof.map(toBase64),
    root: toBase64(proof.root),
  };
}

/**
 * Converts a consistency proof to JSON (base64 hashes).
 *
 * @param proof - the proof
 * @returns its JSON form
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { consistencyProofToJson, createLedger, createNoteSigner } from 'dataguard/provenance';
 * const secretKey = ed25519.generateSecretKey();
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createNoteSigner({ name: origin, secretKey }) });
 * const actor = { id: 'civil-affairs', kind: 'agency' } as const;
 * const entry = await ledger.append({ processing: 'collect', actor, purpose: 'public-service',
 *   legalBasis: 'statutory-duty', inputs: [], outputs: [{ id: 'households' }] });
 * await ledger.append({ processing: 'use', actor, purpose: 'public-service', legalBasis: 'statutory-duty',
 *   inputs: [{ id: 'households' }], outputs: [] });
 * consistencyProofToJson(await ledger.proveConsistency(1)).newSize; // 2
 * ```
 */
export function consistencyProofToJson(proof: ConsistencyProof): ConsistencyProofJson {
  return {
    oldSize: proof.oldSize,
    newSize: proof.newSize,
    oldRoot: toBase64(proof.oldRoot),
    newRoot: toBase64(proof.newRoot),
    proof: proof.proof.map(toBase64),
  };
}

function bytes(value: unknown, path: string): Uint8Array {
  const decoded = typeof value === 'string' ? fromBase64(value) : undefined;
  if (decoded === undefined) {
    throw new ValidationError(`${path} must be standard base64`, {
      path,
      reason: 'invalid-proof-json',
    });
  }
  return decoded;
}

function size(value: unknown, path: string): number {
  if (!isTreeNumber(value)) {
    throw new ValidationError(`${path} must be an integer in [0, 2^53)`, {
      path,
      reason: 'invalid-proof-json',
    });
  }
  return value;
}

function hashes(value: unknown, path: string): Uint8Array[] {
  if (!Array.isArray(value) || value.length > 128) {
    throw new ValidationError(`${path} must be an array of at most 128 base64 hashes`, {
      path,
      reason: 'invalid-proof-json',
    });
  }
  return value.map((item, i) => bytes(item, `${path}[${i}]`));
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(`${path} must be an object`, { path, reason: 'invalid-proof-json' });
  }
  return value as Record<string, unknown>;
}

/**
 * Reads an inclusion proof from its JSON form (it is not verified here).
 *
 * @param json - parsed JSON
 * @returns the proof with byte hashes
 * @throws {ValidationError} `invalid-proof-json` on a wrong shape
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { createLedger, createNoteSigner, inclusionProofFromJson, inclusionProofToJson, verifyInclusion } from 'dataguard/provenance';
 * const secretKey = ed25519.generateSecretKey();
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createNoteSigner({ name: origin, secretKey }) });
 * const actor = { id: 'civil-affairs', kind: 'agency' } as const;
 * const entry = await ledger.append({ processing: 'collect', actor, purpose: 'public-service',
 *   legalBasis: 'statutory-duty', inputs: [], outputs: [{ id: 'households' }] });
 * const text = JSON.stringify(inclusionProofToJson(await ledger.proveInclusion(entry.index)));
 * verifyInclusion(inclusionProofFromJson(JSON.parse(text))); // true
 * ```
 */
export function inclusionProofFromJson(json: unknown): InclusionProof {
  const value = record(json, 'proof');
  return {
    index: size(value.index, 'proof.index'),
    treeSize: size(value.treeSize, 'proof.treeSize'),
    leafHash: bytes(value.leafHash, 'proof.leafHash'),
    proof: hashes(value.proof, 'proof.proof'),
    root: bytes(value.root, 'proof.root'),
  };
}

/**
 * Reads a consistency proof from its JSON form (it is not verified here).
 *
 * @param json - parsed JSON
 * @returns the proof with byte hashes
 * @throws {ValidationError} `invalid-proof-json` on a wrong shape
 * @example
 * ```ts
 * import { ed25519 } from '../crypto/ed25519.ts';
 * import { consistencyProofFromJson, consistencyProofToJson, createLedger, createNoteSigner, verifyConsistency } from 'dataguard/provenance';
 * const secretKey = ed25519.generateSecretKey();
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createNoteSigner({ name: origin, secretKey }) });
 * const actor = { id: 'civil-affairs', kind: 'agency' } as const;
 * const entry = await ledger.append({ processing: 'collect', actor, purpose: 'public-service',
 *   legalBasis: 'statutory-duty', inputs: [], outputs: [{ id: 'households' }] });
 * await ledger.append({ processing: 'use', actor, purpose: 'public-service', legalBasis: 'statutory-duty',
 *   inputs: [{ id: 'households' }], outputs: [] });
 * const text = JSON.stringify(consistencyProofToJson(await ledger.proveConsistency(1)));
 * verifyConsistency(consistencyProofFromJson(JSON.parse(text))); // true
 * ```
 */
export function consistencyProofFromJson(json: unknown): ConsistencyProof {
  const value = record(json, 'proof');
  return {
    oldSize: size(value.oldSize, 'proof.oldSize'),
    newSize: size(value.newSize, 'proof.newSize'),
    oldRoot: bytes(value.oldRoot, 'proof.oldRoot'),
    newRoot: bytes(value.newRoot, 'proof.newRoot'),
    proof: hashes(value.proof, 'proof.proof'),
  };
}
