import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  expectedLiteral,
  findTsdocExamples,
  prepareExample,
  sourceEntries,
  type TsdocExample,
} from './tsdoc-examples.ts';

// Every ```ts block after an `@example` tag in src/ runs as a module against
// the source: `dataguard` and `dataguard/<sub>` imports resolve to the entry
// files, `expr; // value` lines are asserted, and the example runs in a fresh
// temporary working directory (for files and SQLite databases). A block that
// cannot run standalone is fenced ```ts no-run <reason>.
const root = resolve(import.meta.dirname, '../..');
const { examples, defects } = findTsdocExamples(root);
const runnable = examples.filter((e) => e.noRun === undefined);
const entries = sourceEntries(root);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const dependencies = new Set([
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
]);
const expectFile = join(import.meta.dirname, 'tsdoc-expect.ts');
// Inside the repository so the module runner transforms the file and bare
// imports resolve from the project's node_modules.
const work = join(root, 'test/docs/.examples');
mkdirSync(work, { recursive: true });
const modules = mkdtempSync(join(work, 'run-'));
const cwd = process.cwd();
afterAll(() => {
  process.chdir(cwd);
  rmSync(modules, { recursive: true, force: true });
});

async function runExample(example: TsdocExample, index: number): Promise<number> {
  const { source, checks } = prepareExample(example, entries, expectFile, dependencies);
  const file = join(modules, `example-${index}.ts`);
  writeFileSync(file, source);
  const dir = mkdtempSync(join(tmpdir(), 'dataguard-example-'));
  const saved = { log: console.log, info: console.info };
  // Examples may print what they show; that output is the reader's, not the library's.
  console.log = () => {};
  console.info = () => {};
  process.chdir(dir);
  try {
    await import(pathToFileURL(file).href);
  } finally {
    process.chdir(cwd);
    console.log = saved.log;
    console.info = saved.info;
    rmSync(dir, { recursive: true, force: true });
  }
  return checks;
}

describe('TSDoc examples', () => {
  it('every @example is a closed ```ts fence', () => {
    expect(defects).toEqual([]);
  });

  it('finds the examples and most of them run', () => {
    expect(examples.length).toBeGreaterThan(150);
    // Only the PostgreSQL examples (a live server) do not run.
    expect(examples.length - runnable.length).toBeLessThanOrEqual(10);
  });

  it('examples state the values they compute, and those are checked', () => {
    const checked = runnable.map(
      (e) => prepareExample(e, entries, expectFile, dependencies).checks,
    );
    const total = checked.reduce((sum, n) => sum + n, 0);
    const withChecks = checked.filter((n) => n > 0).length;
    // 202 values in 173 examples when written; fewer means value comments stopped being read.
    expect(total).toBeGreaterThanOrEqual(200);
    expect(withChecks).toBeGreaterThanOrEqual(170);
  });

  it('every example that does not run says why', () => {
    const unexplained = examples
      .filter((e) => e.noRun !== undefined && e.noRun.length < 10)
      .map((e) => e.where);
    expect(unexplained).toEqual([]);
  });

  it('reads value comments', () => {
    expect(expectedLiteral(' true')).toBe('true');
    expect(expectedLiteral(" { valid: false, reason: 'checksum' }")).toBe(
      "{ valid: false, reason: 'checksum' }",
    );
    expect(expectedLiteral(' false (checksum)')).toBe('false');
    expect(expectedLiteral(' zeros again')).toBeUndefined();
    expect(expectedLiteral(' Uint8Array [1, 2]')).toBeUndefined();
    expect(expectedLiteral(' > 0')).toBeUndefined();
  });

  it('turns value comments into assertions and rejects foreign imports', () => {
    const example = {
      where: 'x.ts:1',
      file: join(root, 'src/tags/grade.ts'),
      code: "import { a } from 'dataguard/tags';\na(1); // 2\nconst b = a(2); // 'x…'\n",
      noRun: undefined,
      info: 'ts',
    };
    const { source, checks } = prepareExample(example, entries, '/e.ts', dependencies);
    expect(checks).toBe(2);
    expect(source).toContain(JSON.stringify(join(root, 'src/tags/index.ts')));
    expect(source).toContain('__expectExampleValue(a(1), (2),');
    expect(source).toContain("__expectExampleValue(b, ('x…'),");
    expect(() =>
      prepareExample(
        { ...example, code: "import { a } from 'lodash';\n" },
        entries,
        '/e.ts',
        dependencies,
      ),
    ).toThrow(/not a dataguard entry/);
    expect(() =>
      prepareExample(
        { ...example, code: 'if (x) { y(); } // 3\n' },
        entries,
        '/e.ts',
        dependencies,
      ),
    ).toThrow(/value comment/);
  });

  it.each(runnable.map((example, index) => ({ example, index, where: example.where })))(
    '$where',
    async ({ example, index }) => {
      await runExample(example, index);
    },
  );
});
