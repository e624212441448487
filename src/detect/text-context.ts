// What the free-text detectors share: the text, the lexicon and trie look-ups,
// and the list of candidates they propose.
import type { PiCategory } from '../tags/pi-category.ts';
import { type Lexicon, lexicon } from './text-lexicon.ts';
import { step, type TrieNode } from './text-trie.ts';
import type { AddressLevel, TextEntityType } from './text-types.ts';

/** A span a detector proposes; overlaps are resolved afterwards. */
export interface Candidate {
  readonly type: TextEntityType;
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly category?: PiCategory;
  readonly level?: AddressLevel;
}

/** True for a CJK unified ideograph of the basic block. */
export function isHan(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

/** Text, lexicon and candidates of one free-text scan. */
export class TextContext {
  readonly text: string;
  readonly n: number;
  readonly lex: Lexicon;
  readonly candidates: Candidate[] = [];
  /** The node of the last {@link longest} hit. */
  hit: TrieNode | undefined;

  constructor(text: string) {
    this.text = text;
    this.n = text.length;
    this.lex = lexicon();
  }

  /** Character class flags of the code unit at `i` (0 outside the text). */
  cls(i: number): number {
    return i >= 0 && i < this.n ? (this.lex.classes[this.text.charCodeAt(i)] as number) : 0;
  }

  /** True when the code unit at `i` is a Han character. */
  han(i: number): boolean {
    return i >= 0 && i < this.n && isHan(this.text.charCodeAt(i));
  }

  /**
   * The end of the longest listed word of one of `kinds` starting at `i`, or
   * -1; its trie node is left in {@link hit}.
   */
  longest(i: number, kinds: number): number {
    let end = -1;
    this.hit = undefined;
    if (i < 0 || i >= this.n) return end;
    let node = this.lex.first[this.text.charCodeAt(i)];
    for (let j = i + 1; node !== undefined; j++) {
      if ((node.kinds & kinds) !== 0) {
        end = j;
        this.hit = node;
      }
      if (j >= this.n) break;
      node = step(node, this.text.charCodeAt(j));
    }
    return end;
  }

  /** True when a listed word of one of `kinds` ends exactly at `end` (looking back at most 10). */
  endsWith(end: number, kinds: number, from = 0): boolean {
    for (let s = end - 1; s >= Math.max(from, end - 10); s--) {
      if (this.longestEndingAt(s, end, kinds)) return true;
    }
    return false;
  }

  private longestEndingAt(s: number, end: number, kinds: number): boolean {
    if (s < 0 || s >= end) return false;
    let node = this.lex.first[this.text.charCodeAt(s)];
    for (let j = s + 1; j < end && node !== undefined; j++)
      node = step(node, this.text.charCodeAt(j));
    return node !== undefined && (node.kinds & kinds) !== 0;
  }

  add(candidate: Candidate): void {
    this.candidates.push(candidate);
  }
}
