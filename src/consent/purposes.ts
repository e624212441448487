import type { Duration } from 'date-fns';
import { z } from 'zod';
import { parseArgument } from '../core/parse.ts';
import { PurposeId } from '../core/refs.ts';
import { ValidationError } from '../errors/kinds.ts';
import { PiCategory } from '../tags/pi-category.ts';
import { LegalBasis } from '../tags/vocabulary.ts';
import { agencyPurposes } from './agency-purposes.ts';
import { basisBit, categoryBit, maskOf } from './bits.ts';
import { parseDuration } from './duration.ts';
import type { PurposeBasis, PurposeDefinition, PurposeNeeds } from './purpose-definition.ts';

export type { PurposeBasis, PurposeDefinition, PurposeNeeds } from './purpose-definition.ts';

/** Zod schema of {@link PurposeDefinition}. */
const PurposeDefinitionSchema: z.ZodType<PurposeDefinition> = z.strictObject({
  id: PurposeId,
  title: z.string().min(1).max(256).optional(),
  zh: z.string().min(1).max(256).optional(),
  bases: z
    .array(
      z.strictObject({
        basis: LegalBasis.exclude(['consent']),
        law: z.string().trim().min(1).max(500),
      }),
    )
    .optional(),
  needs: z
    .strictObject({
      fields: z.array(z.string().min(1).max(128)).optional(),
      categories: z.array(PiCategory).optional(),
    })
    .optional(),
  retention: z.string().max(64).optional(),
});

/** What {@link PurposeTaxonomy.extend} adds to a purpose: needs and legal bases (never removes). */
export interface PurposeExtension {
  bases?: PurposeBasis[] | undefined;
  needs?: PurposeNeeds | undefined;
}

/** Zod schema of {@link PurposeExtension}. */
const PurposeExtensionSchema: z.ZodType<PurposeExtension> = z.strictObject({
  bases: z
    .array(
      z.strictObject({
        basis: LegalBasis.exclude(['consent']),
        law: z.string().trim().min(1).max(500),
      }),
    )
    .optional(),
  needs: z
    .strictObject({
      fields: z.array(z.string().min(1).max(128)).optional(),
      categories: z.array(PiCategory).optional(),
    })
    .optional(),
});

/** A purpose with its effective (declared or inherited) bases, needs and retention. */
export interface Purpose {
  readonly id: string;
  readonly parent?: string;
  readonly title?: string;
  readonly zh?: string;
  readonly bases: readonly Readonly<PurposeBasis>[];
  readonly needs?: {
    readonly fields: readonly string[];
    readonly categories: readonly PiCategory[];
  };
  readonly retention?: string;
}

/** A dotted purpose taxonomy: a consent to a purpose covers its descendants, never its ancestors. */
export interface PurposeTaxonomy {
  /** Adds a purpose; redefining one with identical content is a no-op, with different content an error. */
  define(definition: PurposeDefinition): Purpose;
  /**
   * Adds needs and legal bases to a purpose already defined (a seeded one,
   * say) without rebuilding the taxonomy; its descendants inherit them as
   * they would have. Deciders see the change at once.
   */
  extend(id: string, extension: PurposeExtension): Purpose;
  /** The purpose, or undefined when unknown. */
  get(id: string): Purpose | undefined;
  /** Whether the purpose is defined. */
  has(id: string): boolean;
  /** Whether a consent or grant for `granted` covers processing for `requested` (same or descendant). */
  covers(granted: string, requested: string): boolean;
  /** Every purpose, in definition order. */
  list(): readonly Purpose[];
  /** Grows with every definition and extension; lets compiled caches notice changes. */
  readonly version: number;
}

/** A purpose compiled for decide(): interned ids and masks. Internal. */
export interface CompiledPurpose {
  readonly index: number;
  readonly purpose: Purpose;
  /** Interned ids of the purpose and its ancestors, itself first. */
  readonly ancestors: readonly number[];
  /** Bits of the non-consent legal bases allowed. */
  readonly basisMask: number;
  readonly laws: ReadonlyMap<string, string>;
  readonly needs: { readonly fields: ReadonlySet<string>; readonly categories: number } | undefined;
  readonly retention: Duration | undefined;
}

const internals = new WeakMap<PurposeTaxonomy, ReadonlyMap<string, CompiledPurpose>>();

/**
 * The compiled form of a purpose (internal to dataguard/consent).
 *
 * @param taxonomy - a taxonomy made by {@link createPurposeTaxonomy}
 * @param id - the purpose id
 * @returns the compiled purpose, or undefined when unknown
 */
export function compiledPurpose(
  taxonomy: PurposeTaxonomy,
  id: string,
): CompiledPurpose | undefined {
  return internals.get(taxonomy)?.get(id);
}

/**
 * Creates a purpose taxonomy, seeded by default with the agency purposes of
 * {@link agencyPurposes} (public service, statutory duty, statistics, research…).
 *
 * @param options - `seed: false` for an empty taxonomy; `purposes` to define after the seeds
 * @returns the taxonomy
 * @throws {ValidationError} when a definition is invalid, its parent is unknown or it conflicts
 * @example
 * ```ts
 * import { createPurposeTaxonomy } from 'dataguard/consent';
 * const purposes = createPurposeTaxonomy({ purposes: [
 *   { id: 'public-service.social-assistance.home-visit', needs: { categories: ['basic', 'property'] } },
 * ] });
 * purposes.covers('public-service.social-assistance', 'public-service.social-assistance.home-visit'); // true
 * purposes.covers('public-service.social-assistance.home-visit', 'public-service'); // false
 * ```
 */
export function createPurposeTaxonomy(
  options: { seed?: boolean; purposes?: readonly PurposeDefinition[] } = {},
): PurposeTaxonomy {
  const compiled = new Map<string, CompiledPurpose>();
  // The definitions as given (for define()'s no-op check) and as extended.
  const definitions = new Map<string, string>();
  const own = new Map<string, PurposeDefinition>();
  const order: Purpose[] = [];

  function define(input: PurposeDefinition): Purpose {
    const definition = parseArgument(PurposeDefinitionSchema, input, 'purpose');
    const text = JSON.stringify(definition);
    const previous = definitions.get(definition.id);
    if (previous !== undefined) {
      if (previous === text) return (compiled.get(definition.id) as CompiledPurpose).purpose;
      throw new ValidationError(
        `purpose ${definition.id} is already defined differently; extend() adds needs and bases to it`,
        { path: 'purpose.id', reason: 'purpose-conflict' },
      );
    }
    const cut = definition.id.lastIndexOf('.');
    const parentId = cut < 0 ? undefined : definition.id.slice(0, cut);
    if (parentId !== undefined && !compiled.has(parentId)) {
      throw new ValidationError(
        `purpose ${definition.id} needs its parent ${parentId} to be defined first`,
        { path: 'purpose.id', reason: 'unknown-parent-purpose' },
      );
    }
    const entry = build(definition, compiled.size);
    definitions.set(definition.id, text);
    own.set(definition.id, definition);
    order.push(entry.purpose);
    taxonomy.version++;
    return entry.purpose;
  }

  function extend(id: string, input: PurposeExtension): Purpose {
    const current = typeof id === 'string' ? own.get(id) : undefined;
    if (current === undefined) {
      throw new ValidationError(`purpose ${String(id)} is not in the taxonomy`, {
        path: 'id',
        reason: 'unknown-purpose',
      });
    }
    const ext = parseArgument(PurposeExtensionSchema, input, 'extension');
    const merged: PurposeDefinition = { ...current };
    if (ext.bases !== undefined) {
      const bases = [...(current.bases ?? [])];
      for (const b of ext.bases) {
        if (!bases.some((x) => x.basis === b.basis && x.law === b.law)) bases.push(b);
      }
      merged.bases = bases;
    }
    if (ext.needs !== undefined) {
      // A purpose that declared no needs inherited its ancestor's: extend those.
      const base = current.needs ?? compiled.get(id)?.purpose.needs;
      merged.needs = {
        fields: [...new Set([...(base?.fields ?? []), ...(ext.needs.fields ?? [])])],
        categories: [...new Set([...(base?.categories ?? []), ...(ext.needs.categories ?? [])])],
      };
    }
    own.set(id, merged);
    // Rebuild the purpose and its descendants in definition order (parents first), same indices.
    const prefix = `${id}.`;
    for (let i = 0; i < order.length; i++) {
      const purpose = order[i] as Purpose;
      if (purpose.id !== id && !purpose.id.startsWith(prefix)) continue;
      const entry = build(own.get(purpose.id) as PurposeDefinition, i);
      order[i] = entry.purpose;
    }
    taxonomy.version++;
    return (compiled.get(id) as CompiledPurpose).purpose;
  }

  function build(definition: PurposeDefinition, index: number): CompiledPurpose {
    const cut = definition.id.lastIndexOf('.');
    const parentId = cut < 0 ? undefined : definition.id.slice(0, cut);
    const parent = parentId === undefined ? undefined : compiled.get(parentId);
    const retention =
      definition.retention === undefined
        ? parent?.retention
        : parseDuration(definition.retention, 'purpose.retention');
    // The purpose's own bases first: its law is more specific than an ancestor's.
    const bases: Readonly<PurposeBasis>[] = (definition.bases ?? []).map((b) =>
      Object.freeze({ ...b }),
    );
    for (const basis of parent?.purpose.bases ?? []) {
      if (!bases.some((b) => b.basis === basis.basis && b.law === basis.law)) bases.push(basis);
    }
    const ownNeeds = definition.needs;
    const needs =
      ownNeeds === undefined
        ? parent?.purpose.needs
        : Object.freeze({
            fields: Object.freeze([...(ownNeeds.fields ?? [])]),
            categories: Object.freeze([...(ownNeeds.categories ?? [])]),
          });
    const retentionText = definition.retention ?? parent?.purpose.retention;
    const purpose: Purpose = Object.freeze({
      id: definition.id,
      ...(parentId === undefined ? {} : { parent: parentId }),
      ...(definition.title === undefined ? {} : { title: definition.title }),
      ...(definition.zh === undefined ? {} : { zh: definition.zh }),
      bases: Object.freeze(bases),
      ...(needs === undefined ? {} : { needs }),
      ...(retentionText === undefined ? {} : { retention: retentionText }),
    });
    // A plain (packed small-integer) array, like consents' purposes, keeps the check monomorphic.
    const ancestors = [index, ...(parent?.ancestors ?? [])];
    const laws = new Map<string, string>();
    for (const basis of bases) if (!laws.has(basis.basis)) laws.set(basis.basis, basis.law);
    const entry: CompiledPurpose = {
      index,
      purpose,
      ancestors,
      basisMask: maskOf(basisBit, [...laws.keys()]),
      laws,
      needs:
        needs === undefined
          ? undefined
          : {
              fields: new Set(needs.fields),
              categories: maskOf(categoryBit, needs.categories),
            },
      retention,
    };
    compiled.set(definition.id, entry);
    return entry;
  }

  const taxonomy = {
    version: 0,
    define,
    extend,
    get: (id: string) => compiled.get(id)?.purpose,
    has: (id: string) => compiled.has(id),
    covers(granted: string, requested: string): boolean {
      const g = compiled.get(granted);
      const r = compiled.get(requested);
      return g !== undefined && r?.ancestors.includes(g.index) === true;
    },
    list: () => [...order],
  };
  internals.set(taxonomy, compiled);
  if (options.seed !== false) for (const definition of agencyPurposes) define(definition);
  for (const definition of options.purposes ?? []) define(definition);
  return taxonomy;
}
