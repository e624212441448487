import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GB2312_HANZI } from '../../src/deidentify/gb2312-hanzi.ts';
import { compileTransform, type TransformSpec } from '../../src/deidentify/index.ts';
import { testKeyring } from './fixtures.ts';
import { reasonOf, reverseOne } from './helpers.ts';

const keyring = testKeyring();
const t = (spec: TransformSpec) => compileTransform(spec, { keyring });
const inGb2312 = (c: string) => GB2312_HANZI.includes(c);

describe('Chinese FF1 alphabets', () => {
  it('cjk-common is GB 2312 levels 1 and 2, as the WHATWG gb18030 decoder reads them', () => {
    const decoder = new TextDecoder('gb18030');
    let expected = '';
    for (let row = 16; row <= 87; row++) {
      // Row 55 (the end of level 1) has 89 characters.
      for (let cell = 1; cell <= (row === 55 ? 89 : 94); cell++) {
        expected += decoder.decode(new Uint8Array([0xa0 + row, 0xa0 + cell]));
      }
    }
    expect(GB2312_HANZI).toBe(expected);
    expect([...GB2312_HANZI]).toHaveLength(6763);
    expect(new Set(GB2312_HANZI).size).toBe(6763);
  });

  it('a name round-trips through fpe and keeps its length and non-Chinese characters', async () => {
    for (const alphabet of ['cjk-common', 'cjk-unified'] as const) {
      const spec: TransformSpec = { type: 'fpe', format: alphabet, domain: 'names' };
      const f = t(spec);
      for (const name of ['张三', '欧阳娜娜', '诸葛孔明', '阿卜杜·热合曼', '李明 Lee']) {
        const out = f(name) as string;
        expect(out).not.toBe(name);
        expect(out).toHaveLength(name.length);
        [...name].forEach((c, i) => {
          if (/\p{Script=Han}/u.test(c)) {
            const o = out.charAt(i);
            expect(alphabet === 'cjk-common' ? inGb2312(o) : o >= '\u4e00' && o <= '\u9fff').toBe(
              true,
            );
          } else {
            expect(out.charAt(i)).toBe(c);
          }
        });
        expect(await reverseOne(spec, out, keyring)).toBe(name);
      }
    }
  });

  it('pseudonymize output "format" takes the same alphabets and reverses', async () => {
    const spec: TransformSpec = {
      type: 'pseudonymize',
      output: 'format',
      alphabet: 'cjk-common',
      domain: 'names',
    };
    const out = t(spec)('王小明') as string;
    expect([...out].every(inGb2312)).toBe(true);
    expect(await reverseOne(spec, out, keyring)).toBe('王小明');
  });

  it('refuses a Chinese character outside the alphabet, and names too short for FF1', () => {
    const common = t({ type: 'fpe', format: 'cjk-common' });
    const unified = t({ type: 'fpe', format: 'cjk-unified' });
    // 喆 is not in GB 2312; 𠀀 (U+20000) and 㐀 (U+3400) are beyond U+4E00–U+9FFF.
    expect(reasonOf(() => common('王喆'))).toBe('outside-ff1-alphabet');
    expect(typeof unified('王喆')).toBe('string');
    expect(reasonOf(() => unified('王𠀀明'))).toBe('outside-ff1-alphabet');
    expect(reasonOf(() => unified('王㐀明'))).toBe('outside-ff1-alphabet');
    expect(reasonOf(() => common('张'))).toBe('too-short-for-ff1');
    expect(reasonOf(() => common('Zhang San'))).toBe('too-short-for-ff1');
  });

  it('round-trips random names of 2 to 6 characters and keeps the length (property)', async () => {
    const spec: TransformSpec = { type: 'fpe', format: 'cjk-common' };
    const f = t(spec);
    const hanzi = fc.nat(GB2312_HANZI.length - 1).map((i) => GB2312_HANZI.charAt(i));
    await fc.assert(
      fc.asyncProperty(fc.array(hanzi, { minLength: 2, maxLength: 6 }), async (chars) => {
        const name = chars.join('');
        const out = f(name) as string;
        expect(out).toHaveLength(name.length);
        expect([...out].every(inGb2312)).toBe(true);
        expect(await reverseOne(spec, out, keyring)).toBe(name);
      }),
      { numRuns: 60 },
    );
  });
});
