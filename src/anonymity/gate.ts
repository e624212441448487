import { AnonymityError, ValidationError } from '../errors/kinds.ts';
import { type AnonymityMeasures, measureAnonymity } from './measures.ts';
import type {
  Hierarchy,
  LDiversityRequirement,
  TableInput,
  TClosenessRequirement,
} from './types.ts';

/** What a release must satisfy (rule S-TRADE, Fujian Art. 17; PIPL Art. 73). */
export interface AnonymityRequirements {
  /** Quasi-identifier names. */
  readonly quasiIdentifiers: readonly string[];
  /** Minimum equivalence class size. */
  readonly k: number;
  /** l-diversity requirement(s). */
  readonly lDiversity?: LDiversityRequirement | readonly LDiversityRequirement[] | undefined;
  /** t-closeness requirement(s). */
  readonly tCloseness?: TClosenessRequirement | readonly TClosenessRequirement[] | undefined;
  /** Largest share of suppressed records (every QI `*`); no limit when omitted. */
  readonly maxSuppressed?: number | undefined;
  /** Largest highest prosecutor (journalist, with a population) risk. */
  readonly maxHighestRisk?: number | undefined;
  /** Largest average record risk. */
  readonly maxAverageRisk?: number | undefined;
  /** Population for journalist risk. */
  readonly population?: TableInput | undefined;
}

/** One unmet requirement. */
export interface AnonymityFailure {
  /** Stable code: `k-anonymity`, `l-diversity`, `t-closeness`, `suppression`, `highest-risk`, `average-risk`. */
  readonly code: string;
  /** The rule and article it rests on. */
  readonly rule: 'S-TRADE';
  /** What failed, with numbers only (never values). */
  readonly message: string;
  /** Sizes of the failing classes (k-anonymity), smallest first, at most 100. */
  readonly classSizes?: readonly number[] | undefined;
}

/** The verdict of {@link checkAnonymous}. */
export type AnonymityCheck =
  | { readonly ok: true; readonly measures: AnonymityMeasures; readonly failures: readonly [] }
  | {
      readonly ok: false;
      readonly measures: AnonymityMeasures;
      readonly failures: readonly AnonymityFailure[];
    };

function asList<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/**
 * Checks a release against anonymity requirements without throwing (the twin
 * of {@link assertAnonymous}).
 *
 * @param table - the records to be released (generalized values)
 * @param requirements - k, l, t, suppression and risk limits
 * @returns `{ ok, measures, failures }`
 * @throws {ValidationError} on malformed requirements or table
 * @example
 * ```ts
 * import { checkAnonymous } from 'dataguard/anonymity';
 * const verdict = checkAnonymous([{ zip: '100**' }, { zip: '100**' }], { quasiIdentifiers: ['zip'], k: 2 });
 * verdict.ok; // true
 * ```
 */
export function checkAnonymous(
  table: TableInput,
  requirements: AnonymityRequirements,
): AnonymityCheck {
  if (requirements === null || typeof requirements !== 'object') {
    throw new ValidationError('requirements must be an object', {
      reason: 'invalid-options',
      path: 'requirements',
    });
  }
  const { k } = requirements;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
    throw new ValidationError('requirements.k must be an integer ≥ 1', {
      reason: 'invalid-parameter',
      path: 'requirements.k',
    });
  }
  const lDiversity = asList(requirements.lDiversity);
  const tCloseness = asList(requirements.tCloseness);
  const sensitive = [...new Set([...lDiversity, ...tCloseness].map((r) => r.attribute))];
  const tOptions: Record<
    string,
    { order?: readonly string[] | undefined; hierarchy?: Hierarchy | undefined }
  > = {};
  for (const t of tCloseness) tOptions[t.attribute] = { order: t.order, hierarchy: t.hierarchy };
  const measures = measureAnonymity(table, {
    quasiIdentifiers: requirements.quasiIdentifiers,
    sensitive,
    tCloseness: tOptions,
    population: requirements.population,
  });
  const failures: AnonymityFailure[] = [];
  if (measures.classes > 0 && measures.k < k) {
    const sizes = measures.classSizes
      .filter((c) => c.size < k)
      .flatMap((c) => Array<number>(c.classes).fill(c.size));
    failures.push({
      code: 'k-anonymity',
      rule: 'S-TRADE',
      message: `${sizes.length} equivalence classes are smaller than k=${k} (smallest ${measures.k})`,
      classSizes: sizes.slice(0, 100),
    });
  }
  for (const req of lDiversity) {
    const m = measures.lDiversity[req.attribute]!;
    const variant = req.variant ?? 'distinct';
    const ok =
      variant === 'distinct'
        ? m.distinct >= req.l
        : variant === 'entropy'
          ? m.entropy >= req.l * (1 - 1e-12)
          : recursiveHolds(table, requirements.quasiIdentifiers, req);
    if (!ok) {
      failures.push({
        code: 'l-diversity',
        rule: 'S-TRADE',
        message: `${variant} l-diversity of ${req.attribute} is below l=${req.l}`,
      });
    }
  }
  for (const req of tCloseness) {
    const m = measures.tCloseness[req.attribute]!;
    const distance = req.distance ?? 'equal';
    const value =
      distance === 'equal' ? m.equal : distance === 'ordered' ? m.ordered : (m.hierarchical ?? 1);
    if (value > req.t) {
      failures.push({
        code: 't-closeness',
        rule: 'S-TRADE',
        message: `${distance}-distance EMD of ${req.attribute} is ${value.toFixed(4)} > t=${req.t}`,
      });
    }
  }
  const total = measures.records + measures.suppressed;
  if (
    requirements.maxSuppressed !== undefined &&
    total > 0 &&
    measures.suppressed / total > requirements.maxSuppressed
  ) {
    failures.push({
      code: 'suppression',
      rule: 'S-TRADE',
      message: `${measures.suppressed} of ${total} records are suppressed, above ${requirements.maxSuppressed}`,
    });
  }
  const risk = measures.journalist ?? measures.prosecutor;
  if (requirements.maxHighestRisk !== undefined && risk.highest > requirements.maxHighestRisk) {
    failures.push({
      code: 'highest-risk',
      rule: 'S-TRADE',
      message: `highest re-identification risk ${risk.highest.toFixed(4)} > ${requirements.maxHighestRisk}`,
    });
  }
  if (requirements.maxAverageRisk !== undefined && risk.average > requirements.maxAverageRisk) {
    failures.push({
      code: 'average-risk',
      rule: 'S-TRADE',
      message: `average re-identification risk ${risk.average.toFixed(4)} > ${requirements.maxAverageRisk}`,
    });
  }
  return failures.length === 0
    ? { ok: true, measures, failures: [] }
    : { ok: false, measures, failures };
}

function recursiveHolds(
  table: TableInput,
  qis: readonly string[],
  req: LDiversityRequirement,
): boolean {
  // Recursive (c,l): per class, r1 < c (r_l + … + r_m); measured directly.
  const c = req.c;
  if (typeof c !== 'number' || !(c > 0)) {
    throw new ValidationError('lDiversity.c is required for recursive l-diversity', {
      reason: 'invalid-parameter',
      path: 'requirements.lDiversity.c',
    });
  }
  const records = Array.isArray(table) ? table : undefined;
  const columns = records
    ? undefined
    : (table as { columns: Record<string, readonly unknown[]> }).columns;
  const rows = records ? records.length : (columns?.[qis[0]!]?.length ?? 0);
  const get = (i: number, f: string) => String(records ? records[i]![f] : columns![f]![i]);
  const classes = new Map<string, Map<string, number>>();
  for (let i = 0; i < rows; i++) {
    const parts = qis.map((q) => get(i, q));
    if (parts.every((p) => p === '*')) continue;
    const key = parts.join('\u0001');
    let hist = classes.get(key);
    if (!hist) {
      hist = new Map();
      classes.set(key, hist);
    }
    const v = get(i, req.attribute);
    hist.set(v, (hist.get(v) ?? 0) + 1);
  }
  for (const hist of classes.values()) {
    const r = [...hist.values()].sort((a, b) => b - a);
    if (r.length < req.l) return false;
    const tail = r.slice(req.l - 1).reduce((a, b) => a + b, 0);
    if (!(r[0]! < c * tail)) return false;
  }
  return true;
}

/**
 * Throws unless a release meets its anonymity requirements. The error names
 * the failing checks and the failing class sizes, never any value.
 *
 * @param table - the records to be released
 * @param requirements - k, l, t, suppression and risk limits
 * @returns the measures of the passing table
 * @throws {AnonymityError} `not-anonymous` with details `failures` (codes) and `failingClassSizes`
 * @example
 * ```ts
 * import { assertAnonymous } from 'dataguard/anonymity';
 * import { AnonymityError } from 'dataguard/errors';
 * try {
 *   assertAnonymous([{ zip: '10001' }, { zip: '10002' }], { quasiIdentifiers: ['zip'], k: 2 });
 * } catch (error) {
 *   if (error instanceof AnonymityError) error.details?.failingClassSizes; // ['1', '1']
 * }
 * ```
 */
export function assertAnonymous(
  table: TableInput,
  requirements: AnonymityRequirements,
): AnonymityMeasures {
  const verdict = checkAnonymous(table, requirements);
  if (verdict.ok) return verdict.measures;
  const sizes = verdict.failures.flatMap((f) => f.classSizes ?? []);
  throw new AnonymityError(
    `release is not anonymous: ${verdict.failures.map((f) => f.message).join('; ')}`,
    {
      reason: 'not-anonymous',
      path: 'S-TRADE',
      details: {
        rule: 'S-TRADE',
        article: 'Fujian Art. 17; PIPL Art. 73',
        failures: verdict.failures.map((f) => f.code),
        failingClassSizes: sizes.map(String),
        k: verdict.measures.k,
      },
    },
  );
}
