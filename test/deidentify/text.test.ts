import { describe, expect, it } from 'vitest';
import {
  compileTransform,
  parsePolicy,
  type TextSpec,
  transformTraits,
} from '../../src/deidentify/index.ts';
import { PolicyError } from '../../src/errors/index.ts';
import { testKeyring } from './fixtures.ts';
import { reasonOf } from './helpers.ts';

const EXAMPLE =
  '申请人张三，男，身份证号11010519491231002X，住北京市朝阳区建国路88号，联系电话13812345678，患有糖尿病。';
const keyring = testKeyring();
const text = (spec: Omit<TextSpec, 'type'>) =>
  compileTransform({ type: 'text', ...spec }, { keyring });

describe('text transform', () => {
  it('labels every finding, numbered per distinct value across values (one dataset)', () => {
    const t = text({});
    expect(t(EXAMPLE)).toBe(
      '申请人[姓名1]，男，身份证号[居民身份证号码1]，住[地址1]，联系电话[手机号码1]，患有[健康信息1]。',
    );
    // The same person is [姓名1] in a later row; another person is [姓名2].
    expect(t('经办人李四，申请人张三')).toBe('经办人[姓名2]，申请人[姓名1]');
  });

  it('writes court-style text: 张某, 张某某, a second 张 as 张某甲', () => {
    const t = text({
      operators: { 'person-name': 'surname', address: 'generalize', 'sensitive-fact': 'label' },
      default: 'mask',
    });
    expect(t(EXAMPLE)).toBe(
      '申请人张某，男，身份证号1****************X，住北京市朝阳区，联系电话138****5678，患有[健康信息1]。',
    );
    expect(t('被告人张三丰与申请人张三、张伟系同事')).toBe(
      '被告人张某某与申请人张某、张某甲系同事',
    );
    expect(t('委托代理人欧阳娜娜')).toBe('委托代理人欧阳某某');
  });

  it('generalizes addresses to the chosen level, dates to the year, ages to a decade', () => {
    const t = text({ default: 'generalize', addressLevel: 'street' });
    expect(t('现住长沙市岳麓区麓山南路2号阳光小区3栋，1985年3月12日出生，现年39岁')).toBe(
      '现住长沙市岳麓区麓山南路，1985年出生，现年30-39岁',
    );
    const county = text({ default: 'generalize' });
    expect(county('现住长沙市岳麓区麓山南路2号')).toBe('现住长沙市岳麓区');
  });

  it('drops, keeps and masks by type', () => {
    const t = text({ operators: { 'person-name': 'mask', 'cn-mobile': 'keep' }, default: 'drop' });
    expect(t(EXAMPLE)).toBe('申请人张*，男，身份证号，住，联系电话13812345678，患有。');
  });

  it('pseudonymizes with the key: same value, same pseudonym; another value, another one', () => {
    const t = text({ operators: { 'person-name': 'pseudonym' }, default: 'keep' });
    const a = t('申请人张三') as string;
    expect(a).toMatch(/^申请人\[姓名:[0-9a-f]{8}\]$/);
    expect(t('联系人：张三')).toBe(`联系人：${a.slice(3)}`);
    expect(t('申请人李四')).not.toBe(a);
    expect(transformTraits({ type: 'text', default: 'pseudonym' })).toEqual({
      reversible: false,
      keyed: true,
      formatPreserving: false,
    });
    expect(transformTraits({ type: 'text' }).keyed).toBe(false);
  });

  it('refuses a pseudonym without a keyring and an unknown operator or type', () => {
    expect(reasonOf(() => compileTransform({ type: 'text', default: 'pseudonym' }))).toBe(
      'missing-keyring',
    );
    expect(() =>
      parsePolicy({
        id: 'p',
        version: '1',
        rules: [
          { id: 'r', select: { fields: ['note'] }, transform: { type: 'text', default: 'erase' } },
        ],
      }),
    ).toThrow(PolicyError);
    expect(() =>
      parsePolicy({
        id: 'p',
        version: '1',
        rules: [
          {
            id: 'r',
            select: { fields: ['note'] },
            transform: { type: 'text', operators: { person: 'label' } },
          },
        ],
      }),
    ).toThrow(PolicyError);
  });

  it('leaves text without findings unchanged and never changes its input', () => {
    const t = text({});
    expect(t('今天天气很好')).toBe('今天天气很好');
    expect(t(12345)).toBe('12345');
  });
});
