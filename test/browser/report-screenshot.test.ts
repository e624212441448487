// Looks at both report kinds in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core, as run-browser.mjs does): no horizontal overflow
// at 1024 px, the verdict box first, the histogram axes and their labels
// visible, and a PNG screenshot of each. The screenshots go to a temporary
// directory; DATAGUARD_UPDATE_SCREENSHOTS=1 writes them to docs/img/ instead
// (risk-report.png, release-report.png). Without Chromium the test skips,
// unless CI=1 requires it.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureAnonymity } from '../../src/anonymity/measures.ts';
import { renderRiskReport } from '../../src/anonymity/report-html.ts';
import { buildRiskReport } from '../../src/anonymity/report-model.ts';
import { optimalGeneralization } from '../../src/anonymity/search.ts';

const root = resolve(import.meta.dirname, '../..');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(executablePath);
const required = process.env.CI === '1';
const update = process.env.DATAGUARD_UPDATE_SCREENSHOTS === '1';

/** examples/residents.csv as records (the synthetic file has no quoted fields). */
function residents(): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(root, 'examples/residents.csv'), 'utf8')
    .trim()
    .split('\n');
  const header = (head ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  });
}

/** The risk report of the raw file, with a recommended generalization. */
function riskReportHtml(): string {
  const rows = residents();
  const qis = ['birth_date', 'sex', 'district'];
  const hierarchies = {
    birth_date: [...new Set(rows.map((r) => r.birth_date ?? ''))].map((d) => [
      d,
      d.slice(0, 4),
      `${d.slice(0, 3)}0s`,
      '*',
    ]),
    sex: [...new Set(rows.map((r) => r.sex ?? ''))].map((s) => [s, '*']),
    district: [...new Set(rows.map((r) => r.district ?? ''))].map((d) => [d, '福州市', '*']),
  };
  const optimum = optimalGeneralization(rows, {
    quasiIdentifiers: qis,
    hierarchies,
    k: 5,
    suppressionLimit: 0.02,
    metric: 'loss',
  });
  return renderRiskReport(
    buildRiskReport({
      title: 'Re-identification risk report: residents.csv',
      input: { name: 'residents.csv', rows: rows.length, columns: Object.keys(rows[0] ?? {}) },
      quasiIdentifiers: { names: qis, source: 'option' },
      sensitive: { names: ['diagnosis'], source: 'option' },
      directIdentifiers: { columns: ['name', 'id_card', 'mobile'], source: 'profile' },
      measures: measureAnonymity(rows, { quasiIdentifiers: qis, sensitive: ['diagnosis'] }),
      requirements: { k: 5, l: 2 },
      recommendation: {
        levels: optimum.levels,
        hierarchies,
        measures: measureAnonymity(optimum.apply(), { quasiIdentifiers: qis }),
        metric: 'loss',
        value: optimum.value,
      },
    }),
  );
}

/** The release report of a share of residents with birth dates coarsened to years. */
function releaseReportHtml(): string {
  const rows = residents();
  const qis = ['birth_date', 'sex', 'district', 'occupation'];
  const released = rows.map((r) => ({
    birth_date: `${(r.birth_date ?? '').slice(0, 3)}0s`,
    sex: r.sex ?? '',
    district: '福州市',
    occupation: '*',
    diagnosis: r.diagnosis ?? '',
  }));
  return renderRiskReport(
    buildRiskReport({
      kind: 'release',
      title: 'Release report: residents',
      input: { name: 'residents.csv', rows: rows.length, columns: Object.keys(released[0] ?? {}) },
      quasiIdentifiers: { names: qis, source: 'dataset' },
      sensitive: { names: ['diagnosis'], source: 'dataset' },
      measures: measureAnonymity(released, { quasiIdentifiers: qis }),
      before: measureAnonymity(rows, { quasiIdentifiers: qis }),
      beforeDirectIdentifiers: true,
      requirements: { k: 5 },
      release: {
        dataset: 'residents',
        processing: 'share',
        rowsIn: rows.length,
        rowsOut: released.length,
        rejected: 0,
        columns: Object.keys(released[0] ?? {}),
        gate: 'passed',
      },
    }),
  );
}

interface Layout {
  readonly scrollWidth: number;
  readonly firstInMain: string;
  readonly axes: { cls: string; width: number; height: number; left: number; right: number }[];
  readonly labels: string[];
}

async function layoutOf(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const axes = Array.from(
      document.querySelectorAll(
        'svg.histogram .x-axis, svg.histogram .y-axis, svg.histogram .x-label, svg.histogram .y-label',
      ),
    ).map((el) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        cls: el.getAttribute('class') ?? '',
        width: style.visibility === 'hidden' ? 0 : box.width,
        height: style.visibility === 'hidden' ? 0 : box.height,
        left: box.left,
        right: box.right,
      };
    });
    return {
      scrollWidth: document.documentElement.scrollWidth,
      firstInMain: document.querySelector('main')?.firstElementChild?.className ?? '',
      axes,
      labels: Array.from(
        document.querySelectorAll('svg.histogram .x-label, svg.histogram .y-label'),
      ).map((el) => el.textContent ?? ''),
    };
  });
}

describe.skipIf(!available && !required)('reports in headless Chromium (issue 19)', () => {
  let context: BrowserContext | undefined;
  let userDataDir = '';
  const out = update ? join(root, 'docs/img') : mkdtempSync(join(tmpdir(), 'dataguard-shots-'));

  beforeAll(async () => {
    userDataDir = mkdtempSync(join(tmpdir(), 'dataguard-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      timeout: 60_000,
      viewport: { width: 1024, height: 768 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
    });
  }, 90_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
    if (!update) rmSync(out, { recursive: true, force: true });
  });

  for (const [kind, render, histograms] of [
    ['risk', riskReportHtml, 2],
    ['release', releaseReportHtml, 2],
  ] as const) {
    it(`${kind} report: no overflow at 1024 px, verdict first, axes visible; screenshot`, async () => {
      if (context === undefined) throw new Error('Chromium did not start');
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      await page.setContent(render(), { waitUntil: 'load' });
      const layout = await layoutOf(page);
      expect(problems).toEqual([]);
      expect(layout.scrollWidth).toBeLessThanOrEqual(1024);
      expect(layout.firstInMain).toMatch(/^verdict/);
      // Each histogram has its two axes and two axis labels, all drawn inside the page.
      expect(layout.axes).toHaveLength(4 * histograms);
      for (const axis of layout.axes) {
        expect(axis.width + axis.height, axis.cls).toBeGreaterThan(5);
        expect(axis.left, axis.cls).toBeGreaterThanOrEqual(0);
        expect(axis.right, axis.cls).toBeLessThanOrEqual(1024);
      }
      expect(layout.labels).toContain('number of classes');
      const file = join(out, `${kind}-report.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(statSync(file).size).toBeGreaterThan(10_000);
      await page.close();
    }, 60_000);
  }
});
