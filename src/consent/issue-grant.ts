import { deepFreeze } from '../core/deep-freeze.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { Dataset } from '../tags/dataset.ts';
import { andThen } from './awaitable.ts';
import { parseDuration, shiftByDuration } from './duration.ts';
import type { Engine } from './engine.ts';
import { GRANT_FORMAT_VERSION, type Grant } from './grant.ts';
import { parseGrantInput } from './public-data-args.ts';
import {
  closedField,
  datasetOf,
  denyShare,
  grantTerm,
  iso,
  openingGate,
  sourceLabel,
  unknownFields,
  usageReportDue,
} from './public-data-common.ts';
import type { GrantDecision, GrantInput } from './public-data-types.ts';
import type { Obligation, Reason } from './reason.ts';
import { S, SO } from './share-reasons.ts';
import type { Awaitable } from './store.ts';

/**
 * Grants opening on application (S-OPEN), development (S-DEVELOP) or
 * authorized operation (S-AUTH-TERM), and stores the grant when allowed.
 *
 * @param engine - the engine
 * @param input - the grant
 * @returns the decision and the grant (undefined when denied)
 * @throws {ValidationError} on malformed input, an unknown purpose or a bad term
 */
export function issueGrant(engine: Engine, input: GrantInput): Awaitable<GrantDecision> {
  const r = parseGrantInput(input);
  const at = engine.now(r.at, 'grant.at');
  if (!engine.taxonomy.has(r.purpose)) {
    throw new ValidationError(`grant purpose ${r.purpose} is not in the purpose taxonomy`, {
      path: 'grant.purpose',
      reason: 'unknown-purpose',
    });
  }
  const found = datasetOf(engine, r.dataset);
  const none = (reasons: Reason[]): GrantDecision => ({ ...denyShare(reasons), grant: undefined });
  if (!('fields' in found)) return none([found]);
  const schema = found;
  const unknown = unknownFields(schema, r.fields);
  if (unknown.length > 0) return none(unknown);
  const t = grantTerm(engine, r.term, at);
  if (t === undefined) return none([S.invalidTerm]);
  const reasons: Reason[] = [];
  const obligations: Obligation[] = [];
  let fields = [...new Set(r.fields)];
  if (r.kind === 'authorized-operation') {
    // Three years in principle: longer only with a recorded justification and approval.
    const limit = shiftByDuration(Date.parse(t.start), { years: 3 }, engine.offsetMinutes);
    const longer = Date.parse(t.end) > limit;
    const justified =
      r.termJustification !== undefined &&
      r.termJustification.trim() !== '' &&
      r.approvedBy !== undefined;
    if (longer && !justified) reasons.push(S.authTermExceeded);
    if (r.authority === undefined) reasons.push(S.operationAuthorityRequired);
    if (reasons.length > 0) return none(reasons);
    reasons.push(longer ? S.authTermApproved : S.authTermWithin);
    obligations.push(SO.outputsOnlyModels);
  } else {
    // Opening and development work on opened data: closed fields are withheld (S-OPEN).
    fields = fields.filter((name) => {
      const f = schema.fields.find((x) => x.name === name) as Dataset['fields'][number];
      if (f.open === 'closed') {
        reasons.push(closedField(f));
        return false;
      }
      const gate = openingGate(f);
      if (gate === undefined) return true;
      reasons.push(gate);
      return false;
    });
    if (r.kind === 'open') {
      const provider = schema.provider;
      if (provider === undefined || r.approvedBy?.id !== provider.id)
        reasons.push(S.providerApprovalRequired);
      if (r.authority === undefined) reasons.push(S.authorityRequired);
      if (reasons.some((x) => x.effect === 'deny')) return none(reasons);
      reasons.push(S.openApproved);
    } else {
      // Secondary development is approved by the big-data authority (Fujian Art. 16).
      const authority = r.authority;
      if (
        authority === undefined ||
        (r.approvedBy !== undefined && r.approvedBy.id !== authority.id)
      ) {
        return none([...reasons, S.developApprovalRequired]);
      }
      reasons.push(S.developApproved);
      const every = r.reportEvery ?? 'P3M';
      const due = shiftByDuration(
        Date.parse(t.start),
        parseDuration(every, 'grant.reportEvery'),
        engine.offsetMinutes,
      );
      obligations.push(usageReportDue(due, authority), sourceLabel(schema, t.start));
    }
    if (fields.length === 0) return none(reasons);
  }
  obligations.push(SO.noOnwardTransfer, SO.recordSharing);
  const grant = deepFreeze<Grant>({
    schemaVersion: GRANT_FORMAT_VERSION,
    id: r.id ?? engine.newId('grant'),
    kind: r.kind,
    dataset: { id: schema.id, version: schema.version },
    fields,
    grantee: { ...r.grantee },
    ...(schema.provider === undefined ? {} : { provider: { ...schema.provider } }),
    ...(r.authority === undefined ? {} : { authority: { ...r.authority } }),
    purpose: r.purpose,
    term: t,
    ...(r.kind === 'develop' ? { reportEvery: r.reportEvery ?? 'P3M' } : {}),
    ...(r.kind === 'authorized-operation' && r.termJustification !== undefined
      ? { termJustification: r.termJustification }
      : {}),
    ...(r.kind === 'authorized-operation' && r.outputForms !== undefined
      ? { outputForms: [...new Set(r.outputForms)] }
      : {}),
    events: [{ type: 'issued', at: iso(at), by: r.approvedBy?.id ?? r.authority?.id ?? 'system' }],
  });
  return andThen(engine.store.putGrant(grant), () => ({
    allowed: true,
    allowedFields: fields,
    reasons,
    obligations,
    grant,
  }));
}
