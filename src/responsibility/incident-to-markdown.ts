import type { IncidentReport } from './incident-report.ts';
import {
  assertIncidentReport,
  type IncidentRenderOptions,
  incidentLabel,
  reportSections,
} from './render-incident.ts';

/**
 * Escapes text for a Markdown table cell or paragraph: Markdown punctuation
 * is backslash-escaped, HTML is entity-escaped, line breaks become spaces.
 *
 * @param text - plain text
 * @returns Markdown-safe text
 */
function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|#~]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, ' ');
}

/**
 * Renders an incident report as readable Markdown (tables per section).
 *
 * @param report - the report from `openIncident`
 * @param options - `lang`: zh-CN or en (default) for titles and labels
 * @returns the Markdown document
 * @throws {ValidationError} when `report` is not an incident report
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { createEventLog, createResponsibilityChain, incidentToMarkdown } from 'dataguard/responsibility';
 * const holder = { id: 'health-commission', kind: 'agency' } as const;
 * const ledger = createEventLog([{ id: 'c1', time: '2026-02-01T09:00:00+08:00', processing: 'collect',
 *   actor: holder, purpose: 'public-service.health', legalBasis: 'statutory-duty', inputs: [],
 *   outputs: [{ id: 'patients' }], subjectCount: 800, details: { owner: holder } }]);
 * const chain = createResponsibilityChain({ ledger });
 * const report = await chain.openIncident({ datasets: ['patients'], kind: 'leak', reportedBy: holder,
 *   discoveredAt: '2026-03-03T09:00:00+08:00' });
 * const markdown = incidentToMarkdown(report);
 * markdown.includes('health-commission'); // true
 * await writeFile('incident.md', markdown);
 * ```
 */
export function incidentToMarkdown(
  report: IncidentReport,
  options: IncidentRenderOptions = {},
): string {
  assertIncidentReport(report);
  const lang = options.lang ?? 'en';
  const lines = [`# ${incidentLabel(lang, 'title')} ${escapeMarkdown(report.id)}`, ''];
  for (const section of reportSections(report, lang)) {
    lines.push(`## ${escapeMarkdown(section.title)}`, '');
    for (const text of section.text ?? []) lines.push(escapeMarkdown(text), '');
    if (section.header !== undefined && section.rows !== undefined && section.rows.length > 0) {
      lines.push(`| ${section.header.map(escapeMarkdown).join(' | ')} |`);
      lines.push(`|${section.header.map(() => '---').join('|')}|`);
      for (const row of section.rows) lines.push(`| ${row.map(escapeMarkdown).join(' | ')} |`);
      lines.push('');
    } else if (section.header !== undefined) {
      lines.push(incidentLabel(lang, 'none'), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
