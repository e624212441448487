import type { PartyRef } from '../core/refs.ts';
import type { Catalog } from '../tags/catalog.ts';
import type { Dataset } from '../tags/dataset.ts';
import type { FieldTag } from './fields.ts';
import type { CompiledRequest, DatasetFields, DecisionTemplate } from './request.ts';

// decide(request) compiles the subject-independent part of each request. Callers
// usually pass the same `fields` array for the same endpoint, so compiled
// requests are cached per fields object and reused after a cheap check that
// nothing they were compiled from has changed (no allocation on a hit).

interface Entry {
  readonly compiled: CompiledRequest;
  readonly purpose: string;
  readonly processing: string;
  readonly basis: string | undefined;
  readonly recipient: string | undefined;
  readonly handler: string | undefined;
  readonly handlerKind: string | undefined;
  readonly crossBorder: boolean;
  readonly collectedAt: string | number | undefined;
  readonly names: readonly string[] | undefined;
  readonly categories: readonly (string | undefined)[] | undefined;
  readonly sensitive: readonly (boolean | undefined)[] | undefined;
  readonly datasetId: string | undefined;
  readonly datasetVersion: string | undefined;
  readonly schema: Dataset | undefined;
}

const PER_KEY = 8;

/** A cache of compiled requests keyed by the request's `fields` object. Internal. */
export interface RequestCache {
  /** The compiled request, from the cache when still valid, else compiled and cached. */
  get(template: DecisionTemplate, taxonomyVersion: number): CompiledRequest;
}

/**
 * Creates a request cache.
 *
 * @param compile - compiles a request
 * @param catalog - the catalog (dataset fields are re-checked against it)
 * @returns the cache
 */
export function createRequestCache(
  compile: (template: DecisionTemplate) => CompiledRequest,
  catalog: Catalog | undefined,
): RequestCache {
  const cache = new WeakMap<object, Entry[]>();
  return {
    get(t, taxonomyVersion) {
      const fields = t.fields;
      const cacheable =
        fields !== null &&
        typeof fields === 'object' &&
        t.needed === undefined &&
        t.recollectionLaw === undefined &&
        // C-NO-DUP reads the whole catalog: collection by an agency is compiled every time.
        !(t.processing === 'collect' && typeof t.handler === 'object') &&
        (t.collectedAt === undefined ||
          typeof t.collectedAt === 'string' ||
          typeof t.collectedAt === 'number');
      if (!cacheable) return compile(t);
      const entries = cache.get(fields);
      if (entries !== undefined) {
        for (let i = 0; i < entries.length; i++) {
          const e = entries[i] as Entry;
          if (e.compiled.taxonomyVersion === taxonomyVersion && matches(e, t, catalog)) {
            return e.compiled;
          }
        }
      }
      const compiled = compile(t);
      const entry = snapshot(compiled, t);
      if (entries === undefined) cache.set(fields, [entry]);
      else {
        if (entries.length >= PER_KEY) entries.shift();
        entries.push(entry);
      }
      return compiled;
    },
  };
}

function partyId(value: string | PartyRef | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.id;
}

function snapshot(compiled: CompiledRequest, t: DecisionTemplate): Entry {
  const base = {
    compiled,
    purpose: t.purpose,
    processing: t.processing,
    basis: t.legalBasis,
    recipient: partyId(t.recipient),
    handler: partyId(t.handler),
    handlerKind: typeof t.handler === 'object' ? t.handler.kind : undefined,
    crossBorder: t.crossBorder === true,
    collectedAt: t.collectedAt as string | number | undefined,
  };
  if (Array.isArray(t.fields)) {
    const tags = t.fields as readonly FieldTag[];
    return {
      ...base,
      names: tags.map((f) => f.name),
      categories: tags.map((f) => f.piCategory),
      sensitive: tags.map((f) => f.sensitive),
      datasetId: undefined,
      datasetVersion: undefined,
      schema: undefined,
    };
  }
  const ref = t.fields as DatasetFields;
  return {
    ...base,
    names: ref.names === undefined ? undefined : [...ref.names],
    categories: undefined,
    sensitive: undefined,
    datasetId: ref.dataset.id,
    datasetVersion: ref.dataset.version,
    schema: compiled.fields.dataset,
  };
}

function matches(e: Entry, t: DecisionTemplate, catalog: Catalog | undefined): boolean {
  if (
    t.purpose !== e.purpose ||
    t.processing !== e.processing ||
    t.legalBasis !== e.basis ||
    (t.crossBorder === true) !== e.crossBorder ||
    t.collectedAt !== e.collectedAt ||
    partyId(t.recipient) !== e.recipient ||
    partyId(t.handler) !== e.handler ||
    (typeof t.handler === 'object' ? t.handler.kind : undefined) !== e.handlerKind
  ) {
    return false;
  }
  const names = e.names;
  if (e.categories !== undefined) {
    const tags = t.fields as readonly FieldTag[];
    const categories = e.categories;
    const sensitive = e.sensitive as readonly (boolean | undefined)[];
    if (names === undefined || tags.length !== names.length) return false;
    for (let i = 0; i < tags.length; i++) {
      const tag = tags[i] as FieldTag;
      if (
        tag === null ||
        typeof tag !== 'object' ||
        tag.name !== names[i] ||
        tag.piCategory !== categories[i] ||
        tag.sensitive !== sensitive[i]
      ) {
        return false;
      }
    }
    return true;
  }
  const ref = t.fields as DatasetFields;
  if (ref.dataset === null || typeof ref.dataset !== 'object') return false;
  if (ref.dataset.id !== e.datasetId || ref.dataset.version !== e.datasetVersion) return false;
  const asked = ref.names;
  if ((asked === undefined) !== (names === undefined)) return false;
  if (asked !== undefined && names !== undefined) {
    if (!Array.isArray(asked) || asked.length !== names.length) return false;
    for (let i = 0; i < asked.length; i++) if (asked[i] !== names[i]) return false;
  }
  // A newer dataset version in the catalog means a new compile.
  return (catalog?.get(e.datasetId as string, e.datasetVersion) ?? undefined) === e.schema;
}
