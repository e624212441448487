// Addresses in free text, read as one span from the first division name (or
// an address word such as 住/地址) down to the door: GB/T 2260 names, then
// parts ending in 街道/镇/村/小区/路/街/巷/号/栋/单元/室…, each raising the
// precision level. A place name with nothing below the county and no address
// word in front is nobody's address and is not reported.
import type { TextContext } from './text-context.ts';
import { NUMBERING, SPAN_STOP } from './text-lexicon.ts';
import { ADDRESS_PART, REGION } from './text-trie.ts';
import { type AddressLevel, addressLevels } from './text-types.ts';

const COUNTY = 2;
const VILLAGE = 4;
const DOOR = 6;
/** The longest name part before an ending (北京市朝阳区「建国门外」大街). */
const MAX_PART = 10;
/** Endings that need only one character before them (李村, 中山路 needs two anyway). */
const SHORT_OK = '村镇乡路街巷弄屯寨组';

/** One part of an address: where it ends and the level it reaches. */
export interface AddressPart {
  readonly end: number;
  readonly level: number;
}

const DIVISION_SUFFIX = '省市区县旗盟州';

/**
 * The parts of the address starting at `start`: division names, named parts
 * with their endings, and numbered parts (88号, 3栋, 501室). Stops at the
 * first thing that is not an address part.
 */
export function readAddressParts(ctx: TextContext, start: number): AddressPart[] {
  const parts: AddressPart[] = [];
  let pos = start;
  for (;;) {
    const region = ctx.longest(pos, REGION);
    if (region > 0 && ctx.hit !== undefined) {
      const level = ctx.hit.regionLevel;
      // A division name that starts a street or village name (中山路, 长安街) is that street;
      // a full division name with its suffix (台江区) is not (台江区路灯 is no road).
      const part = DIVISION_SUFFIX.includes(ctx.text.charAt(region - 1))
        ? -1
        : ctx.longest(region, ADDRESS_PART);
      if (part > 0 && ctx.hit !== undefined && ctx.hit.partLevel > COUNTY) {
        if (ctx.hit.partLevel < DOOR) {
          parts.push({ end: part, level: ctx.hit.partLevel });
          pos = part;
          continue;
        }
      }
      parts.push({ end: region, level });
      pos = region;
      continue;
    }
    const numbered = numberedPart(ctx, pos);
    if (numbered !== undefined) {
      parts.push(numbered);
      pos = numbered.end;
      continue;
    }
    const named = namedPart(ctx, pos);
    if (named === undefined) break;
    parts.push(named);
    pos = named.end;
  }
  return parts;
}

/** 88号, 3栋, 2单元, 501室, 3-2-501, 甲1号: numbering then a door ending. */
function numberedPart(ctx: TextContext, pos: number): AddressPart | undefined {
  let p = pos;
  while (p < ctx.n && p - pos < 8 && (ctx.cls(p) & NUMBERING) !== 0) p++;
  if (p === pos || (ctx.cls(p) & NUMBERING) !== 0) return undefined;
  const end = ctx.longest(p, ADDRESS_PART);
  if (end > 0 && ctx.hit !== undefined && ctx.hit.partLevel >= VILLAGE) {
    return { end, level: ctx.hit.partLevel };
  }
  // A bare number right after a door part (…3栋2单元501).
  const c = ctx.text.charCodeAt(pos);
  if (p - pos >= 3 && c >= 48 && c <= 57 && pos > 0 && (ctx.cls(pos - 1) & NUMBERING) === 0) {
    const prev = ctx.longest(pos - 1, ADDRESS_PART);
    if (prev === pos && ctx.hit !== undefined && ctx.hit.partLevel === DOOR) {
      return { end: p, level: DOOR };
    }
  }
  return undefined;
}

/** A named part: up to MAX_PART Han characters and an address ending (建国路, 阳光花园, 荷城街道). */
function namedPart(ctx: TextContext, pos: number): AddressPart | undefined {
  for (let j = pos + 1; j <= pos + MAX_PART && j < ctx.n; j++) {
    const prev = j - 1;
    if (!ctx.han(prev) && (ctx.cls(prev) & NUMBERING) === 0) return undefined;
    if ((ctx.cls(prev) & SPAN_STOP) !== 0) return undefined;
    const end = ctx.longest(j, ADDRESS_PART);
    if (end < 0 || ctx.hit === undefined) continue;
    const level = ctx.hit.partLevel;
    if (level === DOOR) continue; // door endings follow numbers only
    const nameLength = j - pos;
    const minimum = end - j === 1 && !SHORT_OK.includes(ctx.text.charAt(j)) ? 2 : 1;
    if (nameLength < minimum) continue;
    return { end, level };
  }
  return undefined;
}

/**
 * Proposes the address starting at `start`. `context` is true when an
 * address word (住, 地址, 位于…) stands right before it.
 *
 * @returns the end of the proposed address, or -1
 */
export function proposeAddress(ctx: TextContext, start: number, context: boolean): number {
  const parts = readAddressParts(ctx, start);
  if (parts.length === 0) return -1;
  let finest = -1;
  for (const part of parts) if (part.level > finest) finest = part.level;
  const last = parts[parts.length - 1] as AddressPart;
  const belowCounty = finest > COUNTY;
  if (!belowCounty && !context) return -1;
  // A lone named part without a division or an address word (…新城) is too weak.
  const startsWithRegion = ctx.longest(start, REGION) > 0;
  if (!context && !startsWithRegion && parts.length < 2) return -1;
  let score = 0.6;
  if (context) score += 0.25;
  if (startsWithRegion) score += 0.1;
  if (finest >= DOOR) score += 0.1;
  ctx.add({
    type: 'address',
    start,
    end: last.end,
    score: Math.min(score, 0.95),
    level: addressLevels[finest] as AddressLevel,
  });
  return last.end;
}
