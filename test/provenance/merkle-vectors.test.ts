// Every file of transparency-dev/merkle's testdata (../shared/vectors/merkle):
// happy paths must verify, every negative case must be rejected.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../../src/core/bytes.ts';
import { safeVerifyConsistency, safeVerifyInclusion } from '../../src/provenance/index.ts';
import { sharedPath } from '../fixtures/shared-path.ts';

const root = sharedPath('vectors/merkle/testdata');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.json') ? [path] : [];
  });
}

function b64(text: string): Uint8Array {
  const bytes = fromBase64(text);
  if (bytes === undefined) throw new Error(`bad base64 in vector: ${text}`);
  return bytes;
}

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const inclusion = files(join(root, 'inclusion')).map((path) => ({
  name: relative(root, path),
  vector: JSON.parse(readFileSync(path, 'utf8')) as InclusionVector,
}));
const consistency = files(join(root, 'consistency')).map((path) => ({
  name: relative(root, path),
  vector: JSON.parse(readFileSync(path, 'utf8')) as ConsistencyVector,
}));

describe('transparency-dev/merkle inclusion vectors', () => {
  it('covers the whole directory', () => {
    expect(inclusion.length).toBeGreaterThan(60);
    expect(inclusion.filter((v) => !v.vector.wantErr).length).toBeGreaterThanOrEqual(5);
  });
  it.each(inclusion)('$name', ({ vector }) => {
    const result = safeVerifyInclusion({
      leafHash: b64(vector.leafHash),
      index: vector.leafIdx,
      treeSize: vector.treeSize,
      proof: (vector.proof ?? []).map(b64),
      root: b64(vector.root),
    });
    expect(result.ok).toBe(!vector.wantErr);
  });
});

describe('transparency-dev/merkle consistency vectors', () => {
  it('covers the whole directory', () => {
    expect(consistency.length).toBeGreaterThan(80);
    expect(consistency.filter((v) => !v.vector.wantErr).length).toBeGreaterThanOrEqual(5);
  });
  it.each(consistency)('$name', ({ vector }) => {
    const result = safeVerifyConsistency({
      oldSize: vector.size1,
      newSize: vector.size2,
      oldRoot: b64(vector.root1),
      newRoot: b64(vector.root2),
      proof: (vector.proof ?? []).map(b64),
    });
    expect(result.ok).toBe(!vector.wantErr);
  });
});
