import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTransform } from '../../src/deidentify/index.ts';
import { maskText } from '../../src/deidentify/mask-text.ts';
import { TransformError } from '../../src/errors/index.ts';
import { CARD_A, ID_C } from './fixtures.ts';
import { reasonOf } from './helpers.ts';

const preset = (name: Parameters<typeof compileTransform>[0] & { type: 'mask' }) =>
  compileTransform(name);
const compiled = new Map<string, (value: unknown) => unknown>();
const mask = (p: string, value: string) => {
  let fn = compiled.get(p);
  if (fn === undefined) {
    fn = preset({ type: 'mask', preset: p as 'cn-name' });
    compiled.set(p, fn);
  }
  return fn(value);
};

describe('mask presets (known answers)', () => {
  it('cn-name keeps the surname, compound surnames whole', () => {
    expect(mask('cn-name', '张三')).toBe('张*');
    expect(mask('cn-name', '张三丰')).toBe('张**');
    expect(mask('cn-name', '欧阳娜娜')).toBe('欧阳**');
    expect(mask('cn-name', '司马光')).toBe('司马*');
    expect(mask('cn-name', '欧阳')).toBe('欧*');
    expect(mask('cn-name', '张')).toBe('*');
    expect(mask('cn-name', '迪丽热巴·迪力木拉提')).toBe('迪***·*****');
    expect(mask('cn-name', '𠀀三')).toBe('𠀀*');
  });

  it('cn-name-wechat follows the WeChat guide', () => {
    expect(mask('cn-name-wechat', '王小四')).toBe('王*四');
    expect(mask('cn-name-wechat', '欧阳小五')).toBe('欧**五');
    expect(mask('cn-name-wechat', '张三')).toBe('*三');
    expect(mask('cn-name-wechat', '张')).toBe('*');
  });

  it('identifiers, phones, cards, email and addresses', () => {
    expect(mask('cn-resident-id', ID_C)).toBe(`3****************${ID_C.at(-1)}`);
    expect(mask('cn-mobile', '13800138000')).toBe('138****8000');
    expect(mask('cn-mobile', '+86 13800138000')).toBe('+86 138****8000');
    expect(mask('cn-mobile', '138-0013-8000')).toBe('138-****-8000');
    expect(mask('cn-landline', '0591-87654321')).toBe('0591-******21');
    expect(mask('bank-card', CARD_A)).toBe(`622202*********${CARD_A.slice(-4)}`);
    expect(mask('bank-card', '6222 0212 3456 7890')).toBe('6222 02** **** 7890');
    expect(mask('email', 'nana@example.com')).toBe('n***@example.com');
    expect(mask('email', 'no-at-sign')).toBe('n*********');
    expect(mask('cn-address', '福建省福州市鼓楼区五四路123号')).toBe('福建省福州市鼓楼区*******');
    expect(mask('cn-address', '北京市海淀区中关村大街1号')).toBe('北京市海淀区*******');
    expect(mask('cn-address', '新疆维吾尔自治区乌鲁木齐市天山区光明路')).toBe(
      '新疆维吾尔自治区乌鲁木齐市天山区***',
    );
    expect(mask('cn-address', '浙江省义乌市稠州北路')).toBe('浙江省义乌市****');
    expect(mask('cn-address', '某处不明')).toBe('****');
  });
});

describe('mask parameters', () => {
  it('keeps start and end, preserves separators, hides length on request', () => {
    expect(compileTransform({ type: 'mask', keepStart: 2, keepEnd: 2 })('abcdefgh')).toBe(
      'ab****gh',
    );
    expect(compileTransform({ type: 'mask', keepEnd: 4, char: '#' })('13800138000')).toBe(
      '#######8000',
    );
    expect(compileTransform({ type: 'mask', keepStart: 1, preserve: '-' })('a-b-c')).toBe('a-*-*');
    expect(
      compileTransform({ type: 'mask', keepStart: 1, keepEnd: 1, fixedLength: 3 })('abcdefg'),
    ).toBe('a***g');
  });

  it('never shows a short value whole', () => {
    expect(compileTransform({ type: 'mask', keepStart: 3, keepEnd: 4 })('12345')).toBe('1***5');
    expect(compileTransform({ type: 'mask', keepStart: 3 })('ab')).toBe('a*');
    expect(compileTransform({ type: 'mask', keepStart: 3 })('a')).toBe('*');
    expect(
      maskText('', { keepStart: 1, keepEnd: 1, char: '*', preserve: '', fixedLength: undefined }),
    ).toBe('');
  });

  it('passes empty values through and masks numbers as text', () => {
    const m = compileTransform({ type: 'mask', keepStart: 1 });
    expect(m(null)).toBe(null);
    expect(m('')).toBe('');
    expect(m(12345)).toBe('1****');
    expect(() => m({})).toThrow(TransformError);
  });

  it('rejects bad parameters at compile time', () => {
    expect(reasonOf(() => compileTransform({ type: 'mask', char: '**' }))).toBe('bad-parameters');
    expect(
      reasonOf(() => compileTransform({ type: 'mask', preset: 'cn-name', keepStart: 1 })),
    ).toBe('bad-parameters');
    expect(reasonOf(() => compileTransform({ type: 'mask', preset: 'nope' as 'cn-name' }))).toBe(
      'invalid_value',
    );
  });
});

describe('mask properties', () => {
  const presets = [
    'cn-name',
    'cn-name-wechat',
    'cn-resident-id',
    'cn-mobile',
    'cn-landline',
    'bank-card',
    'email',
    'cn-address',
  ];
  it('never throws on arbitrary strings and never returns a non-empty original', () => {
    fc.assert(
      fc.property(
        // Without the mask character itself: masking '*' with '*' changes nothing.
        fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => !s.includes('*')),
        fc.constantFrom(...presets),
        (text, p) => {
          const out = mask(p, text) as string;
          expect(typeof out).toBe('string');
          if (/[^ ·•.\-@()]/u.test(text)) expect(out).not.toBe(text);
        },
      ),
    );
  });

  it('keeps the length in code points without fixedLength', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.nat(5),
        fc.nat(5),
        (text, keepStart, keepEnd) => {
          const out = maskText(text, {
            keepStart,
            keepEnd,
            char: '*',
            preserve: '',
            fixedLength: undefined,
          });
          expect(Array.from(out).length).toBe(Array.from(text).length);
        },
      ),
    );
  });
});
