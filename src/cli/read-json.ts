import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { InputError } from '../errors/kinds.ts';

type YamlParse = (text: string, options: { maxAliasCount: number }) => unknown;

// The YAML parser (84 modules) is loaded the first time a YAML file is read,
// so commands given JSON never load it.
let yamlParse: YamlParse | undefined;
function parseYaml(text: string, options: { maxAliasCount: number }): unknown {
  yamlParse ??= (createRequire(import.meta.url)('yaml') as { parse: YamlParse }).parse;
  return yamlParse(text, options);
}

/** Whether a file name says YAML (`.yaml`, `.yml`). */
export function isYamlFile(file: string): boolean {
  const ext = extname(file).toLowerCase();
  return ext === '.yaml' || ext === '.yml';
}

/**
 * Reads and parses a JSON or YAML document (YAML for `.yaml`/`.yml` files, JSON
 * otherwise; a UTF-8 BOM is ignored), with a one-line InputError naming the file
 * on failure. YAML uses the core schema with alias expansion bounded.
 *
 * @param file - the file
 * @param what - what it holds (`dataset`, `policy`…), for messages and the error's path
 * @returns the parsed value
 * @throws {InputError} `unreadable`, `invalid-json` or `invalid-yaml`
 */
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
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (isYamlFile(file)) {
    try {
      return parseYaml(text, { maxAliasCount: 100 });
    } catch (error) {
      throw new InputError(`${what} file ${file} is not valid YAML`, {
        cause: error,
        path: what,
        reason: 'invalid-yaml',
      });
    }
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
