// Size statistics of src/: per folder, the median and largest file (in lines)
// and the median and largest function (in lines), measured with the
// TypeScript compiler API so that comments and strings cannot fool it.
//
// A function is any function declaration, method, constructor, accessor,
// function expression or arrow function; its size is the number of lines
// from its first to its last token. Nested functions count separately (and
// also inside their parent's size).
//
// Usage: node scripts/size-stats.mjs [--json] [--top N] [--match TEXT]
// --top N also lists the N largest functions of the whole tree; --match TEXT
// lists every function whose `file:name` label contains TEXT.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1] ?? '10') : 0;
const matchIndex = args.indexOf('--match');
const match = matchIndex >= 0 ? (args[matchIndex + 1] ?? '') : undefined;

/** @param {string} dir @returns {string[]} */
function listTs(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** @param {ts.Node} node @returns {string} */
function functionName(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name && ts.isPrivateIdentifier(node.name)) return node.name.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name))
    return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name))
    return parent.name.text;
  return '(anonymous)';
}

/** @param {string} file @returns {{ lines: number, functions: { name: string, lines: number }[] }} */
function measure(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const functions = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (
      (ts.isFunctionDeclaration(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isConstructorDeclaration(node) ||
        ts.isGetAccessorDeclaration(node) ||
        ts.isSetAccessorDeclaration(node) ||
        ts.isFunctionExpression(node) ||
        ts.isArrowFunction(node)) &&
      node.body !== undefined
    ) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      functions.push({ name: functionName(node), lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
  return { lines, functions };
}

/** @param {number[]} values @returns {number} */
function median(values) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** @param {{ value: number, label: string }[]} items */
function largest(items) {
  let best = { value: 0, label: '-' };
  for (const item of items) if (item.value > best.value) best = item;
  return best;
}

const byFolder = new Map();
const allFunctions = [];
for (const file of listTs(src)) {
  const rel = relative(src, file);
  const parts = rel.split('/');
  const folder =
    parts.length === 1
      ? '(root)'
      : parts[0] === 'store' && parts.length > 2
        ? `store/${parts[1]}`
        : parts[0];
  const { lines, functions } = measure(file);
  let entry = byFolder.get(folder);
  if (!entry) {
    entry = { files: [], functions: [] };
    byFolder.set(folder, entry);
  }
  entry.files.push({ value: lines, label: rel });
  for (const fn of functions) {
    const item = { value: fn.lines, label: `${rel}:${fn.name}` };
    entry.functions.push(item);
    allFunctions.push(item);
  }
}

const rows = [...byFolder.keys()].sort().map((folder) => {
  const { files, functions } = byFolder.get(folder);
  const maxFile = largest(files);
  const maxFn = largest(functions);
  return {
    folder,
    files: files.length,
    medianFileLines: median(files.map((f) => f.value)),
    maxFileLines: maxFile.value,
    maxFile: maxFile.label,
    functions: functions.length,
    medianFunctionLines: median(functions.map((f) => f.value)),
    maxFunctionLines: maxFn.value,
    maxFunction: maxFn.label,
  };
});

if (asJson) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log(
    '| folder | files | median file | largest file | functions | median fn | largest fn |',
  );
  console.log('|---|---:|---:|---|---:|---:|---|');
  for (const r of rows) {
    console.log(
      `| ${r.folder} | ${r.files} | ${r.medianFileLines} | ${r.maxFileLines} ${r.maxFile} | ${r.functions} | ${r.medianFunctionLines} | ${r.maxFunctionLines} ${r.maxFunction} |`,
    );
  }
}
if (top > 0) {
  const sorted = [...allFunctions].sort((a, b) => b.value - a.value).slice(0, top);
  console.log(`\nlargest ${top} functions:`);
  for (const f of sorted) console.log(`${String(f.value).padStart(5)}  ${f.label}`);
}
if (match !== undefined) {
  console.log(`\nfunctions matching ${match}:`);
  for (const f of allFunctions.filter((f) => f.label.includes(match))) {
    console.log(`${String(f.value).padStart(5)}  ${f.label}`);
  }
}
