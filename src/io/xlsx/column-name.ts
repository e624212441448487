/**
 * The 0-based column of a cell reference such as `C5` (-1 when it has no letters).
 *
 * @param reference - the reference
 * @returns the column index
 */
export function columnOf(reference: string): number {
  let column = 0;
  let i = 0;
  for (; i < reference.length && i < 4; i++) {
    const code = reference.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64);
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96);
    else break;
  }
  return i === 0 ? -1 : column - 1;
}

/**
 * The letters of a 0-based column (0 → A, 26 → AA).
 *
 * @param column - the column index
 * @returns its name
 */
export function columnName(column: number): string {
  let name = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
