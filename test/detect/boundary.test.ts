// Hostile arguments and cells at the detect entry points give a result or a
// ValidationError with a stable reason (issue 12), never a TypeError.
import { describe, expect, it } from 'vitest';
import { headerHint } from '../../src/detect/header-hints.ts';
import { profileColumn, profileTable } from '../../src/detect/index.ts';
import { isMobileSegment } from '../../src/detect/phone.ts';
import { reasonOf } from '../helpers/validation-reason.ts';

describe('detect entry points under hostile input', () => {
  it('headerHint and isMobileSegment need strings', () => {
    expect(reasonOf(() => headerHint(0 as never))).toBe('invalid-argument');
    expect(reasonOf(() => isMobileSegment(0 as never))).toBe('invalid-argument');
    expect(isMobileSegment('13812345678')).toBe(true);
  });

  it('profileColumn reads Symbol and null-prototype cells as text', () => {
    const profile = profileColumn([Object.create(null), [Object.create(null)], Symbol('x'), '']);
    expect(profile.sampled).toBe(3);
    expect(profile.empty).toBe(1);
    expect(reasonOf(() => profileColumn([], 5 as never))).toBe('type');
    expect(reasonOf(() => profileColumn([], { name: 5 } as never))).toBe('type');
  });

  it('profileTable reads hostile cells and checks its options', () => {
    const table = profileTable([{ id_card: [Object.create(null)], mobile: Symbol('m') }]);
    expect(table.columns.map((c) => c.name)).toEqual(['id_card', 'mobile']);
    expect(reasonOf(() => profileTable([], 'x' as never))).toBe('type');
    expect(reasonOf(() => profileTable([], { id: 5 } as never))).toBe('type');
  });
});
