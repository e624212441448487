import { z } from 'zod';
import {
  type MeasuredTable,
  type ReportGrade,
  RISK_REPORT_FORMAT_VERSION,
  type RiskReport,
} from './report-model.ts';

// The schema lives apart from the model so that `dataguard/anonymity` stays
// free of zod; the root `dataguard` export, which has zod already, publishes it.

const finite = z.number().finite();
const share = z.number().min(0).max(1);
const count = z.number().int().min(0);
const names = z.array(z.string());

const ClassSizesSchema = z.array(z.object({ size: count, classes: count }));

const MeasuredSchema: z.ZodType<MeasuredTable> = z.object({
  records: count,
  suppressed: count,
  classes: count,
  k: count,
  classSizes: ClassSizesSchema,
});

const GradeSchema: z.ZodType<ReportGrade> = z.object({
  grade: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  name: z.string(),
  reason: z.string(),
  highestRisk: share,
  averageRisk: share,
  maxHighestRisk: share,
  maxAverageRisk: share,
});

/** The risk report: what was measured, against which requirements, with what result (JSON of `dataguard risk --json` and of the HTML report). */
export const RiskReportSchema: z.ZodType<RiskReport> = z.object({
  format: z.literal(RISK_REPORT_FORMAT_VERSION),
  kind: z.enum(['risk', 'release']),
  lang: z.enum(['zh-CN', 'en']),
  title: z.string(),
  input: z.object({ name: z.string(), rows: count, columns: names }),
  quasiIdentifiers: z.object({ names, source: z.enum(['option', 'dataset']) }),
  sensitive: z.object({ names, source: z.enum(['option', 'dataset']) }),
  directIdentifiers: z.object({ columns: names, source: z.enum(['dataset', 'profile', 'none']) }),
  verdict: z.enum(['pass', 'fail', 'none']),
  requirements: z.array(
    z.object({
      id: z.enum(['k', 'l', 't']),
      attribute: z.string().optional(),
      required: finite,
      achieved: z.number(),
      met: z.boolean(),
      headline: z.string(),
      sentence: z.string(),
    }),
  ),
  measures: MeasuredSchema,
  risks: z.array(
    z.object({
      id: z.enum([
        'prosecutor-highest',
        'prosecutor-average',
        'records-at-highest',
        'unique-share',
        'marketer',
        'journalist-highest',
        'journalist-average',
      ]),
      value: share,
      name: z.string(),
      explanation: z.string(),
    }),
  ),
  grade: GradeSchema,
  before: z.object({ measures: MeasuredSchema, grade: GradeSchema }).optional(),
  recommendation: z
    .object({
      levels: z.array(
        z.object({ attribute: z.string(), level: count, maxLevel: count, label: z.string() }),
      ),
      metric: z.string(),
      value: z.number(),
      measures: MeasuredSchema,
      grade: GradeSchema,
      summary: z.string(),
    })
    .optional(),
  release: z
    .object({
      dataset: z.string(),
      processing: z.string(),
      rowsIn: count,
      rowsOut: count,
      rejected: count,
      columns: names,
      gate: z.enum(['passed', 'not-gated']),
    })
    .optional(),
});
