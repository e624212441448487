import { describe, expect, it } from 'vitest';
import { measureAnonymity } from '../../src/anonymity/measures.ts';
import { renderAnonymityReport } from '../../src/anonymity/report.ts';

describe('renderAnonymityReport', () => {
  const before = measureAnonymity([{ a: '1' }, { a: '2' }, { a: '2' }, { a: '<script>' }], {
    quasiIdentifiers: ['a'],
  });
  const after = measureAnonymity([{ a: 'x' }, { a: 'x' }, { a: 'x' }, { a: 'x' }], {
    quasiIdentifiers: ['a'],
  });
  const html = renderAnonymityReport({
    title: 'Release <2024> & "co"',
    before,
    after,
    levels: { 'a<b>': 1 },
    maxLevels: { 'a<b>': 2 },
    utilityLoss: { 'a<b>': 0.25 },
    metric: { name: 'loss', value: 0.125 },
  });

  it('is one well-formed, self-contained document', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)|<link|@import|url\(/i);
    // Every opened element (except void ones) is closed, in order.
    const stack: string[] = [];
    const voids = new Set(['meta', 'line', 'rect', 'br', 'img']);
    for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(\/?)>/g)) {
      const [, close, tag, self] = m;
      const name = tag!.toLowerCase();
      if (self || voids.has(name)) continue;
      if (close) expect(stack.pop()).toBe(name);
      else stack.push(name);
    }
    expect(stack).toEqual([]);
  });

  it('escapes every value and shows the numbers', () => {
    expect(html).toContain('Release &lt;2024&gt; &amp; &quot;co&quot;');
    expect(html).toContain('a&lt;b&gt;');
    expect(html).not.toContain('a<b>');
    expect(html).toContain('<td>0.2500</td>');
    expect(html).toContain('0.125000');
    expect(html).toContain('prosecutor risk, highest</th><td>1</td><td>0.2500</td>');
    expect(html).toContain('<svg role="img" aria-label="before"');
    expect(html).toContain('size 4: 1 classes');
  });
});
