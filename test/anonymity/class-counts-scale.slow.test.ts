// Class counts at scale (slow set).
import { describe, expect, it } from 'vitest';
import { checkClassCounts, createClassCounter } from '../../src/anonymity/index.ts';

describe('class counts at scale', () => {
  it('measures 1,000,000 distinct classes without spreading arrays into calls', () => {
    const counter = createClassCounter(['id'], []);
    for (let i = 0; i < 1_000_000; i++) counter.add([String(i)]);
    const checked = checkClassCounts(counter.serialize(), { quasiIdentifiers: ['id'], k: 2 });
    expect(checked.measures.k).toBe(1);
    expect(checked.measures.classes).toBe(1_000_000);
    expect(checked.failures[0]?.recordsInSmallClasses).toBe(1_000_000);
  });
});
