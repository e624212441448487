import { defineConfig, type Options } from 'tsup';
import { libraryEntries } from './scripts/entries.mjs';

// Library entries are discovered from src/ (see scripts/entries.mjs) so a new
// module only needs its index.ts; package.json#exports is kept in sync by
// scripts/sync-exports.mjs.
const config: Options[] = defineConfig([
  {
    // The ETL worker is loaded by path (dataguard/io transformFile), not imported.
    entry: { ...libraryEntries(), 'io/etl-worker': 'src/io/etl-worker.ts' },
    format: ['esm', 'cjs'],
    // import.meta.url in the CommonJS build (the worker is found next to the caller).
    shims: true,
    dts: true,
    splitting: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: 'es2022',
    outDir: 'dist',
    external: ['better-sqlite3', 'pg'],
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    splitting: true,
    sourcemap: true,
    target: 'node20',
    outDir: 'dist',
    external: ['better-sqlite3', 'pg'],
  },
]) as Options[];

export default config;
