import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { InputError } from '../../errors/kinds.ts';
import { readZipEntry, type ZipEntry } from './zip-directory.ts';

/** Callbacks for the elements of one XML part (names without a namespace prefix). */
export interface XmlHandlers {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text(text: string): void;
}

/**
 * Streams one XML part of a zip file through saxes, calling `handlers` as it
 * inflates; after each chunk control returns to the caller (so a generator
 * can hand on what the chunk produced before the next is read).
 *
 * @param file - the workbook file
 * @param entry - the part
 * @param handlers - element callbacks
 * @param maxBytes - most inflated bytes accepted (parts held whole in memory are limited)
 * @returns one step per chunk parsed
 * @throws {InputError} `bad-workbook` for malformed XML or text that is not UTF-8, `too-large` past maxBytes
 */
export async function* parseXmlPart(
  file: string,
  entry: ZipEntry,
  handlers: XmlHandlers,
  maxBytes: number = Number.POSITIVE_INFINITY,
): AsyncGenerator<void> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({
    xmlns: false,
    position: false,
  });
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(localName(tag.name), tag.attributes));
  parser.on('closetag', (tag: SaxesTagPlain) => handlers.close(localName(tag.name)));
  parser.on('text', (text: string) => handlers.text(text));
  parser.on('cdata', (text: string) => handlers.text(text));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  try {
    for await (const chunk of readZipEntry(file, entry)) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        throw new InputError(`${file}: the workbook part ${entry.name} is too large`, {
          path: 'input',
          reason: 'too-large',
          details: { part: entry.name, limit: maxBytes },
        });
      }
      parser.write(decoder.decode(chunk, { stream: true }));
      yield;
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: the workbook part ${entry.name} is not well-formed XML`, {
      cause: error,
      path: 'input',
      reason: 'bad-workbook',
      details: { part: entry.name },
    });
  }
}

/**
 * Parses a whole XML part (for the small parts and the shared strings).
 *
 * @param file - the workbook file
 * @param entry - the part
 * @param handlers - element callbacks
 * @param maxBytes - most inflated bytes accepted
 * @returns when the part was parsed
 * @throws {InputError} as {@link parseXmlPart}
 */
export async function parseWholeXmlPart(
  file: string,
  entry: ZipEntry,
  handlers: XmlHandlers,
  maxBytes: number,
): Promise<void> {
  for await (const _ of parseXmlPart(file, entry, handlers, maxBytes)) {
    // each step already went to the handlers
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
