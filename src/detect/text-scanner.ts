// The free-text pass of `scan`: one walk over the text; at each Han character
// one trie walk finds the listed words starting there (division names, role
// and context words, organization endings, sensitive facts, non-names), and
// the detectors propose spans from them. Overlapping proposals are resolved
// afterwards: the longer span wins, then the more specific type.

import { proposeAddress, readAddressParts } from './text-addresses.ts';
import { type Candidate, isHan, TextContext } from './text-context.ts';
import { proposeAge, proposeDate } from './text-dates.ts';
import { proposeDiagnosis, proposeListedFact } from './text-facts.ts';
import { FIRST, SPAN_STOP, SURNAME, TRANSLIT } from './text-lexicon.ts';
import {
  NameRepeats,
  proposeRepeat,
  proposeTransliterated,
  REPEAT_SCORE,
  registerNames,
} from './text-name-cues.ts';
import { proposeDottedName, proposeName } from './text-names.ts';
import { proposeOrganization } from './text-organizations.ts';
import {
  ADDRESS_CONTEXT,
  FACT,
  NON_NAME,
  ORG_CONTEXT,
  ORG_SUFFIX,
  ORG_WEAK_SUFFIX,
  REGION,
  ROLE,
  step,
  TITLE,
  type TrieNode,
} from './text-trie.ts';
import type { TextEntityType } from './text-types.ts';

const PRIORITY: Readonly<Record<TextEntityType, number>> = {
  address: 5,
  organization: 4,
  'sensitive-fact': 3,
  'person-name': 2,
  date: 1,
  age: 0,
};

const DIAGNOSIS_STARTS = ['患有', '诊断为', '确诊为', '确诊', '罹患'];

/** Skips a colon, spaces or a tab after a label word. */
function skipLabel(text: string, at: number): number {
  let p = at;
  while (p < text.length && p - at < 3) {
    const c = text.charCodeAt(p);
    if (c === 58 || c === 0xff1a || c === 32 || c === 9 || c === 0x3000) p++;
    else break;
  }
  return p;
}

function isDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19);
}

/**
 * Proposes the free-text entities of `enabled` types in `text`, scored,
 * overlaps resolved, at or above `threshold`, in text order.
 */
export function scanText(
  text: string,
  enabled: ReadonlySet<string>,
  threshold: number,
): Candidate[] {
  return walk(text, enabled, threshold, new NameRepeats());
}

/** The walk of {@link scanText}; `repeats` collects the names found with a cue. */
function walk(
  text: string,
  enabled: ReadonlySet<string>,
  threshold: number,
  repeats: NameRepeats,
): Candidate[] {
  const ctx = new TextContext(text);
  const names = enabled.has('person-name');
  const addresses = enabled.has('address');
  const orgs = enabled.has('organization');
  const facts = enabled.has('sensitive-fact');
  const dates = enabled.has('date');
  const ages = enabled.has('age');
  const first = ctx.lex.first;
  const classes = ctx.lex.classes;
  const n = text.length;
  let pendingName = -1;
  let pendingTitle = -1;
  let pendingAddress = -1;
  let addressUntil = 0;
  let floor = 0;
  // The floor before the last update: a role word overlapping an organization's
  // ending (第三人 in 第三人民医院) must not cut the organization's name.
  let previousFloor = 0;
  let orgContextEnd = -100;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!isHan(c)) {
      if (c === 0xb7 || c === 0x30fb || c === 0x2022) {
        if (names && i > 0 && ctx.han(i - 1)) proposeDottedName(ctx, i);
      } else if (c === 72 && facts && text.startsWith('HIV', i)) {
        proposeListedFact(ctx, i);
      }
      continue;
    }
    // One trie walk: the longest word of each kind starting here (most
    // characters start no listed word and need no more than a table look-up).
    const cls = classes[c] as number;
    if (names && (cls & (SURNAME | TRANSLIT)) !== 0) {
      // A registered name led by a surname is repeated after proposeName, below.
      if ((cls & SURNAME) === 0 && repeats.startsWith(c)) proposeRepeat(ctx, repeats, i);
      // A transliterated foreign name starts where a run of transliteration characters does.
      if (
        (cls & TRANSLIT) !== 0 &&
        ((classes[text.charCodeAt(i - 1)] as number) & TRANSLIT) === 0
      ) {
        const before = ctx.candidates.length;
        proposeTransliterated(ctx, i, pendingTitle === i);
        if (ctx.candidates.length > before) registerNames(ctx, repeats, before);
      }
    }
    if (
      (cls & (FIRST | SURNAME)) === 0 &&
      c !== 0x5e74 &&
      c !== 0x5c81 &&
      c !== 0x53f7 &&
      i !== pendingName &&
      i !== pendingAddress
    ) {
      continue;
    }
    let role = -1;
    let addressContext = -1;
    let orgContext = -1;
    let region = -1;
    let orgEnd = -1;
    let orgWeak = false;
    let fact = -1;
    let nonName = -1;
    let title = -1;
    let node: TrieNode | undefined = first[c];
    for (let e = i + 1; node !== undefined; e++) {
      const k = node.kinds;
      if (k !== 0) {
        if ((k & ROLE) !== 0) role = e;
        if ((k & ADDRESS_CONTEXT) !== 0) addressContext = e;
        if ((k & ORG_CONTEXT) !== 0) orgContext = e;
        if ((k & REGION) !== 0) region = e;
        if ((k & FACT) !== 0) fact = e;
        if ((k & NON_NAME) !== 0) nonName = e;
        if ((k & TITLE) !== 0) title = e;
        if ((k & (ORG_SUFFIX | ORG_WEAK_SUFFIX)) !== 0) {
          orgEnd = e;
          orgWeak = (k & ORG_SUFFIX) === 0;
        }
      }
      if (e >= n) break;
      node = step(node, text.charCodeAt(e));
    }
    if (facts) {
      if (fact > 0) proposeListedFact(ctx, i);
      else if ((c === 0x60a3 || c === 0x8bca || c === 0x786e || c === 0x7f79) && i + 1 < n) {
        for (const word of DIAGNOSIS_STARTS) {
          if (text.startsWith(word, i)) {
            if (ctx.longest(i + word.length, FACT) < 0) proposeDiagnosis(ctx, i + word.length);
            break;
          }
        }
      }
    }
    if (addresses && i >= addressUntil) {
      if (region > 0 || pendingAddress === i) {
        const end = proposeAddress(ctx, i, pendingAddress === i);
        if (end > 0) addressUntil = end;
      }
      if (c === 0x53f7 /* 号 */ && i > 0 && isDigit(text.charCodeAt(i - 1))) {
        addressBackwards(ctx, i);
      }
    }
    if (orgs && orgEnd > 0) {
      const orgFloor = floor <= i ? floor : previousFloor;
      proposeOrganization(ctx, i, orgEnd, orgWeak, orgFloor, i - orgContextEnd <= 12);
    }
    // A surname character inside a role or title word (居 of 邻居李娜) starts no name.
    if (
      names &&
      ((cls & SURNAME) !== 0 || pendingName === i) &&
      !(pendingName > i && pendingName - i <= 3) &&
      !(pendingTitle > i && pendingTitle - i <= 3)
    ) {
      const before = ctx.candidates.length;
      proposeName(ctx, i, pendingName === i, nonName, pendingTitle === i);
      if (ctx.candidates.length > before) registerNames(ctx, repeats, before);
      // A later occurrence of a name found with a cue, unless a cue found it here too.
      if (repeats.startsWith(c) && !sureSince(ctx, before)) proposeRepeat(ctx, repeats, i);
    }
    if (dates && c === 0x5e74 /* 年 */ && i > 0 && isDigit(text.charCodeAt(i - 1))) {
      proposeDate(ctx, i);
    }
    if (ages && c === 0x5c81 /* 岁 */ && i > 0 && isDigit(text.charCodeAt(i - 1))) {
      proposeAge(ctx, i);
    }
    if (title > 0) pendingTitle = title;
    if (role > 0) {
      pendingName = skipLabel(text, role);
      if (role > floor) {
        previousFloor = floor;
        floor = role;
      }
    }
    if (addressContext > 0) {
      pendingAddress = skipLabel(text, addressContext);
      if (addressContext > floor) {
        previousFloor = floor;
        floor = addressContext;
      }
    }
    if (orgContext > 0) {
      orgContextEnd = skipLabel(text, orgContext);
      if (orgContext > floor) {
        previousFloor = floor;
        floor = orgContext;
      }
    }
  }
  return resolve(ctx.candidates, threshold);
}

/** True when a candidate proposed since `from` is as sure as a repeated name. */
function sureSince(ctx: TextContext, from: number): boolean {
  for (let c = from; c < ctx.candidates.length; c++)
    if ((ctx.candidates[c] as Candidate).score >= REPEAT_SCORE) return true;
  return false;
}

/** An address that starts with a street rather than a division (中山路15号): found from its 号. */
function addressBackwards(ctx: TextContext, hao: number): void {
  let digits = hao;
  while (digits > 0 && isDigit(ctx.text.charCodeAt(digits - 1))) digits--;
  let start = digits;
  while (
    start > 0 &&
    digits - start < 12 &&
    ctx.han(start - 1) &&
    (ctx.cls(start - 1) & SPAN_STOP) === 0
  )
    start--;
  for (let s = start; s < digits - 1; s++) {
    const parts = readAddressParts(ctx, s);
    const last = parts[parts.length - 1];
    if (last !== undefined && last.end > hao && parts.length >= 2) {
      if (ctx.longest(s, REGION) < 0) proposeAddress(ctx, s, false);
      return;
    }
  }
}

/** Drops proposals below the threshold and resolves overlaps (longer, then more specific, wins). */
function resolve(candidates: Candidate[], threshold: number): Candidate[] {
  const kept = candidates.filter((c) => c.score >= threshold);
  kept.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  for (const candidate of kept) {
    const last = out[out.length - 1];
    if (last === undefined || candidate.start >= last.end) {
      out.push(candidate);
      continue;
    }
    if (better(candidate, last)) out[out.length - 1] = candidate;
  }
  return out;
}

function better(a: Candidate, b: Candidate): boolean {
  const la = a.end - a.start;
  const lb = b.end - b.start;
  if (la !== lb) return la > lb;
  if (a.type !== b.type) return PRIORITY[a.type] > PRIORITY[b.type];
  return a.score > b.score;
}
