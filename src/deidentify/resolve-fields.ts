import { PolicyError } from '../errors/kinds.ts';
import type { Dataset, DatasetField } from '../tags/dataset.ts';
import type {
  FieldSelector,
  PolicyDocument,
  PolicyProfile,
  PolicyRule,
  TransformSpec,
} from './policy-schema.ts';

/** One level of rules: a profile's, then the policy's own. */
export interface RuleLevel {
  /** Where the level sits in the document, for messages (`rules`, `profiles.x.rules`). */
  readonly where: string;
  readonly rules: readonly PolicyRule[];
  readonly keep: readonly string[];
  /** Where the keep list sits (`keep`, `profiles.x.keep`). */
  readonly keepWhere: string;
}

/** What the policy does to one dataset field. */
export interface FieldDecision {
  readonly field: DatasetField;
  /** Dataset index. */
  readonly index: number;
  /** The rule id, `keep` for a kept-list field, undefined when no rule covers it. */
  readonly rule: string | undefined;
  /** The document path of the rule, for messages. */
  readonly path: string;
  /** The transform, undefined when uncovered (dropped). */
  readonly spec: TransformSpec | undefined;
}

const KEEP: TransformSpec = { type: 'keep' };

/**
 * Decides each field's transform: within a level the first matching rule
 * wins, then the level's keep list; profile levels come before the policy's;
 * a field nothing covers is dropped. Naming an unknown field, a kept field
 * that a rule of the same level also names, or a rule that an earlier rule
 * of its level shadows for a field it names, is a PolicyError naming the rule.
 */
export function resolveFields(dataset: Dataset, levels: readonly RuleLevel[]): FieldDecision[] {
  const names = new Set(dataset.fields.map((field) => field.name));
  for (const level of levels) {
    level.keep.forEach((name, i) => {
      if (!names.has(name)) unknownField(`${level.keepWhere}[${i}]`, name);
    });
    level.rules.forEach((rule, r) => {
      rule.select.fields?.forEach((name, i) => {
        if (!names.has(name)) unknownField(`${level.where}[${r}].select.fields[${i}]`, name);
      });
    });
  }
  return dataset.fields.map((field, index) => {
    for (const level of levels) {
      const winner = level.rules.findIndex((rule) => matches(rule.select, field));
      const kept = level.keep.includes(field.name);
      // Explicit contradictions within one level are mistakes, not precedence.
      level.rules.forEach((rule, r) => {
        if (!rule.select.fields?.includes(field.name)) return;
        if (kept) {
          throw new PolicyError(
            `policy ${level.where}[${r}] (rule ${rule.id}) names field ${field.name}, which ${level.keepWhere} also keeps`,
            { reason: 'conflicting-keep', path: `${level.where}[${r}]` },
          );
        }
        if (r !== winner) {
          const first = level.rules[winner] as PolicyRule;
          throw new PolicyError(
            `policy ${level.where}[${r}] (rule ${rule.id}) names field ${field.name}, but the earlier rule ${first.id} already covers it`,
            { reason: 'shadowed-rule', path: `${level.where}[${r}]` },
          );
        }
      });
      if (winner >= 0) {
        const rule = level.rules[winner] as PolicyRule;
        return {
          field,
          index,
          rule: rule.id,
          path: `${level.where}[${winner}]`,
          spec: rule.transform,
        };
      }
      if (kept) return { field, index, rule: 'keep', path: level.keepWhere, spec: KEEP };
    }
    return { field, index, rule: undefined, path: '', spec: undefined };
  });
}

function matches(select: FieldSelector, field: DatasetField): boolean {
  if (select.fields !== undefined && !select.fields.includes(field.name)) return false;
  if (select.roles !== undefined && !select.roles.includes(field.role)) return false;
  if (select.grades !== undefined && !select.grades.includes(field.grade)) return false;
  if (select.sensitive !== undefined && select.sensitive !== field.sensitive) return false;
  if (select.piCategories !== undefined) {
    if (field.piCategory === undefined || !select.piCategories.includes(field.piCategory)) {
      return false;
    }
  }
  return true;
}

function unknownField(path: string, name: string): never {
  throw new PolicyError(`policy ${path} names field ${name}, which the dataset does not have`, {
    reason: 'unknown-field',
    path,
  });
}

/**
 * The rule levels of a policy: the chosen profile's (if any), then the policy's own.
 */
export function ruleLevels(
  policy: PolicyDocument,
  chosen: { readonly name: string; readonly profile: PolicyProfile } | undefined,
): RuleLevel[] {
  const levels: RuleLevel[] = [];
  if (chosen !== undefined) {
    levels.push({
      where: `profiles.${chosen.name}.rules`,
      rules: chosen.profile.rules ?? [],
      keep: chosen.profile.keep ?? [],
      keepWhere: `profiles.${chosen.name}.keep`,
    });
  }
  levels.push({ where: 'rules', rules: policy.rules, keep: policy.keep ?? [], keepWhere: 'keep' });
  return levels;
}
