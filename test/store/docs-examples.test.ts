// Runs the ```ts sqlite blocks of docs/stores.md as programs against the
// source, like test/docs/examples.test.ts does for ```ts blocks; these need
// better-sqlite3 from the project's node_modules, so the bundles sit in a
// directory that links to it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'dataguard-store-doc-'));
symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const text = readFileSync(join(root, 'docs/stores.md'), 'utf8');
const blocks = [...text.matchAll(/^```ts sqlite\n([\s\S]*?)^```$/gm)].map((match, i) => ({
  name: `docs/stores.md sqlite block ${i + 1}`,
  code: match[1] as string,
}));

describe('docs/stores.md examples run', () => {
  it('finds examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });
  it.each(blocks)('$name', async ({ name, code }) => {
    const slug = name.replace(/[^a-z0-9]+/gi, '-');
    const entry = join(work, `${slug}.ts`);
    const out = join(work, `${slug}.mjs`);
    writeFileSync(entry, code);
    await build({
      entryPoints: [entry],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      external: ['better-sqlite3', 'pg'],
      plugins: [
        {
          name: 'dataguard-source',
          setup(b) {
            b.onResolve({ filter: /^dataguard(\/.*)?$/ }, (args) => {
              const sub = args.path === 'dataguard' ? '' : args.path.slice('dataguard/'.length);
              return { path: join(root, 'src', sub, 'index.ts') };
            });
          },
        },
      ],
    });
    execFileSync(process.execPath, [out], { cwd: work, stdio: 'pipe', timeout: 60_000 });
  });
});
