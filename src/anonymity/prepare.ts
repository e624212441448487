import { ValidationError } from '../errors/kinds.ts';
import { type EncodedTable, encodeTable } from './encode.ts';
import { readTable, type StringTable } from './table.ts';
import type { Hierarchy, TableInput } from './types.ts';

const PREPARED: unique symbol = Symbol('dataguard.anonymity.prepared');

/** A table encoded once for repeated searches and evaluations (opaque). */
export interface PreparedTable {
  /** Quasi-identifiers it was encoded for. */
  readonly quasiIdentifiers: readonly string[];
  /** Sensitive attributes it was encoded for. */
  readonly sensitive: readonly string[];
  /** Number of records. */
  readonly rows: number;
  /** @internal */
  readonly [PREPARED]: { readonly table: StringTable; readonly encoded: EncodedTable };
}

/** Options of {@link prepareTable}. */
export interface PrepareOptions {
  /** Quasi-identifier names, in lattice order. */
  readonly quasiIdentifiers: readonly string[];
  /** A hierarchy per quasi-identifier. */
  readonly hierarchies: Readonly<Record<string, Hierarchy>>;
  /** Sensitive attributes (for l-diversity and t-closeness). */
  readonly sensitive?: readonly string[] | undefined;
}

/**
 * Encodes a table once (integer columns, collapsed duplicates, per-level
 * lookup arrays) so that several searches or evaluations skip that work.
 *
 * @param records - records or columns
 * @param options - quasi-identifiers, hierarchies, sensitive attributes
 * @returns the prepared table, accepted wherever records are
 * @throws {ValidationError} on missing hierarchies or values outside them, or malformed options
 * @example
 * ```ts
 * import { prepareTable } from 'dataguard/anonymity';
 * const prepared = prepareTable([{ sex: 'F' }, { sex: 'M' }], {
 *   quasiIdentifiers: ['sex'],
 *   hierarchies: { sex: [['F', '*'], ['M', '*']] },
 * });
 * prepared.rows; // 2
 * ```
 */
export function prepareTable(records: TableInput, options: PrepareOptions): PreparedTable {
  if (options === null || typeof options !== 'object') {
    throw new ValidationError('options must be an object', {
      reason: 'invalid-options',
      path: 'options',
    });
  }
  const qis = options.quasiIdentifiers;
  if (!isNameList(qis) || qis.length === 0) {
    throw new ValidationError(
      'options.quasiIdentifiers must be a non-empty list of distinct names',
      { reason: 'invalid-quasi-identifiers', path: 'options.quasiIdentifiers' },
    );
  }
  const sensitive = options.sensitive ?? [];
  if (!isNameList(sensitive)) {
    throw new ValidationError('options.sensitive must be a list of distinct names', {
      reason: 'invalid-options',
      path: 'options.sensitive',
    });
  }
  const hierarchies = options.hierarchies ?? {};
  if (typeof hierarchies !== 'object' || hierarchies === null) {
    throw new ValidationError('options.hierarchies must be an object', {
      reason: 'invalid-options',
      path: 'options.hierarchies',
    });
  }
  const table = readTable(records, 'records');
  const encoded = encodeTable(table, qis, hierarchies, sensitive);
  return {
    quasiIdentifiers: [...qis],
    sensitive: [...sensitive],
    rows: encoded.rows,
    [PREPARED]: { table, encoded },
  };
}

/** True for an array of distinct strings. */
function isNameList(value: unknown): value is readonly string[] {
  return (
    Array.isArray(value) &&
    value.every((v) => typeof v === 'string') &&
    new Set(value).size === value.length
  );
}

/** True for a prepared table. */
function isPrepared(value: unknown): value is PreparedTable {
  return typeof value === 'object' && value !== null && PREPARED in value;
}

/**
 * Returns the string table and encoding for records or a prepared table.
 *
 * @param records - records, columns or a prepared table
 * @param qis - quasi-identifiers required
 * @param hierarchies - hierarchies (ignored for prepared tables)
 * @param sensitive - sensitive attributes required
 * @returns both views
 * @throws {ValidationError} `prepared-mismatch` when a prepared table was encoded for other attributes
 */
export function tableAndEncoding(
  records: TableInput | PreparedTable,
  qis: readonly string[],
  hierarchies: Readonly<Record<string, Hierarchy>> | undefined,
  sensitive: readonly string[],
): { table: StringTable; encoded: EncodedTable } {
  if (isPrepared(records)) {
    const same =
      records.quasiIdentifiers.length === qis.length &&
      records.quasiIdentifiers.every((q, i) => q === qis[i]) &&
      sensitive.every((s) => records.sensitive.includes(s));
    if (!same) {
      throw new ValidationError(
        'the prepared table was encoded for other quasi-identifiers or sensitive attributes',
        {
          reason: 'prepared-mismatch',
          path: 'records',
        },
      );
    }
    const inner = records[PREPARED];
    if (sensitive.length === inner.encoded.sensitive.length) return inner;
    // Keep only the requested sensitive attributes, in request order.
    const picked = sensitive.map((s) => inner.encoded.sensitive.findIndex((e) => e.name === s));
    return {
      table: inner.table,
      encoded: {
        ...inner.encoded,
        sensitive: picked.map((i) => inner.encoded.sensitive[i]!),
        sens: picked.map((i) => inner.encoded.sens[i]!),
      },
    };
  }
  const table = readTable(records, 'records');
  return { table, encoded: encodeTable(table, qis, hierarchies ?? {}, sensitive) };
}
