import { describe, expect, it } from 'vitest';
import { measureAnonymity } from '../../src/anonymity/measures.ts';
import { renderRiskReport } from '../../src/anonymity/report-html.ts';
import { REPORT_LABELS_ZH_CN } from '../../src/anonymity/report-labels.ts';
import { buildRiskReport, type RiskReport } from '../../src/anonymity/report-model.ts';

const rows = Array.from({ length: 60 }, (_, i) => ({
  'sex<b>': i % 2 === 0 ? 'M' : 'F',
  band: String(i % 5),
  diagnosis: ['flu', 'asthma', 'diabetes'][i % 3] as string,
}));
const qis = ['sex<b>', 'band'];
const measures = measureAnonymity(rows, { quasiIdentifiers: qis, sensitive: ['diagnosis'] });
const options = {
  title: 'Risk of "residents" <2024> & co',
  input: { name: 'residents<script>.csv', rows: 60, columns: [...qis, 'diagnosis'] },
  quasiIdentifiers: { names: qis, source: 'option' as const },
  sensitive: { names: ['diagnosis'], source: 'option' as const },
  measures,
  requirements: { k: 10, l: 2, t: 0.4 },
};
const report = buildRiskReport(options);
const html = renderRiskReport(report);

/** Every opened element (except void ones) is closed, in order. */
function balanced(text: string): boolean {
  const stack: string[] = [];
  const voids = new Set(['meta', 'line', 'rect', 'br', 'img']);
  for (const m of text.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(\/?)>/g)) {
    const [, close, tag, self] = m;
    const name = (tag ?? '').toLowerCase();
    if (self || voids.has(name) || name === 'html' || name === '!doctype') continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0;
}

describe('renderRiskReport', () => {
  it('is one well-formed, self-contained document that loads nothing', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'\"");
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)|<link|@import|url\(/i);
    expect(balanced(html)).toBe(true);
  });

  it('opens with a verdict box listing every requirement with yes or no', () => {
    const verdict = html.slice(html.indexOf('<section class="verdict'), html.indexOf('</section>'));
    // k: classes of 6 (2 sexes × 5 bands) fail k=10; each class holds 2 diagnoses: l=2 passes.
    expect(verdict).toContain('class="verdict fail"');
    expect(verdict).toContain('Meets k=10: <span class="no">no</span>');
    expect(verdict).toContain('Meets l=2 on diagnosis: <span class="yes">yes</span>');
    expect(verdict).toMatch(/Meets t=0\.4 on diagnosis: <span class="(yes|no)">/);
    expect(verdict).toContain('GB/T 42460 de-identification grade: Grade 2');
  });

  it('lists each requirement with required, achieved, result and its sentence', () => {
    const rowsOf = [
      ...html.matchAll(/<tr class="requirement" data-requirement="(\w)">(.*?)<\/tr>/g),
    ];
    expect(rowsOf.map((m) => m[1])).toEqual(['k', 'l', 't']);
    expect(rowsOf[0]?.[2]).toContain(
      '<td class="num">10</td><td class="num">6</td><td class="FAIL">FAIL</td>',
    );
    expect(rowsOf[0]?.[2]).toContain('the smallest group has 6');
    expect(rowsOf[1]?.[2]).toContain('<td class="PASS">PASS</td>');
  });

  it('names the quasi-identifiers and sensitive attributes measured, and explains each risk figure', () => {
    expect(html).toContain(
      'Quasi-identifiers measured</th><td>sex&lt;b&gt;, band <em>(given with --qi / --sensitive)</em>',
    );
    expect(html).toContain('Sensitive attributes measured</th><td>diagnosis');
    expect(html).toContain(
      'Highest record risk (prosecutor)</th><td class="num">16.67%</td><td>An attacker who knows',
    );
    for (const figure of report.risks) expect(html).toContain(figure.explanation);
  });

  it('draws the histogram with labelled, ticked x and y axes', () => {
    const svg = html.slice(html.indexOf('<svg class="histogram"'), html.indexOf('</svg>') + 6);
    expect(svg).toContain('class="x-axis"');
    expect(svg).toContain('class="y-axis"');
    expect(svg).toContain('class="x-label"');
    expect(svg).toContain('>class size (records sharing the same quasi-identifiers)</text>');
    expect(svg).toContain('transform="rotate(-90)">number of classes</text>');
    // One bar (size 6, 10 classes), below k=10: at risk; y ticks 0…10 by 2.
    expect(svg.match(/<rect class="bar at-risk"/g)).toHaveLength(1);
    expect(svg).toContain('class="x-tick"');
    expect([...svg.matchAll(/class="y-tick"[^>]*>(\d+)</g)].map((m) => m[1])).toEqual([
      '0',
      '2',
      '4',
      '6',
      '8',
      '10',
    ]);
  });

  it('escapes every value and shows no data value', () => {
    expect(html).toContain('Risk of &quot;residents&quot; &lt;2024&gt; &amp; co');
    expect(html).toContain('residents&lt;script&gt;.csv');
    expect(html).not.toContain('<b>');
    for (const value of ['flu', 'asthma', 'diabetes', '>M<', '>F<'])
      expect(html).not.toContain(value);
  });

  it('bins many class sizes into at most 40 labelled bars', () => {
    const wide = Array.from({ length: 100 }, (_, i) => ({ size: i + 1, classes: 1 }));
    const many: RiskReport = {
      ...report,
      measures: { ...report.measures, classSizes: wide },
    };
    const svg = renderRiskReport(many);
    const bars = svg.match(/<rect class="bar/g) ?? [];
    expect(bars.length).toBeGreaterThan(0);
    expect(bars.length).toBeLessThanOrEqual(40);
    expect(svg).toContain('>1–3</text>');
  });

  it('renders in Simplified Chinese with GB/T 42460 level names', () => {
    const zh = renderRiskReport(buildRiskReport({ ...options, labels: REPORT_LABELS_ZH_CN }));
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('满足 k=10: <span class="no">否</span>');
    expect(zh).toContain('测量的准标识符');
    expect(zh).toContain('2级 — 删除直接标识符，但重标识风险未得到控制');
    expect(zh).toContain('>等价类个数</text>');
  });

  it('refuses a report that is not a RiskReport', () => {
    expect(() => renderRiskReport({ ...report, format: 'other' } as unknown as RiskReport)).toThrow(
      expect.objectContaining({ reason: 'invalid-report' }),
    );
  });
});
