// The browser smoke suite, run in Node as well: keeps the checks themselves
// correct (run-browser.mjs runs the same file in headless Chromium).
import { describe, expect, it } from 'vitest';
import { smokeChecks } from './smoke.ts';

describe('runtime-neutral smoke suite (Node)', () => {
  for (const { name, run } of smokeChecks) {
    it(name, async () => {
      await expect(Promise.resolve().then(run)).resolves.toBeUndefined();
    });
  }
});
