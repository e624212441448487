import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

// Every ```ts block in README.md and docs/*.md runs as a program against the
// source (imports of `dataguard` and `dataguard/<module>` resolve to src/).
// Mark a block ```ts no-run to show code that cannot run standalone.
const root = resolve(import.meta.dirname, '../..');
const files = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
// Inside the project so external imports (better-sqlite3, pg) resolve from its node_modules.
mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
const work = mkdtempSync(join(root, 'node_modules/.cache/dataguard-doc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const blocks = files.flatMap((file) => {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match, i) => ({
    name: `${file} block ${i + 1}`,
    code: match[1] as string,
  }));
});

describe('documentation examples run', () => {
  it('finds examples', () => {
    expect(blocks.length).toBeGreaterThan(0);
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
      nodePaths: [join(root, 'node_modules')],
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
    execFileSync(process.execPath, [out], { cwd: root, stdio: 'pipe', timeout: 60_000 });
  });
});
