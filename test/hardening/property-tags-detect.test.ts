// Property tests for dataguard/tags and dataguard/detect: every entry point
// given hostile input returns a correct result or throws a DataguardError.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { headerHint } from '../../src/detect/header-hints.ts';
import {
  explain,
  generalizeRegion,
  identifierTypes,
  lookupRegion,
  luhnCheckDigit,
  parseResidentId,
  profileColumn,
  profileTable,
  redact,
  residentIdCheckCharacter,
  safeParseResidentId,
  scan,
  upgradeResidentId,
  usccCheckCharacter,
  validate,
} from '../../src/detect/index.ts';
import { isMobileSegment } from '../../src/detect/phone.ts';
import { highestGrade } from '../../src/tags/grade.ts';
import {
  createCatalog,
  defineDataset,
  findField,
  gradeByImpact,
  isAtLeast,
  isSensitive,
} from '../../src/tags/index.ts';
import { anyString, garbage, garbageRecord, hugeString, mutated, utf16 } from './arbitraries.ts';
import { assertProperty, expectSafe, fuzzEach, hardeningIt, RUNS } from './expect-safe.ts';

const definition = JSON.parse(
  readFileSync(new URL('../../examples/residents.dataset.json', import.meta.url), 'utf8'),
);

describe('tags under hostile input', () => {
  hardeningIt('defineDataset: garbage and mutated definitions', () => {
    assertProperty(
      fc.property(fc.oneof(garbage, mutated(definition)), (input) => {
        const out = expectSafe('defineDataset', () => defineDataset(input as never));
        if (out.ok) {
          // A schema that was accepted is coherent: every field graded, sensitivity matches its category.
          for (const field of out.value.fields) {
            expect(typeof field.grade).toBe('string');
            if (field.piCategory !== undefined)
              expect(field.sensitive).toBe(isSensitive(field.piCategory));
          }
        }
      }),
      RUNS,
    );
  });

  const g2 = fc.tuple(garbage, garbage);
  fuzzEach([
    { name: 'gradeByImpact', args: g2, call: (a) => gradeByImpact(a) },
    { name: 'gradeByImpact([a, b])', args: g2, call: (a, b) => gradeByImpact([a, b] as never) },
    { name: 'highestGrade', args: g2, call: (a) => highestGrade(a) },
    { name: 'isAtLeast', args: g2, call: (a, b) => isAtLeast(a, b) },
    { name: 'isSensitive', args: g2, call: (a) => isSensitive(a) },
  ]);

  hardeningIt(
    'createCatalog and catalog operations: garbage documents, definitions and queries',
    () => {
      const catalog = createCatalog();
      const schema = catalog.register(definition);
      assertProperty(
        fc.property(garbage, mutated({ datasets: [definition] }), garbage, (a, doc, b) => {
          expectSafe('createCatalog(document)', () => createCatalog({ document: doc as never }));
          expectSafe('createCatalog(garbage)', () => createCatalog(a as never));
          expectSafe('catalog.register', () => createCatalog().register(a as never));
          expectSafe('catalog.get', () => catalog.get(a as never, b as never));
          expectSafe('catalog.resolve', () => catalog.resolve(a as never));
          expectSafe('catalog.versions', () => catalog.versions(a as never));
          expectSafe('catalog.derivedGrade', () => catalog.derivedGrade(a as never));
          expectSafe('catalog.derivedGrade([x])', () => catalog.derivedGrade([a, b] as never));
          expectSafe('catalog.assessAggregation', () =>
            catalog.assessAggregation(a as never, b as never),
          );
          expectSafe('findField', () => findField(schema, a as never));
        }),
        RUNS,
      );
      // The catalog survived all of it.
      expect(catalog.get('residents')?.fields.length).toBe(schema.fields.length);
    },
  );
});

/** A valid resident ID from its parts (GB 11643-1999). */
const residentId = fc
  .tuple(
    fc.constantFrom('110105', '350102', '440305', '510104'),
    fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2020-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([region, date, sequence]) => {
    const birth = date.toISOString().slice(0, 10);
    const first17 = `${region}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
    return {
      id: first17 + residentIdCheckCharacter(first17),
      birth,
      sex: sequence % 2 === 1 ? 'male' : 'female',
    };
  });

describe('detect under hostile input', () => {
  hardeningIt(
    'validate and explain: every identifier type on arbitrary strings returns a boolean / reason',
    () => {
      assertProperty(
        fc.property(fc.constantFrom(...identifierTypes), anyString, (type, value) => {
          const valid = expectSafe(`validate(${type})`, () => validate(type, value), [value]);
          const why = expectSafe(`explain(${type})`, () => explain(type, value), [value]);
          if (!valid.ok || !why.ok) throw new Error(`${type}: a string value must not throw`);
          expect(typeof valid.value).toBe('boolean');
          // explain and validate agree.
          expect(why.value.valid).toBe(valid.value);
        }),
        { numRuns: 300 },
      );
    },
  );

  const g3 = fc.tuple(garbage, garbage, garbage);
  fuzzEach([
    { name: 'validate', args: g3, call: (t, v, o) => validate(t, v, o), values: [1] },
    { name: 'explain', args: g3, call: (t, v, o) => explain(t, v, o), values: [1] },
    { name: 'parseResidentId', args: g3, call: (_, v, o) => parseResidentId(v, o), values: [1] },
    {
      name: 'safeParseResidentId',
      args: g3,
      call: (_, v, o) => safeParseResidentId(v, o),
      values: [1],
    },
    {
      name: 'upgradeResidentId',
      args: g3,
      call: (_, v, o) => upgradeResidentId(v, o),
      values: [1],
    },
    { name: 'lookupRegion', args: g3, call: (v) => lookupRegion(v) },
    { name: 'generalizeRegion', args: g3, call: (v, l) => generalizeRegion(v, l) },
    { name: 'headerHint', args: g3, call: (v) => headerHint(v) },
    { name: 'isMobileSegment', args: g3, call: (v) => isMobileSegment(v) },
    { name: 'luhnCheckDigit', args: g3, call: (v) => luhnCheckDigit(v), values: [0] },
    {
      name: 'residentIdCheckCharacter',
      args: g3,
      call: (v) => residentIdCheckCharacter(v),
      values: [0],
    },
    { name: 'usccCheckCharacter', args: g3, call: (v) => usccCheckCharacter(v), values: [0] },
    { name: 'scan', args: g3, call: (t, o) => scan(t, o), values: [0] },
    { name: 'redact', args: g3, call: (t, o) => redact(t, o), values: [0] },
    {
      name: 'profileColumn',
      args: fc.tuple(fc.array(garbage, { maxLength: 20 }), garbage),
      call: (v, o) => profileColumn(v, o),
    },
    { name: 'profileColumn(garbage)', args: g3, call: (v, o) => profileColumn(v, o) },
    {
      name: 'profileTable(records)',
      args: fc.tuple(
        fc.array(garbageRecord(['name', 'id_card', 'mobile']), { maxLength: 10 }),
        garbage,
      ),
      call: (r, o) => profileTable(r, o),
    },
    {
      name: 'profileTable({header, rows})',
      args: fc.tuple(
        fc.array(garbage, { maxLength: 5 }),
        fc.array(fc.array(garbage, { maxLength: 5 }), { maxLength: 5 }),
      ),
      call: (h, r) => profileTable({ header: h, rows: r } as never),
    },
    { name: 'profileTable(garbage)', args: g3, call: (r, o) => profileTable(r, o) },
  ]);

  hardeningIt(
    'parseResidentId: valid IDs parse to their birth date; one changed digit never parses',
    () => {
      assertProperty(
        fc.property(
          residentId,
          fc.integer({ min: 0, max: 16 }),
          fc.integer({ min: 1, max: 9 }),
          ({ id, birth }, at, delta) => {
            expect(validate('cn-resident-id', id)).toBe(true);
            expect(parseResidentId(id).birthDate).toBe(birth);
            const digit = (Number(id[at]) + delta) % 10;
            const changed = id.slice(0, at) + String(digit) + id.slice(at + 1);
            // ISO 7064 MOD 11-2 catches every single-digit error.
            expect(validate('cn-resident-id', changed)).toBe(false);
            expect(safeParseResidentId(changed)).toMatchObject({ ok: false });
          },
        ),
        { numRuns: 200 },
      );
    },
  );

  hardeningIt(
    'scan and redact: arbitrary text (lone surrogates, huge) gives in-bounds findings and no identifier left',
    () => {
      assertProperty(
        fc.property(
          fc.array(
            fc.oneof(
              anyString,
              residentId.map((r) => r.id),
            ),
            { maxLength: 6 },
          ),
          (parts) => {
            const text = parts.join(' ');
            const found = expectSafe('scan', () => scan(text), [text]);
            if (!found.ok) throw found.error;
            let last = -1;
            for (const finding of found.value) {
              expect(finding.start).toBeGreaterThanOrEqual(0);
              expect(finding.end).toBeLessThanOrEqual(text.length);
              expect(finding.start).toBeLessThan(finding.end);
              expect(finding.start).toBeGreaterThanOrEqual(last);
              last = finding.start;
              expect(finding.value).toBeUndefined(); // values only on request
            }
            const redacted = expectSafe('redact', () => redact(text), [text]);
            if (!redacted.ok) throw redacted.error;
            expect(typeof redacted.value).toBe('string');
            for (const part of parts) {
              if (validate('cn-resident-id', part)) expect(redacted.value).not.toContain(part);
            }
          },
        ),
        { numRuns: 80 },
      );
    },
  );

  hardeningIt('scan on huge and surrogate-heavy inputs finishes quickly', () => {
    for (const text of [
      '9'.repeat(200_000),
      '\uD800'.repeat(50_000),
      `${'1'.repeat(17)}\uDC00`.repeat(5_000),
      '@'.repeat(100_000),
      ':'.repeat(100_000),
    ]) {
      const start = performance.now();
      expectSafe('scan(huge)', () => scan(text));
      expect(performance.now() - start).toBeLessThan(2_000);
    }
    assertProperty(
      fc.property(hugeString, (text) => void expectSafe('redact(huge)', () => redact(text))),
      { numRuns: 6 },
    );
  });

  hardeningIt('profileTable drafts definitions that defineDataset accepts', () => {
    assertProperty(
      fc.property(
        fc.array(
          fc.record({
            name: fc.string(),
            id_card: residentId.map((r) => r.id),
            mobile: fc.stringMatching(/^1[3-9][0-9]{9}$/),
            note: anyString,
          }),
          { minLength: 1, maxLength: 10 },
        ),
        (records) => {
          const table = profileTable(records);
          expect(table.columns.map((c) => c.name)).toEqual(['name', 'id_card', 'mobile', 'note']);
          expect(table.columns[1]?.identifierType).toBe('cn-resident-id');
          expectSafe('defineDataset(draft)', () => defineDataset(table.definition));
        },
      ),
      { numRuns: 40 },
    );
  });

  hardeningIt(
    'utf16 strings round-trip through redact without changing non-identifier text length class',
    () => {
      assertProperty(
        fc.property(utf16, (text) => {
          const out = redact(text);
          // Nothing found, nothing changed.
          if (scan(text).length === 0) expect(out).toBe(text);
        }),
        { numRuns: 200 },
      );
    },
  );
});
