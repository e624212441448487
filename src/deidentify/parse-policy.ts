import { validationErrorFromZod } from '../errors/from-zod.ts';
import { PolicyError } from '../errors/kinds.ts';
import { type PolicyDocument, PolicyDocumentSchema, type PolicyRule } from './policy-schema.ts';

/**
 * Parses and validates a policy document given as JSON text or as an object
 * (for YAML text use `parsePolicyYaml` (`dataguard/deidentify`), which keeps the YAML parser out
 * of bundles that do not need it). Rule ids must be unique across the policy
 * and its profiles.
 *
 * @param input - JSON text, or an already parsed object
 * @returns the validated policy
 * @throws {PolicyError} reason `invalid-syntax`, a zod issue code, or `duplicate-rule-id`
 * @example
 * ```ts
 * import { parsePolicy } from 'dataguard/deidentify';
 * const policy = parsePolicy('{"id":"p","version":"1","rules":[],"keep":["city"]}');
 * policy.keep; // ['city']
 * ```
 */
export function parsePolicy(input: string | unknown): PolicyDocument {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (cause) {
      throw new PolicyError('policy text is not valid JSON (use parsePolicyYaml for YAML)', {
        reason: 'invalid-syntax',
        path: 'policy',
        cause,
      });
    }
  }
  const result = PolicyDocumentSchema.safeParse(value);
  if (!result.success) {
    const error = validationErrorFromZod('policy', result.error);
    throw new PolicyError(error.message, {
      reason: error.reason ?? 'invalid',
      path: error.path ?? 'policy',
      cause: error,
    });
  }
  const policy = result.data;
  const seen = new Set<string>();
  const check = (rules: readonly PolicyRule[] | undefined, where: string) => {
    rules?.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        throw new PolicyError(`policy ${where}[${index}]: rule id ${rule.id} is used twice`, {
          reason: 'duplicate-rule-id',
          path: `${where}[${index}].id`,
        });
      }
      seen.add(rule.id);
    });
  };
  check(policy.rules, 'rules');
  for (const [name, profile] of Object.entries(policy.profiles ?? {})) {
    check(profile.rules, `profiles.${name}.rules`);
  }
  return policy;
}
