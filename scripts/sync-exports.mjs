// Writes package.json#exports from the modules present in src/ (or, with
// --check, fails when they differ, so a module never ships unexported).
import { readFileSync, writeFileSync } from 'node:fs';
import { exportsMap } from './entries.mjs';

const path = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(path, 'utf8'));
const wanted = exportsMap();
if (JSON.stringify(pkg.exports) === JSON.stringify(wanted)) process.exit(0);
if (process.argv.includes('--check')) {
  console.error('package.json#exports is out of date: run `npm run sync-exports`');
  process.exit(1);
}
pkg.exports = wanted;
writeFileSync(path, `${JSON.stringify(pkg, null, 2)}\n`);
console.log('package.json#exports updated');
