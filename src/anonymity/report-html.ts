import { escapeHtml } from '../core/escape-html.ts';
import { assertRiskReport } from './report-assert.ts';
import { histogramSvg } from './report-histogram.ts';
import { type ReportLabels, reportLabels } from './report-labels.ts';
import type { RiskReport } from './report-model.ts';

const STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0 auto;padding:1.5rem;color:#1d1d1d;max-width:62rem;line-height:1.45}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
.meta{color:#555;margin:0 0 1rem}
.verdict{border:2px solid #555;border-radius:6px;padding:.8rem 1rem;margin:1rem 0}
.verdict.pass{border-color:#1e7b34;background:#eef8f0}.verdict.fail{border-color:#b3261e;background:#fdeeee}
.verdict ul{margin:.3rem 0;padding-left:1.2rem}.verdict .grade{font-weight:600;margin:.4rem 0 0}
.yes{color:#1e7b34;font-weight:700}.no{color:#b3261e;font-weight:700}
table{border-collapse:collapse;width:100%;margin:.5rem 0;table-layout:auto}
th,td{border:1px solid #ccc;padding:.35rem .55rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
thead th{background:#f2f2f2;white-space:nowrap}td.num{font-variant-numeric:tabular-nums;white-space:nowrap;text-align:right}
.PASS,.FAIL{font-weight:700;white-space:nowrap}.PASS{color:#1e7b34}.FAIL{color:#b3261e}
figure{margin:.5rem 0 1rem}figcaption{font-size:.9rem;color:#444}
svg.histogram{display:block;max-width:40rem;height:auto}
footer{margin-top:2rem;font-size:.85rem;color:#555}
@media print{body{max-width:none;padding:0}.verdict{break-inside:avoid}figure,table{break-inside:avoid}}
`;

function fixed(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '–';
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}

function percent(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}

function row(cells: readonly string[], header = false): string {
  const [first, ...rest] = cells;
  return `<tr><th scope="row">${first ?? ''}</th>${rest.map((c) => (header ? `<th>${c}</th>` : c)).join('')}</tr>`;
}

function list(names: readonly string[], labels: ReportLabels): string {
  return names.length === 0 ? escapeHtml(labels.none) : names.map(escapeHtml).join(', ');
}

function source(kind: 'option' | 'dataset' | 'profile' | 'none', labels: ReportLabels): string {
  if (kind === 'option') return labels.sourceOption;
  if (kind === 'dataset') return labels.sourceDataset;
  if (kind === 'profile') return labels.sourceProfile;
  return '';
}

function verdictBox(r: RiskReport, l: ReportLabels): string {
  const items = r.requirements
    .map(
      (q) =>
        `<li>${escapeHtml(q.headline)}: <span class="${q.met ? 'yes' : 'no'}">${escapeHtml(q.met ? l.yes : l.no)}</span></li>`,
    )
    .join('');
  const body = items === '' ? `<p>${escapeHtml(l.noRequirements)}</p>` : `<ul>${items}</ul>`;
  const cls = r.verdict === 'none' ? '' : ` ${r.verdict}`;
  return `<section class="verdict${cls}" aria-label="${escapeHtml(l.verdict)}"><strong>${escapeHtml(l.verdict)}</strong>${body}<p class="grade">${escapeHtml(l.grade)}: ${escapeHtml(r.grade.name)}</p></section>`;
}

function inputSection(r: RiskReport, l: ReportLabels): string {
  const qiSource = escapeHtml(source(r.quasiIdentifiers.source, l));
  const rows = [
    row([escapeHtml(l.file), `<td>${escapeHtml(r.input.name)}</td>`]),
    row([escapeHtml(l.rows), `<td class="num">${r.input.rows}</td>`]),
    row([escapeHtml(l.columns), `<td>${list(r.input.columns, l)}</td>`]),
    row([
      escapeHtml(l.quasiIdentifiers),
      `<td>${list(r.quasiIdentifiers.names, l)} <em>(${qiSource})</em></td>`,
    ]),
    row([
      escapeHtml(l.sensitiveAttributes),
      `<td>${list(r.sensitive.names, l)}${r.sensitive.names.length === 0 ? '' : ` <em>(${escapeHtml(source(r.sensitive.source, l))})</em>`}</td>`,
    ]),
    row([
      escapeHtml(l.directIdentifiers),
      `<td>${list(r.directIdentifiers.columns, l)}${r.directIdentifiers.source === 'none' ? '' : ` <em>(${escapeHtml(source(r.directIdentifiers.source, l))})</em>`}</td>`,
    ]),
  ];
  const heading = r.kind === 'release' ? l.measured : l.input;
  return `<h2>${escapeHtml(heading)}</h2><table class="input"><tbody>${rows.join('')}</tbody></table>`;
}

function requirementsSection(r: RiskReport, l: ReportLabels): string {
  if (r.requirements.length === 0) return '';
  const head = `<thead><tr><th>${escapeHtml(l.requirement)}</th><th>${escapeHtml(l.required)}</th><th>${escapeHtml(l.achieved)}</th><th>${escapeHtml(l.result)}</th><th>${escapeHtml(l.meaning)}</th></tr></thead>`;
  const body = r.requirements
    .map((q) => {
      const name = `${l.requirementName[q.id]}${q.attribute === undefined ? '' : ` — ${q.attribute}`}`;
      const result = q.met ? l.pass : l.fail;
      return `<tr class="requirement" data-requirement="${q.id}"><th scope="row">${escapeHtml(name)}</th><td class="num">${fixed(q.required)}</td><td class="num">${fixed(q.achieved)}</td><td class="${q.met ? 'PASS' : 'FAIL'}">${escapeHtml(result)}</td><td>${escapeHtml(q.sentence)}</td></tr>`;
    })
    .join('');
  return `<h2>${escapeHtml(l.requirements)}</h2><table class="requirements">${head}<tbody>${body}</tbody></table>`;
}

function risksSection(r: RiskReport, l: ReportLabels): string {
  const head = `<thead><tr><th>${escapeHtml(l.figure)}</th><th>${escapeHtml(l.value)}</th><th>${escapeHtml(l.meaning)}</th></tr></thead>`;
  const body = r.risks
    .map(
      (f) =>
        `<tr><th scope="row">${escapeHtml(f.name)}</th><td class="num">${percent(f.value)}</td><td>${escapeHtml(f.explanation)}</td></tr>`,
    )
    .join('');
  const grade = `<h2>${escapeHtml(l.grade)}</h2><p class="grade-name"><strong>${escapeHtml(r.grade.name)}</strong></p><p>${escapeHtml(r.grade.reason)}</p>`;
  return `<h2>${escapeHtml(l.risks)}</h2><table class="risks">${head}<tbody>${body}</tbody></table>${grade}`;
}

function histogramFigure(
  m: RiskReport['measures'],
  title: string,
  l: ReportLabels,
  k: number | undefined,
): string {
  const svg = histogramSvg(
    m.classSizes,
    { title, xAxis: l.xAxis, yAxis: l.yAxis, empty: l.noClasses },
    k,
  );
  return `<figure>${svg}<figcaption><strong>${escapeHtml(title)}</strong>. ${escapeHtml(l.histogramCaption(m.classes, m.records))}</figcaption></figure>`;
}

function histogramSection(r: RiskReport, l: ReportLabels): string {
  const k = r.requirements.find((q) => q.id === 'k')?.required;
  const figures =
    r.before === undefined
      ? histogramFigure(r.measures, l.histogram, l, k)
      : histogramFigure(r.before.measures, `${l.before} — ${r.before.grade.name}`, l, k) +
        histogramFigure(r.measures, l.after, l, k);
  return `<h2>${escapeHtml(l.histogram)}</h2>${figures}`;
}

function recommendationSection(r: RiskReport, l: ReportLabels): string {
  const rec = r.recommendation;
  if (rec === undefined) return '';
  const head = `<thead><tr><th>${escapeHtml(l.attribute)}</th><th>${escapeHtml(l.level)}</th><th>${escapeHtml(l.levelLabel)}</th></tr></thead>`;
  const body = rec.levels
    .map(
      (v) =>
        `<tr><th scope="row">${escapeHtml(v.attribute)}</th><td class="num">${v.level} / ${v.maxLevel}</td><td>${escapeHtml(v.label)}</td></tr>`,
    )
    .join('');
  return `<h2>${escapeHtml(l.recommendation)}</h2><table class="recommendation">${head}<tbody>${body}</tbody></table><p>${escapeHtml(rec.summary)}</p>${histogramFigure(rec.measures, l.recommendation, l, r.requirements.find((q) => q.id === 'k')?.required)}`;
}

function releaseSection(r: RiskReport, l: ReportLabels): string {
  const rel = r.release;
  if (rel === undefined) return '';
  const rows = [
    row([escapeHtml(l.dataset), `<td>${escapeHtml(rel.dataset)}</td>`]),
    row([escapeHtml(l.processing), `<td>${escapeHtml(rel.processing)}</td>`]),
    row([escapeHtml(l.rowsIn), `<td class="num">${rel.rowsIn}</td>`]),
    row([escapeHtml(l.rowsOut), `<td class="num">${rel.rowsOut}</td>`]),
    row([escapeHtml(l.rejected), `<td class="num">${rel.rejected}</td>`]),
    row([escapeHtml(l.outputColumns), `<td>${list(rel.columns, l)}</td>`]),
    row([
      escapeHtml(l.gate),
      `<td>${escapeHtml(rel.gate === 'passed' ? l.gatePassed : l.gateNotGated)}</td>`,
    ]),
  ];
  return `<h2>${escapeHtml(l.release)}</h2><table class="release"><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * Renders a risk or release report as one self-contained HTML document
 * (inline CSS and SVG, no script, a Content-Security-Policy that loads
 * nothing): a verdict box, the input and what was measured, every requirement
 * with its result in a sentence, the risk figures explained, the GB/T 42460
 * grade, class size histograms with labelled axes, and the recommended
 * generalization. Every value is escaped; no data value is shown.
 *
 * @param report - from {@link buildRiskReport}, or its JSON parsed
 * @returns the HTML document, in the report's language
 * @throws {ValidationError} `invalid-report` when the report is not a risk report
 * @example
 * ```ts
 * import { buildRiskReport, measureAnonymity, renderRiskReport } from 'dataguard/anonymity';
 * const html = renderRiskReport(
 *   buildRiskReport({
 *     input: { name: 'a.csv', rows: 2, columns: ['age'] },
 *     quasiIdentifiers: { names: ['age'], source: 'option' },
 *     measures: measureAnonymity([{ age: '30' }, { age: '30' }], { quasiIdentifiers: ['age'] }),
 *     requirements: { k: 2 },
 *   }),
 * );
 * ```
 */
export function renderRiskReport(report: RiskReport): string {
  assertRiskReport(report);
  const r = report;
  const l = reportLabels(r.lang);
  const meta = `${escapeHtml(l.input)}: ${escapeHtml(r.input.name)} · ${escapeHtml(l.rows)} ${r.input.rows}`;
  return `<!DOCTYPE html>
<html lang="${r.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(r.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(r.title)}</h1><p class="meta">${meta}</p></header>
<main>
${verdictBox(r, l)}
${releaseSection(r, l)}
${inputSection(r, l)}
${requirementsSection(r, l)}
${risksSection(r, l)}
${histogramSection(r, l)}
${recommendationSection(r, l)}
</main>
<footer><p>${escapeHtml(l.footer)}</p><p>${escapeHtml(r.format)}</p></footer>
</body>
</html>
`;
}
