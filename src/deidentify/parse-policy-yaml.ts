import { parse as parseYaml } from 'yaml';
import { PolicyError } from '../errors/kinds.ts';
import { parsePolicy } from './parse-policy.ts';
import type { PolicyDocument } from './policy-schema.ts';

/**
 * Parses and validates a policy document written in YAML (or JSON, which is
 * YAML too), with the `yaml` package's core schema: no custom tags, alias
 * expansion bounded.
 *
 * @param text - the YAML text
 * @returns the validated policy
 * @throws {PolicyError} reason `invalid-syntax`, a zod issue code, or `duplicate-rule-id`
 * @example
 * ```ts
 * import { parsePolicyYaml } from 'dataguard/deidentify';
 * const policy = parsePolicyYaml('id: p\nversion: "1"\nrules: []\nkeep: [city]\n');
 * policy.keep; // ['city']
 * ```
 */
export function parsePolicyYaml(text: string): PolicyDocument {
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 100 });
  } catch (cause) {
    throw new PolicyError('policy is not valid YAML', {
      reason: 'invalid-syntax',
      path: 'policy',
      cause,
    });
  }
  return parsePolicy(value);
}
