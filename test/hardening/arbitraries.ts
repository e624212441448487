// Hostile inputs for the property tests: arbitrary values of every JavaScript
// type, strings with lone surrogates, huge values, and valid documents with
// fields removed, added or replaced by garbage.
import fc from 'fast-check';

/** Strings of arbitrary UTF-16 code units, lone surrogates included. */
export const utf16: fc.Arbitrary<string> = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
  .map((codes) => String.fromCharCode(...codes));

/** Strings that look like the identifiers dataguard handles, with noise around. */
export const identifierish: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[0-9]{6}(19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx]$/),
  fc.stringMatching(/^1[3-9][0-9]{9}$/),
  fc.stringMatching(/^[0-9]{12,19}$/),
  fc.stringMatching(/^[0-9A-Z]{18}$/),
  fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,8}\.(com|cn)$/),
  fc.stringMatching(/^([0-9]{1,3}\.){3}[0-9]{1,3}$/),
);

const HUGE = {
  digits: '9'.repeat(200_000),
  letters: 'a'.repeat(200_000),
  spaces: ' '.repeat(200_000),
  surrogates: '\uD800'.repeat(50_000),
  chinese: '张'.repeat(100_000),
  mixed: '13800138000 '.repeat(20_000),
};

/** Very large strings (shared, so generation stays cheap). */
export const hugeString: fc.Arbitrary<string> = fc.constantFrom(...Object.values(HUGE));

/** Any string: ordinary, full Unicode, lone surrogates, identifier-like, or huge. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 3, arbitrary: utf16 },
  { weight: 3, arbitrary: identifierish },
  { weight: 1, arbitrary: hugeString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '__proto__',
      'constructor',
      'toString',
      'NaN',
      '-0',
      '1e309',
    ),
  },
);

/** Numbers at the edges. */
export const edgeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_SAFE_INTEGER,
    2 ** 53 + 2,
    Number.MIN_VALUE,
    1e308,
    2 ** 31,
    2 ** 32,
  ),
);

/** Any value at all: every JavaScript type, nested, with odd prototypes. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.anything({
      maxDepth: 3,
      maxKeys: 5,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withNullPrototype: true,
      withSparseArray: true,
      withBoxedValues: true,
      withObjectString: true,
    }),
  },
  { weight: 2, arbitrary: anyString },
  { weight: 2, arbitrary: edgeNumber },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      undefined,
      null,
      true,
      false,
      Symbol('x'),
      () => 1,
      new Uint8Array(3),
      [],
      {},
      Object.create(null),
      new Date(Number.NaN),
      Promise.resolve(1),
    ),
  },
);

/** Garbage of a handful of JSON-ish shapes, for when the target is plain data. */
export const jsonGarbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  anyString,
  edgeNumber,
  fc.constantFrom(undefined, null),
);

type Path = readonly (string | number)[];

function isPlain(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

function pathsOf(value: unknown, prefix: Path = [], depth = 0, out: Path[] = []): Path[] {
  if (depth > 4 || !isPlain(value)) return out;
  for (const key of Object.keys(value)) {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    out.push(path);
    pathsOf((value as Record<string, unknown>)[key], path, depth + 1, out);
  }
  return out;
}

type Mutation =
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'add'; readonly at: number; readonly key: string; readonly value: unknown };

function apply(valid: unknown, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(valid);
  for (const mutation of mutations) {
    const paths = pathsOf(copy);
    if (paths.length === 0) break;
    const path = paths[mutation.at % paths.length] as Path;
    let parent = copy as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (mutation.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (mutation.kind === 'replace') {
      parent[last] = mutation.value;
    } else {
      // Arrays get an extra element (named keys on arrays would break index paths
      // and Array species lookups); objects get the extra key.
      const target = parent[last];
      const holder = isPlain(target) ? target : parent;
      if (Array.isArray(holder)) holder.push(mutation.value);
      else
        Object.defineProperty(holder, mutation.key, {
          value: mutation.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
  }
  return copy;
}

/**
 * A valid document with one to four random mutations anywhere inside it:
 * a field deleted, replaced by garbage (wrong type, huge, lone surrogates),
 * or an extra field added (including `__proto__` and `constructor`).
 */
export function mutated<T>(
  valid: T,
  values: fc.Arbitrary<unknown> = garbage,
): fc.Arbitrary<unknown> {
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: values }),
    fc.record({
      kind: fc.constant('add' as const),
      at: fc.nat(),
      key: fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'toJSON', 'then'),
      ),
      value: values,
    }),
  );
  return fc
    .array(mutation, { minLength: 1, maxLength: 4 })
    .map((mutations) => apply(valid, mutations));
}

/** Plain records with a given set of field names, values of any type (missing ones included). */
export function garbageRecord(fields: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const entries = fields.map((name) => [name, fc.option(garbage, { nil: undefined })] as const);
  return fc
    .tuple(
      fc.record(Object.fromEntries(entries), { requiredKeys: [] }),
      fc.dictionary(fc.string({ maxLength: 6 }), garbage, { maxKeys: 2 }),
    )
    .map(([known, extra]) => ({ ...extra, ...known }));
}
