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
export function escapeMarkdown(text: string): string {
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
 * ```ts no-run
 * await writeFile('incident.md', incidentToMarkdown(report));
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
