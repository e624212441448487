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
    // The binary bundles its pure-JS dependencies (zod, commander, @noble/curves,
    // date-fns …): resolving and compiling about 150 separate modules at every
    // start cost more than the work of a short command. Native or optional
    // ones stay external; `yaml` is loaded by require when a YAML file is read.
    // @noble/ciphers and @noble/hashes stay external too: bundling turns their
    // top-level `const` lookup tables into `var`, which V8 no longer treats as
    // constants in hot loops — AES took 30% and SHA-256 58% more time on the main
    // thread of a release (docs/performance.md, "release"); loading them from
    // node_modules costs about 13 ms at start.
    noExternal: [/^(?!better-sqlite3$|pg$|pg-cursor$|yaml$|@noble\/(?:ciphers|hashes)\/).*/],
    external: ['better-sqlite3', 'pg', 'pg-cursor', 'yaml', /^@noble\/(?:ciphers|hashes)\//],
    // Bundled CommonJS dependencies (commander) require Node built-ins: give
    // every ESM chunk a real `require`.
    banner: {
      js: "import { createRequire as __dataguardRequire } from 'node:module';\nconst require = __dataguardRequire(import.meta.url);",
    },
  },
]) as Options[];

export default config;
