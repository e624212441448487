import type { Dataset } from '../tags/dataset.ts';
import { andThen } from './awaitable.ts';
import type { Engine } from './engine.ts';
import type { Grant } from './grant.ts';
import { askOpen } from './public-data-args.ts';
import {
  anonymizeFirst,
  closedField,
  datasetOf,
  denyShare,
  grantStateReasons,
  openingGate,
  pendingObjections,
  shareField,
  unknownFields,
} from './public-data-common.ts';
import type { OpenRequest, ShareDecision } from './public-data-types.ts';
import type { Obligation, Reason } from './reason.ts';
import { S, SO } from './share-reasons.ts';
import type { Awaitable } from './store.ts';

/**
 * May this requester get these opened fields? (S-OPEN). A malformed part of
 * the request is denied with a reason naming it.
 *
 * @param engine - the engine
 * @param request - the request
 * @returns the decision
 * @throws {ValidationError} when the request is not an object or `at` is not a time
 */
export function decideOpen(engine: Engine, request: OpenRequest): Awaitable<ShareDecision> {
  const asked = askOpen(request);
  if (!asked.ok) return denyShare(asked.reasons);
  const r = asked.data;
  const at = engine.now(r.at, 'request.at');
  if (r.dataset === undefined) return denyShare([S.unknownDataset]);
  if (r.fields.length === 0) return denyShare([S.fieldsMissing]);
  const found = datasetOf(engine, r.dataset);
  if (!('fields' in found)) return denyShare([found]);
  const schema = found;
  const unknown = unknownFields(schema, r.fields);
  if (unknown.length > 0) return denyShare(unknown);
  const grant: Awaitable<Grant | undefined> =
    r.grant === undefined ? undefined : engine.store.getGrant(r.grant);
  return andThen(grant, (g) => {
    const reasons: Reason[] = [];
    const obligations: Obligation[] = [];
    let approved: ReadonlySet<string> = new Set();
    if (r.grant !== undefined) {
      if (g === undefined) return denyShare([S.unknownGrant]);
      const blocked = grantStateReasons(g, at);
      if (blocked !== undefined) return denyShare(blocked.reasons, blocked.obligations);
      if (g.kind !== 'open' || g.dataset.id !== schema.id)
        return denyShare([S.providerApprovalRequired]);
      if (g.grantee.id !== r.requester.id) return denyShare([S.notGrantee]);
      approved = new Set(g.fields);
    }
    const allowed: string[] = [];
    let open = false;
    let applied = false;
    let apply = false;
    for (const name of new Set(r.fields)) {
      const f = schema.fields.find((x) => x.name === name) as Dataset['fields'][number];
      // Checked again here: the catalog entry may come from an older or foreign catalog.
      const gate = f.open === 'closed' ? undefined : openingGate(f);
      if (gate !== undefined) {
        reasons.push(gate);
        continue;
      }
      if (f.open === 'open') {
        allowed.push(name);
        open = true;
      } else if (f.open === 'on-application') {
        if (approved.has(name)) {
          allowed.push(name);
          applied = true;
        } else {
          reasons.push(shareField('applicationRequired', name));
          apply = true;
        }
      } else reasons.push(closedField(f));
    }
    if (open) reasons.push(S.openUnconditional);
    if (applied) reasons.push(S.openApproved);
    for (const name of allowed) {
      const f = schema.fields.find((x) => x.name === name);
      if (f?.openAfter === 'anonymization') obligations.push(anonymizeFirst(name));
    }
    if (apply) obligations.push(SO.applyToProvider);
    if (applied) obligations.push(SO.noOnwardTransfer);
    if (allowed.length === 0) return denyShare(reasons, obligations);
    return andThen(pendingObjections(engine, schema, allowed), (objections) => ({
      allowed: true,
      allowedFields: allowed,
      reasons,
      obligations: [...obligations, ...objections],
    }));
  });
}
