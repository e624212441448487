import type { SerializedClassCounts } from '../anonymity/class-counts.ts';
import {
  dateHierarchy,
  intervalHierarchy,
  regionHierarchy,
} from '../anonymity/hierarchy-builders.ts';
import { optimalGeneralization } from '../anonymity/search.ts';
import { compilePolicy } from '../deidentify/compile-policy.ts';
import type { PolicyDocument, PolicyRule, TransformSpec } from '../deidentify/policy-schema.ts';
import type { ReleasePlan } from './release-plan.ts';

/** A generalization that meets the release's k on its input, as a ready policy. */
export interface PolicySuggestion {
  /** Level chosen per quasi-identifier (0: kept as is). */
  readonly levels: Readonly<Record<string, number>>;
  /** What each quasi-identifier becomes, in words. */
  readonly steps: Readonly<Record<string, string>>;
  /** The release's policy with the quasi-identifiers' rules replaced by the suggestion. */
  readonly policy: PolicyDocument;
}

const SEP = '\u0001';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
// GB/T 2260 division codes (county, prefecture, province).
const REGION_CODE = /^\d{6}$/;
// Ages, counts and other small whole numbers (no leading zeros: not codes).
const WHOLE_NUMBER = /^(?:0|[1-9]\d{0,4})$/;
const INTERVAL_WIDTHS = [5, 10, 20] as const;
/** Input rows the search expands from class counts; above, no suggestion is made. */
const MAX_ROWS = 2_000_000;

interface Ladder {
  readonly hierarchy: readonly (readonly string[])[];
  /** Transform per level (undefined: keep). */
  readonly transforms: readonly (TransformSpec | undefined)[];
  readonly words: readonly string[];
}

/**
 * Proposes the optimal generalization of the dataset's quasi-identifiers for a
 * release that failed its k: ARX's lattice search (`optimalGeneralization`)
 * over the input's equivalence classes, with hierarchies built from the data —
 * the caller's hierarchies where given, dates by month, year and decade,
 * GB/T 2260 division codes by prefecture and province, whole numbers (ages,
 * counts) by intervals of 5, 10 and 20, any other attribute kept or
 * suppressed. The result is the release's policy with
 * the quasi-identifiers' rules replaced, checked to compile. Fields the
 * decision does not allow are dropped.
 *
 * @param plan - the release plan (dataset, policy, quasi-identifiers, k)
 * @param input - class counts of the input over the quasi-identifiers (complete)
 * @param hierarchies - the caller's hierarchies by field, if any
 * @param allowedFields - the fields the release's decision lets out (default: any)
 * @returns the suggestion, or undefined when none meets k within the limits
 */
export function suggestPolicy(
  plan: ReleasePlan,
  input: SerializedClassCounts,
  hierarchies: Readonly<Record<string, string | readonly (readonly string[])[]>> | undefined,
  allowedFields?: readonly string[],
): PolicySuggestion | undefined {
  const k = plan.requirements?.k;
  const qis = plan.quasiIdentifiers;
  if (k === undefined || qis.length === 0) return undefined;
  let rows = 0;
  for (const count of input.counts) rows += count;
  if (rows === 0 || rows > MAX_ROWS) return undefined;
  const records: Record<string, string>[] = [];
  const distinct = qis.map(() => new Set<string>());
  input.keys.forEach((key, c) => {
    const values = key.split(SEP);
    const record: Record<string, string> = {};
    qis.forEach((name, q) => {
      const value = values[q] ?? '';
      record[name] = value;
      (distinct[q] as Set<string>).add(value);
    });
    for (let i = 0; i < (input.counts[c] as number); i++) records.push(record);
  });
  const ladders: Record<string, Ladder> = {};
  qis.forEach((name, q) => {
    ladders[name] = ladderOf([...(distinct[q] as Set<string>)], hierarchies?.[name]);
  });
  let result: ReturnType<typeof optimalGeneralization>;
  try {
    result = optimalGeneralization(records, {
      quasiIdentifiers: qis,
      hierarchies: Object.fromEntries(
        qis.map((name) => [name, (ladders[name] as Ladder).hierarchy]),
      ),
      k,
      suppressionLimit: 0,
      metric: 'loss',
    });
  } catch {
    return undefined;
  }
  const levels = result.levels;
  const steps: Record<string, string> = {};
  const replaced = new Set(qis);
  const rules: PolicyRule[] = [];
  const keep = (plan.policy.keep ?? []).filter((name) => !replaced.has(name));
  for (const name of qis) {
    const ladder = ladders[name] as Ladder;
    const level = levels[name] ?? 0;
    steps[name] = ladder.words[level] ?? `level ${level}`;
    // A field the decision does not let out is dropped whatever level the search chose
    // (dropping is coarser than any level, so k still holds).
    const allowed = allowedFields === undefined || allowedFields.includes(name);
    if (!allowed) steps[name] = 'dropped (not allowed by the decision)';
    const transform = allowed ? ladder.transforms[level] : ({ type: 'redact' } as TransformSpec);
    if (transform === undefined) keep.push(name);
    else rules.push({ id: `suggested-${name}`, select: { fields: [name] }, transform });
  }
  const own = (plan.policy.rules ?? []).filter(
    (rule) => !(rule.select.fields?.length === 1 && replaced.has(rule.select.fields[0] as string)),
  );
  const policy = { ...plan.policy, keep, rules: [...rules, ...own] } as PolicyDocument;
  try {
    compilePolicy(policy, { dataset: plan.dataset });
  } catch {
    return undefined;
  }
  return { levels, steps, policy };
}

function ladderOf(
  values: readonly string[],
  given: string | readonly (readonly string[])[] | undefined,
): Ladder {
  if (given !== undefined && typeof given !== 'string') {
    const depth = (given[0]?.length ?? 1) - 1;
    const rows = values.map(
      (value) =>
        given.find((row) => row[0] === value) ?? [value, ...Array<string>(depth).fill('*')],
    );
    const transforms: (TransformSpec | undefined)[] = [undefined];
    const words = ['kept'];
    for (let level = 1; level <= depth; level++) {
      transforms.push({
        type: 'generalize',
        method: 'hierarchy',
        level,
        hierarchy: given,
      } as TransformSpec);
      words.push(`hierarchy level ${level}`);
    }
    return { hierarchy: rows, transforms, words };
  }
  if (values.length > 0 && values.every((value) => ISO_DATE.test(value))) {
    return {
      hierarchy: dateHierarchy(values, ['month', 'year', 'decade']),
      transforms: [
        undefined,
        { type: 'generalize', method: 'date', unit: 'month' } as TransformSpec,
        { type: 'generalize', method: 'date', unit: 'year' } as TransformSpec,
        { type: 'redact' } as TransformSpec,
        { type: 'redact' } as TransformSpec,
      ],
      words: ['kept', 'month', 'year', 'dropped (decade is not a policy unit)', 'dropped'],
    };
  }
  if (values.length > 0 && values.every((value) => REGION_CODE.test(value))) {
    return {
      hierarchy: regionHierarchy(values),
      transforms: [
        undefined,
        { type: 'generalize', method: 'region', level: 'prefecture' } as TransformSpec,
        { type: 'generalize', method: 'region', level: 'province' } as TransformSpec,
        { type: 'redact' } as TransformSpec,
      ],
      words: ['kept', 'prefecture', 'province', 'dropped'],
    };
  }
  if (values.length > 0 && values.every((value) => WHOLE_NUMBER.test(value))) {
    return {
      hierarchy: intervalHierarchy(values, { widths: [...INTERVAL_WIDTHS] }),
      transforms: [
        undefined,
        ...INTERVAL_WIDTHS.map(
          (width) => ({ type: 'generalize', method: 'interval', width }) as TransformSpec,
        ),
        { type: 'redact' } as TransformSpec,
      ],
      words: ['kept', ...INTERVAL_WIDTHS.map((width) => `intervals of ${width}`), 'dropped'],
    };
  }
  return {
    hierarchy: values.map((value) => [value, '*']),
    transforms: [undefined, { type: 'redact' } as TransformSpec],
    words: ['kept', 'dropped'],
  };
}

/**
 * The suggestion hook the gate calls when a release fails on k: proposes a
 * generalization from the input's class counts, hands it to `onSuggestion`
 * and returns it. Only exact counts (every input row counted) make one.
 *
 * @param plan - the release plan
 * @param input - the input's class counts, undefined when they are not exact
 * @param options - the release's `hierarchies` and `onSuggestion`
 * @param allowedFields - the fields the decision allows
 * @returns the hook for `gateRelease`
 */
export function suggestionHook(
  plan: ReleasePlan,
  input: SerializedClassCounts | undefined,
  options: {
    readonly hierarchies?: Parameters<typeof suggestPolicy>[2];
    readonly onSuggestion?: ((suggestion: PolicySuggestion) => void) | undefined;
  },
  allowedFields: readonly string[] | undefined,
): () => PolicySuggestion | undefined {
  return () => {
    if (input === undefined) return undefined;
    const suggestion = suggestPolicy(plan, input, options.hierarchies, allowedFields);
    if (suggestion !== undefined) options.onSuggestion?.(suggestion);
    return suggestion;
  };
}
