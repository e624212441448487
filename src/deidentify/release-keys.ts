import { KeyError, ValidationError } from '../errors/kinds.ts';

/**
 * The release being reversed, as its ledger event records it (pass the event
 * read back from the ledger, e.g. `(await ledger.get(i)).event`). Only the
 * key ids are read: `details.columnKeys` (output column → key id), else the
 * event's `keyIds` when it names exactly one key.
 */
export interface ReidentifyRelease {
  readonly keyIds?: readonly string[] | undefined;
  readonly details?: { readonly [key: string]: unknown } | undefined;
}

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
  const columnKeys = fromPairs(details?.columnKeys, keyIds);
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

/**
 * The release pipeline records `columnKeys` as `[column, index into keyIds]`
 * pairs (event details may not hold key ids, which can look like long numbers);
 * this turns them into the column → key id map, and leaves a map as it is.
 */
function fromPairs(value: unknown, keyIds: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const ids = Array.isArray(keyIds) ? (keyIds as unknown[]) : [];
  const out: Record<string, unknown> = {};
  for (const pair of value) {
    const ok =
      Array.isArray(pair) &&
      pair.length === 2 &&
      typeof pair[0] === 'string' &&
      Number.isInteger(pair[1]) &&
      (pair[1] as number) >= 0 &&
      (pair[1] as number) < ids.length;
    if (!ok)
      throw invalid(
        'options.release.details.columnKeys',
        'must pair each column with an index into keyIds',
      );
    out[pair[0] as string] = ids[pair[1] as number];
  }
  return out;
}
