// A character trie over UTF-16 code units: one walk from a position finds
// every listed word starting there, without slicing the text.

// What a listed word is (bit flags; one word may be several things).
export const REGION = 1;
export const ADDRESS_PART = 2;
export const ROLE = 4;
export const NAME_AFTER = 8;
export const NON_NAME = 16;
export const ORG_SUFFIX = 32;
export const ORG_WEAK_SUFFIX = 64;
export const ORG_HEAD = 128;
export const ORG_CONTEXT = 256;
export const ADDRESS_CONTEXT = 512;
export const FACT = 1024;

/** A node of the trie; `kinds` is non-zero where a word ends. */
export interface TrieNode {
  next: Map<number, TrieNode> | undefined;
  kinds: number;
  /** Address level index of a region name (0 province … 2 county). */
  regionLevel: number;
  /** Address level index of an address part ending (3 township … 6 door). */
  partLevel: number;
  /** Index of the fact's PI category. */
  fact: number;
}

/** A new empty node. */
export function trieNode(): TrieNode {
  return { next: undefined, kinds: 0, regionLevel: -1, partLevel: -1, fact: -1 };
}

/** The node reached from `node` by one code unit, if any. */
export function step(node: TrieNode, code: number): TrieNode | undefined {
  return node.next?.get(code);
}

/** Adds `word` with `kind` and, for regions, parts and facts, their index. */
export function addWord(root: TrieNode, word: string, kind: number, index = -1): void {
  let node = root;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (node.next === undefined) node.next = new Map();
    let child = node.next.get(c);
    if (child === undefined) {
      child = trieNode();
      node.next.set(c, child);
    }
    node = child;
  }
  node.kinds |= kind;
  // A division listed at two levels (吉林省/吉林市) keeps the coarser one.
  if (kind === REGION && (node.regionLevel < 0 || index < node.regionLevel))
    node.regionLevel = index;
  if (kind === ADDRESS_PART && index > node.partLevel) node.partLevel = index;
  if (kind === FACT) node.fact = index;
}
