import { KeyError, ValidationError } from '../errors/kinds.ts';
import type { ReidentifyRelease } from './reidentify.ts';

const invalid = (path: string, problem: string): ValidationError =>
  new ValidationError(`${path} ${problem}`, { reason: 'invalid-release', path });

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * Reads the key ids a release's ledger event records, checked once: the
 * returned function gives the key id of an output column — from
 * `details.columnKeys`, else the event's only `keyIds` entry — or undefined
 * when no release was given.
 *
 * @param release - the release's ledger event, or undefined
 * @returns the key id of a column (undefined without a release)
 * @throws {ValidationError} reason `invalid-release` when the event's key ids are malformed
 * @throws {KeyError} reason `key-id-mismatch` when `columnKeys` names a key its `keyIds` lack
 * @throws {KeyError} reason `column-key-unknown` (from the returned function) when the event
 *   names no key for the column, or several keys and no `columnKeys`
 */
export function releaseKeyIds(
  release: ReidentifyRelease | undefined,
): (column: string) => string | undefined {
  if (release === undefined) return () => undefined;
  if (!isPlainObject(release)) throw invalid('options.release', 'must be a ledger event object');
  const { keyIds, details } = release;
  if (
    keyIds !== undefined &&
    (!Array.isArray(keyIds) || keyIds.some((id) => typeof id !== 'string' || id === ''))
  ) {
    throw invalid('options.release.keyIds', 'must be a list of key ids');
  }
  if (details !== undefined && !isPlainObject(details)) {
    throw invalid('options.release.details', 'must be an object');
  }
  const columnKeys = details?.columnKeys;
  if (columnKeys !== undefined) {
    if (!isPlainObject(columnKeys)) {
      throw invalid('options.release.details.columnKeys', 'must map output columns to key ids');
    }
    for (const [column, id] of Object.entries(columnKeys)) {
      if (typeof id !== 'string' || id === '') {
        throw invalid(`options.release.details.columnKeys.${column}`, 'must be a key id');
      }
      // keyIds lists every key the release used: a column key outside it means the event was altered.
      if (keyIds !== undefined && !keyIds.includes(id)) {
        throw new KeyError(
          `field ${column}: the release's columnKeys name key ${id}, which its keyIds do not list`,
          { reason: 'key-id-mismatch', path: column, details: { keyId: id } },
        );
      }
    }
  }
  const only = keyIds?.length === 1 ? keyIds[0] : undefined;
  return (column) => {
    const id =
      columnKeys === undefined
        ? only
        : Object.hasOwn(columnKeys, column)
          ? columnKeys[column]
          : undefined;
    if (typeof id === 'string') return id;
    throw new KeyError(
      columnKeys === undefined
        ? `field ${column}: the release records ${keyIds?.length ?? 0} key ids and no columnKeys, so its key is unknown`
        : `field ${column}: the release's columnKeys name no key for this column`,
      { reason: 'column-key-unknown', path: column },
    );
  };
}
