/** Returns the current time in milliseconds since the epoch; injected so tests are exact. */
export type Clock = () => number;

/** The system clock (`Date.now`). */
export const systemClock: Clock = () => Date.now();

/**
 * A clock fixed at one instant, or advanced by hand; for tests and replays.
 *
 * @param start - the initial time, as epoch milliseconds or an ISO 8601 string
 * @returns a clock with `set` and `advance`
 * @example
 * ```ts
 * import { fixedClock } from './clock.ts';
 * const clock = fixedClock('2026-01-01T00:00:00+08:00');
 * clock.advance(1000);
 * new Date(clock()).toISOString(); // '2025-12-31T16:00:01.000Z'
 * ```
 */
export function fixedClock(start: number | string): Clock & {
  set(time: number | string): void;
  advance(ms: number): void;
} {
  let now = typeof start === 'number' ? start : Date.parse(start);
  const clock = () => now;
  clock.set = (time: number | string) => {
    now = typeof time === 'number' ? time : Date.parse(time);
  };
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}
