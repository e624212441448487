import { sha256 } from '@noble/hashes/sha2.js';
import type { ShareDecision } from '../consent/public-data-types.ts';
import { toHex } from '../core/bytes.ts';
import { canonicalJson } from '../core/canonical-json.ts';
import { ConsentError } from '../errors/kinds.ts';
import { deniedError } from './denied.ts';
import type { ProtectOptions } from './protect-options.ts';
import type { ReleasePlan } from './release-plan.ts';

/** The decision a release rests on (stage `decide`). */
export interface ReleaseDecision {
  /** `share`, `open` or `grant` decisions of public data (S-CHANNEL); `given` when passed in; `legal-basis` otherwise. */
  readonly kind: 'share' | 'open' | 'grant' | 'given' | 'legal-basis';
  /** Fields the decision lets out; undefined when it does not restrict fields (legal basis only). */
  readonly allowedFields: readonly string[] | undefined;
  /** The public-data decision, when there is one. */
  readonly decision: ShareDecision | undefined;
  /** `sha-256:` digest of the canonical JSON of the request and the decision; recorded in the ledger event. */
  readonly digest: string | undefined;
}

const S_CHANNEL = {
  rule: 'S-CHANNEL',
  article: 'Fujian Art. 12; Qingdao (briefing: 统一的通道, "体外循环")',
};
/** Processings of public data that need an allowed decision (S-CHANNEL). */
const CHANNELLED: ReadonlySet<string> = new Set(['share', 'provide', 'open', 'trade', 'transmit']);

/**
 * Stage `decide`: obtains the decision the release rests on. A release of
 * public data (share, provide, open, trade, transmit) needs an allowed share,
 * open or grant decision (S-CHANNEL); an opening needs an open decision or a
 * grant (S-OPEN); the decision is digested so the ledger event can name it.
 * Releases of personal information on the basis of consent are decided per
 * row in `run`.
 *
 * @param plan - the release plan
 * @param options - protect() options holding the deciders or a decision
 * @param fields - the fields the policy would release
 * @returns the decision
 * @throws {ConsentError} `decision-missing`, `wrong-decision` or `denied` (reasons cited)
 */
export async function decideRelease(
  plan: ReleasePlan,
  options: Pick<ProtectOptions, 'decision' | 'grant' | 'open' | 'share'>,
  fields: readonly string[],
): Promise<ReleaseDecision> {
  const dataset = { id: plan.dataset.id, version: plan.dataset.version };
  let kind: ReleaseDecision['kind'];
  let request: unknown;
  let decision: ShareDecision;
  if (options.decision !== undefined) {
    kind = 'given';
    request = null;
    decision = options.decision;
  } else if (options.grant !== undefined) {
    kind = 'grant';
    request = {
      ...options.grant.request,
      actor: options.grant.request.actor ?? plan.actor,
      ...(plan.recipient === undefined
        ? {}
        : { recipient: options.grant.request.recipient ?? plan.recipient }),
      purpose: options.grant.request.purpose ?? plan.purpose,
      processing: options.grant.request.processing ?? plan.processing,
      fields: options.grant.request.fields ?? fields,
    };
    decision = await options.grant.decider.decideGrantUse(request as never);
  } else if (options.open !== undefined) {
    kind = 'open';
    request = {
      ...options.open.request,
      dataset: options.open.request.dataset ?? dataset,
      fields: options.open.request.fields ?? fields,
    };
    decision = await options.open.decider.decideOpen(request as never);
  } else if (options.share !== undefined) {
    kind = 'share';
    request = {
      ...options.share.request,
      dataset: options.share.request.dataset ?? dataset,
      fields: options.share.request.fields ?? fields,
    };
    decision = await options.share.decider.decideShare(request as never);
  } else {
    if (plan.isPublicData && CHANNELLED.has(plan.processing)) {
      throw new ConsentError(
        `dataset ${plan.dataset.id} is public data: a "${plan.processing}" release needs an allowed sharing, opening or grant decision (rule S-CHANNEL, ${S_CHANNEL.article}); give a share request, an open request or a grant`,
        { reason: 'decision-missing', path: 'share', details: { rules: ['S-CHANNEL'] } },
      );
    }
    return {
      kind: 'legal-basis',
      allowedFields: undefined,
      decision: undefined,
      digest: undefined,
    };
  }
  if (plan.processing === 'open' && kind === 'share') {
    throw new ConsentError(
      'an open release rests on an opening decision or grant, not a sharing decision (rules S-CHANNEL, S-OPEN)',
      { reason: 'wrong-decision', path: 'share', details: { rules: ['S-CHANNEL', 'S-OPEN'] } },
    );
  }
  if (decision === null || typeof decision !== 'object' || decision.allowed !== true) {
    throw deniedError(`${kind} decision denied`, decision?.reasons ?? []);
  }
  const digest = `sha-256:${toHex(sha256(new TextEncoder().encode(canonicalJson({ kind, request, decision }))))}`;
  return { kind, allowedFields: [...decision.allowedFields], decision, digest };
}
