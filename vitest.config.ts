import { configDefaults, defineConfig, type ViteUserConfig } from 'vitest/config';
import { ALL_TESTS, SLOW_TESTS } from './vitest.sets.ts';

// `npm test`: the unit and integration suites. The slow ones (vitest.sets.ts)
// run with `npm run test:slow`.
const config: ViteUserConfig = defineConfig({
  test: {
    include: [...ALL_TESTS],
    exclude: [...configDefaults.exclude, ...SLOW_TESTS],
    setupFiles: ['test/setup/fail-on-console.ts', 'test/setup/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one file at a time on
    // the 2-core machine, while most of the CLI tests' time is spent waiting for
    // the binary they spawn.
    maxWorkers: 2,
  },
});

export default config;
