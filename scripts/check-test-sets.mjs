// Every test file runs in exactly one of `npm test` (vitest.config.ts) and
// `npm run test:slow` (vitest.slow.config.ts): none is dropped, none runs twice.
// Asks vitest itself which files each configuration collects.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage']);

/** @param {string} dir @returns {string[]} */
function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return /\.(test|spec)\.[cm]?[jt]sx?$/.test(entry.name) ? [relative(root, path)] : [];
  });
}

/** @param {string} config @returns {Set<string>} */
function collected(config) {
  const out = execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'list',
      '--filesOnly',
      '--json',
      '--config',
      config,
    ],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const start = out.indexOf('[');
  /** @type {{ file: string }[]} */
  const list = JSON.parse(out.slice(start));
  return new Set(list.map((entry) => relative(root, entry.file)));
}

const fast = collected('vitest.config.ts');
const slow = collected('vitest.slow.config.ts');
const problems = [];
for (const file of testFiles(root).sort()) {
  const inFast = fast.has(file);
  const inSlow = slow.has(file);
  if (!inFast && !inSlow) problems.push(`${file}: in neither npm test nor npm run test:slow`);
  if (inFast && inSlow) problems.push(`${file}: in both npm test and npm run test:slow`);
}
if (problems.length > 0) {
  process.stderr.write(`check-test-sets: ${problems.length} problem(s)\n${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `check-test-sets: ${fast.size} fast and ${slow.size} slow test files, each in one set\n`,
);
