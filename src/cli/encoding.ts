import { createReadStream } from 'node:fs';
import { type Command, Option } from 'commander';
import { InputError } from '../errors/kinds.ts';
import {
  type DetectedEncoding,
  decodeChunks,
  detectFileEncoding,
  ENCODING_CHOICES,
  type EncodingChoice,
  encodingFromBom,
} from '../io/detect-encoding.ts';
import type { InputEncoding } from '../io/text-source.ts';
import { UsageError } from './parties.ts';

/** Adds `--encoding utf-8|gbk|gb18030|utf-16le|auto` (default utf-8) to a command that reads a file. */
export function encodingOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--encoding <name>',
      'input file encoding; auto: a byte order mark decides, else strict UTF-8, else GB18030 (default utf-8)',
    ).choices(ENCODING_CHOICES),
  );
}

/**
 * The encoding to read a file in: the one asked for (a BOM of that encoding is
 * skipped), or for `auto` the detected one.
 *
 * @param file - the input file
 * @param choice - the `--encoding` value (default utf-8)
 * @returns the encoding and the BOM length
 * @throws {InputError} when the file cannot be read or has an unsupported BOM
 */
async function resolveEncoding(
  file: string,
  choice: EncodingChoice | undefined,
): Promise<DetectedEncoding> {
  const wanted = choice ?? 'utf-8';
  if (wanted === 'auto') return detectFileEncoding(file);
  const encoding = wanted === 'gbk' ? 'gb18030' : wanted;
  const head = await firstBytes(file, 4);
  const bom = encodingFromBomQuietly(head);
  return { encoding, bom: bom?.encoding === encoding ? bom.bom : 0 };
}

/**
 * The encoding `protect` passes to the release pipeline: `auto` is resolved
 * here; UTF-16 is refused, since the pipeline splits files at newline bytes.
 *
 * @param file - the input file
 * @param choice - the `--encoding` value
 * @returns utf-8, gb18030 or gbk, or undefined for the default
 * @throws {UsageError} for utf-16le; InputError when the file cannot be read
 */
export async function pipelineEncoding(
  file: string,
  choice: EncodingChoice | undefined,
): Promise<InputEncoding | undefined> {
  if (choice === undefined) return undefined;
  const resolved = choice === 'auto' ? (await detectFileEncoding(file)).encoding : choice;
  if (resolved === 'utf-16le')
    throw new UsageError(
      'protect reads utf-8, gbk and gb18030; convert a UTF-16 file first (iconv -f UTF-16LE -t UTF-8)',
      { reason: 'unsupported-encoding' },
    );
  return resolved;
}

/**
 * A file's bytes as decoded text chunks in the chosen encoding (BOM dropped), with
 * a running count of bytes read.
 *
 * @param file - the file
 * @param choice - the `--encoding` value
 * @returns the text chunks and a byte counter
 * @throws {InputError} when the file cannot be read or is not valid in the encoding
 */
export async function openText(
  file: string,
  choice: EncodingChoice | undefined,
): Promise<{ text: AsyncIterable<string>; bytesRead: () => number }> {
  const { encoding, bom } = await resolveEncoding(file, choice);
  let bytes = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 18 })) {
      bytes += (chunk as Uint8Array).length;
      yield chunk as Uint8Array;
    }
  }
  return { text: decodeChunks(chunks(), encoding, bom), bytesRead: () => bytes };
}

/**
 * Reads a whole (small) text file in the chosen encoding.
 *
 * @param file - the file
 * @param choice - the `--encoding` value
 * @returns its text without a BOM
 * @throws {InputError} when the file cannot be read or is not valid in the encoding
 */
export async function readTextFile(
  file: string,
  choice: EncodingChoice | undefined,
): Promise<string> {
  const parts: string[] = [];
  for await (const part of (await openText(file, choice)).text) parts.push(part);
  return parts.join('');
}

function encodingFromBomQuietly(head: Uint8Array): DetectedEncoding | undefined {
  try {
    return encodingFromBom(head);
  } catch {
    return undefined; // an explicit encoding was asked for: decoding will tell
  }
}

async function firstBytes(file: string, count: number): Promise<Uint8Array> {
  try {
    for await (const chunk of createReadStream(file, { start: 0, end: count - 1 })) {
      return chunk as Uint8Array;
    }
    return new Uint8Array(0);
  } catch (error) {
    throw new InputError(`cannot read input file ${file}`, {
      cause: error,
      path: 'input',
      reason: 'unreadable',
    });
  }
}
