import { deepFreeze } from '../core/deep-freeze.ts';
import { ValidationError } from '../errors/kinds.ts';
import { andThen } from './awaitable.ts';
import { decideParsedShare } from './decide-share.ts';
import type { Engine } from './engine.ts';
import { GRANT_FORMAT_VERSION, type Grant } from './grant.ts';
import { parseShareGrantRequest } from './public-data-args.ts';
import { denyShare, grantTerm, iso } from './public-data-common.ts';
import type { GrantDecision, ShareGrantRequest } from './public-data-types.ts';
import { S } from './share-reasons.ts';
import type { Awaitable } from './store.ts';

/**
 * decideShare, and when allowed, stores a share grant for the allowed fields
 * and term. The request is parsed once (malformed input is an error here).
 *
 * @param engine - the engine
 * @param request - the request with its term
 * @returns the decision and the grant (undefined when denied)
 * @throws {ValidationError} on malformed input, a missing or ambiguous term
 */
export function grantShare(engine: Engine, request: ShareGrantRequest): Awaitable<GrantDecision> {
  const r = parseShareGrantRequest(request);
  if (r.term === undefined) {
    throw new ValidationError('grantShare needs a term', {
      path: 'request.term',
      reason: 'term-required',
    });
  }
  const at = engine.now(r.at, 'request.at');
  const t = grantTerm(engine, r.term, at);
  return andThen(decideParsedShare(engine, r), ({ decision, schema, duty }) => {
    if (t === undefined)
      return { ...denyShare([...decision.reasons, S.invalidTerm]), grant: undefined };
    if (
      !decision.allowed ||
      schema === undefined ||
      duty === undefined ||
      r.requester === undefined ||
      r.scenario === undefined
    )
      return { ...decision, grant: undefined };
    const grant = deepFreeze<Grant>({
      schemaVersion: GRANT_FORMAT_VERSION,
      id: r.id ?? engine.newId('grant'),
      kind: 'share',
      dataset: { id: schema.id, version: schema.version },
      fields: [...decision.allowedFields],
      grantee: { ...r.requester },
      ...(schema.provider === undefined ? {} : { provider: { ...schema.provider } }),
      purpose: r.purpose ?? 'public-data.sharing',
      duty: { id: duty.id, law: duty.law },
      scenario: r.scenario,
      term: t,
      events: [{ type: 'issued', at: iso(at), by: schema.provider?.id ?? 'system' }],
    });
    return andThen(engine.store.putGrant(grant), () => ({ ...decision, grant }));
  });
}
