import { StoreError, ValidationError } from '../errors/kinds.ts';
import type { Engine } from './engine.ts';
import type { Grant, GrantEvent } from './grant.ts';
import { parseChange } from './public-data-args.ts';
import { iso } from './public-data-common.ts';
import type { GrantChange } from './public-data-types.ts';
import type { Awaitable } from './store.ts';
import { zonedIso } from './time-zone.ts';

/**
 * Appends a change to a grant: misuse reported (S-SUSPEND, with `correctBy`),
 * corrected, terminated, or a usage report (S-DEVELOP).
 *
 * @param engine - the engine (store, clock, zone)
 * @param id - the grant id
 * @param type - the change
 * @param change - who, when, why
 * @returns the grant after the change
 * @throws {StoreError} `not-found` for an empty or unknown id
 * @throws {ValidationError} on a malformed change, or misuse without `correctBy`
 */
export function changeGrant(
  engine: Engine,
  id: string,
  type: GrantEvent['type'],
  change: GrantChange & { correctBy?: string },
): Awaitable<Grant> {
  const known = grantId(id);
  const c = parseChange(change);
  if (type === 'misuse-reported' && c.correctBy === undefined) {
    throw new ValidationError(
      'reported misuse needs correctBy, the deadline to correct (S-SUSPEND)',
      { path: 'change.correctBy', reason: 'deadline-required' },
    );
  }
  const event: GrantEvent = {
    type,
    at: c.at === undefined ? iso(engine.clock()) : zonedIso(c.at, engine.zone, 'change.at'),
    by: c.by,
    ...(type === 'misuse-reported' && c.correctBy !== undefined
      ? { correctBy: zonedIso(c.correctBy, engine.zone, 'change.correctBy') }
      : {}),
    ...(c.note === undefined ? {} : { note: c.note }),
  };
  return engine.store.appendGrantEvent(known, event);
}

function grantId(id: string): string {
  if (typeof id !== 'string' || id === '') {
    throw new StoreError('grant id must be a non-empty string', {
      path: 'id',
      reason: 'not-found',
    });
  }
  return id;
}
