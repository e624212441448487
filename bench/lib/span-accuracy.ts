// Precision and recall of predicted spans against gold spans, exact and with
// any overlap. Both lists must be in text order and free of overlaps within
// themselves (scan's findings and a tokenizer's words are), so one sweep finds
// the overlapping pairs.

/** A labelled or predicted span of text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Counts behind precision and recall. */
export interface SpanAccuracy {
  readonly gold: number;
  readonly reported: number;
  readonly exact: number;
  /** Reported spans overlapping some gold span. */
  readonly reportedHit: number;
  /** Gold spans overlapping some reported span. */
  readonly goldHit: number;
}

/**
 * Compares reported spans with gold spans.
 * @param gold - labelled spans, in text order, not overlapping
 * @param reported - predicted spans, in text order, not overlapping
 * @returns the counts of exact and overlapping matches
 */
export function spanAccuracy(gold: readonly Span[], reported: readonly Span[]): SpanAccuracy {
  const exactKeys = new Set(gold.map((x) => `${x.start}:${x.end}`));
  let exact = 0;
  for (const x of reported) if (exactKeys.has(`${x.start}:${x.end}`)) exact++;
  return {
    gold: gold.length,
    reported: reported.length,
    exact,
    reportedHit: countOverlapping(reported, gold),
    goldHit: countOverlapping(gold, reported),
  };
}

/** How many spans of `a` overlap some span of `b`. */
function countOverlapping(a: readonly Span[], b: readonly Span[]): number {
  let j = 0;
  let hit = 0;
  for (const x of a) {
    // The first span of `b` ending after x starts is the only one that can overlap x first.
    while (j < b.length && (b[j] as Span).end <= x.start) j++;
    const y = b[j];
    if (y !== undefined && y.start < x.end) hit++;
  }
  return hit;
}
