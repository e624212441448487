// Provenance ledger: appends/s with a checkpoint every 1,000 appends; inclusion
// proof generation + verification at 1,000,000 leaves; full verify() of
// 1,000,000 events. Goals (issue 8): ≥ 100,000 appends/s, ≤ 50 µs per proof,
// ≤ 5 s per full verify. Floor in the same run: hashing the same bytes alone.

import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sha256 } from '@noble/hashes/sha2.js';
import { sha256Hash } from '../src/provenance/hash-function.ts';
import {
  createLedger,
  createMemoryLedgerStore,
  createNoteSigner,
  type HashFunction,
  leafHash,
  type ProcessingEventInput,
  verifyInclusion,
} from '../src/provenance/index.ts';
import { nodeHash } from '../src/provenance/merkle-hash.ts';
import { fmt, median, table } from './lib/measure.ts';

const ORIGIN = 'bench.example.gov.cn/ledger';
const signer = createNoteSigner({ name: ORIGIN, secretKey: new Uint8Array(32).fill(1) });
const LARGE = Number(process.env.PROVENANCE_BENCH_SIZE ?? 1_000_000);

function event(i: number): ProcessingEventInput {
  return {
    id: `evt-${i}`,
    time: 1_767_225_600_000 + i,
    processing: 'deidentify',
    actor: { id: 'etl-runner', kind: 'system' },
    onBehalfOf: { id: 'fj-bigdata', kind: 'agency' },
    purpose: 'public-service.social-assistance.eligibility',
    legalBasis: 'statutory-duty',
    inputs: [{ id: 'households', version: String(i % 7) }],
    outputs: [{ id: `eligibility-${i % 1000}`, digest: `sha-256:${'ab'.repeat(32)}` }],
    policyDigest: `sha-256:${'cd'.repeat(32)}`,
    subjectCount: i % 5000,
  };
}

// node:crypto SHA-256 (OpenSSL), injected to show what a faster hash buys.
const nodeSha256: HashFunction = (data) =>
  new Uint8Array(createHash('sha256').update(data).digest());

async function appendRate(count: number, hash: HashFunction, batch: number): Promise<number> {
  const ledger = createLedger({ origin: ORIGIN, signer, hash, store: createMemoryLedgerStore() });
  const start = performance.now();
  if (batch === 1) {
    for (let i = 0; i < count; i++) {
      await ledger.append(event(i));
      if ((i + 1) % 1000 === 0) await ledger.checkpoint();
    }
  } else {
    for (let i = 0; i < count; i += batch) {
      await ledger.appendBatch(Array.from({ length: batch }, (_, j) => event(i + j)));
      await ledger.checkpoint();
    }
  }
  return (count / (performance.now() - start)) * 1000;
}

const rows: (string | number)[][] = [];
const runs = 5;
const appendCount = 20_000;
for (const [name, hash, batch] of [
  ['append() ×1, checkpoint every 1,000 (default SHA-256)', sha256Hash, 1],
  ['appendBatch(1,000) + checkpoint (default SHA-256)', sha256Hash, 1000],
  ['append() ×1, checkpoint every 1,000 (node:crypto SHA-256)', nodeSha256, 1],
] as const) {
  const rates: number[] = [];
  await appendRate(2000, hash, batch);
  for (let r = 0; r < runs; r++) rates.push(await appendRate(appendCount, hash, batch));
  rows.push([name, `${fmt(median(rates))} appends/s`, '≥ 100,000 appends/s']);
}

// Build the large ledger once, in batches, with a checkpoint every 1,000.
const store = createMemoryLedgerStore();
const ledger = createLedger({ origin: ORIGIN, signer, store });
const buildStart = performance.now();
for (let i = 0; i < LARGE; i += 1000) {
  await ledger.appendBatch(
    Array.from({ length: Math.min(1000, LARGE - i) }, (_, j) => event(i + j)),
  );
  await ledger.checkpoint();
}
const buildSeconds = (performance.now() - buildStart) / 1000;
rows.push([
  `build ${fmt(LARGE)} events (appendBatch 1,000 + checkpoint)`,
  `${fmt(LARGE / buildSeconds)} appends/s`,
  '≥ 100,000 appends/s',
]);

// Inclusion proofs at LARGE leaves: generate + verify, random indexes.
const proofTimes: number[] = [];
const root = await ledger.root();
for (let round = 0; round < 7; round++) {
  const start = performance.now();
  const n = 2000;
  for (let k = 0; k < n; k++) {
    const index = (k * 7919 + round * 104_729) % LARGE;
    const proof = await ledger.proveInclusion(index, LARGE);
    if (!verifyInclusion({ ...proof, root })) throw new Error('proof failed');
  }
  proofTimes.push(((performance.now() - start) * 1000) / n);
}
rows.push([
  `proveInclusion + verifyInclusion at ${fmt(LARGE)} leaves`,
  `${fmt(median(proofTimes), 1)} µs`,
  '≤ 50 µs',
]);

// Full verify() of LARGE events, and the floor: hashing the same leaves and nodes.
const verifyTimes: number[] = [];
for (let r = 0; r < 3; r++) {
  const start = performance.now();
  const report = await ledger.verify();
  if (!report.ok) throw new Error(`verify failed: ${report.problem}`);
  verifyTimes.push((performance.now() - start) / 1000);
}
rows.push([
  `verify() of ${fmt(LARGE)} events (${fmt(LARGE / 1000)} checkpoints)`,
  `${fmt(median(verifyTimes), 2)} s`,
  '≤ 5 s',
]);

const latestStart = performance.now();
const latestReport = await ledger.verify({ signatures: 'latest' });
if (!latestReport.ok) throw new Error('verify (latest) failed');
rows.push([
  `verify({ signatures: 'latest' }) of ${fmt(LARGE)} events`,
  `${fmt((performance.now() - latestStart) / 1000, 2)} s`,
  '≤ 5 s',
]);

const leaves = await store.getLeaves(0, LARGE);
const floorStart = performance.now();
// Per entry, verify() must hash the leaf and, on average, one interior node.
let acc: Uint8Array = new Uint8Array(32);
for (const leaf of leaves) acc = nodeHash(leafHash(leaf.bytes), acc);
const floor = (performance.now() - floorStart) / 1000;
rows.push([
  `floor (default SHA-256): ${fmt(LARGE)} leaf hashes + ${fmt(LARGE)} node hashes, nothing else`,
  `${fmt(floor, 2)} s`,
  '',
]);

// The same floor with @noble/hashes (the default hash before the one-shot
// SHA-256), for comparison with earlier figures.
const nobleStart = performance.now();
acc = new Uint8Array(32);
const leafInput = new Uint8Array(4096);
const nodeInput = new Uint8Array(65);
nodeInput[0] = 1;
for (const leaf of leaves) {
  leafInput.set(leaf.bytes, 1);
  nodeInput.set(sha256(leafInput.subarray(0, leaf.bytes.length + 1)), 1);
  nodeInput.set(acc, 33);
  acc = sha256(nodeInput);
}
rows.push([
  `floor with @noble/hashes sha256: ${fmt(LARGE)} leaf + ${fmt(LARGE)} node hashes`,
  `${fmt((performance.now() - nobleStart) / 1000, 2)} s`,
  '',
]);

const nodeLedger = createLedger({ origin: ORIGIN, store, hash: nodeSha256 });
// The stored tree was built with the default SHA-256; node:crypto gives the same digests.
const nodeStart = performance.now();
const nodeReport = await nodeLedger.verify();
if (!nodeReport.ok) throw new Error('node verify failed');
rows.push([
  `verify() of ${fmt(LARGE)} events with node:crypto SHA-256`,
  `${fmt((performance.now() - nodeStart) / 1000, 2)} s`,
  '≤ 5 s',
]);

console.log(table(['operation', 'result (median)', 'goal'], rows));
console.log(
  `\nAverage event size: ${fmt(leaves.reduce((n, l) => n + l.bytes.length, 0) / leaves.length)} bytes of canonical JSON.`,
);
