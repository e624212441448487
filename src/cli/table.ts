/**
 * Terminal columns a code point takes: 2 for East Asian wide and fullwidth
 * characters (CJK ideographs, kana, hangul, fullwidth forms), 0 for combining
 * marks and zero-width characters, 1 otherwise.
 */
function codePointWidth(cp: number): number {
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0xfeff) return 0;
  if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/**
 * The number of terminal columns a text takes (CJK characters count two).
 *
 * @param text - the text
 * @returns its display width
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += codePointWidth(ch.codePointAt(0) as number);
  return width;
}

/**
 * Pads a text with spaces to a display width (CJK-aware `padEnd`).
 *
 * @param text - the text
 * @param width - the display width to reach
 * @returns the padded text (unchanged when already as wide)
 */
export function padDisplay(text: string, width: number): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? text + ' '.repeat(missing) : text;
}

/**
 * Lays out rows as aligned columns, two spaces apart, by display width; the
 * last column is not padded.
 *
 * @param rows - the rows (the first is usually a header)
 * @param indent - text put before each line
 * @returns the lines, each ending with a newline
 */
export function formatTable(rows: readonly (readonly string[])[], indent = ''): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      const w = displayWidth(cell);
      if (w > (widths[i] ?? 0)) widths[i] = w;
    });
  }
  let out = '';
  for (const row of rows) {
    const cells = row.map((cell, i) =>
      i === row.length - 1 ? cell : padDisplay(cell, widths[i] ?? 0),
    );
    out += `${indent}${cells.join('  ')}\n`;
  }
  return out;
}
