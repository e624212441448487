// Runs the ```ts sqlite blocks of docs/stores.md as modules against the
// source, like test/docs/examples.test.ts does for ```ts blocks, each in a
// fresh temporary working directory (for its database files).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { pointImportsAtSource, sourceEntries } from '../docs/tsdoc-examples.ts';

const root = resolve(import.meta.dirname, '../..');
const entries = sourceEntries(root);
// Inside the repository so the module runner transforms the file and bare
// imports (better-sqlite3) resolve from the project's node_modules.
const work = join(root, 'test/docs/.examples');
mkdirSync(work, { recursive: true });
const modules = mkdtempSync(join(work, 'stores-'));
const cwd = process.cwd();
afterAll(() => {
  process.chdir(cwd);
  rmSync(modules, { recursive: true, force: true });
});

const text = readFileSync(join(root, 'docs/stores.md'), 'utf8');
const blocks = [...text.matchAll(/^```ts sqlite\n([\s\S]*?)^```$/gm)].map((match, i) => ({
  name: `docs/stores.md sqlite block ${i + 1}`,
  code: match[1] as string,
  index: i,
}));

describe('docs/stores.md examples run', () => {
  it('finds examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });
  it.each(blocks)('$name', async ({ name, code, index }) => {
    const file = join(modules, `block-${index}.ts`);
    writeFileSync(file, `${pointImportsAtSource(code, entries, name)}\nexport {};\n`);
    const dir = mkdtempSync(join(tmpdir(), 'dataguard-store-doc-'));
    process.chdir(dir);
    try {
      await import(pathToFileURL(file).href);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
