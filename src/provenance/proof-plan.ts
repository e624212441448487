import { splitPoint } from './tree-math.ts';

/** A range of leaves [start, end) whose Merkle tree hash is one proof element. */
export type LeafRange = readonly [start: number, end: number];

/**
 * The leaf ranges whose hashes form the RFC 9162 §2.1.3.1 inclusion path of
 * leaf `index` in the tree of `size` leaves, bottom-up.
 */
export function inclusionPlan(index: number, size: number): LeafRange[] {
  const topDown: LeafRange[] = [];
  let start = 0;
  let n = size;
  let m = index;
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      topDown.push([start + k, start + n]);
      n = k;
    } else {
      topDown.push([start, start + k]);
      start += k;
      m -= k;
      n -= k;
    }
  }
  return topDown.reverse();
}

/**
 * The leaf ranges whose hashes form the RFC 9162 §2.1.4.1 consistency proof
 * from the tree of `oldSize` leaves to the tree of `newSize` (0 < old ≤ new).
 */
export function consistencyPlan(oldSize: number, newSize: number): LeafRange[] {
  const topDown: LeafRange[] = [];
  let start = 0;
  let n = newSize;
  let m = oldSize;
  let complete = true;
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      topDown.push([start + k, start + n]);
      n = k;
    } else {
      topDown.push([start, start + k]);
      start += k;
      m -= k;
      n -= k;
      complete = false;
    }
  }
  if (!complete) topDown.push([start, start + m]);
  return topDown.reverse();
}
