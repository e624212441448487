import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalJson } from '../../src/core/canonical-json.ts';
import { ValidationError } from '../../src/errors/index.ts';

const fromBits = (hex: string): number =>
  new DataView(new BigUint64Array([BigInt(`0x${hex}`)]).buffer).getFloat64(0, true);

describe('canonicalJson (RFC 8785)', () => {
  it('serializes the RFC 8785 §3.2.2 example exactly', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Object.keys would put the integer-like "1" first, so read the order off the text.
    const text = canonicalJson(input);
    const values = [...text.matchAll(/:"([^"]*)"/g)].map((m) => m[1]);
    expect(values).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
  });

  // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
  const numbers: [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  it.each(numbers)('formats IEEE 754 %s as %s', (bits, text) => {
    expect(canonicalJson(fromBits(bits))).toBe(text);
  });

  it.each([
    ['NaN', Number.NaN, 'non-finite-number'],
    ['Infinity', Number.POSITIVE_INFINITY, 'non-finite-number'],
    ['a lone surrogate', { k: 'a\ud800b' }, 'lone-surrogate'],
    ['a lone surrogate key', { 'x\udc00': 1 }, 'lone-surrogate'],
    ['a Date', new Date(0), 'not-plain-object'],
    ['a bigint', 1n, 'unsupported-type'],
    ['undefined in an array', [1, undefined], 'undefined'],
  ])('rejects %s with a ValidationError', (_name, value, reason) => {
    expect(() => canonicalJson(value)).toThrow(ValidationError);
    try {
      canonicalJson(value);
    } catch (error) {
      expect((error as ValidationError).reason).toBe(reason);
    }
  });

  it('rejects cycles and names the path', () => {
    const a: Record<string, unknown> = { b: {} };
    (a.b as Record<string, unknown>).a = a;
    expect(() => canonicalJson(a)).toThrow(/\$\.b\.a/);
  });

  it('omits undefined properties and keeps shared (non-cyclic) references', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: undefined, b: shared, c: shared })).toBe('{"b":{"x":1},"c":{"x":1}}');
  });

  it('agrees with JSON.parse round trip and is idempotent for arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('encodes UTF-8 bytes', () => {
    expect(Array.from(canonicalBytes({ a: '€' }))).toEqual([
      123, 34, 97, 34, 58, 34, 0xe2, 0x82, 0xac, 34, 125,
    ]);
  });
});
