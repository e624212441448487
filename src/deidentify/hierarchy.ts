import { assertString } from '../core/assert.ts';
import { PolicyError } from '../errors/kinds.ts';

/** A parsed ARX-style generalization hierarchy. */
export interface Hierarchy {
  /** Number of columns: level 0 is the original value, the last the most general. */
  readonly levels: number;
  /** Generalization of a value at a level, or undefined when the value is not in the table. */
  generalize(value: string, level: number): string | undefined;
}

/**
 * Parses a generalization hierarchy in ARX's layout (as in the UCI Adult
 * hierarchies): one row per original value, column 0 the value, column i its
 * generalization at level i. Text form: `;`-separated lines without quoting
 * (give rows as arrays when values contain the delimiter).
 *
 * @param table - the CSV text or the rows
 * @param delimiter - the text form's separator (default `;`)
 * @returns the hierarchy
 * @throws {PolicyError} reason `bad-hierarchy` on ragged rows, duplicate values, values that are not strings or an empty table
 * @throws {ValidationError} reason `invalid-argument` when `delimiter` is not a string
 * @example
 * ```ts
 * import { parseHierarchy } from './hierarchy.ts';
 * const age = parseHierarchy('38;35-39;30-39;*\n39;35-39;30-39;*');
 * age.generalize('39', 2); // '30-39'
 * ```
 */
export function parseHierarchy(
  table: string | readonly (readonly string[])[],
  delimiter = ';',
): Hierarchy {
  assertString(delimiter, 'delimiter');
  if (typeof table !== 'string') checkRows(table);
  const rows =
    typeof table === 'string'
      ? table
          .replace(/^\ufeff/, '')
          .split(/\r?\n/)
          .filter((line) => line.length > 0)
          .map((line) => line.split(delimiter))
      : table;
  const first = rows[0];
  if (first === undefined || first.length === 0) fail('the hierarchy table is empty');
  const levels = first.length;
  const map = new Map<string, readonly string[]>();
  rows.forEach((row, index) => {
    if (row.length !== levels) fail(`row ${index + 1} has ${row.length} columns, not ${levels}`);
    const value = row[0] as string;
    if (map.has(value)) fail(`row ${index + 1} repeats a value of an earlier row`);
    map.set(value, row);
  });
  return {
    levels,
    generalize: (value, level) => map.get(value)?.[level],
  };
}

// Rows given as arrays (from a caller or a parsed policy) must be lists of strings.
function checkRows(table: unknown): void {
  if (!Array.isArray(table)) fail('the table must be CSV text or an array of rows');
  for (const [index, row] of (table as unknown[]).entries()) {
    if (!Array.isArray(row) || !row.every((cell) => typeof cell === 'string')) {
      fail(`row ${index + 1} must be an array of strings`);
    }
  }
}

function fail(problem: string): never {
  throw new PolicyError(`hierarchy: ${problem}`, { reason: 'bad-hierarchy' });
}
