import type { Dataset } from '../tags/dataset.ts';
import { andThen } from './awaitable.ts';
import type { DutyDefinition, Engine } from './engine.ts';
import { askShare, type ParsedShareRequest } from './public-data-args.ts';
import {
  datasetOf,
  denyShare,
  pendingObjections,
  shareField,
  unknownFields,
} from './public-data-common.ts';
import type { ShareDecision, ShareRequest } from './public-data-types.ts';
import { type Obligation, obligation, type Reason, reason } from './reason.ts';
import { S, SO } from './share-reasons.ts';
import type { Awaitable } from './store.ts';

/** A share decision with the dataset and duty it rests on (when it got that far). */
export interface SharedData {
  readonly decision: ShareDecision;
  readonly schema?: Dataset;
  readonly duty?: DutyDefinition;
}

/**
 * May this department get these fields of this public dataset for its duty?
 * (S-TYPES, S-REQUEST, S-PURPOSE). A malformed part of the request is denied
 * with a reason naming it.
 *
 * @param engine - the engine
 * @param request - the request
 * @returns the decision
 * @throws {ValidationError} when the request is not an object or `at` is not a time
 */
export function decideShare(engine: Engine, request: ShareRequest): Awaitable<ShareDecision> {
  const asked = askShare(request);
  if (!asked.ok) return denyShare(asked.reasons);
  return andThen(decideParsedShare(engine, asked.data), (shared) => shared.decision);
}

/**
 * Decides a parsed share request; also what grantShare builds its grant on.
 *
 * @param engine - the engine (catalog, duties, store, clock)
 * @param r - the parsed request
 * @returns the decision, with the dataset and duty it rests on when there are
 * @throws {ValidationError} when `r.at` is not a time
 */
export function decideParsedShare(engine: Engine, r: ParsedShareRequest): Awaitable<SharedData> {
  engine.now(r.at, 'request.at');
  if (r.dataset === undefined) return { decision: denyShare([S.unknownDataset]) };
  const found = datasetOf(engine, r.dataset);
  if (!('fields' in found)) return { decision: denyShare([found]) };
  const schema = found;
  // Requesters are public management and service bodies, public utilities included (Fujian Art. 49).
  const publicBody = r.requester?.kind === 'agency' || r.requesterRole !== undefined;
  if (r.requester === undefined || !publicBody || r.requester.kind === 'individual')
    return { decision: denyShare([S.requesterNotPublicBody]) };
  if (r.fields.length === 0) return { decision: denyShare([S.fieldsMissing]) };
  const unknown = unknownFields(schema, r.fields);
  if (unknown.length > 0) return { decision: denyShare(unknown) };
  const reasons: Reason[] = [];
  if (r.scenario === undefined || r.scenario.trim() === '') reasons.push(S.scenarioMissing);
  const c = r.commitment;
  if (c?.authenticity !== true || c.security !== true || c.compliance !== true) {
    reasons.push(S.commitmentMissing);
  }
  let duty: DutyDefinition | undefined;
  if (r.duty === undefined || (typeof r.duty === 'string' && r.duty.trim() === '')) {
    reasons.push(S.dutyMissing);
  } else if (typeof r.duty === 'string') {
    duty = engine.duties?.get(r.requester.id, r.duty);
    if (duty === undefined) reasons.push(S.dutyUnknown);
  } else if (engine.duties !== undefined) {
    duty = engine.duties.get(r.requester.id, r.duty.id);
    if (duty === undefined) reasons.push(S.dutyUnknown);
  } else if (r.duty.law.trim() === '') reasons.push(S.dutyMissing);
  else duty = r.duty;
  if (reasons.length > 0) return { decision: denyShare(reasons) };
  if (r.requester.kind !== 'agency') reasons.push(S.publicServiceBody);
  reasons.push(S.requestComplete);
  const scope = (duty as DutyDefinition).scope.find((s) => s.dataset === schema.id);
  const allowed: string[] = [];
  let conditional = false;
  const reviews: Obligation[] = [];
  let unconditional = false;
  for (const name of new Set(r.fields)) {
    const f = schema.fields.find((x) => x.name === name) as Dataset['fields'][number];
    if (f.share === 'unconditional') {
      allowed.push(name);
      unconditional = true;
    } else if (f.share === 'conditional') {
      if (scope !== undefined && (scope.fields === undefined || scope.fields.includes(name))) {
        allowed.push(name);
        conditional = true;
      } else reasons.push(shareField('outsideDuty', name));
    } else {
      // 暂不共享 is temporary: it rests on a basis and is reviewed by a date.
      const review = f.shareReviewBy;
      reasons.push(
        reason(
          'withhold',
          'S-TYPES',
          `Fujian Art. 14; ${f.shareBasis ?? 'legal basis not recorded'}`,
          'not-shared',
          `the field is temporarily not shared (暂不共享); legal basis: ${f.shareBasis ?? 'not recorded'}; review due: ${review ?? 'no review date recorded'}`,
          name,
        ),
      );
      reviews.push(
        obligation(
          SO.reviewNotShared.rule,
          SO.reviewNotShared.article,
          SO.reviewNotShared.code,
          SO.reviewNotShared.message,
          review === undefined ? { text: name } : { due: review, text: name },
        ),
      );
    }
  }
  if (unconditional) reasons.push(S.unconditional);
  if (conditional) reasons.push(S.conditionalWithinDuty);
  if (allowed.length === 0)
    return { decision: denyShare(reasons, reviews), schema, duty: duty as DutyDefinition };
  reasons.push(S.dutyUseOnly);
  return andThen(pendingObjections(engine, schema, allowed), (objections) => ({
    decision: {
      allowed: true,
      allowedFields: allowed,
      reasons,
      obligations: [SO.noOnwardTransfer, SO.recordSharing, ...reviews, ...objections],
    },
    schema,
    duty: duty as DutyDefinition,
  }));
}
