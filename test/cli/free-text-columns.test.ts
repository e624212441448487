import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The built binary (dist/cli/main.js) on a hotline CSV whose 诉求内容 column is free text.
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');

const CSV = [
  '工单号,区县,来电日期,诉求内容',
  'T001,鼓楼区,2026-03-01,"申请人张伟，男，身份证号11010519491231002X，住福建省福州市鼓楼区五四路88号3栋2单元501室，联系电话13812345678，患有糖尿病，反映楼下噪音。"',
  'T002,鼓楼区,2026-03-02,来电人李娜反映，邻居张伟长期占用消防通道，请核实处理。',
  'T003,台江区,2026-03-02,市民反映台江区路灯损坏，无个人信息。',
  'T004,仓山区,2026-03-03,投诉人王建国反映福州市仓山区城门镇某小区物业不作为。',
].join('\n');

describe.skipIf(!existsSync(bin))('free-text columns through the built binary', () => {
  let dir = '';
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dataguard-free-text-'));
    writeFileSync(join(dir, 'tickets.csv'), `${CSV}\n`);
  });

  it('profile reports the text finding types of 诉求内容 and drafts it for the text transform', () => {
    const out = run('profile', 'tickets.csv', '--columns');
    expect(out.status, out.stderr).toBe(0);
    const { definition, columns } = JSON.parse(out.stdout);
    const column = columns.find((c: { name: string }) => c.name === '诉求内容');
    expect(column.transform).toBe('text');
    expect(column.textFindings.map((f: { type: string }) => f.type)).toEqual([
      'person-name',
      'address',
      'sensitive-fact',
    ]);
    const fact = column.textFindings.find((f: { type: string }) => f.type === 'sensitive-fact');
    expect(fact).toEqual({ type: 'sensitive-fact', share: 0.25, categories: ['health'] });
    // A diagnosis in the text makes the column sensitive PI, a name a direct identifier.
    expect(column).toMatchObject({
      piCategory: 'health',
      role: 'direct-identifier',
      sensitive: true,
    });
    const field = definition.fields.find((f: { name: string }) => f.name === '诉求内容');
    expect(field).toMatchObject({ piCategory: 'health', grade: 'general-4', open: 'closed' });
    expect(field.description).toContain('text transform');
    // The short columns are not scanned as free text.
    const district = columns.find((c: { name: string }) => c.name === '区县');
    expect(district.transform).toBeUndefined();
    expect(district.textFindings).toBeUndefined();
  });

  it('protect applies the text rule to the column: every finding handled, names consistent across rows', () => {
    const dataset = {
      id: 'tickets',
      version: '1',
      fields: [
        {
          name: '工单号',
          role: 'insensitive',
          grade: 'general-1',
          share: 'unconditional',
          open: 'open',
        },
        {
          name: '区县',
          role: 'quasi-identifier',
          piCategory: 'location',
          grade: 'general-2',
          share: 'conditional',
          open: 'closed',
          openBasis: 'PIPL Art. 25',
        },
        {
          name: '来电日期',
          role: 'quasi-identifier',
          piCategory: 'basic',
          grade: 'general-2',
          share: 'conditional',
          open: 'closed',
          openBasis: 'PIPL Art. 25',
        },
        {
          name: '诉求内容',
          role: 'direct-identifier',
          piCategory: 'health',
          grade: 'general-4',
          share: 'conditional',
          open: 'closed',
          openBasis: 'PIPL Art. 25',
        },
      ],
    };
    const policy = {
      id: 'tickets-text',
      version: '1',
      dataset: 'tickets',
      keep: ['工单号', '区县', '来电日期'],
      rules: [
        {
          id: 'request-text',
          select: { fields: ['诉求内容'] },
          transform: {
            type: 'text',
            default: 'label',
            operators: { 'person-name': 'surname', address: 'generalize', 'cn-mobile': 'mask' },
            addressLevel: 'county',
          },
        },
      ],
    };
    writeFileSync(join(dir, 'tickets.dataset.json'), JSON.stringify(dataset));
    writeFileSync(join(dir, 'tickets.policy.json'), JSON.stringify(policy));
    const out = run(
      'protect',
      'tickets.csv',
      '--dataset',
      'tickets.dataset.json',
      '--policy',
      'tickets.policy.json',
      '--actor',
      'gov.example.hotline',
      '--legal-basis',
      'statutory-duty',
      '--purpose',
      'statutory-duty',
      '--processing',
      'entrust',
      '--recipient',
      'ent.example.processor',
      '--recipient-kind',
      'enterprise',
      '--out',
      'tickets.out.csv',
      '--no-report',
    );
    expect(out.status, out.stderr).toBe(0);
    const lines = readFileSync(join(dir, 'tickets.out.csv'), 'utf8').trim().split(/\r?\n/);
    expect(lines[1]).toBe(
      'T001,鼓楼区,2026-03-01,申请人张某，男，身份证号[居民身份证号码1]，住福建省福州市鼓楼区，联系电话138****5678，患有[健康信息1]，反映楼下噪音。',
    );
    expect(lines[2]).toBe(
      'T002,鼓楼区,2026-03-02,来电人李某反映，邻居张某长期占用消防通道，请核实处理。',
    );
    expect(lines[3]).toBe('T003,台江区,2026-03-02,市民反映台江区路灯损坏，无个人信息。');
    expect(lines[4]).toMatch(/^T004,仓山区,2026-03-03,投诉人王某某反映福州市仓山区/);
    const text = lines.join('\n');
    for (const raw of [
      '张伟',
      '李娜',
      '王建国',
      '11010519491231002X',
      '13812345678',
      '五四路',
      '糖尿病',
    ])
      expect(text).not.toContain(raw);
  });
});
