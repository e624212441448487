import { andThen } from './awaitable.ts';
import { parseDuration, shiftByDuration } from './duration.ts';
import type { Engine } from './engine.ts';
import type { GrantEvent } from './grant.ts';
import { askGrantUse } from './public-data-args.ts';
import {
  denyShare,
  grantStateReasons,
  shareField,
  sourceLabel,
  usageReportDue,
} from './public-data-common.ts';
import type { GrantUseRequest, ShareDecision } from './public-data-types.ts';
import { type Obligation, obligation, type Reason } from './reason.ts';
import { S, SO } from './share-reasons.ts';
import type { Awaitable } from './store.ts';

const TRANSFERS: ReadonlySet<string> = new Set(['provide', 'share', 'disclose', 'open', 'trade']);

/**
 * May the grantee do this with granted data? (S-PURPOSE, S-SUSPEND,
 * S-DEVELOP, S-AUTH-TERM). A malformed part of the request is denied with a
 * reason naming it.
 *
 * @param engine - the engine
 * @param request - the request
 * @returns the decision
 * @throws {ValidationError} when the request is not an object or `at` is not a time
 */
export function decideGrantUse(engine: Engine, request: GrantUseRequest): Awaitable<ShareDecision> {
  const asked = askGrantUse(request);
  if (!asked.ok) return denyShare(asked.reasons);
  const r = asked.data;
  const at = engine.now(r.at, 'request.at');
  if (r.grant === '') return denyShare([S.unknownGrant]);
  if (r.fields.length === 0) return denyShare([S.fieldsMissing]);
  return andThen(engine.store.getGrant(r.grant), (grant) => {
    if (grant === undefined) return denyShare([S.unknownGrant]);
    const blocked = grantStateReasons(grant, at);
    if (blocked !== undefined) return denyShare(blocked.reasons, blocked.obligations);
    const actor = typeof r.actor === 'string' ? r.actor : r.actor.id;
    const recipient = typeof r.recipient === 'object' ? r.recipient.id : r.recipient;
    if (actor !== grant.grantee.id) return denyShare([S.notGrantee]);
    if (!engine.taxonomy.covers(grant.purpose, r.purpose)) return denyShare([S.otherPurpose]);
    const reasons: Reason[] = [];
    const obligations: Obligation[] = [];
    const transfer =
      (recipient !== undefined && recipient !== grant.grantee.id) || TRANSFERS.has(r.processing);
    if (grant.kind === 'develop') {
      const every = parseDuration(grant.reportEvery ?? 'P3M', 'grant.reportEvery');
      const last = [...grant.events]
        .reverse()
        .find((e: GrantEvent) => e.type === 'usage-reported' || e.type === 'issued') as GrantEvent;
      const from = Math.max(Date.parse(last.at), Date.parse(grant.term.start));
      const due = shiftByDuration(from, every, engine.offsetMinutes);
      if (at > due)
        return denyShare([S.usageReportOverdue], [usageReportDue(due, grant.authority)]);
      obligations.push(usageReportDue(due, grant.authority));
      if (transfer) {
        if (r.output === 'raw' || (r.output === undefined && r.derived !== true))
          return denyShare([S.onwardTransfer]);
        const schema = engine.catalog?.get(grant.dataset.id, grant.dataset.version);
        const label =
          schema === undefined
            ? obligation(
                'S-DEVELOP',
                'Fujian Art. 16',
                'source-label',
                'label data products with their source and acquisition date',
                {
                  text: `Source: ${grant.provider?.name ?? grant.provider?.id ?? grant.dataset.id}, dataset ${grant.dataset.id}; acquired ${grant.term.start.slice(0, 10)}`,
                },
              )
            : sourceLabel(schema, grant.term.start);
        // Labels are checked: the product must carry the source-label text.
        if (r.label === undefined || !r.label.includes(label.text as string))
          return denyShare([S.labelMissing], [label]);
        reasons.push(S.productLabelled);
        obligations.push(label);
      }
    } else if (grant.kind === 'authorized-operation') {
      // Output forms are an open list: models and verification results, or forms the grant approves.
      const output = r.output;
      if (output === 'raw' || (transfer && output === undefined)) {
        return denyShare([S.authRawOutput], [SO.outputsOnlyModels]);
      }
      if (output === 'model' || output === 'verification-result') {
        reasons.push(S.authOutputAllowed);
      } else if (output !== undefined) {
        if (!(grant.outputForms ?? []).includes(output))
          return denyShare([S.authOutputNotApproved], [SO.outputsOnlyModels]);
        reasons.push(S.authOutputApproved);
      }
      obligations.push(SO.outputsOnlyModels);
    } else if (transfer) {
      return denyShare([
        r.derived === true || (r.output !== undefined && r.output !== 'raw')
          ? S.onwardTransferDerived
          : S.onwardTransfer,
      ]);
    }
    const scope = new Set(grant.fields);
    const allowed: string[] = [];
    for (const name of new Set(r.fields)) {
      if (scope.has(name)) allowed.push(name);
      else reasons.push(shareField('outsideScope', name));
    }
    if (allowed.length === 0) return denyShare(reasons, obligations);
    reasons.push(S.grantValid);
    if (grant.kind !== 'develop') obligations.push(SO.noOnwardTransfer);
    return { allowed: true, allowedFields: allowed, reasons, obligations };
  });
}
