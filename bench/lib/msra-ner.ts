// The test split of the MSRA named-entity corpus (SIGHAN 2006 bakeoff,
// simplified Chinese news; PER, LOC, ORG in BIO tags, one character a line,
// a blank line between sentences), as redistributed in the public repository
// Determined22/zh-NER-TF (data_path/test_data). Its licence does not allow us
// to redistribute it: bench/data/fetch-msra-ner.mjs downloads it and checks
// its SHA-256. It is held out: no lexicon or rule is tuned on it.
import { existsSync, readFileSync } from 'node:fs';

/** Where the fetch script puts the split. */
export const msraNerPath: URL = new URL('../data/msra-ner-test.txt', import.meta.url);

/** The three entity classes of the corpus. */
export type NerLabel = 'PER' | 'LOC' | 'ORG';

/** A labelled entity, offsets into {@link NerCorpus.text}. */
export interface NerEntity {
  readonly label: NerLabel;
  readonly start: number;
  readonly end: number;
}

/** The sentences joined by newlines, their entities and each sentence's span. */
export interface NerCorpus {
  readonly text: string;
  readonly entities: readonly NerEntity[];
  readonly sentences: readonly { readonly start: number; readonly end: number }[];
}

/**
 * Reads a BIO-tagged corpus (character, tab or space, tag).
 * @param source - the file's text
 * @returns the joined text with its entities in text order
 * @throws {Error} on a line that is not `character tag` or an unknown tag
 */
export function parseBioCorpus(source: string): NerCorpus {
  const parts: string[] = [];
  const entities: NerEntity[] = [];
  const sentences: { start: number; end: number }[] = [];
  let offset = 0;
  let sentenceStart = 0;
  let open: { label: NerLabel; start: number } | undefined;
  const close = (end: number) => {
    if (open !== undefined) entities.push({ label: open.label, start: open.start, end });
    open = undefined;
  };
  const endSentence = () => {
    close(offset);
    if (offset > sentenceStart) {
      sentences.push({ start: sentenceStart, end: offset });
      parts.push('\n');
      offset++;
    }
    sentenceStart = offset;
  };
  for (const raw of source.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      endSentence();
      continue;
    }
    const cut = line.search(/[\t ]/);
    if (cut <= 0) throw new Error(`corpus line is not "character tag": ${line.length} chars`);
    const ch = line.slice(0, cut);
    const tag = line.slice(cut + 1).trim();
    if (tag === 'O') close(offset);
    else {
      const m = /^([BI])-(PER|LOC|ORG)$/.exec(tag);
      if (m === null) throw new Error(`unknown tag ${tag}`);
      const label = m[2] as NerLabel;
      if (m[1] === 'B' || open === undefined || open.label !== label) {
        close(offset);
        open = { label, start: offset };
      }
    }
    parts.push(ch);
    offset += ch.length;
  }
  endSentence();
  return { text: parts.join(''), entities, sentences };
}

/** The MSRA test split, or undefined when it has not been fetched. */
export function loadMsraNer(): NerCorpus | undefined {
  if (!existsSync(msraNerPath)) return undefined;
  return parseBioCorpus(readFileSync(msraNerPath, 'utf8'));
}
