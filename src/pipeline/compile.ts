import { compilePolicy, type FieldPlan } from '../deidentify/compile-policy.ts';
import type { RejectHandling } from '../deidentify/row-runner.ts';
import type { Transformer } from '../deidentify/transformer.ts';
import { AnonymityError, ConsentError, PolicyError } from '../errors/kinds.ts';
import { isAtLeast } from '../tags/grade.ts';
import type { ReleaseDecision } from './decide.ts';
import type { ProtectOptions } from './protect-options.ts';
import type { ReleasePlan } from './release-plan.ts';

/** The policy compiled for a release and checked against its decision (stage `compile`). */
export interface CompiledRelease {
  readonly transformer: Transformer;
  /** Output columns, in order. */
  readonly columns: readonly string[];
  /** Key id used by each keyed output column (recorded in the ledger event for re-identification). */
  readonly columnKeys: Readonly<Record<string, string>>;
  /** Distinct key ids used. */
  readonly keyIds: readonly string[];
}

const PROVIDES: ReadonlySet<string> = new Set(['share', 'provide', 'transmit']);
const OPENS: ReadonlySet<string> = new Set(['open', 'trade']);
const S_TRADE = { rule: 'S-TRADE', article: 'Fujian Arts. 17, 40; PIPL Art. 73' };

/**
 * Compiles the release's policy into a transformer (once; `decide` reads its
 * output fields, `compile` checks it).
 *
 * @param plan - the release plan
 * @param options - keyring, vault, hierarchies
 * @param rejects - reject handling for the transformer
 * @returns the transformer
 * @throws {PolicyError} when the policy cannot apply to the dataset
 */
export function prepareTransformer(
  plan: ReleasePlan,
  options: Pick<ProtectOptions, 'keyring' | 'vault' | 'hierarchies'>,
  rejects: RejectHandling,
): Transformer {
  // Profiles are chosen by purpose and recipient only when the policy has any.
  const profiled =
    plan.policy.profiles !== undefined && Object.keys(plan.policy.profiles).length > 0;
  return compilePolicy(plan.policy, {
    dataset: plan.dataset,
    keyring: options.keyring,
    vault: options.vault,
    profile: plan.profile,
    purpose: profiled ? plan.purpose : undefined,
    recipient: profiled ? plan.recipient?.id : undefined,
    hierarchies: options.hierarchies,
    rejects,
  });
}

/**
 * Stage `compile`: the policy may only narrow what the decision allows.
 * Refuses a field the decision withheld (S-REQUEST), a `none` field in a
 * provision (S-TYPES), a `closed` field, core or important data or sensitive
 * PI in an opening (S-OPEN, G-GRADE-GATES), a direct identifier left raw in a
 * release without the decision's explicit permission (P-DEID), and keyed or
 * reversible transforms in anonymous releases (S-TRADE).
 *
 * @param plan - the release plan
 * @param decision - the decision the release rests on
 * @param transformer - the compiled policy
 * @param activeKeyId - the keyring's active key id (for keyed columns that name none)
 * @returns the compiled release
 * @throws {ConsentError} when the policy releases what the decision or the rules do not allow
 * @throws {AnonymityError} when an anonymous release would be restorable or identifying
 */
export function compileRelease(
  plan: ReleasePlan,
  decision: ReleaseDecision,
  transformer: Transformer,
  activeKeyId: string,
): CompiledRelease {
  const out = transformer.fields.filter((field) => field.outcome !== 'dropped');
  const names = out.map((field) => field.field);
  if (decision.allowedFields !== undefined) {
    const allowed = decision.allowedFields;
    const withheld = names.filter((name) => !allowed.includes(name));
    if (withheld.length > 0) {
      throw new ConsentError(
        `the policy releases fields the ${decision.kind} decision withheld: ${withheld.join(', ')} (rule S-REQUEST, least and enough)`,
        {
          reason: 'field-withheld',
          path: 'policy',
          details: { rules: ['S-REQUEST'], fields: withheld },
        },
      );
    }
  }
  for (const plan_ of out) checkField(plan, decision, plan_);
  if (plan.isAnonymous) for (const field of out) refuseRestorable(plan, field);
  const columnKeys: Record<string, string> = {};
  for (const field of out) {
    if (field.outcome !== 'transformed' || field.traits?.keyed !== true) continue;
    columnKeys[field.field] = ruleKeyId(transformer, field.rule) ?? activeKeyId;
  }
  return {
    transformer,
    columns: transformer.columns,
    columnKeys,
    keyIds: [...new Set(Object.values(columnKeys))],
  };
}

function checkField(plan: ReleasePlan, decision: ReleaseDecision, output: FieldPlan): void {
  const field = plan.dataset.fields.find((candidate) => candidate.name === output.field);
  if (field === undefined) return;
  if (PROVIDES.has(plan.processing) && field.share === 'none') {
    throw new ConsentError(
      `field ${field.name} is not shared (share type "none": ${field.shareBasis ?? 'no basis recorded'}); the policy must drop it (rule S-TYPES, Fujian Art. 14)`,
      {
        reason: 'not-shared',
        path: `policy:${output.rule ?? field.name}`,
        details: { rules: ['S-TYPES'], fields: [field.name] },
      },
    );
  }
  if (OPENS.has(plan.processing)) {
    if (field.open === 'closed') {
      throw new ConsentError(
        `field ${field.name} is closed to opening (${field.openBasis ?? 'no basis recorded'}); the policy must drop it (rule S-OPEN)`,
        {
          reason: 'not-open',
          path: `policy:${output.rule ?? field.name}`,
          details: { rules: ['S-OPEN'], fields: [field.name] },
        },
      );
    }
    if (field.open === 'on-application' && decision.kind !== 'grant' && decision.kind !== 'open') {
      throw new ConsentError(
        `field ${field.name} opens only on application: the release needs an opening decision or grant (rule S-OPEN)`,
        {
          reason: 'needs-application',
          path: `policy:${output.rule ?? field.name}`,
          details: { rules: ['S-OPEN'], fields: [field.name] },
        },
      );
    }
    if (isAtLeast(field.grade, 'important')) {
      throw new ConsentError(
        `field ${field.name} is ${field.grade} data, which is never opened (rule G-GRADE-GATES, DSL Arts. 21, 27, 30)`,
        {
          reason: 'grade-closed',
          path: `policy:${output.rule ?? field.name}`,
          details: { rules: ['G-GRADE-GATES'], fields: [field.name] },
        },
      );
    }
    if (field.sensitive && output.outcome === 'kept') {
      throw new ConsentError(
        `field ${field.name} is sensitive personal information and would be opened unchanged: it needs separate consent and anonymization (rule S-OPEN, PIPL Arts. 25, 28)`,
        {
          reason: 'sensitive-open',
          path: `policy:${output.rule ?? field.name}`,
          details: { rules: ['S-OPEN'], fields: [field.name] },
        },
      );
    }
  }
  const raw = output.outcome === 'kept';
  if (plan.isRelease && field.role === 'direct-identifier' && raw) {
    const permitted = plan.rawIdentifiers?.fields.includes(field.name) === true;
    if (!permitted || plan.isAnonymous) {
      throw new PolicyError(
        `direct identifier ${field.name} would leave raw: transform it, or have the decision permit it raw with its basis (rawIdentifiers; rule P-DEID, PIPL Art. 51)`,
        {
          reason: 'raw-identifier',
          path: `policy:${output.rule ?? field.name}`,
          details: { rule: 'P-DEID', article: 'Fujian Art. 32; PIPL Art. 51' },
        },
      );
    }
  }
}

/** An anonymized release may not carry anything the holder of a key or vault could restore (PIPL Art. 73). */
function refuseRestorable(plan: ReleasePlan, output: FieldPlan): void {
  const field = plan.dataset.fields.find((candidate) => candidate.name === output.field);
  const restorable =
    output.outcome === 'transformed' &&
    (output.traits?.reversible === true || output.traits?.keyed === true);
  const identifying = field?.role === 'direct-identifier' && output.outcome === 'kept';
  if (restorable || identifying) {
    throw new AnonymityError(
      `field ${output.field} would leave the release restorable or identifying (${output.transform ?? 'kept'}): anonymized data must not be restorable (PIPL Art. 73, rule S-TRADE)`,
      {
        path: `policy:${output.rule ?? output.field}`,
        reason: 'restorable-output',
        details: S_TRADE,
      },
    );
  }
}

function ruleKeyId(transformer: Transformer, ruleId: string | undefined): string | undefined {
  if (ruleId === undefined) return undefined;
  const profile =
    transformer.profile === undefined
      ? undefined
      : transformer.policy.profiles?.[transformer.profile];
  const rules = [...(profile?.rules ?? []), ...(transformer.policy.rules ?? [])];
  const rule = rules.find((candidate) => candidate.id === ruleId);
  const keyId = (rule?.transform as { keyId?: unknown } | undefined)?.keyId;
  return typeof keyId === 'string' ? keyId : undefined;
}
