import { ValidationError } from '../errors/kinds.ts';
import { RISK_REPORT_FORMAT_VERSION, type RiskReport } from './report-model.ts';

function invalid(path: string): ValidationError {
  return new ValidationError(`report is not a ${RISK_REPORT_FORMAT_VERSION} report: ${path}`, {
    reason: 'invalid-report',
    path: `report.${path}`,
  });
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

function checkMeasured(value: unknown, path: string): void {
  if (typeof value !== 'object' || value === null) throw invalid(path);
  const m = value as Record<string, unknown>;
  for (const key of ['records', 'suppressed', 'classes', 'k'])
    if (!isNumber(m[key])) throw invalid(`${path}.${key}`);
  if (!Array.isArray(m.classSizes)) throw invalid(`${path}.classSizes`);
  for (const c of m.classSizes as unknown[]) {
    const bar = c as Record<string, unknown> | null;
    if (bar === null || !isNumber(bar.size) || !isNumber(bar.classes))
      throw invalid(`${path}.classSizes`);
  }
}

/**
 * Checks the parts of a report the HTML renderer relies on (a hand-written
 * check, so that this module needs no zod; RiskReportSchema checks it all).
 *
 * @param report - a report, e.g. parsed from JSON
 * @throws {ValidationError} `invalid-report` naming the first bad part
 */
export function assertRiskReport(report: unknown): asserts report is RiskReport {
  if (typeof report !== 'object' || report === null) throw invalid('(root)');
  const r = report as Record<string, unknown>;
  if (r.format !== RISK_REPORT_FORMAT_VERSION) throw invalid('format');
  if (r.kind !== 'risk' && r.kind !== 'release') throw invalid('kind');
  if (r.lang !== 'en' && r.lang !== 'zh-CN') throw invalid('lang');
  if (r.verdict !== 'pass' && r.verdict !== 'fail' && r.verdict !== 'none')
    throw invalid('verdict');
  if (typeof r.title !== 'string') throw invalid('title');
  checkMeasured(r.measures, 'measures');
  const before = r.before as Record<string, unknown> | undefined;
  if (before !== undefined) checkMeasured(before?.measures, 'before.measures');
  const rec = r.recommendation as Record<string, unknown> | undefined;
  if (rec !== undefined) {
    checkMeasured(rec?.measures, 'recommendation.measures');
    if (!Array.isArray(rec.levels)) throw invalid('recommendation.levels');
  }
  for (const key of ['requirements', 'risks'] as const) {
    if (!Array.isArray(r[key])) throw invalid(key);
    for (const item of r[key] as unknown[]) {
      const row = item as Record<string, unknown> | null;
      if (row === null || typeof row !== 'object') throw invalid(key);
      for (const field of key === 'requirements' ? ['required', 'achieved'] : ['value'])
        if (!isNumber(row[field])) throw invalid(`${key}.${field}`);
    }
  }
  for (const key of ['input', 'quasiIdentifiers', 'sensitive', 'directIdentifiers', 'grade'])
    if (typeof r[key] !== 'object' || r[key] === null) throw invalid(key);
}
