import { describe, expect, it } from 'vitest';
import { type FindingType, findingTypes, scan } from '../../src/detect/index.ts';
import { textEntityTypes } from '../../src/detect/text-types.ts';
import { ValidationError } from '../../src/errors/kinds.ts';

const all = { types: findingTypes, includeValue: true } as const;
const found = (text: string): [FindingType, string][] =>
  scan(text, all).map((f) => [f.type, f.value as string]);

describe('scan: free text (issue 20)', () => {
  const example =
    '申请人张三，男，身份证号11010519491231002X，住北京市朝阳区建国路88号，联系电话13812345678，患有糖尿病。';

  it('finds name, ID, address, mobile and diagnosis in the issue example, in today’s shape', () => {
    const findings = scan(example, { types: findingTypes });
    expect(findings.map((f) => f.type)).toEqual([
      'person-name',
      'cn-resident-id',
      'address',
      'cn-mobile',
      'sensitive-fact',
    ]);
    const [name, , address, , fact] = findings;
    expect(example.slice(name?.start, name?.end)).toBe('张三');
    expect(example.slice(address?.start, address?.end)).toBe('北京市朝阳区建国路88号');
    expect(address?.level).toBe('door');
    expect(example.slice(fact?.start, fact?.end)).toBe('糖尿病');
    expect(fact?.category).toBe('health');
    for (const f of findings) {
      expect(f.valid).toBe(true);
      expect(f.score).toBeGreaterThanOrEqual(0.5);
      expect(f.score).toBeLessThanOrEqual(0.99);
      expect(f).not.toHaveProperty('value');
    }
  });

  it('keeps the default to identifiers, so today’s callers see the same findings', () => {
    expect(scan(example).map((f) => f.type)).toEqual(['cn-resident-id', 'cn-mobile']);
  });

  it('finds names after role words, as 某 forms and with compound surnames', () => {
    expect(found('被申请人王建国不服，委托代理人欧阳娜娜出庭')).toEqual([
      ['person-name', '王建国'],
      ['person-name', '欧阳娜娜'],
    ]);
    expect(found('被告人李某某与张某甲系同事')).toEqual([
      ['person-name', '李某某'],
      ['person-name', '张某甲'],
    ]);
    expect(found('联系人：刘德华 经办人:陈静')).toEqual([
      ['person-name', '刘德华'],
      ['person-name', '陈静'],
    ]);
  });

  it('finds names in lists, in table cells and before speech verbs', () => {
    expect(found('参会人员：张伟、李娜、王芳等人。')).toEqual([
      ['person-name', '张伟'],
      ['person-name', '李娜'],
      ['person-name', '王芳'],
    ]);
    expect(found('赵丽华\t女\t35岁')).toEqual([
      ['person-name', '赵丽华'],
      ['age', '35岁'],
    ]);
    expect(found('今天王小明来电反映噪音问题')).toEqual([['person-name', '王小明']]);
  });

  it('finds transliterated names joined by a middle dot', () => {
    expect(found('约翰·史密斯先生来电')).toEqual([['person-name', '约翰·史密斯']]);
  });

  it('resolves 高明 by context: a name, an adjective, a district', () => {
    expect(found('患者高明，男，45岁。')).toEqual([
      ['person-name', '高明'],
      ['age', '45岁'],
    ]);
    expect(found('高明说他不去了')).toEqual([['person-name', '高明']]);
    expect(found('张医生医术高明。')).toEqual([]);
    const district = scan('家住佛山市高明区荷城街道', all);
    expect(district.map((f) => [f.type, f.value, f.level])).toEqual([
      ['address', '佛山市高明区荷城街道', 'township'],
    ]);
  });

  it('does not take words that look like names for names', () => {
    expect(found('创建全国文明城市')).toEqual([]);
    expect(found('金华火腿很好吃')).toEqual([]);
    expect(found('安全生产方面的工作')).toEqual([]);
  });

  it('reads an address as one span with its precision level, and ignores place names', () => {
    const text = '现住长沙市岳麓区麓山南路2号阳光小区3栋2单元501室，户籍地湖南省邵阳市';
    expect(scan(text, all).map((f) => [f.type, f.value, f.level])).toEqual([
      ['address', '长沙市岳麓区麓山南路2号阳光小区3栋2单元501室', 'door'],
      ['address', '湖南省邵阳市', 'prefecture'],
    ]);
    expect(found('他在北京开会，讨论福建省的规划')).toEqual([]);
    expect(found('事发在中山路15号门口')).toEqual([['address', '中山路15号']]);
  });

  it('hotline wording: a neighbour named after 邻居 with a verb after it, 路灯 after a district is no road', () => {
    expect(found('来电人李娜反映，邻居张伟长期占用消防通道。')).toEqual([
      ['person-name', '李娜'],
      ['person-name', '张伟'],
    ]);
    expect(found('市民反映台江区路灯损坏。')).toEqual([]);
    expect(found('住中山路15号')).toEqual([['address', '中山路15号']]);
  });

  it('finds work units and organizations', () => {
    expect(found('当事人欧阳娜娜在北京市朝阳区人民医院就诊')).toEqual([
      ['person-name', '欧阳娜娜'],
      ['organization', '北京市朝阳区人民医院'],
    ]);
    expect(found('工作单位：杭州某某科技有限公司')).toEqual([
      ['organization', '杭州某某科技有限公司'],
    ]);
    expect(found('朝阳区公安局民警王强')).toEqual([
      ['organization', '朝阳区公安局'],
      ['person-name', '王强'],
    ]);
    // One-character endings need an agency word or a division: 结局, 布局 are not agencies.
    expect(found('这个结局出乎意料，整体布局合理')).toEqual([]);
  });

  it('reports sensitive facts with their PI category', () => {
    const text = '男，回族，信仰伊斯兰教，曾因盗窃罪被判处有期徒刑，系低保户，确诊为肺腺癌';
    expect(scan(text, all).map((f) => [f.value, f.category])).toEqual([
      ['回族', 'specific-identity'],
      ['信仰伊斯兰教', 'religious-belief'],
      ['盗窃罪', 'specific-identity'],
      ['判处有期徒刑', 'specific-identity'],
      ['低保户', 'property'],
      ['肺腺癌', 'health'],
    ]);
    expect(found('周末去水族馆')).toEqual([]);
  });

  it('finds dates of birth and ages, not every date', () => {
    expect(found('1985年3月12日出生，现年39岁')).toEqual([
      ['date', '1985年3月12日'],
      ['age', '39岁'],
    ]);
    expect(found('出生于1990年5月')).toEqual([['date', '1990年5月']]);
    expect(found('2023年5月10日来电')).toEqual([]);
    expect(scan('2023年5月10日来电', { ...all, threshold: 0.3 }).map((f) => f.type)).toEqual([
      'date',
    ]);
  });

  it('lets an identifier win over an overlapping entity and honours types', () => {
    expect(found('张三13812345678')).toEqual([
      ['person-name', '张三'],
      ['cn-mobile', '13812345678'],
    ]);
    // A phone number is not a door number: the address stops before it.
    expect(found('住建国路13812345678号')).toEqual([
      ['address', '建国路'],
      ['cn-mobile', '13812345678'],
    ]);
    expect(scan(example, { types: ['person-name'] }).map((f) => f.type)).toEqual(['person-name']);
    expect(textEntityTypes).toContain('organization');
    expect(() => scan(example, { types: ['person'] as never })).toThrow(ValidationError);
  });

  it('stays linear on long hostile runs', () => {
    const runs = [
      '张'.repeat(200_000),
      '省'.repeat(200_000),
      '公司'.repeat(100_000),
      '号1'.repeat(100_000),
    ];
    for (const text of runs) {
      const started = performance.now();
      scan(text, { types: findingTypes });
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});
