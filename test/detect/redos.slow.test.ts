import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain, identifierTypes, profileColumn, redact, scan } from '../../src/detect/index.ts';

// Linear time: every regular expression in src/detect is (1) checked
// statically for the shapes that backtrack catastrophically and (2) run on
// long adversarial inputs; the scanner is run on 1 MB adversarial texts.
const dir = resolve(import.meta.dirname, '../../src/detect');
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));

/** Regex literals and `new RegExp(` template sources are collected from the code. */
function regexLiterals(): { file: string; source: string; flags: string }[] {
  const out: { file: string; source: string; flags: string }[] = [];
  // A regex literal follows one of ( , = : [ ! & | ? { } ; return, and has no newline.
  const literal =
    /(?:^|[(,=:[!&|?{};]|return)\s*\/((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+)\/([dgimsuvy]*)/gm;
  for (const { file, text } of sources) {
    if (file.startsWith('data')) continue;
    for (const match of text.matchAll(literal)) {
      const source = match[1] as string;
      if (source.startsWith('/') || source.startsWith('*')) continue; // comments
      try {
        new RegExp(source, match[2]);
        out.push({ file, source, flags: match[2] as string });
      } catch {
        // not a regex (e.g. a division)
      }
    }
  }
  return out;
}

const regexes = regexLiterals();

describe('regular expressions', () => {
  it('are found in the sources', () => {
    expect(regexes.length).toBeGreaterThan(25);
  });

  it('have no quantified group that contains an unbounded quantifier, unless a literal separator starts the group', () => {
    // (x+)+, (x*)*, (a|a)+ … are the exponential shapes. A repeated group is
    // allowed when it begins with a separator its inner quantifier cannot
    // match, e.g. (?:\.[^.]+)* or (?:[ -]\d+)*, which keeps matching linear.
    const repeatedGroup = /\((?:\?:)?((?:\\.|\[(?:\\.|[^\]])*\]|[^()])*)\)(?:[*+]|\{\d+,\})/g;
    for (const { file, source } of regexes) {
      for (const group of source.matchAll(repeatedGroup)) {
        const inner = group[1] as string;
        if (!/(?:[*+]|\{\d+,\})/.test(inner.replace(/\\./g, ''))) continue;
        const safeStart = /^(?:\\\.|\\-|\[ -\]|\[-\.\]|\\1|-|\.|\[:-\])/.test(inner);
        expect(safeStart, `${file}: /${source}/ repeats (${inner})`).toBe(true);
      }
    }
  });

  it('run in linear time on long adversarial inputs', () => {
    const pieces = [
      '1',
      'a',
      'A',
      '1-',
      '1 ',
      'a.',
      '.a',
      'a-',
      '@',
      ':',
      '1:',
      'aa:',
      '1.',
      'X',
      '京A',
      '字第1',
      '(',
      '-',
    ];
    for (const { file, source, flags } of regexes) {
      const re = new RegExp(source, flags.replace(/[gy]/g, ''));
      for (const piece of pieces) {
        const input = `${piece.repeat(Math.ceil(20_000 / piece.length))}!`;
        const start = performance.now();
        re.test(input);
        const ms = performance.now() - start;
        expect(ms, `${file}: /${source}/ on "${piece}"×`).toBeLessThan(200);
      }
    }
  });
});

describe('scan on 1 MB adversarial inputs', () => {
  const MB = 1 << 20;
  const fill = (piece: string) => piece.repeat(Math.ceil(MB / piece.length)).slice(0, MB);
  const inputs: Record<string, string> = {
    'one digit run': fill('1'),
    'full-width digits': fill('１'),
    'digits and spaces': fill('1 '),
    'digits and hyphens': fill('12-'),
    'phone-like groups': fill('138 1234 '),
    'at signs': fill('a@'),
    'local part then one @': `${fill('a.')}@`,
    'domain after one @': `@${fill('a.')}`,
    colons: fill(':'),
    'hex and colons': fill('a:'),
    'ipv4-like': fill('1.'),
    'mac-like': fill('0a-'),
    bracketed: fill('A123456('),
    plates: fill('京A1'),
    military: fill('字第1'),
    'ids glued': fill('11010519491231002X'),
    'random digits and CJK': Array.from({ length: MB / 4 }, (_, i) =>
      (i * 7919) % 13 < 9 ? String((i * 31) % 10) : '的是在',
    )
      .join('')
      .slice(0, MB),
  };
  // CPU time, not wall time: the suite runs beside other work on a shared machine.
  const cpuMs = (before: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  it.each(Object.entries(inputs))('%s finishes quickly', (_name, text) => {
    const before = process.cpuUsage();
    const findings = scan(text, { threshold: 0 });
    redact(text);
    expect(cpuMs(before)).toBeLessThan(5000);
    expect(Array.isArray(findings)).toBe(true);
  });

  it('validators stay fast on 1 MB values', () => {
    const value = fill('1');
    const before = process.cpuUsage();
    for (const type of identifierTypes) explain(type, value);
    profileColumn([value, value], { name: 'x' });
    expect(cpuMs(before)).toBeLessThan(5000);
  });
});
