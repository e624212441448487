// The runtime-neutral core's smoke suite: plain checks that run unchanged in
// Node (smoke.test.ts) and in headless Chromium (run-browser.mjs bundles this
// file for the browser). No node: imports, no Buffer, no test framework.
import {
  checkAnonymous,
  dpCount,
  measureAnonymity,
  optimalGeneralization,
} from '../../src/anonymity/index.ts';
import {
  createConsentDecider,
  createMemoryConsentStore,
  createPurposeTaxonomy,
} from '../../src/consent/index.ts';
import { createKeyring, ff1, generateKeyring } from '../../src/crypto/index.ts';
import { sm3Hash } from '../../src/crypto/sm3.ts';
import { compilePolicy, type DataRecord } from '../../src/deidentify/index.ts';
import { parseResidentId, redact, scan, validate } from '../../src/detect/index.ts';
import { DataguardError, ValidationError } from '../../src/errors/index.ts';
import {
  consistencyProofFromJson,
  consistencyProofToJson,
  createLedger,
  createMemoryLedgerStore,
  createNoteSigner,
  formatVerifierKey,
  inclusionProofFromJson,
  inclusionProofToJson,
  leafHash,
  parseVerifierKey,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '../../src/provenance/index.ts';
import { createEventLog, createResponsibilityChain } from '../../src/responsibility/index.ts';
import { createCatalog, defineDataset, gradeByImpact } from '../../src/tags/index.ts';

/** One smoke check's outcome. */
export interface SmokeResult {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function equal(actual: unknown, expected: unknown, message: string): void {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new Error(`${message}: expected ${b}, got ${a}`);
}

async function throwsCode(run: () => unknown, code: string, message: string): Promise<void> {
  try {
    await run();
  } catch (error) {
    check(
      error instanceof DataguardError,
      `${message}: threw ${String(error)}, not a DataguardError`,
    );
    equal(error.code, code, message);
    return;
  }
  throw new Error(`${message}: did not throw`);
}

const hex = (text: string): Uint8Array =>
  Uint8Array.from(text.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

const shared = { share: 'conditional', open: 'closed', openBasis: 'PIPL Art. 25' } as const;
const residents = defineDataset({
  id: 'residents',
  version: '1',
  domain: 'government',
  fields: [
    { name: 'name', role: 'direct-identifier', piCategory: 'basic', ...shared },
    {
      name: 'id_card',
      role: 'direct-identifier',
      piCategory: 'identity',
      identifierType: 'cn-resident-id',
      ...shared,
    },
    {
      name: 'mobile',
      role: 'direct-identifier',
      piCategory: 'basic',
      identifierType: 'cn-mobile',
      ...shared,
    },
    { name: 'age', role: 'quasi-identifier', piCategory: 'basic', ...shared },
    { name: 'district', role: 'quasi-identifier', piCategory: 'location', ...shared },
    { name: 'diagnosis', role: 'sensitive', piCategory: 'health', ...shared },
  ],
});

const MASTER = '2b'.repeat(32);

/** The checks, in order. Each throws on failure. */
export const smokeChecks: readonly {
  readonly name: string;
  readonly run: () => Promise<void> | void;
}[] = [
  {
    name: 'errors: typed errors keep their code across the bundle',
    run: () => {
      const error = new ValidationError('x is required', { reason: 'missing', path: 'x' });
      check(error instanceof DataguardError && error instanceof Error, 'instanceof chain');
      equal(
        error.toJSON(),
        {
          name: 'ValidationError',
          code: 'ERR_VALIDATION',
          message: 'x is required',
          reason: 'missing',
          path: 'x',
        },
        'toJSON',
      );
    },
  },
  {
    name: 'tags: grading matrix and dataset grades',
    run: () => {
      equal(
        gradeByImpact([{ object: 'national-security', degree: 'serious' }]),
        'core',
        'national security, serious',
      );
      equal(
        gradeByImpact([{ object: 'personal-rights', degree: 'especially-serious' }]),
        'general-4',
        'personal rights',
      );
      const field = residents.fields.find((f) => f.name === 'diagnosis');
      check(field?.sensitive === true, 'health data is sensitive PI (PIPL Art. 28)');
      const catalog = createCatalog();
      catalog.register(residents);
      check(catalog.get('residents') !== undefined, 'catalog lookup');
    },
  },
  {
    name: 'crypto: FF1 (NIST SP 800-38G sample 1), SM3 (GB/T 32905 "abc"), keyring from WebCrypto randomness',
    run: () => {
      const cipher = ff1(hex('2b7e151628aed2a6abf7158809cf4f3c'), { radix: 10 });
      equal(cipher.encrypt('0123456789'), '2433477484', 'FF1-AES128 sample 1');
      equal(cipher.decrypt('2433477484'), '0123456789', 'FF1 decrypt');
      equal(
        toHex(sm3Hash(new TextEncoder().encode('abc'))),
        '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
        'SM3("abc")',
      );
      const file = generateKeyring({ suite: 'national' });
      const keyring = createKeyring({ keys: file });
      const signer = keyring.signer();
      const message = new TextEncoder().encode('checkpoint');
      check(
        keyring.verifier(signer.keyId).verify(message, signer.sign(message)),
        'SM2 signature verifies',
      );
      keyring.destroy();
    },
  },
  {
    name: 'detect: validators, scan and redact',
    run: () => {
      check(validate('cn-resident-id', '11010519491231002X'), 'GB 11643 example ID is valid');
      check(!validate('cn-resident-id', '110105194912310021'), 'wrong check character is invalid');
      equal(parseResidentId('11010519491231002X').birthDate, '1949-12-31', 'birth date');
      const text = '联系人张三，身份证11010519491231002X，手机13812345678。';
      const types = scan(text).map((finding) => finding.type);
      check(
        types.includes('cn-resident-id') && types.includes('cn-mobile'),
        `scan found ${types.join(',')}`,
      );
      const redacted = redact(text);
      check(
        !redacted.includes('11010519491231002X') && !redacted.includes('13812345678'),
        'redacted',
      );
    },
  },
  {
    name: 'deidentify: keyed policy with a keyring, records and Web Streams',
    run: async () => {
      const keyring = createKeyring({
        keys: [
          {
            id: 'k1',
            suite: 'international',
            material: MASTER,
            createdAt: '2026-01-01T00:00:00Z',
            status: 'active',
          },
        ],
      });
      const transformer = compilePolicy(
        {
          id: 'smoke',
          version: '1',
          dataset: 'residents',
          keep: ['district', 'diagnosis'],
          rules: [
            {
              id: 'name',
              select: { fields: ['name'] },
              transform: { type: 'mask', preset: 'cn-name' },
            },
            {
              id: 'id',
              select: { fields: ['id_card'] },
              transform: { type: 'pseudonymize', domain: 'resident-id', output: 'hex', length: 32 },
            },
            {
              id: 'mobile',
              select: { fields: ['mobile'] },
              transform: { type: 'fpe', format: 'cn-mobile' },
            },
            {
              id: 'age',
              select: { fields: ['age'] },
              transform: { type: 'generalize', method: 'interval', width: 10 },
            },
          ],
        },
        { dataset: residents, keyring },
      );
      const input: DataRecord = {
        name: '欧阳娜娜',
        id_card: '11010519491231002X',
        mobile: '13812345678',
        age: 37,
        district: '鼓楼区',
        diagnosis: '无',
      };
      const out = transformer.recordSync(input);
      check(out !== undefined, 'record transformed');
      equal(out.name, '欧阳**', 'compound surname kept, given name masked');
      check(typeof out.id_card === 'string' && /^[0-9a-f]{32}$/.test(out.id_card), 'hex pseudonym');
      check(
        typeof out.mobile === 'string' &&
          /^1\d{10}$/.test(out.mobile) &&
          out.mobile !== input.mobile,
        'format-preserving mobile',
      );
      equal(out.age, '30-39', 'age interval');
      const again = await transformer.record(input);
      equal(again, out, 'deterministic under one key');
      const streamed: Record<string, unknown>[] = [];
      const readable = new ReadableStream<DataRecord>({
        start(controller) {
          controller.enqueue(input);
          controller.close();
        },
      });
      await readable.pipeThrough(transformer.stream()).pipeTo(
        new WritableStream({
          write(record) {
            streamed.push(record);
          },
        }),
      );
      equal(streamed, [out], 'Web Streams pipeline');
      await throwsCode(
        () =>
          transformer.recordSync({
            ...input,
            id_card: 12 as unknown as string,
            mobile: 'not a phone',
          }),
        'ERR_TRANSFORM',
        'broken row',
      );
    },
  },
  {
    name: 'anonymity: k-anonymity gate, optimal generalization, differential privacy',
    run: async () => {
      const rows = [
        { age: '34', zip: '35001', disease: 'flu' },
        { age: '36', zip: '35002', disease: 'cold' },
        { age: '38', zip: '35001', disease: 'hiv' },
        { age: '45', zip: '35011', disease: 'flu' },
        { age: '47', zip: '35012', disease: 'cold' },
        { age: '49', zip: '35011', disease: 'flu' },
      ];
      const raw = checkAnonymous(rows, { quasiIdentifiers: ['age', 'zip'], k: 2 });
      check(!raw.ok, 'raw table is not 2-anonymous');
      const distinct = (values: string[]) => [...new Set(values)];
      const hierarchies = {
        age: distinct(rows.map((r) => r.age)).map((age) => [
          age,
          `${age.slice(0, 1)}0-${age.slice(0, 1)}9`,
          '*',
        ]),
        zip: distinct(rows.map((r) => r.zip)).map((zip) => [
          zip,
          `${zip.slice(0, 4)}*`,
          `${zip.slice(0, 3)}**`,
          '*',
        ]),
      };
      const best = optimalGeneralization(rows, {
        quasiIdentifiers: ['age', 'zip'],
        hierarchies,
        k: 3,
        suppressionLimit: 0,
        metric: 'loss',
      });
      equal(best.levels, { age: 1, zip: 1 }, 'optimal levels');
      const released = rows.map((r) => ({
        age: `${r.age.slice(0, 1)}0-${r.age.slice(0, 1)}9`,
        zip: `${r.zip.slice(0, 4)}*`,
        disease: r.disease,
      }));
      const measures = measureAnonymity(released, {
        quasiIdentifiers: ['age', 'zip'],
        sensitive: ['disease'],
      });
      equal(measures.k, 3, 'k after generalization');
      check(checkAnonymous(released, { quasiIdentifiers: ['age', 'zip'], k: 3 }).ok, 'gate passes');
      const noisy = await dpCount(1000, { epsilon: 1 });
      check(Number.isFinite(noisy) && Math.abs(noisy - 1000) < 200, `dp count ${noisy}`);
    },
  },
  {
    name: 'consent: decide() under a statutory duty, minimum necessary fields',
    run: () => {
      const purposes = createPurposeTaxonomy({
        purposes: [
          {
            id: 'statutory-duty.civil-affairs.assistance-audit',
            bases: [{ basis: 'statutory-duty', law: 'Social Assistance Interim Measures Art. 55' }],
            needs: { categories: ['basic', 'identity', 'property'] },
          },
        ],
      });
      const decider = createConsentDecider({ store: createMemoryConsentStore(), purposes });
      const decision = decider.decide({
        subject: { id: 'resident-1', birthDate: '1980-05-20' },
        purpose: 'statutory-duty.civil-affairs.assistance-audit',
        legalBasis: 'statutory-duty',
        processing: 'use',
        fields: [
          { name: 'name', piCategory: 'basic' },
          { name: 'diagnosis', piCategory: 'health' },
        ],
        at: '2026-03-01T10:00:00+08:00',
      });
      check(decision.allowed, 'allowed');
      equal(decision.allowedFields, ['name'], 'health data withheld (C-MINIMUM)');
    },
  },
  {
    name: 'provenance: signed checkpoints, inclusion and consistency proofs verified offline, tamper caught',
    run: async () => {
      const origin = 'browser.example/ledger';
      const signer = createNoteSigner({ name: origin, secretKey: new Uint8Array(32).fill(7) });
      const store = createMemoryLedgerStore();
      const ledger = createLedger({ origin, signer, store });
      const append = (i: number) =>
        ledger.append({
          processing: 'use',
          actor: { id: 'clerk-app', kind: 'system' },
          purpose: 'public-service.permits',
          legalBasis: 'statutory-duty',
          inputs: [{ id: `permits-${i}` }],
          outputs: [],
          subjectCount: i,
        });
      for (let i = 0; i < 5; i++) await append(i);
      const first = await ledger.checkpoint();
      for (let i = 5; i < 13; i++) await append(i);
      const second = await ledger.checkpoint();
      // The auditor's side: only published text.
      const published = JSON.parse(
        JSON.stringify({
          key: formatVerifierKey(signer),
          old: first.note,
          new: second.note,
          entry: new TextDecoder().decode((await ledger.get(9)).bytes),
          inclusion: inclusionProofToJson(await ledger.proveInclusion(9)),
          consistency: consistencyProofToJson(await ledger.proveConsistency(5, 13)),
        }),
      );
      const verifiers = [parseVerifierKey(published.key)];
      const oldCheckpoint = verifyCheckpoint(published.old, { verifiers, origin });
      const newCheckpoint = verifyCheckpoint(published.new, { verifiers, origin });
      const inclusion = inclusionProofFromJson(published.inclusion);
      check(
        verifyInclusion({
          ...inclusion,
          leafHash: leafHash(new TextEncoder().encode(published.entry)),
          root: newCheckpoint.root,
        }),
        'inclusion proof verifies',
      );
      check(
        !verifyInclusion({
          ...inclusion,
          leafHash: leafHash(new TextEncoder().encode(`${published.entry} `)),
          root: newCheckpoint.root,
        }),
        'a changed entry fails',
      );
      const consistency = consistencyProofFromJson(published.consistency);
      check(
        verifyConsistency({
          ...consistency,
          oldRoot: oldCheckpoint.root,
          newRoot: newCheckpoint.root,
        }),
        'consistency proof verifies',
      );
      await throwsCode(
        () => verifyCheckpoint(published.new.replace('\n13\n', '\n14\n'), { verifiers, origin }),
        'ERR_INTEGRITY',
        'forged checkpoint',
      );
      const rows = store.internals.leaves;
      [rows[3], rows[8]] = [rows[8] as Uint8Array, rows[3] as Uint8Array];
      const report = await ledger.verify();
      check(!report.ok && report.firstBadIndex === 3, `tamper found at ${JSON.stringify(report)}`);
    },
  },
  {
    name: 'responsibility: custody derived from a provision event',
    run: async () => {
      const log = createEventLog([
        {
          id: 'e1',
          time: '2026-03-01T10:00:00+08:00',
          processing: 'provide',
          actor: { id: 'civil-affairs', kind: 'agency' },
          recipients: [{ id: 'health', kind: 'agency' }],
          purpose: 'statutory-duty.health',
          legalBasis: 'statutory-duty',
          inputs: [{ id: 'residents' }],
          outputs: [{ id: 'residents.health' }],
        },
      ]);
      const chain = createResponsibilityChain({ ledger: log });
      await chain.sync();
      const parties = await chain.responsibleParties('residents.health', {
        at: '2026-03-02T00:00:00+08:00',
      });
      const health = parties.find((p) => p.party.id === 'health');
      check(
        health?.roles.includes('holder') === true,
        `recipient holds its copy: ${JSON.stringify(parties.map((p) => [p.party.id, p.roles]))}`,
      );
    },
  },
];

/**
 * Runs every smoke check and reports each outcome; never throws.
 *
 * @returns one result per check, in order
 */
export async function runSmoke(): Promise<SmokeResult[]> {
  const results: SmokeResult[] = [];
  for (const { name, run } of smokeChecks) {
    const start = performance.now();
    try {
      await run();
      results.push({ name, ok: true, ms: performance.now() - start });
    } catch (error) {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      results.push({ name, ok: false, ms: performance.now() - start, error: text });
    }
  }
  return results;
}
