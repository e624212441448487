import { readFileSync } from 'node:fs';
import { InputError } from '../errors/kinds.ts';

/** Reads and parses a JSON file, with a one-line InputError naming the file on failure. */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${what} file ${file}`, {
      cause: error,
      path: what,
      reason: 'unreadable',
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${what} file ${file} is not valid JSON`, {
      cause: error,
      path: what,
      reason: 'invalid-json',
    });
  }
}
