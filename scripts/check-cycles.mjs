// Circular-import check for src/.
//
// Builds the import graph of src/**/*.ts from every static `import … from`,
// `import '…'` and `export … from` statement (parsed with the TypeScript
// compiler API, so comments and strings cannot fool it) and lists every
// elementary cycle as a path of files.
//
// An edge is a type edge when every name it carries is type-only (`import
// type`, `export type … from`, or `import { type A, type B }`): type edges are
// erased at runtime, so a cycle that contains one cannot fail at load time;
// it still fails the check (issue 17: no circular imports between files),
// listed apart so the fix is clear: move the shared type to its own module.
// A cycle made only of value edges can run a module before its dependency has
// finished evaluating (a TDZ error or an undefined binding); it fails unless
// VALUE_CYCLES_ALLOWED lists it with the reason it is safe today.
//
// Dynamic `import()` is ignored: it runs after every static module has loaded.
//
// Usage: node scripts/check-cycles.mjs [--self-test] [--json] [--src DIR]
// (--src checks another folder, with paths relative to it and no allow-list.)
// Exits 0 when no unlisted value cycle exists, 1 when one does, 2 when an
// import cannot be resolved or the self-test fails.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Value cycles known today, each as its files in cycle order starting from
 * the alphabetically first one, with why it does not break at load time.
 * Remove an entry once the cycle is gone; a stale entry fails the check.
 */
export const VALUE_CYCLES_ALLOWED = [];

/** Longest cycle list printed per strongly connected component. */
const MAX_CYCLES_PER_COMPONENT = 200;

/**
 * @typedef {{ to: string, type: boolean }} Edge
 * @typedef {Map<string, Edge[]>} Graph  file → outgoing edges (one per target)
 * @typedef {{ files: string[], type: boolean }} Cycle  files in order; type: true when any edge is type-only
 */

/** @param {string} dir @returns {string[]} absolute paths of .ts files under dir */
function listTs(dir) {
  /** @type {string[]} */
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * The static imports and re-exports of one source text.
 * @param {string} fileName
 * @param {string} text
 * @returns {{ specifier: string, type: boolean }[]}
 */
export function parseImports(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  /** @type {{ specifier: string, type: boolean }[]} */
  const out = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      if (!ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const clause = statement.importClause;
      let type = false;
      if (clause) {
        const named = clause.namedBindings;
        type =
          clause.isTypeOnly ||
          (clause.name === undefined &&
            named !== undefined &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly));
      }
      out.push({ specifier: statement.moduleSpecifier.text, type });
    } else if (ts.isExportDeclaration(statement)) {
      if (!statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const clause = statement.exportClause;
      const type =
        statement.isTypeOnly ||
        (clause !== undefined &&
          ts.isNamedExports(clause) &&
          clause.elements.length > 0 &&
          clause.elements.every((e) => e.isTypeOnly));
      out.push({ specifier: statement.moduleSpecifier.text, type });
    }
  }
  return out;
}

/**
 * Resolves a relative specifier to a file that exists, or undefined.
 * @param {string} from absolute path of the importing file
 * @param {string} specifier
 */
function resolveRelative(from, specifier) {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c));
}

/**
 * The import graph of dir's .ts files, keyed by path relative to the repo root.
 * Edges to packages are dropped; unresolvable relative imports are returned.
 * @param {string} dir
 * @param {string} [base] paths are relative to this folder (the repo root by default)
 * @returns {{ graph: Graph, unresolved: string[] }}
 */
export function buildGraph(dir, base = root) {
  /** @type {Graph} */
  const graph = new Map();
  /** @type {string[]} */
  const unresolved = [];
  for (const file of listTs(dir).sort()) {
    const key = relative(base, file);
    /** @type {Map<string, boolean>} target → type-only so far */
    const targets = new Map();
    for (const { specifier, type } of parseImports(file, readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(file, specifier);
      if (target === undefined) {
        unresolved.push(`${key}: ${specifier}`);
        continue;
      }
      const to = relative(base, target);
      // A target imported for a value anywhere in the file is a value edge.
      targets.set(to, (targets.get(to) ?? true) && type);
    }
    graph.set(
      key,
      [...targets].map(([to, type]) => ({ to, type })),
    );
  }
  return { graph, unresolved };
}

/**
 * Strongly connected components with more than one file, or a file importing
 * itself (Tarjan's algorithm, iterative so deep graphs cannot overflow).
 * @param {Graph} graph
 * @returns {string[][]}
 */
export function components(graph) {
  let counter = 0;
  /** @type {Map<string, number>} */
  const index = new Map();
  /** @type {Map<string, number>} */
  const low = new Map();
  /** @type {string[]} */
  const stack = [];
  const onStack = new Set();
  /** @type {string[][]} */
  const out = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    /** @type {{ node: string, next: number }[]} */
    const work = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = /** @type {{ node: string, next: number }} */ (work[work.length - 1]);
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = /** @type {Edge} */ (edges[frame.next++]).to;
        if (!graph.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(
            frame.node,
            Math.min(
              /** @type {number} */ (low.get(frame.node)),
              /** @type {number} */ (index.get(to)),
            ),
          );
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) {
        low.set(
          parent.node,
          Math.min(
            /** @type {number} */ (low.get(parent.node)),
            /** @type {number} */ (low.get(frame.node)),
          ),
        );
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        /** @type {string[]} */
        const component = [];
        let member;
        do {
          member = /** @type {string} */ (stack.pop());
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = edges.some((e) => e.to === frame.node);
        if (component.length > 1 || selfLoop) out.push(component.sort());
      }
    }
  }
  return out;
}

/**
 * Elementary cycles of the graph (each once, starting from its alphabetically
 * first file), at most `limit` per strongly connected component.
 * @param {Graph} graph
 * @param {number} [limit]
 * @returns {{ cycles: Cycle[], truncated: string[][] }}
 */
export function findCycles(graph, limit = MAX_CYCLES_PER_COMPONENT) {
  /** @type {Cycle[]} */
  const cycles = [];
  /** @type {string[][]} */
  const truncated = [];
  for (const component of components(graph)) {
    const members = new Set(component);
    let found = 0;
    // Cycles through `start` that use only files after it in sorted order:
    // every elementary cycle is found exactly once, from its smallest file.
    for (const [i, start] of component.entries()) {
      const allowed = new Set(component.slice(i));
      /** @type {{ node: string, edges: Edge[], next: number }[]} */
      const path = [{ node: start, edges: graph.get(start) ?? [], next: 0 }];
      /** @type {boolean[]} type flag of the edge into path[k + 1] */
      const types = [];
      const onPath = new Set([start]);
      while (path.length > 0 && found < limit) {
        const frame = /** @type {{ node: string, edges: Edge[], next: number }} */ (
          path[path.length - 1]
        );
        if (frame.next >= frame.edges.length) {
          path.pop();
          types.pop();
          onPath.delete(frame.node);
          continue;
        }
        const edge = /** @type {Edge} */ (frame.edges[frame.next++]);
        if (!members.has(edge.to) || !allowed.has(edge.to)) continue;
        if (edge.to === start) {
          cycles.push({
            files: path.map((f) => f.node),
            type: types.some(Boolean) || edge.type,
          });
          found++;
        } else if (!onPath.has(edge.to)) {
          path.push({ node: edge.to, edges: graph.get(edge.to) ?? [], next: 0 });
          types.push(edge.type);
          onPath.add(edge.to);
        }
      }
      if (found >= limit) {
        truncated.push(component);
        break;
      }
    }
  }
  return { cycles, truncated };
}

/** @param {string[]} files */
const cycleKey = (files) => files.join(' -> ');

/**
 * Splits cycles into failures (value cycles not allowed), allowed value cycles,
 * type-only warnings, and allow-list entries that no longer match a cycle.
 * @param {Cycle[]} cycles
 * @param {{ files: string[] }[]} allowList
 */
export function classify(cycles, allowList) {
  const allowedKeys = new Set(allowList.map((a) => cycleKey(a.files)));
  const seen = new Set();
  /** @type {Cycle[]} */
  const failures = [];
  /** @type {Cycle[]} */
  const allowed = [];
  /** @type {Cycle[]} */
  const warnings = [];
  for (const cycle of cycles) {
    const key = cycleKey(cycle.files);
    if (cycle.type) warnings.push(cycle);
    else if (allowedKeys.has(key)) {
      allowed.push(cycle);
      seen.add(key);
    } else failures.push(cycle);
  }
  const stale = [...allowedKeys].filter((k) => !seen.has(k));
  return { failures, allowed, warnings, stale };
}

/** @param {Cycle} cycle */
const show = (cycle) => `${cycleKey(cycle.files)} -> ${cycle.files[0]}`;

/** Checks the finder on small in-memory graphs; returns a list of problems. */
function selfTest() {
  /** @type {(edges: [string, string, boolean][]) => Graph} */
  const make = (edges) => {
    /** @type {Graph} */
    const graph = new Map();
    for (const [from, to, type] of edges) {
      if (!graph.has(from)) graph.set(from, []);
      if (!graph.has(to)) graph.set(to, []);
      graph.get(from)?.push({ to, type });
    }
    return graph;
  };
  /** @type {string[]} */
  const problems = [];
  /** @type {(name: string, actual: unknown, expected: unknown) => void} */
  const expect = (name, actual, expected) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      problems.push(`${name}: got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}`);
    }
  };

  // a → b → c → a (values) plus a dangling d: one value cycle.
  const valueCycle = make([
    ['a.ts', 'b.ts', false],
    ['b.ts', 'c.ts', false],
    ['c.ts', 'a.ts', false],
    ['c.ts', 'd.ts', false],
  ]);
  const v = classify(findCycles(valueCycle).cycles, []);
  expect(
    'value cycle fails',
    v.failures.map((c) => c.files),
    [['a.ts', 'b.ts', 'c.ts']],
  );
  expect(
    'value cycle allowed',
    classify(findCycles(valueCycle).cycles, [{ files: ['a.ts', 'b.ts', 'c.ts'] }]).failures.length,
    0,
  );

  // x ⇄ y where y → x is `import type`: a warning, not a failure.
  const typeCycle = make([
    ['x.ts', 'y.ts', false],
    ['y.ts', 'x.ts', true],
  ]);
  const t = classify(findCycles(typeCycle).cycles, []);
  expect(
    'type cycle warns',
    t.warnings.map((c) => c.files),
    [['x.ts', 'y.ts']],
  );
  expect('type cycle passes', t.failures.length, 0);

  // Two cycles sharing p: p → q → p and p → r → p; a self-import s → s.
  const twoCycles = make([
    ['p.ts', 'q.ts', false],
    ['q.ts', 'p.ts', false],
    ['p.ts', 'r.ts', false],
    ['r.ts', 'p.ts', false],
    ['s.ts', 's.ts', false],
  ]);
  expect(
    'every elementary cycle once',
    findCycles(twoCycles).cycles.map((c) => c.files),
    [['p.ts', 'q.ts'], ['p.ts', 'r.ts'], ['s.ts']],
  );

  // An acyclic graph has none; a stale allow-list entry is reported.
  const acyclic = make([
    ['m.ts', 'n.ts', false],
    ['n.ts', 'o.ts', false],
    ['m.ts', 'o.ts', false],
  ]);
  expect('acyclic', findCycles(acyclic).cycles.length, 0);
  expect('stale entry', classify([], [{ files: ['m.ts', 'n.ts'] }]).stale, ['m.ts -> n.ts']);

  // The parser tells type-only imports from value imports.
  const parsed = parseImports(
    'p.ts',
    [
      "import type { A } from './a.ts';",
      "import { type B, type C } from './b.ts';",
      "import { type D, e } from './d.ts';",
      "import './side.ts';",
      "export * from './all.ts';",
      "export type { F } from './f.ts';",
      "export { g } from './g.ts';",
      "// import { h } from './comment.ts';",
      'const s = "import { i } from \'./string.ts\'";',
      "const lazy = () => import('./lazy.ts');",
    ].join('\n'),
  );
  expect('parser', parsed, [
    { specifier: './a.ts', type: true },
    { specifier: './b.ts', type: true },
    { specifier: './d.ts', type: false },
    { specifier: './side.ts', type: false },
    { specifier: './all.ts', type: false },
    { specifier: './f.ts', type: true },
    { specifier: './g.ts', type: false },
  ]);
  return problems;
}

function main() {
  const args = process.argv.slice(2);
  if (args.includes('--self-test')) {
    const problems = selfTest();
    for (const p of problems) console.error(`self-test: ${p}`);
    if (problems.length > 0) process.exit(2);
    console.log('check-cycles self-test: ok');
    return;
  }
  const srcAt = args.indexOf('--src');
  const srcArg = srcAt === -1 ? undefined : args[srcAt + 1];
  const srcDir = srcArg === undefined ? join(root, 'src') : resolve(srcArg);
  const base = srcArg === undefined ? root : srcDir;
  const { graph, unresolved } = buildGraph(srcDir, base);
  if (unresolved.length > 0) {
    for (const u of unresolved) console.error(`unresolved import: ${u}`);
    process.exit(2);
  }
  const { cycles, truncated } = findCycles(graph);
  const result = classify(cycles, srcArg === undefined ? VALUE_CYCLES_ALLOWED : []);
  if (args.includes('--json')) {
    console.log(JSON.stringify({ ...result, truncated }, null, 2));
  } else {
    for (const c of result.warnings) console.error(`error: type-only cycle: ${show(c)}`);
    for (const c of result.allowed) console.log(`allowed value cycle: ${show(c)}`);
    for (const c of result.failures) console.error(`error: value cycle: ${show(c)}`);
    for (const s of result.stale) console.error(`error: allow-list entry matches no cycle: ${s}`);
    for (const t of truncated) {
      console.error(
        `error: more than ${MAX_CYCLES_PER_COMPONENT} cycles among ${t.length} files: ${t.join(', ')}`,
      );
    }
    console.log(
      `${graph.size} files: ${result.failures.length} value cycles, ${result.allowed.length} allowed, ${result.warnings.length} type-only`,
    );
  }
  if (
    result.failures.length > 0 ||
    result.warnings.length > 0 ||
    result.stale.length > 0 ||
    truncated.length > 0
  ) {
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
