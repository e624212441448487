import { ValidationError } from '../errors/kinds.ts';
import { ResponsibilityRole } from '../tags/vocabulary.ts';

/** A duty a responsible party carries, with the rule and article it rests on. */
export interface Duty {
  /** The role the duty comes with, or `any` for duties every responsible party has. */
  readonly role: ResponsibilityRole | 'any';
  /** Stable code, e.g. `security-measures`. */
  readonly code: string;
  /** Rule id in REGULATIONS.md, e.g. `P-DEID`. */
  readonly rule: string;
  readonly article: string;
  readonly description: string;
}

const d = (
  role: Duty['role'],
  code: string,
  rule: string,
  article: string,
  description: string,
): Duty => Object.freeze({ role, code, rule, article, description });

/** Duties of every responsible party, whatever its role (R-WHO, R-MANY, R-LIFECYCLE). */
const commonDuties: readonly Duty[] = Object.freeze([
  d(
    'any',
    'own-responsibility',
    'R-MANY',
    'Anhui',
    'bears its own security responsibility for this copy, alongside every other responsible party',
  ),
  d(
    'any',
    'lifecycle',
    'R-LIFECYCLE',
    'Chongqing',
    'keeps its responsibility for the whole life of the data it touches, until deletion',
  ),
]);

/**
 * 责任 per role (R-WHO, Anhui): collector — notice and consent; holder —
 * security measures; manager — system security; user — purpose limitation;
 * owner — overall accountability and grading.
 */
export const roleDuties: Readonly<Record<ResponsibilityRole, readonly Duty[]>> = Object.freeze({
  owner: Object.freeze([
    d(
      'owner',
      'overall-accountability',
      'R-WHO',
      'Anhui',
      'is accountable overall for the data it owns, wherever copies of it are held',
    ),
    d(
      'owner',
      'classify-and-grade',
      'G-LEVELS',
      'DSL Art. 21; GB/T 43697 §6',
      'classifies and grades the data (core / important / general) and keeps the grade current',
    ),
    d(
      'owner',
      'catalog',
      'G-CATALOG',
      'Fujian Art. 10; Qingdao Arts. 9-10, 19-20',
      'lists public data in the catalog with its sharing and open types and the negative list',
    ),
  ]),
  holder: Object.freeze([
    d(
      'holder',
      'security-measures',
      'P-DEID',
      'Fujian Art. 32; PIPL Art. 51',
      'protects the copy: classification, encryption, de-identification, access control and audit',
    ),
    d(
      'holder',
      'record-processing',
      'P-RECORD',
      'Fujian Art. 32',
      'records the whole processing flow of the copy and prevents leaks and tampering',
    ),
    d(
      'holder',
      'retention-limit',
      'C-RETENTION',
      'PIPL Arts. 19, 47',
      'keeps PI no longer than needed; deletes it when the purpose is achieved, consent is withdrawn or retention ends',
    ),
    d(
      'holder',
      'incident-response',
      'P-INCIDENT',
      'PIPL Art. 57; Fujian Art. 34; Anhui',
      'on an incident, starts the emergency plan, remediates, notifies affected persons and reports to the authorities',
    ),
  ]),
  manager: Object.freeze([
    d(
      'manager',
      'system-security',
      'R-LIFECYCLE',
      'Chongqing',
      'as builder or operator of the system the copy is in, keeps that system secure',
    ),
    d(
      'manager',
      'access-control-and-audit',
      'P-DEID',
      'Fujian Art. 32; PIPL Art. 51',
      'enforces access control and audit logging on the system, and encryption at rest',
    ),
    d(
      'manager',
      'incident-response',
      'P-INCIDENT',
      'PIPL Art. 57; Fujian Art. 34; Anhui',
      'on an incident in its system, remediates at once and informs the holder of the copy',
    ),
  ]),
  user: Object.freeze([
    d(
      'user',
      'purpose-limitation',
      'S-PURPOSE',
      'Fujian Art. 14; Guiyang ch. 4',
      'uses the data only for the stated purpose and duty; no third party, no other purpose',
    ),
    d(
      'user',
      'recipient-within-purpose',
      'C-SEP-PROVIDE',
      'PIPL Art. 23',
      'as a recipient, stays within the purpose and method the subjects consented to',
    ),
    d(
      'user',
      'minimum-use',
      'C-MINIMUM',
      'PIPL Art. 6; Qingdao Art. 11; Anhui',
      'uses only the fields the purpose needs',
    ),
  ]),
  collector: Object.freeze([
    d(
      'collector',
      'notice',
      'C-NOTICE',
      'Fujian Art. 11; PIPL Art. 17',
      'discloses the rules, purpose, method and scope of collection before collecting',
    ),
    d(
      'collector',
      'legal-basis-and-consent',
      'C-BASIS',
      'PIPL Arts. 13-14',
      'collects only on a legal basis; where that is consent, it is informed, voluntary and explicit',
    ),
    d(
      'collector',
      'minimum-collection',
      'C-MINIMUM',
      'PIPL Art. 6; Qingdao Art. 11; Anhui',
      'collects only the minimum the purpose needs',
    ),
    d(
      'collector',
      'no-duplicate-collection',
      'C-NO-DUP',
      'Fujian Art. 11',
      'does not collect again public data it can obtain by sharing',
    ),
  ]),
});

const order: readonly ResponsibilityRole[] = ResponsibilityRole.options;

/**
 * The duties that come with a set of roles, common duties first, then per role
 * in the order owner, holder, manager, user, collector.
 *
 * @param roles - the roles a party holds for one copy
 * @returns the duties, each with its rule and article
 * @throws {ValidationError} reason `invalid-argument` when `roles` is not an array of strings
 * @example
 * ```ts
 * import { dutiesOf } from 'dataguard/responsibility';
 * dutiesOf(['user']).map((duty) => duty.rule); // ['R-MANY', 'R-LIFECYCLE', 'S-PURPOSE', …]
 * ```
 */
export function dutiesOf(roles: readonly ResponsibilityRole[]): Duty[] {
  const list: unknown = roles;
  if (!Array.isArray(list) || !list.every((role) => typeof role === 'string')) {
    throw new ValidationError('roles must be an array of responsibility roles', {
      path: 'roles',
      reason: 'invalid-argument',
    });
  }
  return dutiesFor(roles);
}

/**
 * {@link dutiesOf} without argument checks, for roles this module derived.
 *
 * @param roles - the roles a party holds for one copy
 * @returns the duties
 */
export function dutiesFor(roles: readonly ResponsibilityRole[]): Duty[] {
  if (roles.length === 0) return [];
  const out: Duty[] = [...commonDuties];
  for (const role of order) if (roles.includes(role)) out.push(...roleDuties[role]); // spread-ok: a few duties per role
  return out;
}
