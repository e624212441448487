import type { Lang } from './lang.ts';
import { type MessageKey, message } from './messages.ts';

// Commander's own error lines (English), with the part each message names.
const PATTERNS: readonly (readonly [RegExp, MessageKey, readonly string[]])[] = [
  [/^error: required option '([^']*)' not specified/, 'error.requiredOption', ['option']],
  [/^error: missing required argument '([^']*)'/, 'error.missingArgument', ['argument']],
  [/^error: unknown option '([^']*)'/, 'error.unknownOption', ['option']],
  [/^error: unknown command '([^']*)'/, 'error.unknownCommand', ['command']],
  [/^error: option '([^']*)' argument missing/, 'error.optionMissingArgument', ['option']],
  [
    /^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are ([^\n]*)\./,
    'error.invalidChoice',
    ['option', 'value', 'choices'],
  ],
];

/**
 * One of commander's English error lines in a language; lines it does not
 * know are returned unchanged.
 *
 * @param lang - the language
 * @param text - the error text commander writes
 * @returns the text to write
 */
export function commanderErrorText(lang: Lang, text: string): string {
  if (lang === 'en') return text;
  for (const [pattern, key, names] of PATTERNS) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = match[i + 1] ?? '';
    });
    return `${message(lang, key, params)}\n`;
  }
  return text;
}
