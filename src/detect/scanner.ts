// The free-text scanner. Candidate starts come from three streams merged in
// text order: runs of two or more digits (one single-class regex), and '@',
// ':' and '-' found with indexOf. Around each start the scanner grows the
// candidate by hand (alnum groups joined by single separators, bounded
// look-arounds), offers the forms it could be to the validators, scores them
// with context words and reports the best. Every character is visited a
// bounded number of times, so the scan is linear in the text whatever it holds.
import { PLATE_PROVINCES } from './documents.ts';
import type { ExplainReason } from './explain-reason.ts';
import type { IdentifierType } from './identifier-type.ts';
import {
  Char,
  fold,
  foldedSlice,
  isAlnumCode,
  isDigitCode,
  isDomainCode,
  isEmailLocalCode,
  isGroupSeparator,
  isHexCode,
  isHexColonCode,
  isUpperCode,
} from './scan-chars.ts';
import {
  bestOffer,
  CONTEXT_BOOST,
  ContextScorer,
  MAX_NEAR_MISS,
  NEAR_MISS_REASONS,
  NO_CONTEXT,
  type Offer,
  offerScore,
} from './scan-context.ts';
import type { Finding, ResolvedScanOptions } from './scan-options.ts';
import { explainers } from './validate.ts';

/** True when text[start, end) is all hexadecimal digits. */
function isHexRun(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!isHexCode(text.charCodeAt(i))) return false;
  }
  return true;
}

/** Where a digit candidate may start: a run of two or more digits (ASCII or full-width). */
const DIGIT_RUN = /[0-9\uff10-\uff19]{2,}/;

/** The index of `ch` at or after `from`, or the text's length. */
function indexOrEnd(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 ? text.length : i;
}

const IPV4 = /(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}/y;
const MAC_HYPHEN = /[0-9A-Fa-f]{2}-[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){4}/y;
const PLATE_SUFFIXES = '挂学警港澳领';
/** Characters before a short digit run that may start a plate or a military ID. */
const PREFIXES = `${PLATE_PROVINCES}使第`;
/** Digit counts a grouped number can have: HK/Macau mobiles, landlines, mobiles, cards, IDs, IMEI. */
const SPAN_LENGTHS: ReadonlySet<number> = new Set([8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);

/** One scan over one text (internal; see `scan`). */
export class Scanner {
  private readonly text: string;
  private readonly n: number;
  private readonly o: ResolvedScanOptions;
  private readonly out: Finding[] = [];
  private readonly offers: Offer[] = [];
  /** Nothing before this offset can start a new candidate. */
  private floor = 0;
  /** End of the last hex/colon run tried as an address: its other colons need no second try. */
  private colonRunEnd = -1;
  // Groups of the current run: [start, end) pairs in growable typed arrays
  // (no per-run allocation).
  private gs = new Int32Array(64);
  private ge = new Int32Array(64);
  private groups = 0;

  // Sticky regexes are per scanner so concurrent scans never share lastIndex.
  private readonly ipv4 = new RegExp(IPV4.source, 'y');
  private readonly mac = new RegExp(MAC_HYPHEN.source, 'y');

  private readonly context: ContextScorer;

  constructor(text: string, options: ResolvedScanOptions) {
    this.text = text;
    this.n = text.length;
    this.o = options;
    this.context = new ContextScorer(text, options.window);
  }

  run(): Finding[] {
    // Three streams of candidate starts, merged in text order: runs of two or
    // more digits (one regex, the same kind of single-class loop as the
    // floor), '@' (emails) and ':' (IPv6, MAC) found with indexOf, and '-'
    // for MAC addresses whose pairs hold no two adjacent digits.
    const digitRuns = new RegExp(DIGIT_RUN.source, 'g');
    const text = this.text;
    const n = this.n;
    const macs = this.o.enabled.has('mac-address');
    let pos = 0;
    let run = -1;
    let at = -1;
    let colon = -1;
    let hyphen = macs ? -1 : n;
    while (pos < n) {
      if (run < pos) {
        digitRuns.lastIndex = pos;
        if (digitRuns.test(text)) {
          run = digitRuns.lastIndex - 2;
          while (run > pos && isDigitCode(text.charCodeAt(run - 1))) run--;
        } else {
          run = n;
        }
      }
      if (at < pos) at = indexOrEnd(text, '@', pos);
      if (colon < pos) colon = indexOrEnd(text, ':', pos);
      if (hyphen < pos) hyphen = indexOrEnd(text, '-', pos);
      const next = Math.min(run, at, colon, hyphen);
      if (next >= n) break;
      if (next === run) {
        const end = this.digits(run);
        if (end < 0) {
          // The run is the local part of an email or the start of an
          // address: let the '@' or ':' stream take it from there.
          pos = -end;
          run = -1;
          if (at < pos) at = -1;
          if (colon < pos) colon = -1;
        } else {
          pos = Math.max(end, run + 1);
          this.floor = pos;
        }
      } else if (next === at) {
        pos = Math.max(this.email(at), at + 1);
        this.floor = pos;
      } else if (next === colon) {
        pos = colon < this.colonRunEnd ? colon + 1 : Math.max(this.colon(colon), colon + 1);
        this.floor = pos;
      } else {
        const end = this.hyphenMac(hyphen);
        pos = end > 0 ? end : hyphen + 1;
        if (end > 0) this.floor = pos;
      }
    }
    return this.out;
  }

  /** A MAC address around the hyphen at `h` ("CE-BA-0F-…"), or -1. */
  private hyphenMac(h: number): number {
    const text = this.text;
    if (
      !isHexRun(text, h - 2, h) ||
      !isHexRun(text, h + 1, h + 3) ||
      text.charCodeAt(h + 3) !== Char.Hyphen
    )
      return -1;
    let start = h - 2;
    for (let k = 0; k < 4; k++) {
      const p = start - 3;
      if (p < this.floor || text.charCodeAt(start - 1) !== Char.Hyphen || !isHexRun(text, p, p + 2))
        break;
      start = p;
    }
    return this.tryMac(start);
  }

  /** Validates `candidate` as `type` and records it with its score. */
  private offer(
    type: IdentifierType,
    start: number,
    end: number,
    candidate: string,
    base: number,
    nearMissBonus = 0,
  ): boolean {
    if (!this.o.enabled.has(type)) return false;
    // Skip the work when even an adjacent context word could not lift the
    // value to the threshold (bare 8-digit numbers at the default threshold).
    const nearMissesReportable = this.o.threshold <= MAX_NEAR_MISS;
    if (base + CONTEXT_BOOST < this.o.threshold && !nearMissesReportable) return false;
    const reason = explainers[type](candidate, this.o.validate);
    if (reason !== undefined) {
      if (!NEAR_MISS_REASONS.has(reason)) return false;
      // The shape fits; a near-miss cannot reach a threshold above MAX_NEAR_MISS.
      if (!nearMissesReportable) return true;
    }
    const level = this.context.level(type, start, end);
    const score = offerScore(base, reason, level, nearMissBonus);
    this.offers.push({ type, start, end, score, reason, context: level > NO_CONTEXT });
    return true;
  }

  /** Reports the best offer made since the last commit; true when one was reported. */
  private commit(): boolean {
    const offers = this.offers;
    if (offers.length === 0) return false;
    const winner = bestOffer(offers);
    offers.length = 0;
    if (winner === undefined || winner.score < this.o.threshold) return false;
    const best = winner.offer;
    const score = Math.round(winner.score * 100) / 100;
    const valid = best.reason === undefined;
    // Plain object literals of one shape each (hot path: no spreads).
    let finding: Finding;
    if (this.o.includeValue) {
      const value = this.text.slice(best.start, best.end);
      finding = valid
        ? { type: best.type, start: best.start, end: best.end, score, valid, value }
        : {
            type: best.type,
            start: best.start,
            end: best.end,
            score,
            valid,
            reason: best.reason as ExplainReason,
            value,
          };
    } else {
      finding = valid
        ? { type: best.type, start: best.start, end: best.end, score, valid }
        : {
            type: best.type,
            start: best.start,
            end: best.end,
            score,
            valid,
            reason: best.reason as ExplainReason,
          };
    }
    this.out.push(finding);
    return true;
  }

  /** Drops pending offers; true when there were any. */
  private discard(): boolean {
    const had = this.offers.length > 0;
    this.offers.length = 0;
    return had;
  }

  // ----- email and colon forms ---------------------------------------------------

  private email(at: number): number {
    const text = this.text;
    let start = at;
    while (start > this.floor && isEmailLocalCode(text.charCodeAt(start - 1))) start--;
    while (start < at && text.charCodeAt(start) === Char.Dot) start++;
    let end = at + 1;
    while (end < this.n && isDomainCode(text.charCodeAt(end))) end++;
    const scanned = end;
    while (
      end > at + 1 &&
      (text.charCodeAt(end - 1) === Char.Dot || text.charCodeAt(end - 1) === Char.Hyphen)
    )
      end--;
    if (start < at && end > at + 1) {
      this.offer('email', start, end, text.slice(start, end), 0.95);
      if (this.commit()) return scanned;
    }
    // Not an email: resume right after the '@' so digits after it are still scanned.
    return at + 1;
  }

  private colon(at: number): number {
    const text = this.text;
    // The whole maximal run of hex digits, colons and dots is the candidate;
    // it is tried once, and scanning resumes after the colon when it fails so
    // that a phone number after "电话:" is still found.
    let start = at;
    while (start > this.floor && isHexColonCode(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    let colons = 1;
    for (let p = start; p < at; p++) if (text.charCodeAt(p) === Char.Colon) colons++;
    while (end < this.n && isHexColonCode(text.charCodeAt(end))) {
      if (text.charCodeAt(end) === Char.Colon) colons++;
      end++;
    }
    this.colonRunEnd = end;
    // IPv6 needs two colons at least, a MAC five: "10:30" stops here.
    if (colons < 2) return at + 1;
    while (end > start && text.charCodeAt(end - 1) === Char.Dot) end--;
    const before = start > 0 ? text.charCodeAt(start - 1) : Char.Space;
    const after = end < this.n ? text.charCodeAt(end) : Char.Space;
    // 45 code units is the longest IPv6 text form.
    if (isAlnumCode(before) || isAlnumCode(after) || end - start < 3 || end - start > 45)
      return at + 1;
    const candidate = text.slice(start, end);
    if (candidate.split(':').filter((group) => group !== '').length >= 2) {
      this.offer('mac-address', start, end, candidate, 0.8);
      this.offer('ipv6', start, end, candidate, 0.8);
      if (this.commit()) return end;
    }
    return at + 1;
  }

  // ----- digit runs ------------------------------------------------------------

  /**
   * Whether a short digit run [at, end) can belong to a longer candidate:
   * something joins it on the left (letters, dots, '+', a separator, a plate
   * or military prefix) or on the right (letters, dots, brackets, a
   * separator, ':', '@', a plate suffix). Prose numbers ("2023年") cannot.
   */
  private mayExtend(at: number, end: number): boolean {
    const text = this.text;
    const before = at > 0 ? text.charCodeAt(at - 1) : Char.Space;
    const after = end < this.n ? text.charCodeAt(end) : Char.Space;
    if (isAlnumCode(before) || isAlnumCode(after)) return true;
    if (before === Char.Plus || after === Char.Colon || after === Char.AtSign) return true;
    if (after === Char.LeftParen || after === Char.LeftBracket || after === Char.FullwidthLeftParen)
      return true;
    // A dotted quad needs more dots than an amount ("1234.56元") has.
    if ((after === Char.Dot && this.dotted(end)) || (before === Char.Dot && this.dotted(at - 1)))
      return true;
    // Grouped numbers have groups of 3+ digits except the last ("2024-05-12" is a date).
    if (
      isGroupSeparator(after) &&
      isDigitCode(text.charCodeAt(end + 1)) &&
      this.groupAhead(end + 1)
    )
      return true;
    if (isGroupSeparator(before) && isDigitCode(text.charCodeAt(at - 2))) return true;
    if (
      before >= Char.NonAscii &&
      (before === Char.MiddleDot ||
        before === Char.Bullet ||
        PREFIXES.includes(String.fromCharCode(before)))
    ) {
      return true;
    }
    return after >= Char.NonAscii && PLATE_SUFFIXES.includes(String.fromCharCode(after));
  }

  /** Whether the dot at `dot` has another dot within the next 4 code units, digits between. */
  private dotted(dot: number): boolean {
    const text = this.text;
    let p = dot + 1;
    let k = 0;
    while (k < 4 && isDigitCode(text.charCodeAt(p))) {
      p++;
      k++;
    }
    if (k > 0 && text.charCodeAt(p) === Char.Dot) return true;
    // Or the dot closes a previous octet ("1.2.3.45" seen from its end).
    p = dot - 1;
    k = 0;
    while (k < 4 && p >= 0 && isDigitCode(text.charCodeAt(p))) {
      p--;
      k++;
    }
    return k > 0 && text.charCodeAt(p) === Char.Dot;
  }

  /** Whether the digit group at `g` can continue a grouped number: 3+ digits, or the last group. */
  private groupAhead(g: number): boolean {
    const text = this.text;
    let p = g;
    while (p < this.n && isDigitCode(text.charCodeAt(p))) p++;
    if (p - g >= 3) return true;
    return !(isGroupSeparator(text.charCodeAt(p)) && isDigitCode(text.charCodeAt(p + 1)));
  }

  private pushGroup(start: number, end: number): void {
    if (this.groups === this.gs.length) {
      const gs = new Int32Array(this.gs.length * 2);
      const ge = new Int32Array(this.ge.length * 2);
      gs.set(this.gs);
      ge.set(this.ge);
      this.gs = gs;
      this.ge = ge;
    }
    this.gs[this.groups] = start;
    this.ge[this.groups] = end;
    this.groups++;
  }

  /** Handles the run around the digit at `at`; returns where scanning resumes (negative: defer to '@' there). */
  private digits(at: number): number {
    const text = this.text;
    const n = this.n;
    let runEnd = at;
    while (runEnd < n && isDigitCode(text.charCodeAt(runEnd))) runEnd++;
    if (runEnd - at < 5 && !this.mayExtend(at, runEnd)) return runEnd;
    let g0 = at;
    while (g0 > this.floor && isAlnumCode(text.charCodeAt(g0 - 1))) g0--;
    this.groups = 0;
    // Earlier groups joined by a single separator ("+86 138…", "0086 138…"):
    // the trigger may fire on a later group. Walk back first, then add them
    // in text order.
    let s = g0;
    let leftCount = 0;
    while (
      s - 2 >= this.floor &&
      isGroupSeparator(text.charCodeAt(s - 1)) &&
      isDigitCode(text.charCodeAt(s - 2)) &&
      isDigitCode(text.charCodeAt(s))
    ) {
      let groupStart = s - 1;
      while (groupStart > this.floor && isAlnumCode(text.charCodeAt(groupStart - 1))) groupStart--;
      s = groupStart;
      leftCount++;
    }
    if (leftCount > 0) {
      let p = s;
      for (let k = 0; k < leftCount; k++) {
        let q = p;
        while (isAlnumCode(text.charCodeAt(q))) q++;
        this.pushGroup(p, q);
        p = q + 1;
      }
    }
    let e = at;
    while (e < n && isAlnumCode(text.charCodeAt(e))) e++;
    this.pushGroup(g0, e);
    while (
      e + 1 < n &&
      isGroupSeparator(text.charCodeAt(e)) &&
      isDigitCode(text.charCodeAt(e - 1)) &&
      isDigitCode(text.charCodeAt(e + 1))
    ) {
      const g = e + 1;
      e = g;
      while (e < n && isAlnumCode(text.charCodeAt(e))) e++;
      this.pushGroup(g, e);
    }
    const ge = this.ge;
    const next = e < n ? text.charCodeAt(e) : 0;
    if (next === Char.AtSign) return -e;
    const first = ge[0] as number;
    // "2001:db8::1", "00:1a:2b:…": let the ':' trigger take the whole address.
    if (
      this.groups === 1 &&
      text.charCodeAt(first) === Char.Colon &&
      first + 1 < n &&
      isHexColonCode(text.charCodeAt(first + 1)) &&
      isHexRun(text, s, first)
    ) {
      return -first;
    }
    if (
      (text.charCodeAt(first) === Char.Dot || text.charCodeAt(g0 - 1) === Char.Dot) &&
      this.o.enabled.has('ipv4')
    ) {
      // The run may be a later octet ("10.0.0.12"): back up over digits and dots.
      let ipStart = g0;
      while (ipStart > this.floor && g0 - ipStart < 12) {
        const c = text.charCodeAt(ipStart - 1);
        if (!((c >= Char.Digit0 && c <= Char.Digit9) || c === Char.Dot)) break;
        ipStart--;
      }
      while (text.charCodeAt(ipStart) === Char.Dot) ipStart++;
      const end = this.tryIpv4(ipStart);
      if (end > 0) return end;
    }
    if (
      this.o.enabled.has('mac-address') &&
      (text.charCodeAt(s + 2) === Char.Hyphen || text.charCodeAt(s - 1) === Char.Hyphen)
    ) {
      // The digit may sit in a later pair ("CE-BA-06-…"): walk back over hex pairs.
      let macStart = s;
      for (let k = 0; k < 5; k++) {
        const p = macStart - 3;
        if (p < this.floor || text.charCodeAt(macStart - 1) !== Char.Hyphen) break;
        if (!isHexRun(text, p, p + 2)) break;
        macStart = p;
      }
      const end = this.tryMac(macStart);
      if (end > 0) return end;
    }
    const count = this.groups;
    let i = 0;
    while (i < count) {
      let used = 1;
      if (i + 1 < count) used = this.spans(i);
      if (used === 1) this.group(i);
      i += used;
    }
    return e;
  }

  private tryIpv4(s: number): number {
    const text = this.text;
    if (s > 0 && (text.charCodeAt(s - 1) === Char.Dot || isAlnumCode(text.charCodeAt(s - 1))))
      return -1;
    const re = this.ipv4;
    re.lastIndex = s;
    if (!re.test(text)) return -1;
    const end = re.lastIndex;
    const after = end < this.n ? text.charCodeAt(end) : Char.Space;
    const after2 = end + 1 < this.n ? text.charCodeAt(end + 1) : Char.Space;
    if (isAlnumCode(after) || (after === Char.Dot && isDigitCode(after2))) return -1;
    this.offer('ipv4', s, end, text.slice(s, end), 0.6);
    this.commit();
    return end;
  }

  private tryMac(s: number): number {
    if (s > 0 && isAlnumCode(this.text.charCodeAt(s - 1))) return -1;
    const re = this.mac;
    re.lastIndex = s;
    if (!re.test(this.text)) return -1;
    const end = re.lastIndex;
    if (
      end < this.n &&
      (isAlnumCode(this.text.charCodeAt(end)) || this.text.charCodeAt(end) === Char.Hyphen)
    )
      return -1;
    this.offer('mac-address', s, end, this.text.slice(s, end), 0.8);
    this.commit();
    return end;
  }

  /**
   * Tries groups i..j (j > i) joined as one number, longest first; returns
   * how many groups a reported finding used, or 1 when none was reported.
   */
  private spans(i: number): number {
    const gs = this.gs;
    const ge = this.ge;
    const first = (ge[i] as number) - (gs[i] as number);
    if (first < 2 || !this.digitsOnly(i, false)) return 1;
    // Build the joined forms once, front to back; a span only continues past
    // groups of two or more digits, so "1 2 3 4 …" never forms spans.
    const joined: string[] = [];
    const dashed: string[] = [];
    let j = joined.length;
    let digits = first;
    let join = foldedSlice(this.text, gs[i] as number, ge[i] as number);
    let dash = join;
    for (j = i + 1; j < this.groups; j++) {
      const len = (ge[j] as number) - (gs[j] as number);
      // Written numbers group digits in threes and fours (138 1234 5678,
      // 6228 4804 …, 010-1234 5678); only a leading country code or IMEI
      // reporting body has two, and only the last group may be shorter.
      if (j === i + 1 && first === 2 && len < 3) break;
      digits += len;
      if (digits > 19) break;
      if (!this.digitsOnly(j, digits === 18)) break;
      const part = foldedSlice(this.text, gs[j] as number, ge[j] as number);
      join += part;
      dash += `-${part}`;
      joined.push(join);
      dashed.push(dash);
      if (len < 3) break;
    }
    for (let k = joined.length - 1; k >= 0; k--) {
      const d = joined[k] as string;
      if (!SPAN_LENGTHS.has(d.length)) continue;
      const start = gs[i] as number;
      const end = ge[i + k + 1] as number;
      this.digitOffers(
        d,
        start,
        end,
        true,
        dashed[k] as string,
        foldedSlice(this.text, start, end),
      );
      if (this.commit()) return k + 2;
    }
    return 1;
  }

  /** True when group k is all digits (optionally ending in X/x). */
  private digitsOnly(k: number, allowX: boolean): boolean {
    const text = this.text;
    const end = this.ge[k] as number;
    for (let p = this.gs[k] as number; p < end; p++) {
      const c = text.charCodeAt(p);
      if (isDigitCode(c)) continue;
      if (allowX && p === end - 1 && (fold(c) === Char.UpperX || fold(c) === Char.LowerX)) continue;
      return false;
    }
    return true;
  }

  /** Offers for a run of ASCII digits (possibly ending in X) at [start, end). */
  private digitOffers(
    d: string,
    start: number,
    end: number,
    grouped: boolean,
    dashed: string,
    raw: string,
  ): void {
    const text = this.text;
    const len = d.length;
    const plus =
      start > 0 &&
      (text.charCodeAt(start - 1) === Char.Plus ||
        text.charCodeAt(start - 1) === Char.FullwidthPlus);
    const last = d.charCodeAt(len - 1);
    const endsX = last === Char.UpperX || last === Char.LowerX;
    const groupBonus = grouped ? 0.05 : 0;
    if (len === 18) {
      this.offer('cn-resident-id', start, end, d, 0.9);
      // An all-digit USCC exists but is rarer than a mistyped ID number.
      if (!endsX) this.offer('cn-uscc', start, end, d, 0.4);
    }
    if (endsX) return;
    const first = d.charCodeAt(0);
    if (len === 11 && first === Char.Digit1)
      this.offer('cn-mobile', start, end, d, 0.75 + groupBonus);
    if (plus && len === 13 && d.startsWith('86')) {
      this.offer('cn-mobile', start - 1, end, `+${d}`, 0.85);
    } else if (len === 13 && d.startsWith('86')) {
      this.offer('cn-mobile', start, end, d.slice(2), 0.45);
    }
    if (len === 15 && d.startsWith('0086')) this.offer('cn-mobile', start, end, d, 0.85);
    if (first === Char.Digit0 && len >= 10 && len <= 16) {
      this.offer('cn-landline', start, end, dashed, grouped ? 0.65 : 0.45);
    }
    if (len === 10 && (first === Char.Digit4 || first === Char.Digit8) && d.startsWith('00', 1)) {
      this.offer('cn-service-number', start, end, d, grouped ? 0.6 : 0.45);
    }
    if (len >= 13 && len <= 19 && first !== Char.Digit0) {
      // Most cards have 16 or 19 digits; other lengths need a context word.
      const unionPay = d.startsWith('62') && len >= 16;
      const base = (len === 16 || len === 19 ? 0.6 : 0.35) + (unionPay ? 0.1 : 0) + groupBonus;
      this.offer('bank-card', start, end, d, base, unionPay && len >= 16 ? 0.05 : 0);
    }
    if (len === 15) {
      this.offer('cn-resident-id-15', start, end, d, 0.4);
      this.offer('cn-business-license', start, end, d, 0.3);
      this.offer('imei', start, end, d, 0.3);
    }
    if (len === 11 && plus && (d.startsWith('852') || d.startsWith('853'))) {
      const type = d.startsWith('852') ? 'hk-mobile' : 'mo-mobile';
      this.offer(type, start - 1, end, `+${d}`, 0.8);
    }
    // Bare 7-8 digit numbers need a context word; on a tie the first offer
    // (mainland landline) wins.
    if ((len === 7 || len === 8) && first !== Char.Digit0 && !plus) {
      this.offer('cn-landline', start, end, dashed, 0.2);
    }
    if (len === 8 && !plus) {
      this.offer('hk-mobile', start, end, raw, 0.2);
      this.offer('mo-mobile', start, end, raw, 0.2);
      this.offer('cn-tw-travel-permit', start, end, d, 0.2);
      this.offer('mo-id', start, end, d, 0.15);
    }
    if (len === 6 && !grouped) {
      this.offer('cn-postal-code', start, end, d, 0.2);
      this.offer('cn-region-code', start, end, d, 0.2);
    }
    if (len === 9 && !grouped) this.offer('cn-passport', start, end, d, 0.2);
  }

  /** Classifies one group on its own. */
  private group(k: number): void {
    const text = this.text;
    const start = this.gs[k] as number;
    const end = this.ge[k] as number;
    if (end - start < 6) {
      // Short numbers ("2023年", "3.14") match nothing unless a plate, a
      // military ID or a bracketed check digit reaches outside the group.
      const before = start > 0 ? text.charCodeAt(start - 1) : 0;
      const after = end < this.n ? text.charCodeAt(end) : 0;
      if (
        before < Char.NonAscii &&
        after !== Char.LeftParen &&
        after !== Char.LeftBracket &&
        after !== Char.FullwidthLeftParen &&
        isDigitCode(text.charCodeAt(start))
      ) {
        return;
      }
    }
    const g = foldedSlice(text, start, end);
    if (this.special(g, start, end)) return;
    if (this.digitsOnly(k, end - start === 18)) {
      this.digitOffers(g, start, end, false, g, g);
      this.commit();
      return;
    }
    if (this.alnumOffers(g, start, end)) {
      this.commit();
      return;
    }
    // Letters glued to digits ("ID110105…", "Tel13812345678"): try each maximal digit run.
    let p = 0;
    while (p < g.length) {
      if (!isDigitCode(g.charCodeAt(p))) {
        p++;
        continue;
      }
      let q = p;
      while (q < g.length && isDigitCode(g.charCodeAt(q))) q++;
      let runEnd = q;
      const x = g.charCodeAt(q);
      if (x === Char.UpperX || x === Char.LowerX) {
        // An X right after digits belongs to them: only 17 digits + X (an ID
        // number) is a candidate; "…002X1" or 18 digits + X is one longer token.
        if (q - p !== 17 || isDigitCode(g.charCodeAt(q + 1))) {
          p = q + 1;
          continue;
        }
        runEnd = q + 1;
      }
      if (q - p >= 6) {
        const d = g.slice(p, runEnd);
        this.digitOffers(d, start + p, start + runEnd, false, d, d);
        this.commit();
      }
      p = runEnd;
    }
  }

  /** Plates, military IDs, and HK/Macau IDs with a bracketed check digit: forms that reach outside the group. */
  private special(g: string, start: number, end: number): boolean {
    const text = this.text;
    // Every special form has a non-ASCII character or a bracket next to the group.
    const b = start > 0 ? text.charCodeAt(start - 1) : Char.Space;
    const a = end < this.n ? text.charCodeAt(end) : Char.Space;
    if (b < Char.NonAscii && a < Char.NonAscii && a !== Char.LeftParen && a !== Char.LeftBracket)
      return false;
    const before = start > 0 ? text.charAt(start - 1) : '';
    const after = end < this.n ? text.charAt(end) : '';
    // Plates: province abbreviation + letter (+ optional middle dot) + 5-6 characters.
    if (this.o.enabled.has('cn-plate')) {
      let plateStart = -1;
      if (
        PLATE_PROVINCES.includes(before) &&
        before !== '' &&
        (isUpperCode(g.charCodeAt(0)) || after === '领')
      ) {
        plateStart = start - 1;
      } else if (
        (before === '·' || before === '•') &&
        start >= 3 &&
        isUpperCode(text.charCodeAt(start - 2)) &&
        PLATE_PROVINCES.includes(text.charAt(start - 3))
      ) {
        plateStart = start - 3;
      } else if (before === '使') {
        plateStart = start - 1;
      }
      if (plateStart >= 0 && plateStart >= this.floor) {
        const plateEnd = after !== '' && PLATE_SUFFIXES.includes(after) ? end + 1 : end;
        const candidate = foldedSlice(text, plateStart, plateEnd).replace('•', '·');
        if (this.offer('cn-plate', plateStart, plateEnd, candidate, 0.75)) {
          if (this.commit()) return true;
        }
      }
    }
    // Military IDs: 军字第2001988号.
    if (
      start >= 3 &&
      text.charAt(start - 1) === '第' &&
      text.charAt(start - 2) === '字' &&
      start - 3 >= this.floor
    ) {
      const idEnd = after === '号' ? end + 1 : end;
      if (
        this.offer('cn-military-id', start - 3, idEnd, text.slice(start - 3, idEnd), 0.8) &&
        this.commit()
      ) {
        return true;
      }
    }
    // Bracketed check digit: A123456(7), 1234567(8), also [ ] and full-width （ ）.
    const open = after;
    if ((open === '(' || open === '[' || open === '（') && end + 2 < this.n) {
      const close = text.charAt(end + 2);
      const check = fold(text.charCodeAt(end + 1));
      const pairs =
        (open === '(' && close === ')') ||
        (open === '[' && close === ']') ||
        (open === '（' && close === '）');
      if (pairs && ((check >= Char.Digit0 && check <= Char.Digit9) || check === Char.UpperA)) {
        const norm = `${g}${open === '[' ? '[' : '('}${String.fromCharCode(check)}${open === '[' ? ']' : ')'}`;
        const made = this.offer('hk-id', start, end + 3, norm, 0.8);
        const madeMo = /^\d{7}$/.test(g) && this.offer('mo-id', start, end + 3, norm, 0.5);
        if ((made || madeMo) && this.commit()) return true;
      }
    }
    this.discard();
    return false;
  }

  /** Offers for a group mixing letters and digits; false when it has no plausible form. */
  private alnumOffers(g: string, start: number, end: number): boolean {
    const len = g.length;
    const first = g.charCodeAt(0) | (Char.LowerA - Char.UpperA); // lower-case letter code
    let made = false;
    if (len === 18) {
      made = this.offer('cn-resident-id', start, end, g, 0.9) || made;
      made = this.offer('cn-uscc', start, end, g, 0.85) || made;
    }
    if (len === 9 || len === 11) {
      if (first === Char.LowerH || first === Char.LowerM)
        made = this.offer('cn-hkmo-travel-permit', start, end, g, 0.45) || made;
    }
    if (len === 9) {
      const strong = first === Char.LowerE || first === Char.LowerG; // E, G
      made = this.offer('cn-passport', start, end, g, strong ? 0.5 : 0.3) || made;
    }
    if (len === 10) made = this.offer('tw-id', start, end, g, 0.8) || made;
    if (len === 8 || len === 9) made = this.offer('hk-id', start, end, g, 0.55) || made;
    return made;
  }
}
