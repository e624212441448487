// Which test files are slow: the property and fuzz suites, the hardening
// suites, crash/kill loops and stress cases. `npm test` runs every other test
// file (vitest.config.ts); `npm run test:slow` runs these (vitest.slow.config.ts).
// A slow file is named `*.slow.test.ts` or `*.property.test.ts`, or lives in
// test/hardening/; scripts/check-test-sets.mjs checks that every test file is
// in exactly one of the two sets.

/** Globs of the slow test files. */
export const SLOW_TESTS: readonly string[] = [
  'test/hardening/**/*.test.ts',
  'test/**/*.slow.test.ts',
  'test/**/*.property.test.ts',
];

/** Globs of all test files. */
export const ALL_TESTS: readonly string[] = ['test/**/*.test.ts'];
