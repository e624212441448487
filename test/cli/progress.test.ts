import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.ts';

describe('createProgress', () => {
  it('is silent when stderr is not a terminal', () => {
    const out: string[] = [];
    const progress = createProgress({ write: (t) => out.push(t), isTTY: false });
    progress.update(1000, 10);
    progress.done();
    expect(out).toEqual([]);
  });

  it('draws rows, rate, percent and ETA, throttled to the interval', () => {
    const out: string[] = [];
    let t = 0;
    const progress = createProgress({
      write: (s) => out.push(s),
      isTTY: true,
      totalBytes: 1000,
      intervalMs: 100,
      now: () => t,
    });
    t = 2000;
    progress.update(50_000, 250);
    t = 2050;
    progress.update(60_000, 300); // within the interval: not drawn
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('50,000 rows');
    expect(out[0]).toContain('25,000 rows/s');
    expect(out[0]).toContain('25.0%');
    expect(out[0]).toContain('ETA 6s');
    progress.done();
    expect(out[1]).toBe('\r\u001b[K');
  });
});
