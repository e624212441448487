// Crypto throughput on short values (an 18-character resident ID, an 11-digit
// phone), pure JS beside node:crypto's per-call equivalents and the
// compression-function floor (bulk SHA-256 / SM3 blocks per second).
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { aessiv } from '@noble/ciphers/aes.js';
import { FF1 as nobleFf1 } from '@noble/ciphers/ff1.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ed25519 } from '../src/crypto/ed25519.ts';
import { createKeyring, generateKeyring } from '../src/crypto/index.ts';
import { sm2 } from '../src/crypto/sm2.ts';
import { sm3, sm3Hash } from '../src/crypto/sm3.ts';
import { fmt, type Measurement, measure, median, table } from './lib/measure.ts';

const ID = new TextEncoder().encode('110101199003074578');
const PHONE = '13800138000';
const N = 200_000;

const intl = createKeyring({ keys: generateKeyring({ suite: 'international', id: 'intl' }) });
const natl = createKeyring({ keys: generateKeyring({ suite: 'national', id: 'natl' }) });
const key32 = randomBytes(32);

interface Row {
  readonly m: Measurement;
  /** Median operations per CPU-second of this process (steadier than wall time on a shared machine). */
  readonly cpu: number;
  readonly path: 'pure JS' | 'node:crypto' | 'floor';
  readonly note: string;
}
const rows: Row[] = [];
const run = (name: string, path: Row['path'], note: string, ops: number, body: () => void): Row => {
  const cpuRates: number[] = [];
  const timed = () => {
    const start = process.cpuUsage();
    body();
    const used = process.cpuUsage(start);
    cpuRates.push(ops / ((used.user + used.system) / 1e6));
  };
  const m = measure(name, timed, { opsPerRun: ops, runs: 7, warmup: 2 });
  const row = { m, cpu: median(cpuRates.slice(2)), path, note };
  rows.push(row);
  return row;
};

// The floor: bulk compression rate, in 64-byte blocks per second.
const bulk = randomBytes(1 << 20);
const shaBlocks = run(
  'SHA-256 bulk (1 MiB), blocks/s',
  'floor',
  '@noble/hashes',
  16 * 16384,
  () => {
    for (let i = 0; i < 16; i++) sha256(bulk);
  },
);
const sm3Blocks = run(
  'SM3 bulk (1 MiB), blocks/s',
  'floor',
  'ours (standalone, noble Hash interface)',
  16 * 16384,
  () => {
    for (let i = 0; i < 16; i++) sm3(bulk);
  },
);

// Pseudonyms: HMAC of an 18-character ID with precomputed pad states.
const pIntl = intl.pseudonymizer('resident-id');
const pNatl = natl.pseudonymizer('resident-id');
const hmacSha = run('HMAC-SHA-256 pseudonym (18 B)', 'pure JS', 'keyring.pseudonymizer', N, () => {
  for (let i = 0; i < N; i++) pIntl.mac(ID);
});
run('HMAC-SHA-256 (18 B), no precomputation', 'pure JS', 'noble hmac() per call', N / 4, () => {
  for (let i = 0; i < N / 4; i++) hmac(sha256, key32, ID);
});
const nodeHmacSha = run('HMAC-SHA-256 (18 B)', 'node:crypto', 'createHmac per call', N / 2, () => {
  for (let i = 0; i < N / 2; i++) createHmac('sha256', key32).update(ID).digest();
});
const hmacSm3 = run('HMAC-SM3 pseudonym (18 B)', 'pure JS', 'keyring.pseudonymizer', N, () => {
  for (let i = 0; i < N; i++) pNatl.mac(ID);
});
run('HMAC-SM3 (18 B), no precomputation', 'pure JS', 'noble hmac() per call', N / 4, () => {
  for (let i = 0; i < N / 4; i++) hmac(sm3Hash, key32, ID);
});
run('HMAC-SM3 (18 B)', 'node:crypto', 'createHmac per call', N / 2, () => {
  for (let i = 0; i < N / 2; i++) createHmac('sm3', key32).update(ID).digest();
});

// FF1 on 11-digit phone numbers (10 block encryptions each).
const fIntl = intl.ff1('mobile', { radix: 10 });
const fNatl = natl.ff1('mobile', { radix: 10 });
const ff1Aes = run('FF1-AES-256 (11 digits)', 'pure JS', 'keyring.ff1, cached CIPH(P)', N, () => {
  for (let i = 0; i < N; i++) fIntl.encrypt(PHONE);
});
run('FF1-SM4 (11 digits)', 'pure JS', 'keyring.ff1, cached CIPH(P)', N, () => {
  for (let i = 0; i < N; i++) fNatl.encrypt(PHONE);
});
const phoneDigits = Array.from(PHONE, Number);
run(
  'FF1-AES-256 (11 digits)',
  'pure JS',
  '@noble/ciphers FF1 (BigInt, per-call key schedule)',
  N / 20,
  () => {
    const cipher = nobleFf1(10, key32);
    for (let i = 0; i < N / 20; i++) cipher.encrypt(phoneDigits);
  },
);
const ecb = createCipheriv('aes-256-ecb', key32, null);
ecb.setAutoPadding(false);
const block = randomBytes(16);
const nodeBlock = run(
  'AES-256 one block',
  'node:crypto',
  'reused ECB Cipher.update per block',
  N,
  () => {
    for (let i = 0; i < N; i++) ecb.update(block);
  },
);
run('AES-256-ECB one block', 'node:crypto', 'createCipheriv per call', N / 4, () => {
  for (let i = 0; i < N / 4; i++) {
    const c = createCipheriv('aes-256-ecb', key32, null);
    c.setAutoPadding(false);
    c.update(block);
  }
});

// Deterministic AEAD of an 18-byte ID (sealed with the key-id header).
const dIntl = intl.aead('resident-id', 'deterministic');
const dNatl = natl.aead('resident-id', 'deterministic');
const sivAes = run(
  'AES-256-SIV seal (18 B)',
  'pure JS',
  'keyring.aead deterministic',
  N / 2,
  () => {
    for (let i = 0; i < N / 2; i++) dIntl.seal(ID);
  },
);
run('SM4-SIV seal (18 B)', 'pure JS', 'keyring.aead deterministic', N / 2, () => {
  for (let i = 0; i < N / 2; i++) dNatl.seal(ID);
});
const key64 = randomBytes(64);
run('AES-256-SIV (18 B)', 'pure JS', '@noble/ciphers aessiv per call', N / 10, () => {
  for (let i = 0; i < N / 10; i++) aessiv(key64).encrypt(ID);
});
const nonce = randomBytes(12);
const nodeGcm = run(
  'AES-256-GCM seal (18 B)',
  'node:crypto',
  'createCipheriv per call (no SIV in node)',
  N / 2,
  () => {
    for (let i = 0; i < N / 2; i++) {
      const c = createCipheriv('aes-256-gcm', key32, nonce);
      c.update(ID);
      c.final();
      c.getAuthTag();
    }
  },
);
const rIntl = intl.aead('resident-id', 'randomized');
const rNatl = natl.aead('resident-id', 'randomized');
run(
  'AES-256-GCM seal (18 B)',
  'pure JS',
  'keyring.aead randomized, GHASH table per key',
  N / 10,
  () => {
    for (let i = 0; i < N / 10; i++) rIntl.seal(ID);
  },
);
run('SM4-GCM seal (18 B)', 'pure JS', 'keyring.aead randomized', N / 10, () => {
  for (let i = 0; i < N / 10; i++) rNatl.seal(ID);
});

// Signatures (checkpoints), informative.
const edSecret = ed25519.generateSecretKey();
const edPublic = ed25519.getPublicKey(edSecret);
const edSig = ed25519.sign(edSecret, ID);
run('Ed25519 sign', 'pure JS', '@noble/curves', 200, () => {
  for (let i = 0; i < 200; i++) ed25519.sign(edSecret, ID);
});
run('Ed25519 verify', 'pure JS', '@noble/curves', 200, () => {
  for (let i = 0; i < 200; i++) ed25519.verify(edPublic, ID, edSig);
});
const smSecret = sm2.generateSecretKey();
const smPublic = sm2.getPublicKey(smSecret);
const smSig = sm2.sign(smSecret, ID);
run('SM2 sign', 'pure JS', 'ours on noble weierstrass', 150, () => {
  for (let i = 0; i < 150; i++) sm2.sign(smSecret, ID);
});
run('SM2 verify', 'pure JS', 'ours on noble weierstrass', 150, () => {
  for (let i = 0; i < 150; i++) sm2.verify(smPublic, ID, smSig);
});

console.log(
  table(
    ['operation', 'path', 'ops/s (median of 7)', 'ops per CPU-second', 'how'],
    rows.map((r) => [r.m.name, r.path, fmt(r.m.opsPerSecond), fmt(r.cpu), r.note]),
  ),
);

const goal = (ok: boolean) => (ok ? 'met' : 'NOT met');
// Goals are judged on CPU time, which a busy shared machine distorts less than wall time.
const rate = (r: Row) => `${fmt(r.cpu)}/CPU-s (wall ${fmt(r.m.opsPerSecond)}/s)`;
const smRatio = hmacSha.cpu / hmacSm3.cpu;
console.log(`
Goals (one core):

- HMAC-SHA-256 pseudonyms ≥ 500,000/s: ${rate(hmacSha)}, ${goal(hmacSha.cpu >= 500_000)}; the pure-JS limit is about half the bulk block rate (${fmt(shaBlocks.cpu / 2)}/CPU-s here); node:crypto createHmac: ${rate(nodeHmacSha)}.
- FF1 on 11-digit values ≥ 150,000/s: ${rate(ff1Aes)}, ${goal(ff1Aes.cpu >= 150_000)}; FF1 on node:crypto would need 10 block calls (${fmt(nodeBlock.cpu / 10)}/CPU-s at best).
- HMAC-SM3 within 2× of HMAC-SHA-256: ${smRatio.toFixed(2)}× slower, ${goal(smRatio <= 2)} (bulk SM3 runs at ${(sm3Blocks.cpu / shaBlocks.cpu).toFixed(2)}× the SHA-256 block rate).
- Deterministic AEAD: AES-256-SIV ${rate(sivAes)} vs node:crypto AES-256-GCM per call ${rate(nodeGcm)}.`);
