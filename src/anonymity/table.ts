import { safeString } from '../core/assert.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { TableInput } from './types.ts';

/** A table read into string columns. */
export interface StringTable {
  /** Number of records. */
  readonly rows: number;
  /** Returns a column's values as strings (throws for an unknown field or a missing value). */
  column(name: string): readonly string[];
  /** The field names, in order of first appearance. */
  fields(): readonly string[];
  /** A column's values as strings, missing values as empty strings (for pass-through fields). */
  lenient(name: string): readonly string[];
}

function loose(value: unknown): string {
  if (typeof value === 'string') return value;
  // safeString: a Symbol or null-prototype cell must not throw a TypeError.
  return value === null || value === undefined ? '' : safeString(value);
}

function cell(value: unknown, field: string, row: number): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Fail closed: a missing quasi-identifier or sensitive value cannot be assessed.
  throw new ValidationError(`table[${row}].${field} is missing`, {
    reason: 'missing-value',
    path: `table[${row}].${field}`,
  });
}

/**
 * Reads records or columns into string columns, lazily per field.
 *
 * @param input - records or `{ columns }`
 * @param argument - the argument name for errors
 * @returns a column accessor
 * @throws {ValidationError} on a non-table input, unequal columns, unknown fields or missing values
 */
export function readTable(input: TableInput, argument = 'table'): StringTable {
  const cache = new Map<string, readonly string[]>();
  if (Array.isArray(input)) {
    const records = input as readonly Readonly<Record<string, unknown>>[];
    return {
      rows: records.length,
      column(name) {
        const hit = cache.get(name);
        if (hit) return hit;
        const out = new Array<string>(records.length);
        for (let i = 0; i < records.length; i++) {
          const record = records[i];
          if (record === null || typeof record !== 'object') {
            throw new ValidationError(`${argument}[${i}] must be an object`, {
              reason: 'not-a-record',
              path: `${argument}[${i}]`,
            });
          }
          out[i] = cell(record[name], name, i);
        }
        cache.set(name, out);
        return out;
      },
      fields() {
        const names = new Set<string>();
        for (const record of records)
          if (record && typeof record === 'object')
            for (const key of Object.keys(record)) names.add(key);
        return [...names];
      },
      lenient(name) {
        return records.map((record) => loose(record?.[name]));
      },
    };
  }
  const columns = (input as { columns?: unknown })?.columns;
  if (columns === null || typeof columns !== 'object') {
    throw new ValidationError(`${argument} must be an array of records or { columns }`, {
      reason: 'not-a-table',
      path: argument,
    });
  }
  const entries = Object.entries(columns as Record<string, unknown>);
  const rows = entries.length === 0 ? 0 : ((entries[0]![1] as unknown[])?.length ?? 0);
  for (const [name, values] of entries) {
    if (!Array.isArray(values) || values.length !== rows) {
      throw new ValidationError(`${argument}.columns.${name} must be an array of ${rows} values`, {
        reason: 'ragged-columns',
        path: `${argument}.columns.${name}`,
      });
    }
  }
  const source = columns as Record<string, readonly unknown[]>;
  return {
    rows,
    column(name) {
      const hit = cache.get(name);
      if (hit) return hit;
      const values = source[name];
      if (values === undefined) {
        throw new ValidationError(`${argument}.columns has no field ${name}`, {
          reason: 'unknown-field',
          path: `${argument}.columns.${name}`,
        });
      }
      const out = values.map((v, i) => cell(v, name, i));
      cache.set(name, out);
      return out;
    },
    fields() {
      return Object.keys(source);
    },
    lenient(name) {
      return (source[name] ?? []).map(loose);
    },
  };
}
