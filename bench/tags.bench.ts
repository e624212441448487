// Grading speed: defineDataset on a 200-field dataset, and gradeByImpact.
import { defineDataset, gradeByImpact } from '../src/tags/index.ts';
import { fmt, measure, table } from './lib/measure.ts';

const fields = Array.from({ length: 200 }, (_, i) => ({
  name: `f${i}`,
  role: 'quasi-identifier' as const,
  piCategory: i % 3 === 0 ? ('health' as const) : ('basic' as const),
  impacts: [{ object: 'personal-rights' as const, degree: 'serious' as const }],
  share: 'conditional' as const,
  open: 'on-application' as const,
}));
const define = measure(
  'defineDataset (200 fields)',
  () => {
    for (let i = 0; i < 20; i++) defineDataset({ id: 'd', version: '1', fields });
  },
  { opsPerRun: 20 },
);
const grade = measure(
  'gradeByImpact (2 impacts)',
  () => {
    for (let i = 0; i < 10_000; i++) {
      gradeByImpact([
        { object: 'personal-rights', degree: 'especially-serious' },
        { object: 'public-interest', degree: 'general' },
      ]);
    }
  },
  { opsPerRun: 10_000 },
);
console.log(
  table(
    ['operation', 'ops/s (median of 7)'],
    [define, grade].map((m) => [m.name, fmt(m.opsPerSecond)]),
  ),
);
