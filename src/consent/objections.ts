import { deepFreeze } from '../core/deep-freeze.ts';
import { andThen } from './awaitable.ts';
import type { Engine } from './engine.ts';
import { OBJECTION_FORMAT_VERSION, type Objection } from './objection.ts';
import { parseChange, parseObjectionInput } from './public-data-args.ts';
import { iso } from './public-data-common.ts';
import type { GrantChange, ObjectionInput } from './public-data-types.ts';
import type { Awaitable } from './store.ts';
import { zonedIso } from './time-zone.ts';

/**
 * Records an objection to shared or opened data (S-OBJECTION).
 *
 * @param engine - the engine (store, clock, ids, zone)
 * @param input - the objection
 * @returns the stored objection
 * @throws {ValidationError} on malformed input
 */
export function recordObjection(engine: Engine, input: ObjectionInput): Awaitable<Objection> {
  const r = parseObjectionInput(input);
  const objection = deepFreeze<Objection>({
    schemaVersion: OBJECTION_FORMAT_VERSION,
    id: r.id ?? engine.newId('objection'),
    dataset: r.dataset,
    ...(r.field === undefined ? {} : { field: r.field }),
    by: { ...r.by },
    kind: r.kind,
    description: r.description,
    events: [
      {
        type: 'recorded',
        at: r.at === undefined ? iso(engine.clock()) : zonedIso(r.at, engine.zone, 'objection.at'),
        by: r.by.id,
      },
    ],
  });
  return andThen(engine.store.putObjection(objection), () => objection);
}

/**
 * Records how an objection was handled (a quality error is `corrected`) or
 * the feedback given to the objector.
 *
 * @param engine - the engine (store, clock, zone)
 * @param id - the objection id
 * @param type - `handled` or `fed-back`
 * @param change - who, when, the outcome
 * @returns the objection after the change
 * @throws {ValidationError} on a malformed change
 */
export function changeObjection(
  engine: Engine,
  id: string,
  type: 'handled' | 'fed-back',
  change: GrantChange & { outcome?: 'corrected' | 'upheld' | 'rejected' },
): Awaitable<Objection> {
  const c = parseChange(change);
  return engine.store.appendObjectionEvent(id, {
    type,
    at: c.at === undefined ? iso(engine.clock()) : zonedIso(c.at, engine.zone, 'change.at'),
    by: c.by,
    ...(type === 'handled' && c.outcome !== undefined ? { outcome: c.outcome } : {}),
    ...(c.note === undefined ? {} : { note: c.note }),
  });
}
