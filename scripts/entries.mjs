// Which src/ folders are public subpaths. Internal folders (core, cli,
// pipeline) are bundled into the entries that use them.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const INTERNAL = new Set(['core', 'cli', 'pipeline', 'store']);

/** @returns {Record<string, string>} tsup entry name → source file */
export function libraryEntries(root = process.cwd()) {
  const src = join(root, 'src');
  /** @type {Record<string, string>} */
  const entries = { index: 'src/index.ts' };
  for (const dir of readdirSync(src, { withFileTypes: true })) {
    if (!dir.isDirectory() || INTERNAL.has(dir.name)) continue;
    if (existsSync(join(src, dir.name, 'index.ts'))) {
      entries[`${dir.name}/index`] = `src/${dir.name}/index.ts`;
    }
  }
  const store = join(src, 'store');
  if (existsSync(store)) {
    for (const dir of readdirSync(store, { withFileTypes: true })) {
      if (dir.isDirectory() && existsSync(join(store, dir.name, 'index.ts'))) {
        entries[`store/${dir.name}/index`] = `src/store/${dir.name}/index.ts`;
      }
    }
  }
  return entries;
}

/** @returns {Record<string, unknown>} package.json#exports for the entries */
export function exportsMap(root = process.cwd()) {
  /** @type {Record<string, unknown>} */
  const map = {};
  for (const name of Object.keys(libraryEntries(root)).sort()) {
    const subpath = name === 'index' ? '.' : `./${name.replace(/\/index$/, '')}`;
    map[subpath] = {
      import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
      require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
    };
  }
  map['./package.json'] = './package.json';
  return map;
}
