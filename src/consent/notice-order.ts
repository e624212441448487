import { ValidationError } from '../errors/kinds.ts';
import type { Notice } from './notice.ts';

const NUMERIC = /^\d+$/;

// Versions of a notice are ordered by version number and publication time
// (C-NOTICE), never by the order a store happens to hold them in.

/**
 * Compares two notice version strings: dot-separated parts, numeric parts
 * numerically (so `10` follows `9`), other parts by code point.
 *
 * @param a - one version
 * @param b - the other version
 * @returns a negative number when `a` is older, positive when newer, 0 when equal
 *   (`'10'` is newer than `'9'`)
 */
function compareNoticeVersions(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    if (NUMERIC.test(p) && NUMERIC.test(q)) {
      const d = Number(p) - Number(q);
      if (d !== 0) return d;
      continue;
    }
    return p < q ? -1 : 1;
  }
  return 0;
}

/**
 * Sorts notice versions, oldest first, by version (then publication time).
 *
 * @param versions - the versions, in any order
 * @returns a new sorted array
 */
export function orderNoticeVersions(versions: readonly Notice[]): Notice[] {
  return [...versions].sort(
    (a, b) =>
      compareNoticeVersions(a.version, b.version) ||
      Date.parse(a.publishedAt) - Date.parse(b.publishedAt),
  );
}

/**
 * The version in force at an instant: the highest version published by then.
 *
 * @param versions - the versions, in any order
 * @param at - epoch milliseconds
 * @returns the version, or undefined when none was published by `at`
 */
export function noticeInForce(versions: readonly Notice[], at: number): Notice | undefined {
  const ordered = orderNoticeVersions(versions);
  for (let i = ordered.length - 1; i >= 0; i--) {
    const notice = ordered[i] as Notice;
    if (Date.parse(notice.publishedAt) <= at) return notice;
  }
  return undefined;
}

/**
 * Checks that a new version follows every stored one: a higher version,
 * published later. A version already stored is left to the store (identical
 * content is a no-op, different content a conflict).
 *
 * @param stored - the versions already stored
 * @param notice - the version being published
 * @throws {ValidationError} reason `notice-version-order` when it is not newer in both version and time
 */
export function assertNoticeOrder(stored: readonly Notice[], notice: Notice): void {
  if (stored.some((v) => v.version === notice.version)) return;
  const published = Date.parse(notice.publishedAt);
  for (const v of stored) {
    if (compareNoticeVersions(v.version, notice.version) > 0) {
      throw new ValidationError(
        `notice ${notice.id} version ${notice.version} is older than stored version ${v.version}; publish a higher version`,
        { path: 'notice.version', reason: 'notice-version-order' },
      );
    }
    if (Date.parse(v.publishedAt) >= published) {
      throw new ValidationError(
        `notice ${notice.id} version ${notice.version} must be published after version ${v.version} (${v.publishedAt})`,
        { path: 'notice.version', reason: 'notice-version-order' },
      );
    }
  }
}
