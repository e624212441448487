import { assertString } from '../core/assert.ts';
import { ValidationError } from '../errors/kinds.ts';
import type { Hierarchy } from './types.ts';

/**
 * Checks a hierarchy in ARX's layout and returns it: at least one row, rows of
 * equal length, unique originals, and monotonic (two values that share a label
 * at one level share the labels of every higher level).
 *
 * @param hierarchy - rows, column 0 the original value
 * @param name - the attribute, for error paths
 * @returns the same hierarchy
 * @throws {ValidationError} `hierarchy-empty`, `hierarchy-ragged`, `hierarchy-duplicate`, `hierarchy-not-monotonic`; `invalid-argument` unless name is a string
 * @example
 * ```ts
 * import { validateHierarchy } from './hierarchy.ts';
 * validateHierarchy([['a', 'x', '*'], ['b', 'x', '*']], 'code');
 * ```
 */
export function validateHierarchy(hierarchy: Hierarchy, name: string): Hierarchy {
  assertString(name, 'name');
  const path = `hierarchies.${name}`;
  if (!Array.isArray(hierarchy) || hierarchy.length === 0 || !Array.isArray(hierarchy[0])) {
    throw new ValidationError(`${path} must have at least one row`, {
      reason: 'hierarchy-empty',
      path,
    });
  }
  const width = hierarchy[0]!.length;
  if (width < 1) {
    throw new ValidationError(`${path} rows must have at least one column`, {
      reason: 'hierarchy-empty',
      path,
    });
  }
  const seen = new Set<string>();
  for (let r = 0; r < hierarchy.length; r++) {
    const row = hierarchy[r]!;
    if (!Array.isArray(row) || row.length !== width || row.some((v) => typeof v !== 'string')) {
      throw new ValidationError(`${path}[${r}] must have ${width} string columns`, {
        reason: 'hierarchy-ragged',
        path: `${path}[${r}]`,
      });
    }
    if (seen.has(row[0]!)) {
      throw new ValidationError(`${path}[${r}] repeats an original value`, {
        reason: 'hierarchy-duplicate',
        path: `${path}[${r}]`,
      });
    }
    seen.add(row[0]!);
  }
  // Monotonic: the label at level l determines the label at level l+1.
  for (let level = 1; level + 1 < width; level++) {
    const parent = new Map<string, string>();
    for (let r = 0; r < hierarchy.length; r++) {
      const row = hierarchy[r]!;
      const known = parent.get(row[level]!);
      if (known === undefined) parent.set(row[level]!, row[level + 1]!);
      else if (known !== row[level + 1]) {
        throw new ValidationError(`${path} is not monotonic at level ${level}`, {
          reason: 'hierarchy-not-monotonic',
          path: `${path}[${r}]`,
          details: { level },
        });
      }
    }
  }
  return hierarchy;
}

/**
 * Parses a hierarchy from ARX's CSV export (one row per value, `;`-separated,
 * no header, CRLF or LF line ends, no quoting).
 *
 * @param text - the file's text
 * @param delimiter - the separator, `;` by default
 * @returns the hierarchy rows
 * @throws {ValidationError} when rows are ragged or empty; `invalid-argument` unless text and delimiter are strings (delimiter non-empty)
 * @example
 * ```ts
 * import { parseHierarchyCsv } from 'dataguard/anonymity';
 * const sex = parseHierarchyCsv('Male;*\nFemale;*\n'); // [['Male','*'],['Female','*']]
 * ```
 */
export function parseHierarchyCsv(text: string, delimiter = ';'): string[][] {
  assertString(text, 'text');
  assertString(delimiter, 'delimiter');
  if (delimiter.length === 0) {
    throw new ValidationError('delimiter must not be empty', {
      reason: 'invalid-argument',
      path: 'delimiter',
    });
  }
  const rows = text
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line) => line.split(delimiter));
  validateHierarchy(rows, 'csv');
  return rows;
}
