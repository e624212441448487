// ReDoS check: every regular expression in src/ must match in linear time.
//
// 1. Finds every regex literal and every `new RegExp(…)` / `RegExp(…)` call in
//    src/**/*.ts with the TypeScript compiler API, and resolves the pattern of
//    constructed regexes statically (string and template literals, module
//    constants, `OTHER.source`, imports of such constants across files).
// 2. Runs scslre (the analysis behind eslint-plugin-regexp's
//    no-super-linear-backtracking / no-super-linear-move rules) on each one:
//    any exponential or polynomial backtracking ("Self", "Trade") fails, and a
//    "Move" report (quadratic re-scanning of an unanchored pattern) fails
//    unless the pattern is listed in MOVE_ALLOWED with the reason why its input
//    is bounded.
// 3. Flags every alternation under an unbounded (or long) quantifier whose
//    alternatives can start with the same character, e.g. (a|ab)* or (\w|\d)+:
//    the exponential shape scslre's single-character analysis misses.
// 4. Times each regex on long adversarial strings (single characters and
//    multi-character pumps built from the pattern's own literals and classes,
//    which scslre's single-character analysis cannot see) and fails when a
//    50,000-character input takes longer than the budget.
//
// A constructed regex whose pattern cannot be resolved statically fails unless
// DYNAMIC_ALLOWED names it with the reason it is linear.
//
// Usage: node scripts/check-regex.mjs [--verbose] [--json] [--self-test]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import { getFirstConsumedChar } from 'regexp-ast-analysis';
import { analyse } from 'scslre';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src');
const verbose = process.argv.includes('--verbose');
const asJson = process.argv.includes('--json');

/**
 * Constructed regexes whose pattern depends on runtime input. Each entry names
 * the file, a snippet of the call, and why the result is linear anyway.
 */
const DYNAMIC_ALLOWED = [
  {
    file: 'src/io/csv-format.ts',
    snippet: 'new RegExp(`[${delimiter.replace(',
    reason:
      'one character class (the escaped one-character delimiter, quote, CR, LF) with no quantifier: a single-character test, linear',
  },
];

/**
 * Unanchored patterns scslre flags as "Move" (a failing match is retried at
 * every start offset, so a long run of one character costs O(n²)), allowed
 * where the reason holds. Keyed by file and exact source.
 */
const MOVE_ALLOWED = [
  {
    file: 'src/deidentify/encoding.ts',
    source: '=+$',
    reason:
      'applied only to btoa() output, whose "=" padding is at most two characters, at the end',
  },
];

/** Budget for one regex on a 20,000-character adversarial input (a quadratic pattern takes seconds). */
const BUDGET_MS = 100;
const PUMP_LENGTH = 20_000;

function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

const sourceCache = new Map();
function sourceFile(path) {
  let file = sourceCache.get(path);
  if (file === undefined) {
    file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    sourceCache.set(path, file);
  }
  return file;
}

/** Evaluates the constant NAME with `evaluate`, guarding against cycles along the current path only. */
function followConst(file, name, seen, evaluate) {
  const key = `${file.fileName}#${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  try {
    const found = lookupConst(file, name, seen);
    return found === undefined ? undefined : evaluate(found.file, found.node, seen);
  } finally {
    seen.delete(key);
  }
}

/** Finds a module-level `const NAME = …` in a file, or an import of NAME and follows it. */
function lookupConst(file, name, seen) {
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      if (!(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.name.text === name && decl.initializer) {
          return { file, node: decl.initializer };
        }
      }
    }
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const bindings = statement.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings)) continue;
      for (const element of bindings.elements) {
        if (element.name.text !== name) continue;
        const spec = statement.moduleSpecifier.text;
        if (!spec.startsWith('.')) return undefined;
        const target = resolve(dirname(file.fileName), spec);
        try {
          return lookupConst(sourceFile(target), (element.propertyName ?? element.name).text, seen);
        } catch {
          return undefined;
        }
      }
    }
  }
  return undefined;
}

function unwrap(node) {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isTypeAssertionExpression(node)
  ) {
    node = node.expression;
  }
  return node;
}

/** Statically evaluates a string expression, or returns undefined. */
function evalString(file, node, seen = new Set()) {
  node = unwrap(node);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const value = evalString(file, span.expression, seen);
      if (value === undefined) return undefined;
      text += value + span.literal.text;
    }
    return text;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = evalString(file, node.left, seen);
    const right = evalString(file, node.right, seen);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  if (ts.isIdentifier(node)) {
    return followConst(file, node.text, seen, evalString);
  }
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'source') {
    const regex = evalRegex(file, node.expression, seen);
    return regex?.source;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    // "abc".repeat(n) / [...].join('') are not resolved: callers allowlist them.
    return undefined;
  }
  return undefined;
}

/** Statically evaluates an expression that denotes a regex (literal, constant, constructor). */
function evalRegex(file, node, seen = new Set()) {
  node = unwrap(node);
  if (ts.isRegularExpressionLiteral(node)) return splitLiteral(node.text);
  if (ts.isIdentifier(node)) {
    return followConst(file, node.text, seen, evalRegex);
  }
  if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && isRegExpCallee(node.expression)) {
    const [pattern, flags] = node.arguments ?? [];
    if (pattern === undefined) return { source: '(?:)', flags: '' };
    const source = evalString(file, pattern, seen) ?? evalRegex(file, pattern, seen)?.source;
    const flagText =
      flags === undefined
        ? (evalRegex(file, pattern, seen)?.flags ?? '')
        : evalString(file, flags, seen);
    return source === undefined || flagText === undefined ? undefined : { source, flags: flagText };
  }
  return undefined;
}

function splitLiteral(text) {
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1) };
}

function isRegExpCallee(expression) {
  return ts.isIdentifier(expression) && expression.text === 'RegExp';
}

/** Every regex in one file: { file, line, source, flags } or { file, line, dynamic: text }. */
function collect(path) {
  const file = sourceFile(path);
  const rel = relative(root, path);
  const found = [];
  const visit = (node) => {
    const line = () => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    if (ts.isRegularExpressionLiteral(node)) {
      found.push({ file: rel, line: line(), ...splitLiteral(node.text) });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      isRegExpCallee(node.expression)
    ) {
      const regex = evalRegex(file, node);
      if (regex === undefined) found.push({ file: rel, line: line(), dynamic: node.getText(file) });
      else found.push({ file: rel, line: line(), constructed: true, ...regex });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Pump strings: scslre's picks, every literal run and class representative of the pattern, and fixed candidates. */
function pumps(source, reports) {
  const set = new Set([
    'a',
    '1',
    ' ',
    '-',
    '.',
    '@',
    ':',
    '0',
    'A',
    '中',
    '\t',
    '\n',
    'x1',
    '1-',
    'a.',
    '1 ',
    '11-',
    'a@',
    '1:',
    '中 ',
  ]);
  for (const report of reports) set.add(report.character.pick);
  // Literal characters and escapes of the pattern, alone and in pairs.
  const atoms = [];
  for (const match of source.matchAll(
    /\\[dDwWsS]|\\u\{?[0-9A-Fa-f]+\}?|\\.|\[(?:\\.|[^\]\\])*\]|[^()[\]{}*+?|^$\\]/g,
  )) {
    atoms.push(sampleAtom(match[0]));
  }
  const unique = [...new Set(atoms.filter((a) => a !== undefined))].slice(0, 40);
  for (const a of unique) set.add(a);
  for (let i = 0; i + 1 < unique.length; i++) set.add(unique[i] + unique[i + 1]);
  return [...set];
}

function sampleAtom(atom) {
  if (atom === '\\d') return '7';
  if (atom === '\\w') return 'w';
  if (atom === '\\s') return ' ';
  if (atom === '\\D' || atom === '\\W' || atom === '\\S') return '#';
  if (atom.startsWith('\\u')) {
    const code = Number.parseInt(atom.replace(/[\\u{}]/g, ''), 16);
    return Number.isFinite(code) ? String.fromCodePoint(code) : undefined;
  }
  if (atom.startsWith('\\')) {
    const c = atom[1];
    return c === 'b' || c === 'B'
      ? undefined
      : c === 'n'
        ? '\n'
        : c === 'r'
          ? '\r'
          : c === 't'
            ? '\t'
            : c;
  }
  if (atom.startsWith('[')) {
    const inner = atom.slice(atom.startsWith('[^') ? 2 : 1, -1);
    if (atom.startsWith('[^')) return '#';
    const first = inner.match(/^\\[dws]|^\\u[0-9A-Fa-f]{4}|^\\.|^./);
    return first === null ? undefined : sampleAtom(first[0]);
  }
  return atom;
}

/** The fastest of up to three runs: a shared machine's pauses must not fail the check. */
function timeInput(source, flags, input) {
  const re = new RegExp(source, flags.replace(/[gy]/g, ''));
  let ms = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3 && ms > 2; attempt++) {
    const start = performance.now();
    re.test(input);
    // A global scan exercises the "move" case: the engine retries every start offset.
    if (flags.includes('g')) input.replace(new RegExp(source, flags), '');
    ms = Math.min(ms, performance.now() - start);
  }
  return ms;
}

/**
 * Times the regex on pumped inputs of PUMP_LENGTH and a quarter of it; the
 * result is super-linear when the long input exceeds the budget, or when it
 * takes measurable time and 4× the input costs more than 8× the time.
 */
function timeRegex(source, flags, reports) {
  let worst = { ms: 0, pump: '', ratio: 1 };
  for (const pump of pumps(source, reports)) {
    for (const [prefix, suffix] of [
      ['', '\u0000'],
      ['', '!'],
      ['x', '\u0000'],
    ]) {
      const input = (length) => prefix + pump.repeat(Math.ceil(length / pump.length)) + suffix;
      const long = timeInput(source, flags, input(PUMP_LENGTH));
      if (long < 5) continue;
      const short = timeInput(source, flags, input(PUMP_LENGTH / 4));
      const ratio = long / Math.max(short, 0.05);
      if (long > worst.ms) worst = { ms: long, pump, ratio };
      if (long > BUDGET_MS || ratio > 8) return { ms: long, pump, ratio, superLinear: true };
    }
  }
  return worst;
}

/**
 * Alternations repeated by a quantifier whose alternatives can begin with the
 * same character: a string can then be split between the alternatives in many
 * ways, and a failing match tries them all. Conservative (first characters
 * only), so it may flag a safe pattern, which should then be rewritten.
 */
function overlappingAlternations(source, flags) {
  const ast = new RegExpParser({ ecmaVersion: 2025 }).parseLiteral(`/${source}/${flags}`);
  const found = [];
  visitRegExpAST(ast, {
    onQuantifierEnter(quantifier) {
      if (quantifier.max < 8) return;
      const group = quantifier.element;
      if (group.type !== 'Group' && group.type !== 'CapturingGroup') return;
      const alternatives = group.alternatives;
      for (let i = 0; i < alternatives.length; i++) {
        for (let j = i + 1; j < alternatives.length; j++) {
          const a = getFirstConsumedChar(alternatives[i], 'ltr', ast.flags).char;
          const b = getFirstConsumedChar(alternatives[j], 'ltr', ast.flags).char;
          if (!a.isEmpty && !b.isDisjointWith(a))
            found.push(
              `${alternatives[i].raw}|${alternatives[j].raw} under ${quantifier.raw.slice(group.raw.length)}`,
            );
        }
      }
    },
  });
  return found;
}

/** Checks one regex; pushes problems and returns the entry for the report. */
function checkOne(regex, problems) {
  const where = `${regex.file}:${regex.line}`;
  if (regex.dynamic !== undefined) {
    const allowed = DYNAMIC_ALLOWED.find(
      (entry) => entry.file === regex.file && regex.dynamic.includes(entry.snippet),
    );
    if (allowed === undefined) {
      problems.push(
        `${where}: the pattern of ${regex.dynamic.slice(0, 80)} cannot be resolved statically; make it a constant or add it to DYNAMIC_ALLOWED with the reason it is linear`,
      );
      return { where, source: '(dynamic)', verdict: 'unresolved' };
    }
    return { where, source: '(dynamic)', verdict: `allowed: ${allowed.reason}` };
  }
  let result;
  try {
    result = analyse(
      { source: regex.source, flags: regex.flags },
      { maxReports: 20, reportTypes: { Move: true, Self: true, Trade: true } },
    );
  } catch (error) {
    problems.push(
      `${where}: /${regex.source}/${regex.flags} could not be analysed: ${error.message}`,
    );
    return { where, source: `/${regex.source}/${regex.flags}`, verdict: 'unparsed' };
  }
  const notes = [];
  const before = problems.length;
  let bounded = false;
  for (const report of result.reports) {
    if (report.type === 'Move') {
      const allowed = MOVE_ALLOWED.find(
        (entry) => entry.file === regex.file && entry.source === regex.source,
      );
      if (allowed === undefined && !regex.flags.includes('y')) {
        problems.push(
          `${where}: /${regex.source}/${regex.flags} is re-scanned from every offset on a run of ${JSON.stringify(report.character.pick)} (quadratic "move"); anchor it, make it sticky, or allow it in MOVE_ALLOWED with a reason`,
        );
      } else {
        bounded = true;
        notes.push(`move allowed: ${allowed?.reason ?? 'sticky'}`);
      }
      continue;
    }
    problems.push(
      `${where}: /${regex.source}/${regex.flags} backtracks ${report.exponential ? 'EXPONENTIALLY' : 'polynomially'} (${report.type}) on a run of ${JSON.stringify(report.character.pick)}`,
    );
  }
  for (const overlap of overlappingAlternations(regex.source, regex.flags)) {
    problems.push(
      `${where}: /${regex.source}/${regex.flags} repeats alternatives that can start with the same character (${overlap}): exponential backtracking`,
    );
  }
  // An allowed "move" pattern only ever sees bounded input, so long pumps say nothing about it;
  // a pattern already found to backtrack is not run (an exponential one would never return).
  const skip = bounded || problems.length > before;
  const worst = skip ? { ms: 0, pump: '' } : timeRegex(regex.source, regex.flags, result.reports);
  if (worst.superLinear === true) {
    problems.push(
      `${where}: /${regex.source}/${regex.flags} took ${worst.ms.toFixed(0)} ms on ${PUMP_LENGTH.toLocaleString('en')} characters of ${JSON.stringify(worst.pump)}, ${worst.ratio.toFixed(1)}× the time of a quarter of the input (budget ${BUDGET_MS} ms, at most 8×)`,
    );
  }
  return {
    where,
    source: `/${regex.source}/${regex.flags}`,
    verdict: notes.length > 0 ? notes.join(', ') : 'linear',
    worstMs: Number(worst.ms.toFixed(2)),
  };
}

/**
 * Known-vulnerable shapes the check must flag, and safe look-alikes it must
 * pass: run with --self-test (the hardening tests do) so a broken analysis
 * cannot silently pass everything.
 */
const SELF_TEST = {
  vulnerable: [
    { source: '^(a+)+$', flags: '' },
    { source: '^(\\d+)*x$', flags: '' },
    { source: '^(a|a)*$', flags: '' },
    { source: '^(\\w|\\d)+!$', flags: '' },
    { source: '^\\d+\\d+x$', flags: '' },
    { source: '^(?:[a-z0-9]+\\.?)+@', flags: 'i' },
    { source: '\\s+$', flags: '' },
    { source: '^(?:a|aa)+b$', flags: '' },
    { source: '^(?:ab)*(?:ab)*c$', flags: '' },
  ],
  safe: [
    { source: '^\\d{17}[\\dX]$', flags: '' },
    { source: '^(?:\\.[^.]+)*$', flags: '' },
    { source: '^[a-z]+(?:-[a-z]+)*$', flags: '' },
    { source: '\\d+', flags: 'y' },
    { source: '^(?:[a-z]|\\d)+$', flags: '' },
  ],
};

function selfTest() {
  const failures = [];
  for (const regex of SELF_TEST.vulnerable) {
    const found = [];
    checkOne({ file: 'self-test', line: 0, ...regex }, found);
    if (found.length === 0) failures.push(`not flagged: /${regex.source}/${regex.flags}`);
  }
  for (const regex of SELF_TEST.safe) {
    const found = [];
    checkOne({ file: 'self-test', line: 0, ...regex }, found);
    if (found.length > 0) failures.push(`wrongly flagged: ${found.join('; ')}`);
  }
  return failures;
}

if (process.argv.includes('--self-test')) {
  const failures = selfTest();
  for (const failure of failures) process.stderr.write(`  ✗ ${failure}\n`);
  process.stdout.write(
    `check-regex self-test: ${SELF_TEST.vulnerable.length} vulnerable and ${SELF_TEST.safe.length} safe patterns, ${failures.length} failure(s)\n`,
  );
  process.exitCode = failures.length > 0 ? 1 : 0;
} else {
  const problems = [];
  const checked = [];
  for (const path of listFiles(srcDir)) {
    for (const regex of collect(path)) checked.push(checkOne(regex, problems));
  }
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ checked, problems }, null, 2)}\n`);
  } else {
    if (verbose)
      for (const entry of checked)
        process.stdout.write(
          `${entry.where}  ${entry.verdict}  ${entry.worstMs ?? ''} ms  ${entry.source}\n`,
        );
    process.stdout.write(
      `check-regex: ${checked.length} regular expressions in src/ checked, ${problems.length} problem(s)\n`,
    );
    for (const problem of problems) process.stderr.write(`  ✗ ${problem}\n`);
  }
  process.exitCode = problems.length > 0 ? 1 : 0;
}
