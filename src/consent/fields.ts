import { ValidationError } from '../errors/kinds.ts';
import type { Dataset } from '../tags/dataset.ts';
import type { PiCategory } from '../tags/pi-category.ts';
import { categoryBit, MINOR_CATEGORY, SENSITIVE_CATEGORIES } from './bits.ts';

/** A field named with its tags (as in a dataset schema). */
export interface FieldTag {
  readonly name: string;
  /** PI category; omit for non-personal fields. */
  readonly piCategory?: PiCategory | undefined;
  /** Force sensitivity (a dataset of minors makes every PI field sensitive). */
  readonly sensitive?: boolean | undefined;
}

/** Fields compiled for decide(). Internal. */
export interface FieldSet {
  readonly names: readonly string[];
  /** Category bit per field; 0 for non-personal fields. */
  readonly categories: Int32Array;
  readonly sensitive: Uint8Array;
  /** True when the fields are PI of minors under 14 (a `minorsUnder14` dataset or a `minor-under-14` field). */
  readonly minorData: boolean;
  /** The first requested name the dataset does not have. */
  readonly unknown: string | undefined;
  /** The dataset the fields came from, if any. */
  readonly dataset: Dataset | undefined;
}

/**
 * Compiles field tags. Throws on a malformed tag (wrong types, unknown category).
 *
 * @param tags - the tags
 * @param name - argument name for errors
 * @returns the field set
 */
export function fieldsFromTags(tags: readonly FieldTag[], name: string): FieldSet {
  const n = tags.length;
  const categories = new Int32Array(n);
  const sensitive = new Uint8Array(n);
  const names = new Array<string>(n);
  let minorData = false;
  for (let i = 0; i < n; i++) {
    const tag = tags[i];
    if (
      tag === null ||
      typeof tag !== 'object' ||
      typeof tag.name !== 'string' ||
      tag.name === ''
    ) {
      throw bad(`${name}[${i}] must be { name, piCategory?, sensitive? }`, `${name}[${i}]`);
    }
    names[i] = tag.name;
    const category = tag.piCategory;
    if (category !== undefined) {
      const bit = categoryBit.get(category);
      if (bit === undefined)
        throw bad(`${name}[${i}].piCategory is not a PI category`, `${name}[${i}]`);
      const mask = 1 << bit;
      categories[i] = mask;
      if ((mask & SENSITIVE_CATEGORIES) !== 0 || tag.sensitive === true) sensitive[i] = 1;
      if (mask === MINOR_CATEGORY) minorData = true;
    }
  }
  // Frozen: decisions hand this very array out as allowedFields when every field is allowed.
  return {
    names: Object.freeze(names),
    categories,
    sensitive,
    minorData,
    unknown: undefined,
    dataset: undefined,
  };
}

const datasetCache = new WeakMap<Dataset, { all: FieldSet; index: Map<string, number> }>();

/**
 * Compiles a dataset's fields (all, or the named ones). Unknown names are reported in `unknown`.
 *
 * @param schema - the dataset schema
 * @param names - the requested fields, or undefined for all
 * @returns the field set
 */
export function fieldsFromDataset(schema: Dataset, names: readonly string[] | undefined): FieldSet {
  let entry = datasetCache.get(schema);
  if (entry === undefined) {
    const all = fieldsFromTags(schema.fields, 'dataset.fields');
    const compiled: FieldSet = {
      ...all,
      minorData: all.minorData || schema.minorsUnder14,
      dataset: schema,
    };
    entry = { all: compiled, index: new Map(schema.fields.map((f, i) => [f.name, i])) };
    datasetCache.set(schema, entry);
  }
  if (names === undefined) return entry.all;
  const n = names.length;
  const categories = new Int32Array(n);
  const sensitive = new Uint8Array(n);
  let unknown: string | undefined;
  for (let i = 0; i < n; i++) {
    const at = entry.index.get(names[i] as string);
    if (at === undefined) {
      unknown ??= typeof names[i] === 'string' ? names[i] : String(i);
      continue;
    }
    categories[i] = entry.all.categories[at] as number;
    sensitive[i] = entry.all.sensitive[at] as number;
  }
  return { names, categories, sensitive, minorData: entry.all.minorData, unknown, dataset: schema };
}

function bad(message: string, path: string): ValidationError {
  return new ValidationError(message, { path, reason: 'invalid-field' });
}
