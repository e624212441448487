import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Finding,
  luhnCheckDigit,
  redact,
  residentIdCheckCharacter,
  scan,
  validate,
} from '../../src/detect/index.ts';
import { ValidationError } from '../../src/errors/index.ts';

const found = (text: string, options?: Parameters<typeof scan>[1]) =>
  scan(text, { ...options, includeValue: true }).map((f) => [f.type, f.value]);

describe('scan', () => {
  it('finds an ID number glued to Chinese characters', () => {
    const text = '张三身份证号11010519491231002X住北京';
    const [finding] = scan(text);
    expect(finding).toMatchObject({ type: 'cn-resident-id', start: 6, end: 24, valid: true });
    expect(finding?.value).toBeUndefined();
    expect(text.slice(finding?.start, finding?.end)).toBe('11010519491231002X');
  });

  it('returns values only on request', () => {
    expect(scan('手机13812345678', { includeValue: true })[0]?.value).toBe('13812345678');
    expect(scan('手机13812345678')[0]).not.toHaveProperty('value');
  });

  it('never matches a digit run inside a longer digit run', () => {
    expect(scan('流水号911010519491231002X')).toEqual([]);
    expect(scan('订单 213812345678 已发货')).toEqual([]);
    expect(scan('编号11010519491231002X1')).toEqual([]);
    expect(scan('6228480402564890018123')).toEqual([]);
  });

  it('handles full-width digits with UTF-16 offsets of the original text', () => {
    const text = '电话：１３８１２３４５６７８';
    expect(scan(text)).toEqual([
      { type: 'cn-mobile', start: 3, end: 14, score: 0.99, valid: true },
    ]);
  });

  it('counts offsets in UTF-16 code units (astral characters are two)', () => {
    const text = '😀😀手机13812345678';
    expect(scan(text)[0]).toMatchObject({ start: 6, end: 17 });
  });

  it('joins phone and card numbers written with spaces or hyphens', () => {
    expect(found('手机 138 1234 5678，备用 +86 139-1234-5678，又 0086 13712345678')).toEqual([
      ['cn-mobile', '138 1234 5678'],
      ['cn-mobile', '+86 139-1234-5678'],
      ['cn-mobile', '0086 13712345678'],
    ]);
    expect(found('银行卡号：6228 4804 0256 4890 018。')).toEqual([
      ['bank-card', '6228 4804 0256 4890 018'],
    ]);
    expect(found('电话 010-12345678-123')).toEqual([['cn-landline', '010-12345678-123']]);
  });

  it('keeps two numbers separated by a space apart', () => {
    expect(found('call 13812345678 13912345678')).toEqual([
      ['cn-mobile', '13812345678'],
      ['cn-mobile', '13912345678'],
    ]);
  });

  it('raises the score with context words', () => {
    const bare = scan('A: 6228480402564890018')[0];
    const withContext = scan('银行卡 6228480402564890018')[0];
    expect(bare?.score).toBeLessThan(withContext?.score ?? 0);
    expect(scan('passport G25352389')[0]?.score).toBeGreaterThan(
      scan('code G25352389')[0]?.score ?? 1,
    );
    // Weak formats are reported only with context.
    expect(scan('邮编 100101')).toMatchObject([{ type: 'cn-postal-code' }]);
    expect(scan('共 100101 人')).toEqual([]);
    expect(scan('台胞证号码 07257456')).toMatchObject([{ type: 'cn-tw-travel-permit' }]);
  });

  it('keeps checksum failures below the default threshold', () => {
    expect(scan('身份证号 110105194912310021')).toEqual([]);
    expect(scan('银行卡 6221558812340000')).toEqual([]);
    const near = scan('身份证号 110105194912310021', { threshold: 0.1 });
    expect(near).toMatchObject([{ type: 'cn-resident-id', valid: false, reason: 'checksum' }]);
    expect(near[0]?.score).toBeLessThan(0.5);
    const unionPay = scan('银行卡 6221558812340000', { threshold: 0.1 });
    expect(unionPay).toMatchObject([{ type: 'bank-card', valid: false, reason: 'checksum' }]);
  });

  it('does not take "ID card" for bank context, nor the next item\'s label for this one\'s', () => {
    // An 18-digit ID number with a wrong check digit that happens to pass Luhn.
    let nearMiss = '';
    for (let seq = 0; seq < 1000 && nearMiss === ''; seq++) {
      const candidate = `11010519491231${String(seq).padStart(3, '0')}`;
      for (const check of '0123456789') {
        const value = candidate + check;
        if (!validate('cn-resident-id', value) && validate('bank-card', value)) {
          nearMiss = value;
          break;
        }
      }
    }
    expect(nearMiss).not.toBe('');
    expect(scan(`ID card no. ${nearMiss}`)).toEqual([]);
    // "；见身份证" after an IMEI labels what follows, not the IMEI.
    expect(found('设备串号490154203237518；见身份证')).toEqual([['imei', '490154203237518']]);
  });

  it('finds the other identifier types', () => {
    const text =
      '邮箱zhang.san123@example.com，IP 192.168.1.10，fe80::1ff:fe23:4567:890a，MAC 00:1A:2B:3C:4D:5E，' +
      '车牌粤B·D12345和京A12345，香港身份证A123456(3)，台湾身分證A123456789，澳门身份证1234567(8)，' +
      '护照E12345678，回乡证H1234567890，军字第2001988号，统一社会信用代码91110000600037341L，IMEI 490154203237518';
    expect(found(text)).toEqual([
      ['email', 'zhang.san123@example.com'],
      ['ipv4', '192.168.1.10'],
      ['ipv6', 'fe80::1ff:fe23:4567:890a'],
      ['mac-address', '00:1A:2B:3C:4D:5E'],
      ['cn-plate', '粤B·D12345'],
      ['cn-plate', '京A12345'],
      ['hk-id', 'A123456(3)'],
      ['tw-id', 'A123456789'],
      ['mo-id', '1234567(8)'],
      ['cn-passport', 'E12345678'],
      ['cn-hkmo-travel-permit', 'H1234567890'],
      ['cn-military-id', '军字第2001988号'],
      ['cn-uscc', '91110000600037341L'],
      ['imei', '490154203237518'],
    ]);
  });

  it('prefers the email over the phone number that is its local part', () => {
    expect(found('13812345678@163.com')).toEqual([['email', '13812345678@163.com']]);
  });

  it('does not take times, versions or decimals for addresses', () => {
    expect(scan('会议 10:30:45 开始，版本 3.14，std::map<int>')).toEqual([]);
  });

  it('filters by type', () => {
    const text = '手机13812345678 邮箱a@example.com';
    expect(found(text, { types: ['email'] })).toEqual([['email', 'a@example.com']]);
  });

  it('validates its options', () => {
    expect(() => scan(1 as unknown as string)).toThrow(ValidationError);
    expect(() => scan('', { threshold: 2 })).toThrow(ValidationError);
    expect(() => scan('', { types: ['ssn' as 'email'] })).toThrow(ValidationError);
    expect(() => scan('', { contextWindow: -1 })).toThrow(ValidationError);
    expect(() => scan('', { regionCheck: 'city' as 'county' })).toThrow(ValidationError);
  });
});

describe('redact', () => {
  it('replaces findings with labels, masks or a function', () => {
    const text = '张三 13812345678，身份证11010519491231002X';
    expect(redact(text)).toBe('张三 [cn-mobile]，身份证[cn-resident-id]');
    expect(redact(text, { replacement: 'mask' })).toBe(
      '张三 ***********，身份证******************',
    );
    expect(redact(text, { replacement: (f) => `<${f.type}:${f.value?.slice(-4)}>` })).toBe(
      '张三 <cn-mobile:5678>，身份证<cn-resident-id:002X>',
    );
    expect(redact('nothing here')).toBe('nothing here');
    expect(redact('手机 138-1234-5678', { replacement: 'mask' })).toBe('手机 ***-****-****');
  });
  it('rejects an unknown replacement', () => {
    expect(() => redact('x', { replacement: 'hash' as 'mask' })).toThrow(ValidationError);
  });
});

// ---------------------------------------------------------------------------

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const interesting = fc.constantFrom(...'0123456789０１２３X-  @:.()（）+·京粤B字第号'.split(''));
const noisy = fc.string({ unit: fc.oneof(anyUnit, interesting), maxLength: 200 });

function wellFormed(text: string, findings: readonly Finding[]): void {
  let last = 0;
  for (const f of findings) {
    expect(f.start).toBeGreaterThanOrEqual(last);
    expect(f.end).toBeGreaterThan(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(f.score).toBeGreaterThanOrEqual(0);
    expect(f.score).toBeLessThanOrEqual(1);
    last = f.end;
  }
}

describe('scan properties', () => {
  it('never throws, and findings are ordered, disjoint and in bounds (lone surrogates included)', () => {
    fc.assert(
      fc.property(noisy, (text) => {
        wellFormed(text, scan(text, { threshold: 0 }));
        expect(typeof redact(text)).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  // (Prose letters exclude X: digits followed by X read as one token, see docs/detect.md.)
  it('finds a valid ID number embedded anywhere in Chinese or English prose', () => {
    const prose = fc.string({
      unit: fc.constantFrom(...'的是在了我有他这中大来上个国和人身份证号码 abcdyz，。'.split('')),
      maxLength: 30,
    });
    const first17 = fc
      .tuple(
        fc.constantFrom('110105', '440305', '320102', '510107'),
        fc.integer({ min: 1950, max: 2010 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(
        ([region, y, m, d, seq]) =>
          `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`,
      );
    fc.assert(
      fc.property(prose, first17, prose, (before, body, after) => {
        const id = body + residentIdCheckCharacter(body);
        const text = `${before}${id}${after}`;
        const findings = scan(text, { includeValue: true });
        expect(findings).toContainEqual(
          expect.objectContaining({
            type: 'cn-resident-id',
            start: before.length,
            end: before.length + 18,
            value: id,
          }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('finds Luhn-valid 16-19 digit card numbers next to 银行卡 in any grouping', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^62\d{13,16}$/),
        fc.constantFrom('', ' ', '-'),
        (payload, sep) => {
          const card = payload + luhnCheckDigit(payload);
          const grouped = sep === '' ? card : (card.match(/.{1,4}/g) ?? []).join(sep);
          const findings = scan(`银行卡号${grouped}。`);
          expect(findings).toMatchObject([
            { type: 'bank-card', start: 4, end: 4 + grouped.length },
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
