import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { pointImportsAtSource, sourceEntries } from './tsdoc-examples.ts';

// Every ```ts block in README.md and docs/*.md runs as a module against the
// source (imports of `dataguard` and `dataguard/<module>` resolve to src/), in
// this process, from the repository root. Mark a block ```ts no-run to show
// code that cannot run standalone.
const root = resolve(import.meta.dirname, '../..');
const files = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const entries = sourceEntries(root);
// Inside the repository so the module runner transforms the file and bare
// imports resolve from the project's node_modules.
const work = join(root, 'test/docs/.examples');
mkdirSync(work, { recursive: true });
const modules = mkdtempSync(join(work, 'docs-'));
afterAll(() => rmSync(modules, { recursive: true, force: true }));

const blocks = files.flatMap((file) => {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match, i) => ({
    name: `${file} block ${i + 1}`,
    code: match[1] as string,
  }));
});

describe('documentation examples run', () => {
  it('finds examples', () => {
    expect(blocks.length).toBeGreaterThan(50);
  });
  it.each(blocks.map((block, index) => ({ ...block, index })))(
    '$name',
    async ({ name, code, index }) => {
      const file = join(modules, `block-${index}.ts`);
      writeFileSync(file, `${pointImportsAtSource(code, entries, name)}\nexport {};\n`);
      const saved = { log: console.log, info: console.info };
      // Examples may print what they show; that output is the reader's, not the library's.
      console.log = () => {};
      console.info = () => {};
      try {
        await import(pathToFileURL(file).href);
      } finally {
        console.log = saved.log;
        console.info = saved.info;
      }
    },
  );
});
