import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canonicalJson } from '../../src/core/index.ts';
import { createKeyring } from '../../src/crypto/index.ts';
import {
  compilePolicy,
  createMemoryTokenVault,
  forgetSubject,
  type PolicyDocument,
  PolicyDocumentSchema,
  parsePolicy,
  parsePolicyYaml,
  policyDigest,
  type ReidentifyEvent,
  type Reject,
  reidentify,
  transformTraits,
} from '../../src/deidentify/index.ts';
import { PolicyError, TransformError } from '../../src/errors/index.ts';
import { defineDataset } from '../../src/tags/index.ts';
import { ID_A, NATIONAL_KEYS, residentA, residents, testKeyring } from './fixtures.ts';
import { reasonOf, reasonOfAsync } from './helpers.ts';

const keyring = testKeyring();

const policy: PolicyDocument = {
  id: 'residents-research',
  version: '1',
  dataset: 'residents',
  keep: ['sex'],
  rules: [
    { id: 'name', select: { fields: ['name'] }, transform: { type: 'mask', preset: 'cn-name' } },
    {
      id: 'id',
      select: { fields: ['id_card'] },
      transform: { type: 'pseudonymize', domain: 'residents', length: 16 },
    },
    {
      id: 'mobile',
      select: { fields: ['mobile'] },
      transform: { type: 'fpe', format: 'cn-mobile' },
    },
    { id: 'card', select: { fields: ['bank_card'] }, transform: { type: 'redact' } },
    {
      id: 'address',
      select: { fields: ['address'] },
      transform: { type: 'generalize', method: 'address', level: 'county' },
    },
    {
      id: 'birth',
      select: { fields: ['birth_date'] },
      transform: { type: 'generalize', method: 'date', unit: 'year' },
    },
    {
      id: 'income',
      select: { fields: ['income'] },
      transform: { type: 'generalize', method: 'interval', width: 5000 },
    },
    {
      id: 'health',
      select: { piCategories: ['health'] },
      transform: { type: 'replace', label: 'personal-information' },
    },
    {
      id: 'contact',
      select: { piCategories: ['communication'] },
      transform: { type: 'mask', preset: 'email' },
    },
  ],
};

describe('compilePolicy', () => {
  it('applies each rule, keeps what is kept, drops what nothing covers', () => {
    const t = compilePolicy(policy, { dataset: residents, keyring });
    const out = t.recordSync(residentA) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual([
      'name',
      'id_card',
      'mobile',
      'address',
      'birth_date',
      'sex',
      'income',
      'email',
      'diagnosis',
    ]);
    expect(out.name).toBe('欧阳**');
    expect(out.id_card).toMatch(/^[0-9a-f]{16}$/);
    expect(out.mobile).toMatch(/^138\d{8}$/);
    expect(out.address).toBe('福建省福州市鼓楼区');
    expect(out.birth_date).toBe('1990');
    expect(out.sex).toBe('女');
    expect(out.income).toBe('5000-9999');
    expect(out.email).toBe('n***@example.com');
    expect(out.diagnosis).toBe('[个人信息]');
    expect(t.columns).not.toContain('occupation');
    expect(t.fields.find((f) => f.field === 'occupation')).toEqual({
      field: 'occupation',
      outcome: 'dropped',
    });
    expect(t.fields.find((f) => f.field === 'bank_card')?.outcome).toBe('dropped');
    expect(t.fields.find((f) => f.field === 'sex')).toMatchObject({
      outcome: 'kept',
      rule: 'keep',
    });
    expect(t.fields.find((f) => f.field === 'mobile')?.traits).toEqual({
      reversible: true,
      keyed: true,
      formatPreserving: true,
    });
  });

  it('accepts YAML and JSON text and publishes a JSON Schema', () => {
    const yaml = readFileSync(new URL('./policy.example.yaml', import.meta.url), 'utf8');
    const fromYaml = parsePolicyYaml(yaml);
    expect(parsePolicyYaml(JSON.stringify(policy))).toEqual(policy);
    expect(reasonOf(() => parsePolicyYaml('a: [unclosed'))).toBe('invalid-syntax');
    expect(reasonOf(() => parsePolicy('id: p'))).toBe('invalid-syntax');
    expect(fromYaml.rules[0]?.transform).toEqual({ type: 'mask', preset: 'cn-name' });
    expect(parsePolicy(JSON.stringify(policy))).toEqual(policy);
    const schema = z.toJSONSchema(PolicyDocumentSchema, { io: 'input', unrepresentable: 'any' });
    expect(JSON.stringify(schema)).toContain('pseudonymize');
    expect(reasonOf(() => parsePolicy('{ not json'))).toBe('invalid-syntax');
    expect(reasonOf(() => parsePolicy({ id: 'p', version: '1' }))).toBe('invalid_type');
  });

  it('matches rules by category, role, grade and sensitivity, first match first', () => {
    const t = compilePolicy(
      {
        id: 'p',
        version: '1',
        rules: [
          {
            id: 'sensitive',
            select: { sensitive: true },
            transform: { type: 'replace', value: 'x' },
          },
          {
            id: 'qi-basic',
            select: { roles: ['quasi-identifier'], piCategories: ['basic'] },
            transform: { type: 'replace', value: 'qi' },
          },
          {
            id: 'grade',
            select: { grades: ['general-2'] },
            transform: { type: 'replace', value: 'g2' },
          },
        ],
      },
      { dataset: residents },
    );
    const out = t.recordSync(residentA) as Record<string, unknown>;
    expect(out.income).toBe('x');
    expect(out.diagnosis).toBe('x');
    expect(out.bank_card).toBe('x');
    expect(out.birth_date).toBe('qi');
    expect(out.sex).toBe('qi');
    expect(out.occupation).toBe('g2');
  });

  it('fails closed on policy mistakes, naming the rule', () => {
    const one =
      (rules: PolicyDocument['rules'], extra: Partial<PolicyDocument> = {}) =>
      () =>
        compilePolicy({ id: 'p', version: '1', rules, ...extra }, { dataset: residents, keyring });
    expect(
      reasonOf(one([{ id: 'r', select: { fields: ['nope'] }, transform: { type: 'keep' } }])),
    ).toBe('unknown-field');
    expect(reasonOf(one([], { keep: ['nope'] }))).toBe('unknown-field');
    expect(
      reasonOf(
        one([
          { id: 'a', select: { piCategories: ['basic'] }, transform: { type: 'keep' } },
          { id: 'b', select: { fields: ['name'] }, transform: { type: 'redact' } },
        ]),
      ),
    ).toBe('shadowed-rule');
    expect(
      reasonOf(
        one([{ id: 'a', select: { fields: ['name'] }, transform: { type: 'redact' } }], {
          keep: ['name'],
        }),
      ),
    ).toBe('conflicting-keep');
    expect(reasonOf(one([], { dataset: 'other' }))).toBe('wrong-dataset');
    expect(
      reasonOf(() =>
        compilePolicy(
          {
            id: 'p',
            version: '1',
            rules: [
              { id: 'k', select: { fields: ['id_card'] }, transform: { type: 'pseudonymize' } },
            ],
          },
          { dataset: residents },
        ),
      ),
    ).toBe('missing-keyring');
    expect(
      reasonOf(one([{ id: 't', select: { fields: ['name'] }, transform: { type: 'tokenize' } }])),
    ).toBe('missing-vault');
    expect(
      reasonOf(
        one([
          {
            id: 'n',
            select: { fields: ['mobile'] },
            transform: { type: 'noise', mechanism: 'laplace', scale: 1 },
          },
        ]),
      ),
    ).toBe('incompatible-field');
    expect(
      reasonOf(
        one([
          {
            id: 'd',
            select: { fields: ['birth_date'] },
            transform: { type: 'dateShift', maxDays: 10, subjectField: 'nope' },
          },
        ]),
      ),
    ).toBe('unknown-field');
    expect(
      reasonOf(
        one([
          {
            id: 'k',
            select: { fields: ['name'] },
            transform: { type: 'pseudonymize', keyId: 'k9' },
          },
        ]),
      ),
    ).toBe('unknown-key');
    expect(
      reasonOf(
        one([
          { id: 'a', select: { fields: ['name'] }, transform: { type: 'keep' } },
          { id: 'a', select: { fields: ['sex'] }, transform: { type: 'keep' } },
        ]),
      ),
    ).toBe('duplicate-rule-id');
    try {
      one([
        {
          id: 'the-rule',
          select: { fields: ['mobile'] },
          transform: { type: 'fpe', format: 'bank-card' },
        },
      ])();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyError);
      expect((error as PolicyError).message).toContain('the-rule');
      expect((error as PolicyError).path).toBe('rules[0]');
    }
  });

  it('chooses profiles by name, purpose and recipient', () => {
    const withProfiles: PolicyDocument = {
      id: 'p',
      version: '1',
      rules: [
        {
          id: 'base',
          select: { fields: ['name'] },
          transform: { type: 'mask', preset: 'cn-name' },
        },
      ],
      keep: ['sex'],
      profiles: {
        research: {
          purpose: 'research',
          rules: [
            {
              id: 'r-name',
              select: { fields: ['name'] },
              transform: { type: 'redact', mode: 'null' },
            },
          ],
        },
        health: { purpose: 'research.health', keep: ['diagnosis'] },
        partner: { recipient: 'agency-1', keep: ['occupation'] },
      },
    };
    const run = (options: object) =>
      compilePolicy(withProfiles, { dataset: residents, ...options }).recordSync(residentA);
    expect(run({})).toEqual({ name: '欧阳**', sex: '女' });
    expect(run({ profile: 'research' })).toEqual({ name: null, sex: '女' });
    expect(run({ purpose: 'research.health.asthma' })).toEqual({
      name: '欧阳**',
      sex: '女',
      diagnosis: 'J45',
    });
    expect(run({ purpose: 'research.census' })).toEqual({ name: null, sex: '女' });
    expect(run({ recipient: 'agency-1' })).toEqual({
      name: '欧阳**',
      sex: '女',
      occupation: '教师',
    });
    expect(reasonOf(() => run({ profile: 'nope' }))).toBe('unknown-profile');
    expect(reasonOf(() => run({ purpose: 'marketing' }))).toBe('no-matching-profile');
    expect(compilePolicy(withProfiles, { dataset: residents, profile: 'health' }).profile).toBe(
      'health',
    );
  });

  it('digests the canonical policy with SHA-256, or SM3 with a national keyring', async () => {
    const { sha256 } = await import('@noble/hashes/sha2.js');
    const { sm3 } = await import('../../src/crypto/sm3.ts');
    const parsed = parsePolicy(policy);
    const bytes = new TextEncoder().encode(canonicalJson(parsed));
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect(compilePolicy(policy, { dataset: residents, keyring }).digest).toBe(
      `sha-256:${hex(sha256(bytes))}`,
    );
    expect(policyDigest(parsed)).toBe(`sha-256:${hex(sha256(bytes))}`);
    const national = createKeyring({ keys: NATIONAL_KEYS });
    expect(compilePolicy(policy, { dataset: residents, keyring: national }).digest).toBe(
      `sm3:${hex(sm3(bytes))}`,
    );
    const reordered = JSON.parse(
      JSON.stringify({
        rules: policy.rules,
        version: '1',
        id: policy.id,
        dataset: 'residents',
        keep: ['sex'],
      }),
    );
    expect(compilePolicy(reordered, { dataset: residents, keyring }).digest).toBe(
      `sha-256:${hex(sha256(bytes))}`,
    );
  });
});

describe('rejects channel', () => {
  const strict: PolicyDocument = {
    id: 'p',
    version: '1',
    keep: ['name'],
    rules: [
      {
        id: 'fpe-id',
        select: { fields: ['id_card'] },
        transform: { type: 'fpe', format: 'cn-resident-id' },
      },
    ],
  };
  const rows = [
    { name: 'a', id_card: ID_A },
    { name: 'b', id_card: 'not-an-id' },
    { name: 'c', id_card: '' },
  ];

  it('fails fast with row, field and reason', async () => {
    const t = compilePolicy(strict, { dataset: residents, keyring });
    try {
      for await (const _ of t.records(rows)) {
        // consume
      }
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TransformError);
      const e = error as TransformError;
      expect(e.reason).toBe('invalid-resident-id');
      expect(e.details).toEqual({ row: 2, field: 'id_card', rule: 'fpe-id' });
      expect(e.message).not.toContain('not-an-id');
    }
  });

  it('quarantines: the row goes to the sink, the rest flows', async () => {
    const rejects: Reject[] = [];
    const t = compilePolicy(strict, {
      dataset: residents,
      keyring,
      rejects: (r) => rejects.push(r),
    });
    const out = [];
    for await (const record of t.records(rows)) out.push(record);
    expect(out.map((r) => r.name)).toEqual(['a', 'c']);
    expect(out[1]?.id_card).toBe('');
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({
      row: 2,
      field: 'id_card',
      rule: 'fpe-id',
      reason: 'invalid-resident-id',
    });
    expect(rejects[0]?.record.id_card).toBe('not-an-id');
    expect(t.recordSync({ name: 'x', id_card: 'bad' }, 7)).toBeUndefined();
    expect(rejects[1]?.row).toBe(7);
  });
});

describe('record, records, stream and rows', () => {
  const simple: PolicyDocument = {
    id: 'p',
    version: '1',
    keep: ['sex'],
    rules: [
      { id: 'name', select: { fields: ['name'] }, transform: { type: 'mask', preset: 'cn-name' } },
    ],
  };
  const input = Array.from({ length: 2500 }, (_, i) => ({
    name: `张${i}`,
    sex: i % 2 ? '男' : '女',
    extra: 'dropped',
  }));

  it('gives the same output through every API, in order', async () => {
    const t = compilePolicy(simple, { dataset: residents, batchSize: 1000 });
    const expected = input.map((r) => t.recordSync(r));
    expect(await t.record(input[0] as (typeof input)[number])).toEqual(expected[0]);
    const viaRecords = [];
    for await (const r of t.records(
      (async function* () {
        yield* input;
      })(),
    ))
      viaRecords.push(r);
    expect(viaRecords).toEqual(expected);
    const viaStream = [];
    const source = new ReadableStream({
      start(controller) {
        for (const record of input) controller.enqueue(record);
        controller.close();
      },
    });
    const reader = source.pipeThrough(t.stream()).getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read())
      viaStream.push(next.value);
    expect(viaStream).toEqual(expected);
    const rows = t.rows(['extra', 'sex', 'name']);
    expect(rows.columns).toEqual(['name', 'sex']);
    expect(rows.batchSync([['e', '男', '李四']], 1)).toEqual([['李*', '男']]);
    expect(await rows.batch([['e', '男', '李四']], 1)).toEqual([['李*', '男']]);
    expect(reasonOf(() => t.rows(['sex']))).toBe('missing-column');
    expect(expected[0]).toEqual({ name: '张*', sex: '女' });
    expect(input[0]?.name).toBe('张0');
  });

  it('does not read inherited properties as fields', () => {
    const t = compilePolicy(
      { id: 'p', version: '1', keep: ['constructor'], rules: [] },
      {
        dataset: defineDataset({
          id: 'd',
          version: '1',
          fields: [
            { name: 'constructor', role: 'insensitive', share: 'unconditional', open: 'open' },
          ],
        }),
      },
    );
    expect(t.recordSync({})).toEqual({ constructor: undefined });
  });
});

describe('batch and vault transforms', () => {
  it('shuffle permutes within batches and refuses single records', async () => {
    const t = compilePolicy(
      {
        id: 'p',
        version: '1',
        keep: ['name'],
        rules: [{ id: 's', select: { fields: ['income'] }, transform: { type: 'shuffle' } }],
      },
      { dataset: residents, batchSize: 100 },
    );
    const input = Array.from({ length: 100 }, (_, i) => ({ name: String(i), income: String(i) }));
    const out = [];
    for await (const r of t.records(input)) out.push(r);
    expect(out.map((r) => r.name)).toEqual(input.map((r) => r.name));
    expect(out.map((r) => Number(r.income)).sort((a, b) => a - b)).toEqual(input.map((_, i) => i));
    expect(out.filter((r) => r.income === r.name).length).toBeLessThan(10);
    expect(t.synchronous).toBe(false);
    expect(reasonOf(() => t.recordSync(input[0] as (typeof input)[number]))).toBe('needs-batch');
    expect(transformTraits({ type: 'shuffle' }).reversible).toBe(false);
  });

  it('noise perturbs numbers with the right spread and keeps their type', async () => {
    const t = compilePolicy(
      {
        id: 'p',
        version: '1',
        rules: [
          {
            id: 'n',
            select: { fields: ['income'] },
            transform: { type: 'noise', mechanism: 'laplace', scale: 100, decimals: 0 },
          },
        ],
      },
      { dataset: residents },
    );
    const values = Array.from(
      { length: 4000 },
      () => t.recordSync({ income: 1000 })?.income as number,
    );
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const meanAbs = values.reduce((a, b) => a + Math.abs(b - 1000), 0) / values.length;
    expect(Math.abs(mean - 1000)).toBeLessThan(15);
    expect(meanAbs).toBeGreaterThan(85);
    expect(meanAbs).toBeLessThan(115); // E|X| = b for Laplace
    expect(values.every(Number.isInteger)).toBe(true);
    expect(typeof t.recordSync({ income: '1000' })?.income).toBe('string');
    const g = compilePolicy(
      {
        id: 'p',
        version: '1',
        rules: [
          {
            id: 'n',
            select: { fields: ['income'] },
            transform: { type: 'noise', mechanism: 'gaussian', scale: 10, min: 0, max: 1000 },
          },
        ],
      },
      { dataset: residents },
    );
    const gaussian = Array.from(
      { length: 4000 },
      () => g.recordSync({ income: 500 })?.income as number,
    );
    const sd = Math.sqrt(gaussian.reduce((a, b) => a + (b - 500) ** 2, 0) / gaussian.length);
    expect(sd).toBeGreaterThan(9);
    expect(sd).toBeLessThan(11);
    expect(g.recordSync({ income: 2000 })?.income).toBe(1000);
  });

  it('dateShift moves all dates of one subject by the same offset within ±maxDays', () => {
    const dataset = defineDataset({
      id: 'visits',
      version: '1',
      fields: [
        {
          name: 'patient',
          role: 'direct-identifier',
          piCategory: 'identity',
          share: 'conditional',
          open: 'on-application',
        },
        {
          name: 'admitted',
          role: 'quasi-identifier',
          piCategory: 'health',
          share: 'conditional',
          open: 'on-application',
        },
        {
          name: 'discharged',
          role: 'quasi-identifier',
          piCategory: 'health',
          share: 'conditional',
          open: 'on-application',
        },
      ],
    });
    const shift = { type: 'dateShift' as const, maxDays: 30, subjectField: 'patient' };
    const t = compilePolicy(
      {
        id: 'p',
        version: '1',
        rules: [
          { id: 'p', select: { fields: ['patient'] }, transform: { type: 'pseudonymize' } },
          { id: 'd', select: { fields: ['admitted', 'discharged'] }, transform: shift },
        ],
      },
      { dataset, keyring },
    );
    const days = (a: string, b: string) =>
      (Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / 86_400_000;
    for (const patient of [ID_A, 'P-2', 'P-3', 'P-4']) {
      const out = t.recordSync({
        patient,
        admitted: '2024-02-27',
        discharged: '2024-03-02T10:00:00+08:00',
      });
      const admitted = out?.admitted as string;
      const discharged = out?.discharged as string;
      expect(days(admitted, discharged)).toBe(4);
      const offset = days('2024-02-27', admitted);
      expect(Math.abs(offset)).toBeGreaterThanOrEqual(1);
      expect(Math.abs(offset)).toBeLessThanOrEqual(30);
      expect(discharged.endsWith('T10:00:00+08:00')).toBe(true);
      expect(t.recordSync({ patient, admitted: '2024-02-27' })?.admitted).toBe(admitted);
    }
    expect(reasonOf(() => t.recordSync({ patient: '', admitted: '2024-01-01' }))).toBe(
      'missing-subject',
    );
  });

  it('tokenize: vault-backed, consistent, reversible, forgettable', async () => {
    const vault = createMemoryTokenVault();
    const tokenPolicy: PolicyDocument = {
      id: 'p',
      version: '1',
      rules: [
        {
          id: 'tok',
          select: { fields: ['mobile'] },
          transform: { type: 'tokenize', domain: 'phones', subjectField: 'id_card', prefix: 'T-' },
        },
        { id: 'id', select: { fields: ['id_card'] }, transform: { type: 'pseudonymize' } },
      ],
    };
    const t = compilePolicy(tokenPolicy, { dataset: residents, keyring, vault, batchSize: 2 });
    expect(reasonOf(() => t.recordSync({ mobile: '13800138000' }))).toBe('needs-async');
    const rows = [
      { id_card: ID_A, mobile: '13800138000' },
      { id_card: ID_A, mobile: '13800138000' },
      { id_card: 'B', mobile: '13912345678' },
      { id_card: 'C', mobile: '' },
    ];
    const out = [];
    for await (const r of t.records(rows)) out.push(r);
    expect(out[0]?.mobile).toMatch(/^T-[a-z2-7]{16}$/);
    expect(out[1]?.mobile).toBe(out[0]?.mobile);
    expect(out[2]?.mobile).not.toBe(out[0]?.mobile);
    expect(out[3]?.mobile).toBe('');
    expect((await t.record(rows[0] as (typeof rows)[number]))?.mobile).toBe(out[0]?.mobile);
    const ledger: ReidentifyEvent[] = [];
    const restored = await reidentify(out, {
      policy: tokenPolicy,
      dataset: residents,
      keyring,
      vault,
      fields: ['mobile'],
      ledger: { append: (event) => void ledger.push(event) },
      actor: { id: 'officer-7', kind: 'individual' },
      purpose: 'public-service.fraud-check',
      clock: () => Date.parse('2026-03-01T00:00:00Z'),
    });
    expect(restored.map((r) => r.mobile)).toEqual(rows.map((r) => r.mobile));
    expect(restored[0]?.id_card).toBe(out[0]?.id_card);
    expect(ledger).toEqual([
      {
        processing: 'reidentify',
        at: '2026-03-01T00:00:00.000Z',
        actor: { id: 'officer-7', kind: 'individual' },
        purpose: 'public-service.fraud-check',
        dataset: { id: 'residents', version: '1' },
        policy: compilePolicy(tokenPolicy, { dataset: residents, keyring, vault }).digest,
        fields: ['mobile'],
        records: 4,
      },
    ]);
    expect(await forgetSubject(vault, keyring, ID_A)).toBe(1);
    expect(
      await reasonOfAsync(
        reidentify([out[0] as Record<string, unknown>], {
          policy: tokenPolicy,
          dataset: residents,
          keyring,
          vault,
          fields: ['mobile'],
        }),
      ),
    ).toBe('unknown-token');
    expect(
      await reasonOfAsync(
        reidentify(out, { policy: tokenPolicy, dataset: residents, keyring, fields: ['mobile'] }),
      ),
    ).toBe('missing-vault');
    expect(
      await reasonOfAsync(
        reidentify(out, {
          policy: tokenPolicy,
          dataset: residents,
          keyring,
          vault,
          fields: ['id_card'],
        }),
      ),
    ).toBe('irreversible-field');
    expect(
      await reasonOfAsync(
        reidentify(out, {
          policy: tokenPolicy,
          dataset: residents,
          keyring,
          vault,
          fields: ['name'],
        }),
      ),
    ).toBe('irreversible-field');
  });

  it('reidentify returns nothing when the ledger refuses the event', async () => {
    const p: PolicyDocument = {
      id: 'p',
      version: '1',
      rules: [
        {
          id: 'e',
          select: { fields: ['name'] },
          transform: { type: 'encrypt', mode: 'deterministic' },
        },
      ],
    };
    const t = compilePolicy(p, { dataset: residents, keyring });
    const row = t.recordSync({ name: '张三' }) as Record<string, unknown>;
    await expect(
      reidentify([row], {
        policy: p,
        dataset: residents,
        keyring,
        fields: ['name'],
        ledger: {
          append: () => {
            throw new Error('ledger down');
          },
        },
      }),
    ).rejects.toThrow('ledger down');
    expect(
      (await reidentify([row], { policy: p, dataset: residents, keyring, fields: ['name'] }))[0]
        ?.name,
    ).toBe('张三');
  });

  it('tokens from the vault stay unique when the proposed token collides', async () => {
    const vault = createMemoryTokenVault();
    let calls = 0;
    // The first two proposed tokens are equal (the first 64 random bytes are); then real randomness.
    const random = (bytes: Uint8Array) => {
      crypto.getRandomValues(bytes);
      if (calls++ === 0) bytes.fill(1, 0, 64);
      return bytes;
    };
    const t = compilePolicy(
      {
        id: 'p',
        version: '1',
        rules: [
          {
            id: 't',
            select: { fields: ['mobile'] },
            transform: { type: 'tokenize', alphabet: 'digits', length: 8 },
          },
        ],
      },
      { dataset: residents, keyring, vault, random, batchSize: 1 },
    );
    const out = [];
    for await (const r of t.records([{ mobile: '1' }, { mobile: '2' }, { mobile: '3' }]))
      out.push(r.mobile);
    expect(new Set(out).size).toBe(3);
  });
});

describe('irreversible transforms leave no original behind', () => {
  it('for every field of the sample record', () => {
    const t = compilePolicy(policy, {
      dataset: residents,
      keyring: createKeyring({ keys: NATIONAL_KEYS }),
    });
    const out = t.recordSync(residentA) as Record<string, unknown>;
    for (const field of [
      'name',
      'id_card',
      'address',
      'email',
      'diagnosis',
      'income',
      'birth_date',
    ]) {
      expect(out[field]).not.toBe(residentA[field as keyof typeof residentA]);
      expect(JSON.stringify(out)).not.toContain(residentA.id_card);
    }
  });
});
