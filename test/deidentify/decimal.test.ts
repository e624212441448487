import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTransform, type TransformSpec } from '../../src/deidentify/index.ts';
import { reasonOf } from './helpers.ts';

// An exact reference: rationals n/d (d > 0) in BigInt, compared by cross
// multiplication, checked against the defining conditions of each method.
interface Fraction {
  n: bigint;
  d: bigint;
}

function fraction(text: string): Fraction {
  const [mantissa = '', exponentText = '0'] = text.trim().toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const unsigned = mantissa.replace(/^[+-]/, '');
  const point = unsigned.indexOf('.');
  const decimals = point < 0 ? 0 : unsigned.length - point - 1;
  const digits = unsigned.replace('.', '') || '0';
  const exponent = Number(exponentText) - decimals;
  let n = BigInt(digits) * (negative ? -1n : 1n);
  let d = 1n;
  if (exponent >= 0) n *= 10n ** BigInt(exponent);
  else d = 10n ** BigInt(-exponent);
  return { n, d };
}

const cmp = (a: Fraction, b: Fraction): number => {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
};
const sub = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
const abs = (a: Fraction): Fraction => ({ n: a.n < 0n ? -a.n : a.n, d: a.d });
const half = (a: Fraction): Fraction => ({ n: a.n, d: a.d * 2n });
/** a / b is a whole number. */
const divides = (b: Fraction, a: Fraction): boolean => (a.n * b.d) % (b.n * a.d) === 0n;

/** Random decimal text: sign, up to 10 + 10 digits, sometimes an exponent. */
const decimalText = fc
  .tuple(
    fc.constantFrom('', '-', '+'),
    fc.stringMatching(/^\d{0,10}$/),
    fc.stringMatching(/^\d{0,10}$/),
    fc.option(fc.integer({ min: -8, max: 8 }), { freq: 4 }),
  )
  .filter(([, whole, part]) => whole.length + part.length > 0)
  .map(
    ([sign, whole, part, exponent]) =>
      `${sign}${whole}${part.length > 0 ? `.${part}` : ''}${exponent === null ? '' : `e${exponent}`}`,
  );

/** A positive policy parameter (a JS number, as JSON gives it) with a short decimal text. */
const parameter = fc
  .tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 6 }))
  .map(([units, scale]) => Number(`${units}e-${scale}`));
const origin = fc
  .tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 6 }))
  .map(([units, scale]) => Number(`${units}e-${scale}`));

/** Decimal text near a bound: the bound itself, or it with a 1 in the 22nd decimal place. */
const nearBound = (bound: number) => {
  const text = String(bound);
  return text.includes('e')
    ? fc.constant(text)
    : fc.constantFrom(text, `${text}${text.includes('.') ? '' : '.'}0000000000000000000001`);
};

/** Bottom < top, and a value that is often right at or next to one of them. */
const topBottomCase = fc
  .tuple(origin, parameter)
  .map(([bottom, span]) => [bottom, bottom + span] as const)
  .filter(([bottom, top]) => top > bottom)
  .chain(([bottom, top]) =>
    fc.tuple(
      fc.constant(bottom),
      fc.constant(top),
      fc.oneof(decimalText, nearBound(top), nearBound(bottom)),
    ),
  );

const t = (spec: TransformSpec) => compileTransform(spec);

describe('numeric transforms compute on exact decimals', () => {
  it('interval: low ≤ value < high, high - low = width, low on the grid (property)', () => {
    fc.assert(
      fc.property(decimalText, parameter, origin, (text, width, start) => {
        const out = t({ type: 'generalize', method: 'interval', width, origin: start })(text);
        const integral = Number.isInteger(width) && Number.isInteger(start);
        const match = integral
          ? /^(-?[\d.]+)-(-?[\d.]+)$/.exec(String(out))
          : /^\[(-?[\d.]+), (-?[\d.]+)\)$/.exec(String(out));
        expect(match).not.toBeNull();
        const low = fraction(match?.[1] as string);
        const labelHigh = fraction(match?.[2] as string);
        const high = integral ? { n: labelHigh.n + labelHigh.d, d: labelHigh.d } : labelHigh;
        const value = fraction(text);
        const w = fraction(String(width));
        expect(cmp(low, value)).toBeLessThanOrEqual(0);
        expect(cmp(value, high)).toBeLessThan(0);
        expect(cmp(sub(high, low), w)).toBe(0);
        expect(divides(w, sub(low, fraction(String(start))))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('round: a multiple, nearest, halves away from zero, text in text out (property)', () => {
    fc.assert(
      fc.property(decimalText, parameter, (text, multiple) => {
        const out = t({ type: 'generalize', method: 'round', multiple })(text);
        expect(typeof out).toBe('string');
        expect(String(out)).toMatch(/^-?\d+(\.\d*[1-9])?$/);
        const value = fraction(text);
        const rounded = fraction(String(out));
        const m = fraction(String(multiple));
        expect(divides(m, rounded)).toBe(true);
        const distance = abs(sub(value, rounded));
        expect(cmp(distance, half(m))).toBeLessThanOrEqual(0);
        if (cmp(distance, half(m)) === 0 && value.n !== 0n) {
          expect(cmp(abs(rounded), abs(value))).toBe(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('top-bottom: compares exactly (property)', () => {
    fc.assert(
      fc.property(topBottomCase, ([bottom, top, text]) => {
        const out = t({
          type: 'generalize',
          method: 'top-bottom',
          top,
          bottom,
          topValue: 'TOP',
          bottomValue: 'BOTTOM',
        })(text);
        const value = fraction(text);
        const expected =
          cmp(value, fraction(String(top))) >= 0
            ? 'TOP'
            : cmp(value, fraction(String(bottom))) < 0
              ? 'BOTTOM'
              : text;
        expect(out).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('integer fast paths agree with the exact decimal path (property)', () => {
    // '123.0' is not integer text, so it takes the BigInt path; 123 and '123' do not.
    const integer = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.maxSafeInteger(),
      fc.maxSafeInteger().map((n) => -n),
    );
    const bound = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }),
      origin,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(integer, fc.integer({ min: 1, max: 1e6 }), bound, (n, m, b) => {
        const specs: TransformSpec[] = [
          { type: 'generalize', method: 'round', multiple: m },
          { type: 'generalize', method: 'interval', width: m, origin: Math.round(b) || 0 },
          { type: 'generalize', method: 'top-bottom', top: b, topValue: 'TOP' },
          { type: 'generalize', method: 'top-bottom', bottom: b, bottomValue: 'BOTTOM' },
        ];
        for (const spec of specs) {
          const f = t(spec);
          const slow = f(`${n}.0`);
          const expected = slow === `${n}.0` ? String(n) : slow;
          expect(f(String(n))).toBe(expected);
          // A number comes back as a number: the nearest double of the exact result.
          const fromNumber = f(n);
          if (typeof fromNumber === 'number') expect(fromNumber).toBe(Number(expected));
          else expect(fromNumber).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('numbers are read as their shortest decimal text', () => {
    expect(t({ type: 'generalize', method: 'round', multiple: 0.1 })(0.1 + 0.2)).toBe(0.3);
    expect(t({ type: 'generalize', method: 'round', multiple: 1e-7 })(1.5e-7)).toBe(2e-7);
    expect(t({ type: 'generalize', method: 'interval', width: 1e21 })(1.5e21)).toBe(
      '1000000000000000000000-1999999999999999999999',
    );
    expect(t({ type: 'generalize', method: 'round', multiple: 0.001 })('2.5e-3')).toBe('0.003');
  });

  it('age bands take the exact whole part', () => {
    expect(t({ type: 'generalize', method: 'age', width: 10 })('29.99999999999999999')).toBe(
      '20-29',
    );
  });

  it('noise rounds exactly and clamps to the decimal bounds', () => {
    // These bytes make every uniform draw exactly 1/2, so the noise is exactly 0.
    const silent = (buffer: Uint8Array) => {
      for (let i = 0; i < buffer.length; i++) buffer[i] = i % 8 === 0 ? 0x80 : 0;
      return buffer;
    };
    const spec = { type: 'noise', mechanism: 'laplace', scale: 1 } as const;
    const noise = compileTransform({ ...spec, decimals: 2 }, { random: silent });
    expect(noise('1.005')).toBe('1.01');
    expect(noise(1.005)).toBe(1.01);
    expect(noise('-1.005')).toBe('-1.01');
    expect(noise('8.345')).toBe('8.35');
    const clamp = compileTransform({ ...spec, min: 0.1, max: 8.4 }, { random: silent });
    expect(clamp('9')).toBe('8.4');
    expect(clamp('0.09999999999999999999')).toBe('0.1');
  });

  it('refuses what is not a decimal number, with a stable reason', () => {
    const round = t({ type: 'generalize', method: 'round', multiple: 1 });
    for (const bad of ['abc', '0x10', 'Infinity', '1e9999999', '1.2.3', '.', '-', ' ', '1_000']) {
      expect(reasonOf(() => round(bad))).toBe('not-a-number');
    }
    expect(reasonOf(() => round(Number.NaN))).toBe('not-a-number');
    expect(reasonOf(() => round('9'.repeat(401)))).toBe('not-a-number');
  });
});
