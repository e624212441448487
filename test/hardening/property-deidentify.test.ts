// Property tests for dataguard/deidentify: garbage policies, transform
// specifications and records give a result or a DataguardError, and keyed
// de-identification never lets an original identifier through.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { createKeyring } from '../../src/crypto/index.ts';
import { addressLevels } from '../../src/deidentify/cn-address.ts';
import { parseHierarchy } from '../../src/deidentify/hierarchy.ts';
import {
  compilePolicy,
  compileTransform,
  createMemoryTokenVault,
  forgetSubject,
  parsePolicy,
  policyDigest,
  pseudonymCollisionProbability,
  reidentify,
  transformTraits,
} from '../../src/deidentify/index.ts';
import { maskText } from '../../src/deidentify/mask-text.ts';
import { defineDataset } from '../../src/tags/index.ts';
import { anyString, garbage, garbageRecord, mutated } from './arbitraries.ts';
import {
  assertProperty,
  expectSafe,
  expectSafeAsync,
  fuzzEach,
  hardeningIt,
} from './expect-safe.ts';

const root = new URL('../../', import.meta.url);
const definition = JSON.parse(
  readFileSync(new URL('examples/residents.dataset.json', root), 'utf8'),
);
const dataset = defineDataset(definition);
const sharePolicy = JSON.parse(readFileSync(new URL('examples/share.policy.json', root), 'utf8'));
const openPolicy = JSON.parse(readFileSync(new URL('examples/open.policy.json', root), 'utf8'));
const [headerLine, ...lines] = readFileSync(new URL('examples/residents.csv', root), 'utf8')
  .trim()
  .split('\n');
const header = (headerLine as string).split(',');
const residents = lines
  .slice(0, 50)
  .map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i], v])));
const keyring = createKeyring({
  keys: [
    {
      id: 'k1',
      suite: 'international',
      material: '33'.repeat(32),
      createdAt: '2026-01-01T00:00:00Z',
      status: 'active',
    },
  ],
});
const share = compilePolicy(sharePolicy, { dataset, keyring });
const open = compilePolicy(openPolicy, { dataset, keyring });

/** Valid transform specifications of every kind, to be mutated. */
const SPECS = [
  { type: 'keep' },
  { type: 'redact', mode: 'null' },
  { type: 'replace', label: 'cn-mobile' },
  { type: 'mask', preset: 'cn-name' },
  { type: 'mask', keepStart: 1, keepEnd: 2, char: '#', preserve: '-' },
  { type: 'generalize', method: 'interval', width: 10 },
  { type: 'generalize', method: 'top-bottom', top: 90, topValue: '90+' },
  { type: 'generalize', method: 'round', multiple: 100 },
  { type: 'generalize', method: 'date', unit: 'quarter' },
  { type: 'generalize', method: 'age', width: 10, top: 80 },
  { type: 'generalize', method: 'hierarchy', hierarchy: 'age', level: 1 },
  { type: 'generalize', method: 'region', level: 'prefecture' },
  { type: 'generalize', method: 'address', level: 'prefecture' },
  { type: 'generalize', method: 'resident-id' },
  { type: 'noise', mechanism: 'laplace', scale: 1 },
  { type: 'pseudonymize', domain: 'd', output: 'hex', length: 16 },
  { type: 'pseudonymize', output: 'format', alphabet: 'digits' },
  { type: 'encrypt', mode: 'deterministic' },
  { type: 'fpe', format: 'cn-mobile' },
  { type: 'fpe', format: 'cn-resident-id' },
  { type: 'fpe', format: 'bank-card' },
];
const hierarchies = { age: '38;30-39;*\n39;30-39;*\n41;40-49;*' };

describe('policies under hostile input', () => {
  hardeningIt(
    'parsePolicy: arbitrary text (JSON, YAML, neither) gives a document or a DataguardError',
    () => {
      const yamlish = fc.oneof(
        anyString,
        fc.constantFrom(
          'id: x\nversion: 1\nrules: [',
          'a: &a [*a]',
          '{"id": 1}',
          '---\n- - - -',
          '!!js/function "x"',
          'id: !!binary AAAA',
          `${'['.repeat(5000)}`,
          `${'- '.repeat(10_000)}x`,
        ),
        fc.jsonValue().map((v) => JSON.stringify(v)),
      );
      assertProperty(
        fc.property(
          yamlish,
          (text) => void expectSafe('parsePolicy(text)', () => parsePolicy(text), [text]),
        ),
        { numRuns: 150 },
      );
    },
  );

  hardeningIt('parsePolicy: a YAML alias bomb is refused quickly', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (const name of 'bcdefghi')
      bomb.push(
        `${name}: &${name} [${Array(10)
          .fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`)
          .join(',')}]`,
      );
    const start = performance.now();
    const out = expectSafe('parsePolicy(alias bomb)', () => parsePolicy(bomb.join('\n')));
    expect(out.ok).toBe(false);
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  fuzzEach([
    {
      name: 'parsePolicy(garbage)',
      args: fc.tuple(fc.oneof(garbage, mutated(sharePolicy))),
      call: (p) => parsePolicy(p),
    },
    {
      name: 'compilePolicy(garbage policy)',
      args: fc.tuple(garbage),
      call: (p) => compilePolicy(p, { dataset, keyring }),
    },
    {
      name: 'compilePolicy(mutated share policy)',
      args: fc.tuple(mutated(sharePolicy)),
      call: (p) => compilePolicy(p, { dataset, keyring }),
      numRuns: 120,
    },
    {
      name: 'compilePolicy(mutated open policy)',
      args: fc.tuple(mutated(openPolicy)),
      call: (p) => compilePolicy(p, { dataset, keyring }),
      numRuns: 120,
    },
    {
      name: 'compilePolicy(garbage options)',
      args: fc.tuple(
        fc.oneof(
          garbage,
          mutated({ dataset: definition, profile: 'x', purpose: 'a.b', batchSize: 10 }),
        ),
      ),
      call: (o) => compilePolicy(sharePolicy, o),
    },
    {
      name: 'compilePolicy(policy, mutated dataset)',
      args: fc.tuple(mutated(definition)),
      call: (d) => compilePolicy(sharePolicy, { dataset: d, keyring }),
    },
    {
      name: 'policyDigest',
      args: fc.tuple(fc.oneof(garbage, mutated(sharePolicy)), garbage),
      call: (p, h) => policyDigest(p, h),
    },
    {
      name: 'transformTraits',
      args: fc.tuple(
        fc.oneof(
          garbage,
          fc.constantFrom(...SPECS).chain((s) => mutated(s)),
        ),
      ),
      call: (s) => transformTraits(s),
    },
    {
      name: 'parseHierarchy',
      args: fc.tuple(garbage, garbage),
      call: (h, n) => parseHierarchy(h, n),
    },
    {
      name: 'maskText',
      args: fc.tuple(garbage, fc.oneof(garbage, mutated({ keepStart: 1, keepEnd: 1, char: '*' }))),
      call: (t, o) => maskText(t, o),
      values: [0],
    },
    { name: 'addressLevels', args: fc.tuple(garbage), call: (t) => addressLevels(t) },
    {
      name: 'pseudonymCollisionProbability',
      args: fc.tuple(garbage, garbage),
      call: (b, r) => pseudonymCollisionProbability(b, r),
    },
  ]);
});

describe('transforms under hostile input', () => {
  hardeningIt(
    'compileTransform: every kind of specification, mutated, applied to garbage values',
    () => {
      assertProperty(
        fc.property(
          fc.constantFrom(...SPECS).chain((spec) => fc.oneof(fc.constant(spec), mutated(spec))),
          fc.array(garbage, { maxLength: 4 }),
          (spec, values) => {
            const compiled = expectSafe('compileTransform', () =>
              compileTransform(spec as never, { keyring, hierarchies }),
            );
            if (!compiled.ok) return;
            for (const value of values)
              expectSafe(`transform ${JSON.stringify(spec)}`, () => compiled.value(value), [value]);
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  hardeningIt('compileTransform: garbage specifications and options', () => {
    assertProperty(
      fc.property(
        garbage,
        garbage,
        (spec, options) =>
          void expectSafe('compileTransform', () =>
            compileTransform(spec as never, options as never),
          ),
      ),
      { numRuns: 100 },
    );
  });
});

describe('records under hostile input', () => {
  const fields = dataset.fields.map((f) => f.name);
  fuzzEach([
    {
      name: 'transformer.recordSync(garbage record)',
      args: fc.tuple(garbageRecord(fields)),
      call: (r) => share.recordSync(r),
      values: [],
    },
    {
      name: 'transformer.record(garbage)',
      args: fc.tuple(garbage, garbage),
      call: (r, row) => share.record(r, row),
    },
    {
      name: 'open transformer.recordSync(garbage record)',
      args: fc.tuple(garbageRecord(fields)),
      call: (r) => open.recordSync(r),
    },
    {
      name: 'transformer.records(garbage iterable)',
      args: fc.tuple(fc.array(fc.oneof(garbageRecord(fields), garbage), { maxLength: 5 })),
      call: async (list) => {
        const out = [];
        for await (const record of share.records(list as never)) out.push(record);
        return out;
      },
    },
    {
      name: 'transformer.rows(garbage layout)',
      args: fc.tuple(garbage),
      call: (layout) => share.rows(layout),
    },
  ]);

  hardeningIt(
    'valid rows with one value corrupted: a result without the original identifiers, or a TransformError',
    () => {
      assertProperty(
        fc.property(
          fc.constantFrom(...residents),
          fc.constantFrom(...fields),
          garbage,
          (record, field, value) => {
            const input = { ...record, [field]: value };
            const out = expectSafe('recordSync(corrupted)', () => share.recordSync(input), [
              record.id_card,
              record.mobile,
            ]);
            if (out.ok && out.value !== undefined) {
              const text = JSON.stringify(out.value, (_, v) =>
                typeof v === 'bigint' ? String(v) : v,
              );
              expect(text).not.toContain(record.id_card);
              if (field !== 'mobile') expect(out.value.mobile).not.toBe(record.mobile);
              expect(text).not.toContain(record.name);
              expect(text).not.toContain(record.birth_date);
            } else if (!out.ok) {
              expect(out.error.code).toMatch(/^ERR_(TRANSFORM|POLICY|VALIDATION)$/);
            }
          },
        ),
        { numRuns: 150 },
      );
    },
  );

  hardeningIt(
    'a quarantining transformer never throws on bad rows and reports them without values',
    async () => {
      const rejects: unknown[] = [];
      const quarantine = compilePolicy(sharePolicy, {
        dataset,
        keyring,
        rejects: (reject) => void rejects.push(reject),
      });
      await assertProperty(
        fc.asyncProperty(fc.array(garbageRecord(fields), { maxLength: 6 }), async (records) => {
          const out = await expectSafeAsync('records(quarantine)', async () => {
            const list = [];
            for await (const record of quarantine.records(records)) list.push(record);
            return list;
          });
          if (!out.ok) throw out.error;
        }),
        { numRuns: 40 },
      );
      for (const reject of rejects)
        expect(Object.keys(reject as object).sort()).not.toContain('value');
    },
  );

  hardeningIt('reidentify and forgetSubject: garbage options, records and subjects', async () => {
    const vault = createMemoryTokenVault();
    await assertProperty(
      fc.asyncProperty(
        fc.oneof(
          garbage,
          mutated({ policy: sharePolicy, dataset: definition, fields: ['mobile'] }),
        ),
        fc.array(garbage, { maxLength: 3 }),
        garbage,
        async (options, records, subject) => {
          await expectSafeAsync('reidentify', () =>
            reidentify(records as never, { keyring, ...(options as object) } as never),
          );
          await expectSafeAsync(
            'forgetSubject',
            () => forgetSubject(vault, keyring, subject as never),
            [subject],
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  hardeningIt('fpe mobile numbers round-trip through reidentify', async () => {
    const out = residents
      .slice(0, 20)
      .map((record) => share.recordSync(record) as Record<string, unknown>);
    const restored = await reidentify(out, {
      policy: sharePolicy,
      dataset,
      keyring,
      release: { keyIds: [keyring.activeKeyId()] },
      fields: ['mobile'],
    });
    expect(restored.map((r) => r.mobile)).toEqual(residents.slice(0, 20).map((r) => r.mobile));
  });
});
