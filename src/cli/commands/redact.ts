import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { compileTransform } from '../../deidentify/compile-transform.ts';
import type { TextSpec } from '../../deidentify/transforms/text.ts';
import { InputError } from '../../errors/kinds.ts';
import { UsageError } from '../parties.ts';
import type { CliIo } from '../program.ts';
import { readJsonFile } from '../read-json.ts';

/** Court-style defaults: 张某, addresses to the county, dates to the year, identifiers masked. */
const COURT_STYLE: TextSpec = {
  type: 'text',
  operators: {
    'person-name': 'surname',
    address: 'generalize',
    date: 'generalize',
    age: 'generalize',
    organization: 'label',
    'sensitive-fact': 'label',
  },
  default: 'mask',
};

/** Reads the `text` transform of `--policy`: a JSON object `{ "type": "text", … }`. */
function readSpec(file: string | undefined): TextSpec {
  if (file === undefined) return COURT_STYLE;
  const spec = readJsonFile(file, 'policy');
  if (typeof spec !== 'object' || spec === null || (spec as { type?: unknown }).type !== 'text') {
    throw new InputError(`policy file ${file} must hold a text transform ({ "type": "text", … })`, {
      path: 'policy',
      reason: 'not-a-text-transform',
    });
  }
  return spec as TextSpec;
}

/**
 * `dataguard redact <file|->`: de-identifies free text in place (names,
 * addresses, organizations, sensitive facts, dates, ages, identifiers), line
 * by line (streaming) or as one document.
 */
export function registerRedactCommand(program: Command, io: CliIo): void {
  program
    .command('redact')
    .description(
      'de-identify free text (court style by default: 张某, addresses to the county, identifiers masked)',
    )
    .argument('<file>', 'text file, or - for standard input')
    .option('--policy <file>', 'a text transform as JSON: { "type": "text", "operators": {…}, … }')
    .option('--mode <mode>', 'line (default: each line on its own, streaming) or document')
    .action(async (file: string, flags: { policy?: string; mode?: string }) => {
      const mode = flags.mode ?? 'line';
      if (mode !== 'line' && mode !== 'document') {
        throw new UsageError('--mode must be line or document', { reason: 'invalid-option-value' });
      }
      // One compiled transform for the whole input: labels stay consistent across lines.
      const transform = compileTransform(readSpec(flags.policy));
      const source = (): NodeJS.ReadableStream => {
        if (file === '-') return process.stdin;
        try {
          if (!statSync(file).isFile()) throw new Error('not a file');
        } catch (error) {
          throw new InputError(`cannot read ${file}`, {
            cause: error,
            path: 'file',
            reason: 'unreadable',
          });
        }
        return createReadStream(file, { encoding: 'utf8' });
      };
      if (mode === 'document') {
        let text = '';
        for await (const chunk of source()) text += String(chunk);
        io.stdout(String(transform(text)));
        return;
      }
      const lines = createInterface({ input: source(), crlfDelay: Number.POSITIVE_INFINITY });
      for await (const line of lines) io.stdout(`${String(transform(line))}\n`);
    });
}
