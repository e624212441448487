// Characters XML 1.0 cannot carry, and an underscore that would read as such an escape.
// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;
const MARKUP = /[&<>"]/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};
const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Text for XML content or attributes: markup escaped, and characters XML
 * cannot hold written as OOXML's `_xHHHH_` escapes.
 *
 * @param text - the text
 * @returns the escaped text
 */
export function escapeXml(text: string): string {
  return text
    .replace(MARKUP, (ch) => ENTITIES[ch] as string)
    .replace(UNSAFE, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/**
 * Undoes OOXML's `_xHHHH_` escapes in cell text.
 *
 * @param text - the text as stored
 * @returns the text
 */
export function unescapeOoxml(text: string): string {
  return text.indexOf('_x') < 0
    ? text
    : text.replace(ESCAPED, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
