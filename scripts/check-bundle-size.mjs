// Bundle sizes and tree-shaking (issue 12).
//
// For every runtime-neutral subpath, bundles `export * from 'dataguard/<x>'`
// for the browser with esbuild (minified, ES2022, ESM) and measures raw and
// gzip bytes; fails when a gzip size grew more than 25% over the committed
// baseline (scripts/bundle-size-baseline.json). Also checks tree-shaking:
// bundling only `dataguard/detect` (the whole subpath, and a single import)
// must not pull in anonymity or provenance code, detected by marker
// identifiers kept in an unminified bundle. Any import of a Node built-in
// fails the build.
//
// The bundles are made from src/ (the same esbuild that tsup runs), so the
// check does not depend on a fresh `npm run build`.
//
// Usage:
//   node scripts/check-bundle-size.mjs            check against the baseline
//   node scripts/check-bundle-size.mjs --update   rewrite the baseline and bench/results/bundle-sizes.md
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, version as esbuildVersion } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const baselinePath = join(root, 'scripts/bundle-size-baseline.json');
const tablePath = join(root, 'bench/results/bundle-sizes.md');
const update = process.argv.includes('--update');
const LIMIT = 1.25;

/** Runtime-neutral subpaths, with the root export (`dataguard`) last. */
const SUBPATHS = [
  'errors',
  'tags',
  'crypto',
  'detect',
  'deidentify',
  'anonymity',
  'consent',
  'provenance',
  'responsibility',
  '.',
];

/** Names that exist only in one module: present in that module's bundle, absent from others. */
const MARKERS = {
  anonymity: [
    'optimalGeneralization',
    'measureAnonymity',
    'checkAnonymous',
    'renderAnonymityReport',
    'analyticGaussianSigma',
  ],
  provenance: [
    'createLedger',
    'verifyInclusion',
    'verifyConsistency',
    'parseCheckpoint',
    'createMemoryLedgerStore',
  ],
};

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.path.startsWith('node:') || builtins.has(args.path)) {
        return {
          errors: [
            {
              text: `Node built-in "${args.path}" imported by ${args.importer.replace(`${root}/`, '')}`,
            },
          ],
        };
      }
      return undefined;
    });
  },
};

const entryOf = (subpath) =>
  join(root, 'src', subpath === '.' ? 'index.ts' : `${subpath}/index.ts`);
const nameOf = (subpath) => (subpath === '.' ? 'dataguard' : `dataguard/${subpath}`);

async function bundle(contents, minify) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [noNodeBuiltins],
  });
  return result.outputFiles[0].text;
}

const problems = [];
const sizes = {};
for (const subpath of SUBPATHS) {
  try {
    const code = await bundle(`export * from ${JSON.stringify(entryOf(subpath))};`, true);
    sizes[nameOf(subpath)] = {
      minified: Buffer.byteLength(code),
      gzip: gzipSync(code, { level: 9 }).length,
    };
  } catch (error) {
    problems.push(
      `${nameOf(subpath)} does not bundle for the browser: ${error.errors?.map((e) => e.text).join('; ') ?? error.message}`,
    );
  }
}

// Tree-shaking: unminified so the marker names survive.
const treeShaking = {};
const cases = [
  {
    name: 'dataguard/detect (whole subpath)',
    contents: `export * from ${JSON.stringify(entryOf('detect'))};`,
  },
  {
    name: 'dataguard/detect { scan }',
    contents: `import { scan } from ${JSON.stringify(entryOf('detect'))}; globalThis.scan = scan;`,
  },
];
for (const { name, contents } of cases) {
  const code = await bundle(contents, false);
  const found = Object.entries(MARKERS).flatMap(([module, names]) =>
    names
      .filter((marker) => new RegExp(`\\b${marker}\\b`).test(code))
      .map((marker) => `${module}:${marker}`),
  );
  treeShaking[name] = {
    gzip: gzipSync(await bundle(contents, true), { level: 9 }).length,
    foreign: found,
  };
  if (found.length > 0) problems.push(`${name} pulls in ${found.join(', ')}: tree-shaking broke`);
}
// The markers must be real, or the check above proves nothing.
for (const [module, names] of Object.entries(MARKERS)) {
  const code = await bundle(`export * from ${JSON.stringify(entryOf(module))};`, false);
  const missing = names.filter((marker) => !new RegExp(`\\b${marker}\\b`).test(code));
  if (missing.length > 0)
    problems.push(
      `marker(s) ${missing.join(', ')} not found in dataguard/${module}: update MARKERS`,
    );
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
let baseline;
try {
  baseline = JSON.parse(readFileSync(baselinePath, 'utf8'));
} catch {
  baseline = undefined;
}

const rows = Object.entries(sizes).map(([name, size]) => {
  const before = baseline?.sizes?.[name]?.gzip;
  const change =
    before === undefined ? 'new' : `${(((size.gzip - before) / before) * 100).toFixed(1)}%`;
  if (!update && before !== undefined && size.gzip > before * LIMIT) {
    problems.push(
      `${name}: ${size.gzip} B gzip is more than ${Math.round((LIMIT - 1) * 100)}% above the baseline ${before} B`,
    );
  }
  if (!update && before === undefined)
    problems.push(`${name} has no baseline: run node scripts/check-bundle-size.mjs --update`);
  return { name, ...size, before, change };
});

process.stdout.write(
  `| subpath | minified | gzip | baseline gzip | change |\n|---|---:|---:|---:|---:|\n`,
);
for (const row of rows) {
  process.stdout.write(
    `| ${row.name} | ${kb(row.minified)} | ${kb(row.gzip)} | ${row.before === undefined ? '-' : kb(row.before)} | ${row.change} |\n`,
  );
}
for (const [name, result] of Object.entries(treeShaking)) {
  process.stdout.write(
    `tree-shaking: ${name}: ${kb(result.gzip)} gzip, ${result.foreign.length === 0 ? 'no anonymity or provenance code' : `FOREIGN ${result.foreign.join(', ')}`}\n`,
  );
}

if (update && problems.length === 0) {
  const measured = new Date().toISOString().slice(0, 10);
  writeFileSync(
    baselinePath,
    `${JSON.stringify({ measured, esbuild: esbuildVersion, options: 'esbuild --bundle --minify --format=esm --platform=browser --target=es2022, gzip -9', sizes, treeShaking }, null, 2)}\n`,
  );
  mkdirSync(dirname(tablePath), { recursive: true });
  const lines = [
    '# Bundle sizes',
    '',
    `Measured ${measured} with esbuild ${esbuildVersion}: \`export * from 'dataguard/<subpath>'\` bundled for the`,
    'browser (ESM, ES2022, minified, dependencies included), gzip level 9. CI fails when a gzip size grows',
    `more than ${Math.round((LIMIT - 1) * 100)}% over scripts/bundle-size-baseline.json (\`node scripts/check-bundle-size.mjs\`).`,
    '',
    '| subpath | minified | gzip |',
    '|---|---:|---:|',
    ...rows.map((row) => `| \`${row.name}\` | ${kb(row.minified)} | ${kb(row.gzip)} |`),
    '',
    'Tree-shaking: importing only `dataguard/detect` pulls in no anonymity or provenance code',
    '(checked by marker names in an unminified bundle):',
    '',
    '| import | gzip |',
    '|---|---:|',
    ...Object.entries(treeShaking).map(([name, result]) => `| ${name} | ${kb(result.gzip)} |`),
    '',
  ];
  writeFileSync(tablePath, lines.join('\n'));
  process.stdout.write(
    `wrote ${baselinePath.replace(`${root}/`, '')} and ${tablePath.replace(`${root}/`, '')}\n`,
  );
}

for (const problem of problems) process.stderr.write(`  ✗ ${problem}\n`);
process.stdout.write(
  `check-bundle-size: ${Object.keys(sizes).length} subpaths, ${problems.length} problem(s)\n`,
);
process.exitCode = problems.length > 0 ? 1 : 0;
