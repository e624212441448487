import { describe, expect, it } from 'vitest';
import { headerHint } from '../../src/detect/header-hints.ts';
import { profileColumn, profileTable } from '../../src/detect/index.ts';
import { ValidationError } from '../../src/errors/index.ts';
import { defineDataset } from '../../src/tags/index.ts';

describe('headerHint', () => {
  it.each([
    ['身份证号', 'cn-resident-id'],
    ['id_card', 'cn-resident-id'],
    ['idNumber', 'cn-resident-id'],
    ['手机号', 'cn-mobile'],
    ['mobilePhone', 'cn-mobile'],
    ['联系电话', 'cn-landline'],
    ['银行卡号', 'bank-card'],
    ['E-mail', 'email'],
    ['邮政编码', 'cn-postal-code'],
    ['车牌号', 'cn-plate'],
    ['统一社会信用代码', 'cn-uscc'],
    ['client_ip', 'ipv4'],
  ])('%s → %s', (header, type) => {
    expect(headerHint(header)?.identifierType).toBe(type);
  });
  it.each([
    ['姓名', 'basic', 'direct-identifier'],
    ['name', 'basic', 'direct-identifier'],
    ['住址', 'basic', 'quasi-identifier'],
    ['home_address', 'basic', 'quasi-identifier'],
    ['出生日期', 'basic', 'quasi-identifier'],
    ['birthdate', 'basic', 'quasi-identifier'],
    ['诊断结果', 'health', 'sensitive'],
    ['password', 'authentication', 'sensitive'],
    ['宗教信仰', 'religious-belief', 'sensitive'],
  ])('%s → %s / %s', (header, piCategory, role) => {
    expect(headerHint(header)).toMatchObject({ piCategory, role });
  });
  it('ignores headers about something else', () => {
    expect(headerHint('company_name')).toBeUndefined();
    expect(headerHint('id')).toBeUndefined();
    expect(headerHint('amount')).toBeUndefined();
    expect(headerHint('  ')).toBeUndefined();
  });
});

describe('profileColumn', () => {
  it('suggests the type from values alone, with the share that matched', () => {
    const profile = profileColumn(['11010519491231002X', '440524188001010014', '', 'n/a'], {
      minShare: 0.6,
    });
    expect(profile).toMatchObject({
      identifierType: 'cn-resident-id',
      piCategory: 'identity',
      role: 'direct-identifier',
      grade: 'general-4',
      sensitive: true,
      matchShare: 0.6667,
      sampled: 3,
      empty: 1,
      evidence: ['values'],
    });
  });
  it('combines header and values', () => {
    const profile = profileColumn(['13812345678', '13912345678'], { name: '手机号' });
    expect(profile).toMatchObject({
      identifierType: 'cn-mobile',
      grade: 'general-3',
      evidence: ['header', 'values'],
    });
  });
  it('lets the header break ties between value types', () => {
    const codes = ['110105', '440305', '320102'];
    expect(profileColumn(codes).identifierType).toBe('cn-region-code');
    expect(profileColumn(codes, { name: '邮编' }).identifierType).toBe('cn-postal-code');
  });
  it('falls back to the header when values do not match', () => {
    expect(profileColumn(['张三', '李四'], { name: '姓名' })).toMatchObject({
      piCategory: 'basic',
      role: 'direct-identifier',
      matchShare: 0,
      evidence: ['header'],
    });
    expect(profileColumn(['x', 'y'], { name: '身份证号' })).toMatchObject({
      identifierType: 'cn-resident-id',
      matchShare: 0,
      evidence: ['header'],
    });
  });
  it('drafts nothing recognisable as a quasi-identifier, never silently insensitive (general-2)', () => {
    expect(profileColumn(['12.5', '7'], { name: 'amount' })).toMatchObject({
      role: 'quasi-identifier',
      grade: 'general-2',
      evidence: [],
      sensitive: false,
    });
  });
  it('drafts location, date and workplace columns as quasi-identifiers (the district case)', () => {
    for (const [name, values] of [
      ['district', ['鼓楼区', '仓山区', '连江县']],
      ['区县', ['鼓楼区', '仓山区']],
      ['city', ['福州市', '厦门市']],
      ['visit_date', ['2026-01-02', '2026-02-03']],
      ['工作单位', ['市第一医院', '某某公司']],
    ] as const) {
      expect(profileColumn([...values], { name }).role, name).toBe('quasi-identifier');
      expect(profileColumn([...values], { name }).evidence, name).toEqual(['header']);
    }
    // A name of a city is not a person's location.
    expect(profileColumn(['福州市'], { name: 'city_name' }).evidence).toEqual([]);
  });
  it('samples at most sampleSize values', () => {
    const values = [
      ...Array.from({ length: 10 }, () => 'a@example.com'),
      ...Array.from({ length: 90 }, () => 'x'),
    ];
    expect(profileColumn(values, { sampleSize: 10 })).toMatchObject({
      identifierType: 'email',
      sampled: 10,
    });
  });
  it('validates its arguments', () => {
    expect(() => profileColumn('abc' as unknown as string[])).toThrow(ValidationError);
    expect(() => profileColumn([], { sampleSize: 0 })).toThrow(ValidationError);
    expect(() => profileColumn([], { minShare: 2 })).toThrow(ValidationError);
  });
});

describe('profileTable', () => {
  const records = [
    {
      姓名: '张三',
      身份证号: '11010519491231002X',
      手机号: '13812345678',
      住址: '北京市朝阳区',
      金额: '12.5',
    },
    {
      姓名: '李四',
      身份证号: '440524188001010014',
      手机号: '13912345678',
      住址: '广州市',
      金额: '7',
    },
  ];
  it('drafts a definition that defineDataset accepts', () => {
    const { columns, definition } = profileTable(records, { id: 'residents', version: '1' });
    expect(columns.map((c) => c.identifierType)).toEqual([
      undefined,
      'cn-resident-id',
      'cn-mobile',
      undefined,
      undefined,
    ]);
    const dataset = defineDataset(definition);
    expect(dataset.grade).toBe('general-4');
    expect(dataset.sensitive).toBe(true);
    expect(dataset.fields.find((f) => f.name === '身份证号')).toMatchObject({
      identifierType: 'cn-resident-id',
      open: 'closed',
    });
    expect(dataset.fields.find((f) => f.name === '金额')).toMatchObject({ open: 'on-application' });
  });
  it('accepts { header, rows }', () => {
    const { definition } = profileTable({
      header: ['email', ''],
      rows: [
        ['a@example.com', '1'],
        ['b@example.com', '2'],
      ],
    });
    expect(definition.fields.map((f) => f.name)).toEqual(['email', 'column_2']);
    expect(definition.fields[0]?.identifierType).toBe('email');
    defineDataset(definition);
  });
  it('rejects malformed input', () => {
    expect(() => profileTable('x' as unknown as [])).toThrow(ValidationError);
    expect(() => profileTable([1 as unknown as Record<string, string>])).toThrow(ValidationError);
    expect(() => profileTable({ header: ['a'], rows: ['x' as unknown as string[]] })).toThrow(
      ValidationError,
    );
  });
});

describe('profileColumn on free-text columns', () => {
  const notes = [
    '当事人陈思远反映其在成都市第三人民医院就诊时被多收费用。',
    '来电人住四川省成都市武侯区望江路12号，反映噪音扰民。',
    '申请人罹患抑郁症，申请困难补助。',
    '市民咨询社保缴费政策。',
  ];

  it('reports the text finding types with their shares and drafts the text transform', () => {
    const profile = profileColumn(notes, { name: '备注' });
    expect(profile.transform).toBe('text');
    expect(profile.textFindings).toEqual([
      { type: 'person-name', share: 0.25 },
      { type: 'address', share: 0.25 },
      { type: 'organization', share: 0.25 },
      { type: 'sensitive-fact', share: 0.25, categories: ['health'] },
    ]);
    // Fail closed: a name makes it a direct identifier, a diagnosis sensitive PI.
    expect(profile).toMatchObject({
      role: 'direct-identifier',
      piCategory: 'health',
      sensitive: true,
      grade: 'general-4',
    });
    const { definition } = profileTable({ header: ['备注'], rows: notes.map((n) => [n]) });
    expect(definition.fields[0]?.description).toContain(
      'free text holding person-name, address, organization, sensitive-fact',
    );
  });

  it('leaves identifier columns, short values and text without personal information alone', () => {
    expect(profileColumn(['13812345678', '13912345678']).transform).toBeUndefined();
    expect(profileColumn(['张三', '李四'], { name: '姓名' }).textFindings).toBeUndefined();
    const plain = profileColumn(['市民咨询社保缴费政策。', '反映路面积水，请尽快处理。']);
    expect(plain.transform).toBeUndefined();
    expect(plain.textFindings).toBeUndefined();
  });
});
