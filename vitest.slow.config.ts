import { configDefaults, defineConfig, type ViteUserConfig } from 'vitest/config';
import base from './vitest.config.ts';
import { SLOW_TESTS } from './vitest.sets.ts';

// `npm run test:slow`: property and fuzz suites, hardening, crash/kill loops
// and stress cases (see vitest.sets.ts), with the same setup as `npm test`.
const config: ViteUserConfig = defineConfig({
  ...base,
  test: { ...base.test, include: [...SLOW_TESTS], exclude: [...configDefaults.exclude] },
});

export default config;
