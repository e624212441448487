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
/** A title or calling a name follows in news style (国家主席江泽民, 记者张三). */
export const TITLE = 2048;

/** A node of the trie; `kinds` is non-zero where a word ends. */
export interface TrieNode {
  /** The first child's code unit and node: most nodes below the root have one child, read without a map look-up. */
  firstCode: number;
  firstChild: TrieNode | undefined;
  /** Bit (code & 31) and bit 32 + ((code >> 5) & 31) of every child's code: most failing steps end here, before the map. */
  lowMask: number;
  highMask: number;
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
  return {
    firstCode: -1,
    firstChild: undefined,
    lowMask: 0,
    highMask: 0,
    next: undefined,
    kinds: 0,
    regionLevel: -1,
    partLevel: -1,
    fact: -1,
  };
}

/** The node reached from `node` by one code unit, if any. */
export function step(node: TrieNode, code: number): TrieNode | undefined {
  if (node.firstCode === code) return node.firstChild;
  if (
    ((node.lowMask >>> (code & 31)) & 1) === 0 ||
    ((node.highMask >>> ((code >>> 5) & 31)) & 1) === 0
  )
    return undefined;
  return node.next?.get(code);
}

/**
 * The root's children in a dense table indexed by code unit, so the first
 * step of every walk (the one most walks end at) is an array read, not a map look-up.
 */
export function denseChildren(root: TrieNode): readonly (TrieNode | undefined)[] {
  const table: (TrieNode | undefined)[] = new Array<TrieNode | undefined>(65536).fill(undefined);
  if (root.next !== undefined) for (const [code, child] of root.next) table[code] = child;
  return table;
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
      node.lowMask |= 1 << (c & 31);
      node.highMask |= 1 << ((c >>> 5) & 31);
      if (node.firstChild === undefined) {
        node.firstCode = c;
        node.firstChild = child;
      }
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
