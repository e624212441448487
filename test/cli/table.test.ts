import { describe, expect, it } from 'vitest';
import { displayWidth, formatTable, padDisplay } from '../../src/cli/table.ts';

describe('display width', () => {
  it('counts CJK and fullwidth characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('黄芳')).toBe(4);
    expect(displayWidth('司马强 (民政局)')).toBe(15);
    expect(displayWidth('ＡＢ')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('𠀀')).toBe(2);
    expect(padDisplay('黄芳', 6)).toBe('黄芳  ');
  });

  it('aligns columns by display width', () => {
    const text = formatTable([
      ['name', 'grade'],
      ['姓名', 'general-4'],
      ['district', 'general-2'],
    ]);
    const lines = text.trimEnd().split('\n');
    const starts = lines.map((line) => {
      const at = line.indexOf('general');
      return at < 0
        ? displayWidth(line.slice(0, line.indexOf('grade')))
        : displayWidth(line.slice(0, at));
    });
    expect(new Set(starts).size).toBe(1);
  });
});
