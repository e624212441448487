import { escapeHtml } from '../core/escape-html.ts';

/** One bar: classes whose size lies in [from, to]. */
interface Bin {
  readonly from: number;
  readonly to: number;
  readonly classes: number;
}

const MAX_BARS = 40;

function binsOf(sizes: readonly { readonly size: number; readonly classes: number }[]): Bin[] {
  if (sizes.length <= MAX_BARS)
    return sizes.map((s) => ({ from: s.size, to: s.size, classes: s.classes }));
  // Too many distinct sizes for one bar each: equal-width ranges over sizes.
  const lo = sizes[0]?.size ?? 0;
  const hi = sizes[sizes.length - 1]?.size ?? 0;
  const width = Math.ceil((hi - lo + 1) / MAX_BARS);
  const bins: Bin[] = [];
  for (let from = lo; from <= hi; from += width)
    bins.push({ from, to: from + width - 1, classes: 0 });
  for (const s of sizes) {
    const i = Math.floor((s.size - lo) / width);
    const bin = bins[i];
    if (bin !== undefined) bins[i] = { ...bin, classes: bin.classes + s.classes };
  }
  return bins;
}

/** A round tick step giving at most five ticks up to max. */
function tickStep(max: number): number {
  const raw = Math.max(1, max / 5);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * magnitude >= raw) return m * magnitude;
  return 10 * magnitude;
}

/** Words of the histogram. */
export interface HistogramText {
  readonly title: string;
  readonly xAxis: string;
  readonly yAxis: string;
  readonly empty: string;
}

/**
 * An inline SVG bar chart of equivalence class sizes with labelled, ticked x
 * and y axes; bars of classes smaller than `k` are drawn in the warning colour.
 *
 * @param sizes - class size histogram, ascending by size
 * @param text - title and axis labels
 * @param k - required k (bars below it are at risk), if any
 * @returns the SVG element (or a paragraph when there are no classes)
 */
export function histogramSvg(
  sizes: readonly { readonly size: number; readonly classes: number }[],
  text: HistogramText,
  k: number | undefined,
): string {
  if (sizes.length === 0) return `<p>${escapeHtml(text.empty)}</p>`;
  const bins = binsOf(sizes);
  const width = 640;
  const height = 280;
  const left = 64;
  const right = 16;
  const top = 16;
  const bottom = 64;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  let max = 0;
  for (const b of bins) if (b.classes > max) max = b.classes;
  const step = tickStep(max);
  const yMax = Math.ceil(max / step) * step;
  const slot = plotW / bins.length;
  const barW = Math.max(1, slot * 0.8);
  const y = (v: number): number => top + plotH - (plotH * v) / yMax;
  const parts: string[] = [];
  for (let v = 0; v <= yMax; v += step) {
    const py = y(v).toFixed(1);
    parts.push(
      `<line class="grid" x1="${left}" y1="${py}" x2="${width - right}" y2="${py}" stroke="#e3e3e3"/>`,
      `<text class="y-tick" x="${left - 6}" y="${py}" font-size="11" text-anchor="end" dominant-baseline="middle">${v}</text>`,
    );
  }
  const labelEvery = Math.ceil(bins.length / 12);
  bins.forEach((b, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    const h = (plotH * b.classes) / yMax;
    const range = b.from === b.to ? String(b.from) : `${b.from}–${b.to}`;
    const atRisk = k !== undefined && b.from < k;
    parts.push(
      `<rect class="bar${atRisk ? ' at-risk' : ''}" x="${x.toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${atRisk ? '#c0392b' : '#3b6ea5'}"><title>${escapeHtml(`${range}: ${b.classes}`)}</title></rect>`,
    );
    if (i % labelEvery === 0)
      parts.push(
        `<text class="x-tick" x="${(left + i * slot + slot / 2).toFixed(1)}" y="${top + plotH + 16}" font-size="11" text-anchor="middle">${escapeHtml(range)}</text>`,
      );
  });
  const axes = `<line class="x-axis" x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${top + plotH}" stroke="#222" stroke-width="1.5"/><line class="y-axis" x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#222" stroke-width="1.5"/>`;
  const xLabel = `<text class="x-label" x="${left + plotW / 2}" y="${height - 14}" font-size="12" text-anchor="middle">${escapeHtml(text.xAxis)}</text>`;
  const yLabel = `<text class="y-label" x="${-(top + plotH / 2)}" y="16" font-size="12" text-anchor="middle" transform="rotate(-90)">${escapeHtml(text.yAxis)}</text>`;
  return `<svg class="histogram" role="img" aria-label="${escapeHtml(text.title)}" width="100%" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">${parts.join('')}${axes}${xLabel}${yLabel}</svg>`;
}
