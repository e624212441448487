import { describe, expect, it } from 'vitest';
import { createQuarantineList } from '../../src/pipeline/quarantine-list.ts';

describe('createQuarantineList', () => {
  it('lists each rejected row as a CSV line, quoting what needs it, with the header', () => {
    const list = createQuarantineList();
    expect(list.text()).toBe('row,field,rule,reason\n');
    list.add({ row: 3, field: 'mobile', rule: 'fpe', reason: 'not a mobile number' });
    list.add({ row: 7, field: '住址,门牌', rule: 'generalize "address"', reason: 'x' });
    expect(list.text()).toBe(
      'row,field,rule,reason\n3,mobile,fpe,not a mobile number\n7,"住址,门牌","generalize ""address""",x\n',
    );
  });
});
