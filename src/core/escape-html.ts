import { assertString } from './assert.ts';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @param text - plain text
 * @returns the text with `& < > " '` replaced by character references
 * @throws {ValidationError} `invalid-argument` unless text is a string
 */
export function escapeHtml(text: string): string {
  assertString(text, 'text');
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
