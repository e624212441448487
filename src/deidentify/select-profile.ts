import { PolicyError } from '../errors/kinds.ts';
import type { PolicyDocument, PolicyProfile } from './policy-schema.ts';

/** How the caller names the profile to apply. */
export interface ProfileChoice {
  /** A profile by name. */
  readonly profile?: string | undefined;
  /** The purpose of the processing: picks the profile whose purpose covers it most closely. */
  readonly purpose?: string | undefined;
  /** The recipient party id: profiles naming another recipient are skipped. */
  readonly recipient?: string | undefined;
}

/**
 * Picks the profile a compilation applies. By name when `profile` is given;
 * otherwise, with a purpose or recipient, the profile whose purpose covers the
 * purpose most specifically (a purpose covers its dotted descendants) and
 * whose recipient, if it names one, matches. Without any choice, no profile
 * applies. Fail closed: a choice that matches nothing, or two equally good
 * profiles, is a PolicyError.
 *
 * @returns the profile name and profile, or undefined for the base rules only
 */
export function selectProfile(
  policy: PolicyDocument,
  choice: ProfileChoice,
): { readonly name: string; readonly profile: PolicyProfile } | undefined {
  const profiles = policy.profiles ?? {};
  if (choice.profile !== undefined) {
    const profile = Object.hasOwn(profiles, choice.profile) ? profiles[choice.profile] : undefined;
    if (profile === undefined) {
      throw new PolicyError(`policy has no profile named ${choice.profile}`, {
        reason: 'unknown-profile',
        path: 'profile',
      });
    }
    return { name: choice.profile, profile };
  }
  if (choice.purpose === undefined && choice.recipient === undefined) return undefined;
  let best: { name: string; profile: PolicyProfile; score: number } | undefined;
  let tie = false;
  for (const [name, profile] of Object.entries(profiles)) {
    if (profile.recipient !== undefined && profile.recipient !== choice.recipient) continue;
    let score = profile.recipient === undefined ? 0 : 1;
    if (profile.purpose !== undefined) {
      if (choice.purpose === undefined || !covers(profile.purpose, choice.purpose)) continue;
      score += 2 * (profile.purpose.split('.').length + 1);
    }
    if (best === undefined || score > best.score) {
      best = { name, profile, score };
      tie = false;
    } else if (score === best.score) tie = true;
  }
  if (best === undefined) {
    throw new PolicyError('no profile of the policy covers the given purpose and recipient', {
      reason: 'no-matching-profile',
      path: 'purpose',
    });
  }
  if (tie) {
    throw new PolicyError('two profiles match the given purpose and recipient equally well', {
      reason: 'ambiguous-profile',
      path: 'purpose',
    });
  }
  return { name: best.name, profile: best.profile };
}

function covers(parent: string, purpose: string): boolean {
  return purpose === parent || purpose.startsWith(`${parent}.`);
}
