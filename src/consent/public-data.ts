import { decideGrantUse } from './decide-grant-use.ts';
import { decideOpen } from './decide-open.ts';
import { decideShare } from './decide-share.ts';
import type { Engine } from './engine.ts';
import type { Grant } from './grant.ts';
import { changeGrant } from './grant-lifecycle.ts';
import { grantShare } from './grant-share.ts';
import { issueGrant } from './issue-grant.ts';
import type { Objection } from './objection.ts';
import { changeObjection, recordObjection } from './objections.ts';
import type {
  GrantChange,
  GrantDecision,
  GrantInput,
  GrantUseRequest,
  MisuseReport,
  ObjectionInput,
  OpenRequest,
  ShareDecision,
  ShareGrantRequest,
  ShareRequest,
} from './public-data-types.ts';
import type { SafeResult } from './safe-result.ts';
import type { Awaitable } from './store.ts';

type Out<M, T> = M extends 'sync' ? T : Promise<T>;

/** The public-data half of a decider (S-* rules), sync or async. */
export interface PublicDataApi<M extends 'sync' | 'async'> {
  /** May this department get these fields of this dataset for its duty? (S-TYPES, S-REQUEST, S-PURPOSE) */
  decideShare(request: ShareRequest): Out<M, ShareDecision>;
  /** decideShare, and when allowed, store a share grant for the allowed fields and term. */
  grantShare(request: ShareGrantRequest): Out<M, GrantDecision>;
  /** Grants opening on application (S-OPEN), development (S-DEVELOP) or authorized operation (S-AUTH-TERM). */
  issueGrant(input: GrantInput): Out<M, GrantDecision>;
  /** May the grantee do this with granted data? (S-PURPOSE, S-SUSPEND, S-DEVELOP, S-AUTH-TERM) */
  decideGrantUse(request: GrantUseRequest): Out<M, ShareDecision>;
  /** May this requester get these opened fields? (S-OPEN) */
  decideOpen(request: OpenRequest): Out<M, ShareDecision>;
  /** Like decideShare(), but returns `{ ok: false, error }` instead of throwing on programming misuse. */
  safeDecideShare(request: ShareRequest): Out<M, SafeResult<ShareDecision>>;
  /** Like decideOpen(), but returns `{ ok: false, error }` instead of throwing on programming misuse. */
  safeDecideOpen(request: OpenRequest): Out<M, SafeResult<ShareDecision>>;
  /** Like decideGrantUse(), but returns `{ ok: false, error }` instead of throwing on programming misuse. */
  safeDecideGrantUse(request: GrantUseRequest): Out<M, SafeResult<ShareDecision>>;
  /** Records misuse: the grant is suspended until corrected, terminated after the deadline (S-SUSPEND). */
  reportMisuse(grant: string, report: MisuseReport): Out<M, Grant>;
  /** Records the correction of misuse: the grant resumes. */
  recordCorrection(grant: string, change: GrantChange): Out<M, Grant>;
  terminateGrant(grant: string, change: GrantChange): Out<M, Grant>;
  /** Records a developer's usage report (S-DEVELOP). */
  reportUsage(grant: string, change: GrantChange): Out<M, Grant>;
  /** Records an objection to shared or opened data (S-OBJECTION). */
  recordObjection(input: ObjectionInput): Out<M, Objection>;
  /** Records how an objection was handled (a quality error is `corrected`). */
  handleObjection(
    id: string,
    change: GrantChange & { readonly outcome: 'corrected' | 'upheld' | 'rejected' },
  ): Out<M, Objection>;
  /** Records the feedback given to the objector. */
  feedBackObjection(id: string, change: GrantChange): Out<M, Objection>;
}

/**
 * The public-data methods over an engine: each operation lives in its own
 * module (decide-share, grant-share, issue-grant, decide-grant-use,
 * decide-open, grant-lifecycle, objections) and takes the engine explicitly;
 * this only wraps them as the facade's results.
 *
 * @param engine - the engine
 * @param wrap - turns an Awaitable into the facade's result (sync or promise)
 * @param safe - the same, as a non-throwing result
 * @returns the methods
 */
export function publicDataApi<M extends 'sync' | 'async'>(
  engine: Engine,
  wrap: <T>(run: () => Awaitable<T>) => Out<M, T>,
  safe: <T>(run: () => Awaitable<T>) => Out<M, SafeResult<T>>,
): PublicDataApi<M> {
  return {
    decideShare: (request) => wrap(() => decideShare(engine, request)),
    grantShare: (request) => wrap(() => grantShare(engine, request)),
    issueGrant: (input) => wrap(() => issueGrant(engine, input)),
    decideGrantUse: (request) => wrap(() => decideGrantUse(engine, request)),
    decideOpen: (request) => wrap(() => decideOpen(engine, request)),
    safeDecideShare: (request) => safe(() => decideShare(engine, request)),
    safeDecideOpen: (request) => safe(() => decideOpen(engine, request)),
    safeDecideGrantUse: (request) => safe(() => decideGrantUse(engine, request)),
    reportMisuse: (id, report) => wrap(() => changeGrant(engine, id, 'misuse-reported', report)),
    recordCorrection: (id, change) => wrap(() => changeGrant(engine, id, 'corrected', change)),
    terminateGrant: (id, change) => wrap(() => changeGrant(engine, id, 'terminated', change)),
    reportUsage: (id, change) => wrap(() => changeGrant(engine, id, 'usage-reported', change)),
    recordObjection: (input) => wrap(() => recordObjection(engine, input)),
    handleObjection: (id, change) => wrap(() => changeObjection(engine, id, 'handled', change)),
    feedBackObjection: (id, change) => wrap(() => changeObjection(engine, id, 'fed-back', change)),
  };
}
