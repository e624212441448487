import { escapeHtml } from '../core/escape-html.ts';
import type { IncidentReport } from './incident-report.ts';
import { assertIncidentReport, reportSections } from './render-incident.ts';

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;margin:2em;color:#1a1a1a}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f2f2f2}@media print{body{margin:0}}`;

/**
 * Renders an incident report as one self-contained HTML page (inline CSS, no
 * scripts, no external resources); every value is escaped.
 *
 * @param report - the report from `openIncident`
 * @returns the HTML document
 * @throws {ValidationError} when `report` is not an incident report
 * @example
 * ```ts no-run
 * await writeFile('incident.html', incidentToHtml(report));
 * ```
 */
export function incidentToHtml(report: IncidentReport): string {
  assertIncidentReport(report);
  const parts = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>Incident report ${escapeHtml(report.id)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>Incident report ${escapeHtml(report.id)}</h1>`,
  ];
  for (const section of reportSections(report)) {
    parts.push(`<section><h2>${escapeHtml(section.title)}</h2>`);
    for (const text of section.text ?? []) parts.push(`<p>${escapeHtml(text)}</p>`);
    if (section.header !== undefined && section.rows !== undefined && section.rows.length > 0) {
      parts.push('<table>');
      if (section.header.some((h) => h !== '')) {
        parts.push(
          `<thead><tr>${section.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
        );
      }
      parts.push('<tbody>');
      for (const row of section.rows) {
        parts.push(`<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`);
      }
      parts.push('</tbody></table>');
    } else if (section.header !== undefined) {
      parts.push('<p>None.</p>');
    }
    parts.push('</section>');
  }
  parts.push('</body>', '</html>');
  return `${parts.join('\n')}\n`;
}
