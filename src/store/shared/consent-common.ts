import type { ConsentStoreChange } from '../../consent/index.ts';
import { canonicalJson } from '../../core/canonical-json.ts';
import { StoreError, ValidationError } from '../../errors/index.ts';

/** The kinds of record a consent store holds, as named in its change feed. */
export type ConsentKind = 'notice' | 'consent' | 'grant' | 'objection';

/** One row of the change feed other processes read to invalidate their caches. */
export interface ConsentChangeRow {
  readonly seq: number;
  readonly kind: ConsentKind;
  readonly id: string;
}

/**
 * Whether two records hold the same content (canonical JSON), as the memory store compares.
 *
 * @returns true when equal
 */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * The error for inserting an existing id with different content (same text as the memory store).
 *
 * @param what - `consent`, `grant` or `objection`
 * @param id - the record id
 * @returns StoreError reason `conflict`
 */
export function conflict(what: string, id: string): StoreError {
  return new StoreError(`${what} ${id} already exists with different content`, {
    path: `${what}.id`,
    reason: 'conflict',
  });
}

/**
 * The error for a notice version stored again with different content.
 *
 * @returns StoreError reason `conflict`
 */
export function noticeConflict(id: string, version: string): StoreError {
  return new StoreError(
    `notice ${id} version ${version} already exists with different content; publish a new version`,
    { path: 'notice.version', reason: 'conflict' },
  );
}

/**
 * The error for appending to an unknown record.
 *
 * @returns StoreError reason `not-found`
 */
export function notFound(what: string, id: string): StoreError {
  return new StoreError(`unknown ${what} ${id}`, { path: `${what}.id`, reason: 'not-found' });
}

/** A set of change listeners that reports each change to every listener. */
export interface Listeners {
  readonly size: number;
  add(listener: (change: ConsentStoreChange) => void): () => void;
  emit(change: ConsentStoreChange): void;
}

/**
 * Creates a listener set; `onFirst`/`onNone` start and stop watching other processes.
 *
 * @returns the set
 */
export function createListeners(onFirst: () => void, onNone: () => void): Listeners {
  const listeners = new Set<(change: ConsentStoreChange) => void>();
  return {
    get size() {
      return listeners.size;
    },
    add(listener) {
      listeners.add(listener);
      if (listeners.size === 1) onFirst();
      return () => {
        if (listeners.delete(listener) && listeners.size === 0) onNone();
      };
    },
    emit(change) {
      for (const listener of [...listeners]) listener(change);
    },
  };
}

/**
 * Checks a duration option in milliseconds (finite, 0 or more).
 *
 * @throws ValidationError `invalid-option`
 */
export function assertDuration(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValidationError(`${path} must be a number of milliseconds, 0 or more`, {
      reason: 'invalid-option',
      path,
    });
  }
}
