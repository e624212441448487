import type { PartyRef } from '../core/refs.ts';
import { toEpochMs, toIso } from '../core/time.ts';
import { ResponsibilityError } from '../errors/kinds.ts';
import { cite } from './citations.ts';
import type { CopyRecord } from './custody-store.ts';
import {
  collectAll,
  datasetIdOf,
  type GrantController,
  type GrantSource,
  type Instant,
  partyIdOf,
} from './facts.ts';
import type { AffectedCopy, GrantAction, IncidentReport } from './incident-report.ts';

/**
 * Suspends the misusing parties' active grants over the affected copies or
 * their ancestors (S-SUSPEND), through the grant controller when there is one.
 *
 * @param context - grant source and controller
 * @param copies - the affected copies
 * @param upstream - their ancestors
 * @param scopedParties - the misusing parties (default: every user of the affected copies)
 * @param now - the report time, epoch milliseconds
 * @param correctBy - the correction deadline, ISO 8601
 * @param incident - the incident id
 * @returns the actions taken or required
 */
export async function suspendGrants(
  context: {
    readonly grants: GrantSource | undefined;
    readonly grantController: GrantController | undefined;
  },
  copies: readonly AffectedCopy[],
  upstream: readonly CopyRecord[],
  scopedParties: readonly (PartyRef | string)[] | undefined,
  now: number,
  correctBy: string,
  incident: string,
): Promise<GrantAction[]> {
  if (context.grants === undefined) return [];
  const misusers = new Set<string>();
  if (scopedParties !== undefined) for (const p of scopedParties) misusers.add(partyIdOf(p));
  else {
    for (const copy of copies) {
      for (const p of copy.parties) if (p.roles.includes('user')) misusers.add(p.party.id);
    }
  }
  const datasets = new Set([...copies.map((c) => c.copy), ...upstream.map((u) => u.id)]);
  const out: GrantAction[] = [];
  const at = toIso(now);
  for (const misuser of misusers) {
    const grants = (await collectAll(context.grants.grantsOf(misuser, at))) ?? [];
    for (const grant of grants) {
      if ((grant.status ?? 'active') !== 'active') continue;
      const grantee = partyIdOf(grant.grantee);
      const dataset = datasetIdOf(grant.dataset);
      if (grantee !== misuser || !datasets.has(dataset)) continue;
      const reason = {
        ...cite('S-SUSPEND'),
        rule: 'S-SUSPEND' as const,
        incident,
        message: 'shared data was misused: correction ordered and the data service suspended',
        correctBy,
      };
      if (context.grantController !== undefined) {
        await context.grantController.suspend(grant.id, reason);
      }
      out.push({
        grant: grant.id,
        grantee,
        dataset,
        action: context.grantController === undefined ? 'suspension-required' : 'suspended',
        ...cite('S-SUSPEND'),
        at,
        correctBy,
      });
    }
  }
  return out;
}

/** Options of `resolveMisuse`. */
export interface ResolveMisuseOptions {
  /** Whether the misuse was corrected in time. */
  readonly corrected: boolean;
  readonly at?: Instant | undefined;
}

/**
 * Ends a misuse suspension (S-SUSPEND): reinstates the grants when the misuse
 * was corrected, terminates them when it was not.
 *
 * @param controller - the grant controller, if any
 * @param report - the misuse incident report
 * @param options - whether it was corrected, and when
 * @param now - the current time (epoch ms), used when `at` is absent
 * @returns the actions taken or required
 */
export async function resolveMisuse(
  controller: GrantController | undefined,
  report: IncidentReport,
  options: ResolveMisuseOptions,
  now: number,
): Promise<GrantAction[]> {
  if (report.kind !== 'misuse') {
    throw new ResponsibilityError('only a misuse incident suspends grants', {
      reason: 'not-misuse',
      path: 'report.kind',
    });
  }
  const at = toIso(options.at === undefined ? now : toEpochMs(options.at, 'options.at'));
  const out: GrantAction[] = [];
  for (const action of report.grantActions) {
    if (action.action !== 'suspended' && action.action !== 'suspension-required') continue;
    const reason = {
      ...cite('S-SUSPEND'),
      rule: 'S-SUSPEND' as const,
      incident: report.id,
      message: options.corrected
        ? 'the misuse was corrected: the data service resumes'
        : 'the misuse was not corrected: the data service ends',
    };
    let done = false;
    if (controller !== undefined) {
      if (!options.corrected) {
        await controller.terminate(action.grant, reason);
        done = true;
      } else if (controller.reinstate !== undefined) {
        await controller.reinstate(action.grant, reason);
        done = true;
      }
    }
    out.push({
      ...action,
      action: options.corrected
        ? done
          ? 'reinstated'
          : 'reinstatement-required'
        : done
          ? 'terminated'
          : 'termination-required',
      at,
    });
  }
  return out;
}
