import { escapeHtml } from '../core/escape-html.ts';
import type { IncidentReport } from './incident-report.ts';
import {
  assertIncidentReport,
  type IncidentRenderOptions,
  incidentLabel,
  reportSections,
} from './render-incident.ts';

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
 * @param options - `lang`: zh-CN or en (default) for titles and labels
 * @returns the HTML document
 * @throws {ValidationError} when `report` is not an incident report
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { createEventLog, createResponsibilityChain, incidentToHtml } from 'dataguard/responsibility';
 * const holder = { id: 'health-commission', kind: 'agency' } as const;
 * const ledger = createEventLog([{ id: 'c1', time: '2026-02-01T09:00:00+08:00', processing: 'collect',
 *   actor: holder, purpose: 'public-service.health', legalBasis: 'statutory-duty', inputs: [],
 *   outputs: [{ id: 'patients' }], subjectCount: 800, details: { owner: holder } }]);
 * const chain = createResponsibilityChain({ ledger });
 * const report = await chain.openIncident({ datasets: ['patients'], kind: 'leak', reportedBy: holder,
 *   discoveredAt: '2026-03-03T09:00:00+08:00' });
 * const html = incidentToHtml(report);
 * html.startsWith('<!doctype html>'); // true
 * html.includes('health-commission'); // true
 * await writeFile('incident.html', html);
 * ```
 */
export function incidentToHtml(
  report: IncidentReport,
  options: IncidentRenderOptions = {},
): string {
  assertIncidentReport(report);
  const lang = options.lang ?? 'en';
  const title = incidentLabel(lang, 'title');
  const parts = [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(title)} ${escapeHtml(report.id)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)} ${escapeHtml(report.id)}</h1>`,
  ];
  for (const section of reportSections(report, lang)) {
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
      parts.push(`<p>${escapeHtml(incidentLabel(lang, 'none'))}</p>`);
    }
    parts.push('</section>');
  }
  parts.push('</body>', '</html>');
  return `${parts.join('\n')}\n`;
}
