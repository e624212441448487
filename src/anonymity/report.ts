import { assertRecord, assertString } from '../core/assert.ts';
import { escapeHtml } from '../core/escape-html.ts';
import { assertMeasures, assertNumber } from './assert-measures.ts';
import type { AnonymityMeasures } from './measures.ts';
import { riskGrade } from './risk-grade.ts';

/** What {@link renderAnonymityReport} shows. */
export interface AnonymityReportInput {
  /** Page title. */
  readonly title?: string | undefined;
  /** Measures of the original table. */
  readonly before: AnonymityMeasures;
  /** Measures of the released table. */
  readonly after: AnonymityMeasures;
  /** Chosen generalization level per quasi-identifier. */
  readonly levels?: Readonly<Record<string, number>> | undefined;
  /** Maximum level per quasi-identifier (for the level bars). */
  readonly maxLevels?: Readonly<Record<string, number>> | undefined;
  /** Utility loss per attribute in [0, 1] (e.g. the loss metric's per-attribute values). */
  readonly utilityLoss?: Readonly<Record<string, number>> | undefined;
  /** The metric and its value. */
  readonly metric?: { readonly name: string; readonly value: number } | undefined;
}

// Re-exported because the anonymity subpath publishes it.
export { escapeHtml };

function num(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '–';
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

function histogram(m: AnonymityMeasures, label: string): string {
  const width = 480;
  const height = 160;
  const bars = m.classSizes;
  if (bars.length === 0) return `<p>${escapeHtml(label)}: no classes</p>`;
  let max = 0;
  for (const bar of bars) if (bar.classes > max) max = bar.classes;
  const w = Math.max(2, Math.floor((width - 40) / bars.length) - 2);
  const rects = bars
    .map((b, i) => {
      const h = Math.max(1, Math.round(((height - 30) * b.classes) / max));
      const x = 30 + i * (w + 2);
      return `<rect x="${x}" y="${height - 20 - h}" width="${w}" height="${h}" fill="#3b6ea5"><title>size ${b.size}: ${b.classes} classes</title></rect>`;
    })
    .join('');
  const first = bars[0]!.size;
  const last = bars[bars.length - 1]!.size;
  return `<figure><svg role="img" aria-label="${escapeHtml(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${rects}<line x1="28" y1="${height - 20}" x2="${width}" y2="${height - 20}" stroke="#333"/><text x="30" y="${height - 5}" font-size="11">${first}</text><text x="${width - 40}" y="${height - 5}" font-size="11">${last}</text></svg><figcaption>${escapeHtml(label)}: classes by size (${first}–${last})</figcaption></figure>`;
}

function numbers(value: unknown, path: string): Readonly<Record<string, number>> {
  if (value === undefined) return {};
  assertRecord(value, path);
  for (const [name, n] of Object.entries(value)) assertNumber(n, `${path}.${name}`);
  return value as Readonly<Record<string, number>>;
}

function checkInput(input: AnonymityReportInput): void {
  assertRecord(input, 'input');
  if (input.title !== undefined) assertString(input.title, 'input.title');
  assertMeasures(input.before, 'input.before');
  assertMeasures(input.after, 'input.after');
  numbers(input.levels, 'input.levels');
  numbers(input.maxLevels, 'input.maxLevels');
  numbers(input.utilityLoss, 'input.utilityLoss');
  if (input.metric !== undefined) {
    assertRecord(input.metric, 'input.metric');
    assertString(input.metric.name, 'input.metric.name');
    assertNumber(input.metric.value, 'input.metric.value');
  }
}

function riskRow(name: string, before: number, after: number): string {
  return `<tr><th scope="row">${escapeHtml(name)}</th><td>${num(before)}</td><td>${num(after)}</td></tr>`;
}

function bar(value: number): string {
  const pct = Math.max(0, Math.min(1, value)) * 100;
  return `<svg width="200" height="12" xmlns="http://www.w3.org/2000/svg"><rect width="200" height="12" fill="#e5e5e5"/><rect width="${(pct * 2).toFixed(1)}" height="12" fill="#c0504d"/></svg>`;
}

/**
 * Renders a self-contained HTML report (one file, inline CSS and SVG, no
 * scripts, no network): class size histograms, risk before and after, utility
 * loss per attribute and the chosen levels. Every value is escaped.
 *
 * @param input - measures before and after, levels, utility
 * @returns the HTML document
 * @throws {ValidationError} `invalid-argument` on malformed input (measures, levels, metric)
 * @example
 * ```ts
 * import { measureAnonymity, renderAnonymityReport } from 'dataguard/anonymity';
 * const before = measureAnonymity([{ a: '1' }, { a: '2' }], { quasiIdentifiers: ['a'] });
 * const after = measureAnonymity([{ a: '*' }, { a: '*' }], { quasiIdentifiers: ['a'], suppressedValue: '' });
 * const html = renderAnonymityReport({ before, after, levels: { a: 1 } });
 * ```
 */
export function renderAnonymityReport(input: AnonymityReportInput): string {
  checkInput(input);
  const { before, after } = input;
  const title = input.title ?? 'Anonymity report';
  const gradeBefore = riskGrade(before);
  const gradeAfter = riskGrade(after);
  const risks = [
    riskRow('records', before.records, after.records),
    riskRow('suppressed records', before.suppressed, after.suppressed),
    riskRow('equivalence classes', before.classes, after.classes),
    riskRow('k (smallest class)', before.k, after.k),
    riskRow('prosecutor risk, highest', before.prosecutor.highest, after.prosecutor.highest),
    riskRow('prosecutor risk, average', before.prosecutor.average, after.prosecutor.average),
    riskRow('marketer risk', before.marketer, after.marketer),
    riskRow('unique records (share)', before.uniqueShare, after.uniqueShare),
    ...(before.journalist && after.journalist
      ? [
          riskRow('journalist risk, highest', before.journalist.highest, after.journalist.highest),
          riskRow('journalist risk, average', before.journalist.average, after.journalist.average),
        ]
      : []),
    riskRow('GB/T 42460 grade', gradeBefore.grade, gradeAfter.grade),
  ].join('');
  const levels = Object.entries(input.levels ?? {})
    .map(([name, level]) => {
      // Own keys only: a level named `constructor` must not read Object's.
      const max =
        input.maxLevels && Object.hasOwn(input.maxLevels, name) ? input.maxLevels[name] : undefined;
      return `<tr><th scope="row">${escapeHtml(name)}</th><td>${level}${max === undefined ? '' : ` / ${max}`}</td><td>${max ? bar(level / max) : ''}</td></tr>`;
    })
    .join('');
  const utility = Object.entries(input.utilityLoss ?? {})
    .map(
      ([name, loss]) =>
        `<tr><th scope="row">${escapeHtml(name)}</th><td>${num(loss)}</td><td>${bar(loss)}</td></tr>`,
    )
    .join('');
  const metric = input.metric
    ? `<p>Metric <strong>${escapeHtml(input.metric.name)}</strong>: ${escapeHtml(num(input.metric.value, 6))}</p>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:60rem}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
td{font-variant-numeric:tabular-nums}figure{display:inline-block;margin:0 1rem 1rem 0}figcaption{font-size:.85rem}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${metric}
<h2>Equivalence class sizes</h2>
${histogram(before, 'before')}${histogram(after, 'after')}
<h2>Re-identification risk</h2>
<table><thead><tr><th>measure</th><th>before</th><th>after</th></tr></thead><tbody>${risks}</tbody></table>
<p>Grade after: ${gradeAfter.grade} (${escapeHtml(gradeAfter.reason)}).</p>
${levels ? `<h2>Generalization levels</h2><table><thead><tr><th>attribute</th><th>level</th><th></th></tr></thead><tbody>${levels}</tbody></table>` : ''}
${utility ? `<h2>Utility loss per attribute</h2><table><thead><tr><th>attribute</th><th>loss</th><th></th></tr></thead><tbody>${utility}</tbody></table>` : ''}
</body>
</html>
`;
}
