// Finds the TSDoc `@example` blocks of src/ and turns each into a module the
// test runner can import: `dataguard` imports point at the source entries and
// `expr; // value` lines become assertions.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { libraryEntries } from '../../scripts/entries.mjs';

/** One fenced block that follows an `@example` tag. */
export interface TsdocExample {
  /** `src/…/file.ts:line` of the fence's first code line. */
  readonly where: string;
  /** Absolute path of the source file the example documents. */
  readonly file: string;
  /** The code with the comment's leading `*` stripped. */
  readonly code: string;
  /** Why the block does not run (`ts no-run <reason>`); undefined when it runs. */
  readonly noRun: string | undefined;
  /** The fence's info string, e.g. `ts` or `ts no-run needs a server`. */
  readonly info: string;
}

/** A problem with how an example is written (not with what it does). */
export interface ExampleDefect {
  readonly where: string;
  readonly problem: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Lists every `@example` of the TSDoc comments under `root/src`.
 * @param root - the repository root
 * @returns the examples, and the `@example` tags not followed by a ```ts fence
 */
export function findTsdocExamples(root: string): {
  examples: TsdocExample[];
  defects: ExampleDefect[];
} {
  const examples: TsdocExample[] = [];
  const defects: ExampleDefect[] = [];
  for (const file of sourceFiles(join(root, 'src')).sort()) {
    const text = readFileSync(file, 'utf8');
    const name = relative(root, file);
    for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
      const firstLine = text.slice(0, comment.index).split('\n').length;
      const lines = comment[0].split('\n').map((line) => line.replace(/^\s*\*? ?/, ''));
      for (let i = 0; i < lines.length; i++) {
        if (!/^@example\b/.test(lines[i] as string)) continue;
        const fence = /^```(ts\b.*)$/.exec(lines[i + 1] ?? '');
        if (fence === null) {
          defects.push({
            where: `${name}:${firstLine + i}`,
            problem: '@example not followed by a ```ts fence',
          });
          continue;
        }
        const end = lines.findIndex((line, j) => j > i + 1 && line.startsWith('```'));
        if (end < 0) {
          defects.push({ where: `${name}:${firstLine + i}`, problem: 'unclosed ```ts fence' });
          continue;
        }
        const info = (fence[1] as string).trim();
        const noRun = /^ts\s+no-run\b\s*(.*)$/.exec(info);
        examples.push({
          where: `${name}:${firstLine + i + 2}`,
          file,
          code: lines.slice(i + 2, end).join('\n'),
          noRun: noRun === null ? undefined : (noRun[1] as string).trim(),
          info,
        });
        i = end;
      }
    }
  }
  return { examples, defects };
}

/**
 * Maps `dataguard` and `dataguard/<sub>` to the source entry of that subpath.
 * @param root - the repository root
 * @returns specifier → absolute path of the entry's index.ts
 */
export function sourceEntries(root: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, file] of Object.entries(libraryEntries(root))) {
    const specifier = name === 'index' ? 'dataguard' : `dataguard/${name.replace(/\/index$/, '')}`;
    map.set(specifier, join(root, file));
  }
  return map;
}

/**
 * Points the `dataguard…` imports of a code block at the source entries
 * (other specifiers stay as written).
 * @param code - the block
 * @param entries - specifier → source entry, from {@link sourceEntries}
 * @param name - the block's name, for the error
 * @returns the rewritten code
 * @throws {Error} when a `dataguard/…` specifier names no entry
 */
export function pointImportsAtSource(
  code: string,
  entries: ReadonlyMap<string, string>,
  name: string,
): string {
  return code.replace(/(from\s+|import\s*\(\s*)'(dataguard(?:\/[\w/-]+)?)'/g, (_, lead, spec) => {
    const target = entries.get(spec);
    if (target === undefined) throw new Error(`${name}: '${spec}' is not a dataguard entry`);
    return `${lead}${JSON.stringify(target)}`;
  });
}

function isLiteral(node: ts.Node): boolean {
  if (ts.isParenthesizedExpression(node)) return isLiteral(node.expression);
  if (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isNumericLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword
  ) {
    return true;
  }
  if (ts.isIdentifier(node)) return ['undefined', 'NaN', 'Infinity'].includes(node.text);
  if (ts.isPrefixUnaryExpression(node)) {
    return node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand);
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(isLiteral);
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every(
      (p) =>
        ts.isPropertyAssignment(p) &&
        (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) &&
        isLiteral(p.initializer),
    );
  }
  return false;
}

/**
 * Reads the expected value of a `// value` comment: a literal, optionally
 * followed by a parenthesized remark (`// true (checksum)`).
 * @param comment - the comment text after `//`
 * @returns the literal's source text, or undefined when the comment is prose
 */
export function expectedLiteral(comment: string): string | undefined {
  const text = comment.trim().replace(/\s+\([^()]*\)$/, '');
  if (text === '') return undefined;
  const file = ts.createSourceFile('v.ts', `(${text}\n);`, ts.ScriptTarget.ES2022, true);
  const [statement] = file.statements;
  if (file.statements.length !== 1 || statement === undefined) return undefined;
  if (!ts.isExpressionStatement(statement)) return undefined;
  const diagnostics = (file as unknown as { parseDiagnostics?: readonly unknown[] })
    .parseDiagnostics;
  if (diagnostics !== undefined && diagnostics.length > 0) return undefined;
  return isLiteral(statement.expression) ? text : undefined;
}

/** An example rewritten into a module, with the number of values it checks. */
export interface PreparedExample {
  readonly source: string;
  readonly checks: number;
}

/**
 * Rewrites an example into a module: its `dataguard…` imports point at the
 * source entries, relative imports (of internal helpers) at the file beside the
 * documented one, and each `expr; // value` or `const x = expr; // value`
 * line also asserts the value through `expectFile`'s `expectExampleValue`.
 * @param example - the example
 * @param entries - specifier → source entry, from {@link sourceEntries}
 * @param expectFile - absolute path of the module exporting `expectExampleValue`
 * @param dependencies - bare package names an example may import besides dataguard
 * @returns the module source and the number of checked values
 * @throws {Error} when an import is neither dataguard, node: nor a dependency, or a
 *   value comment is on a line the runner cannot check
 */
export function prepareExample(
  example: TsdocExample,
  entries: ReadonlyMap<string, string>,
  expectFile: string,
  dependencies: ReadonlySet<string>,
): PreparedExample {
  const code = example.code;
  const file = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const consumed = new Set<number>();
  let checks = 0;

  const lineOf = (pos: number): number => file.getLineAndCharacterOfPosition(pos).line;
  const trailingValue = (node: ts.Node): { literal: string; at: number } | undefined => {
    for (const range of ts.getTrailingCommentRanges(code, node.end) ?? []) {
      if (range.kind !== ts.SyntaxKind.SingleLineCommentTrivia) continue;
      if (lineOf(range.pos) !== lineOf(node.end)) continue;
      const literal = expectedLiteral(code.slice(range.pos + 2, range.end));
      if (literal !== undefined) return { literal, at: range.pos };
    }
    return undefined;
  };
  const where = (node: ts.Node): string => `${example.where} (+${lineOf(node.getStart()) + 1})`;

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      const spec = node.moduleSpecifier;
      if (spec !== undefined && ts.isStringLiteral(spec)) {
        // Internal helpers (not exported by any entry) import from their own module.
        const target = spec.text.startsWith('.')
          ? resolve(dirname(example.file), spec.text)
          : entries.get(spec.text);
        const bare = spec.text.startsWith('@')
          ? spec.text.split('/').slice(0, 2).join('/')
          : (spec.text.split('/')[0] as string);
        if (target !== undefined) {
          edits.push({ start: spec.getStart(), end: spec.end, text: JSON.stringify(target) });
        } else if (!spec.text.startsWith('node:') && !dependencies.has(bare)) {
          throw new Error(`${example.where}: import of '${spec.text}' (not a dataguard entry)`);
        }
      }
      return;
    }
    if (ts.isExpressionStatement(node) || ts.isVariableStatement(node)) {
      const value = trailingValue(node);
      if (value !== undefined) {
        consumed.add(value.at);
        const label = JSON.stringify(where(node));
        if (ts.isExpressionStatement(node)) {
          const expr = node.expression.getText(file);
          edits.push({
            start: node.getStart(),
            end: node.end,
            text: `__expectExampleValue(${expr}, (${value.literal}), ${label});`,
          });
          checks++;
        } else {
          const [decl] = node.declarationList.declarations;
          if (
            node.declarationList.declarations.length !== 1 ||
            !decl ||
            !ts.isIdentifier(decl.name)
          ) {
            throw new Error(`${where(node)}: a value comment needs one declared name`);
          }
          edits.push({
            start: node.end,
            end: node.end,
            text: ` __expectExampleValue(${decl.name.text}, (${value.literal}), ${label});`,
          });
          checks++;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(file, visit);

  // A value comment the runner could not attach would silently check nothing.
  for (const range of commentRanges(code)) {
    if (consumed.has(range.pos)) continue;
    const before = code.slice(code.lastIndexOf('\n', range.pos) + 1, range.pos);
    if (before.trim() === '') continue; // a comment on its own line is prose
    if (expectedLiteral(code.slice(range.pos + 2, range.end)) !== undefined) {
      throw new Error(
        `${example.where} (+${lineOf(range.pos) + 1}): value comment on a line that is not one expression or declaration statement`,
      );
    }
  }

  let source = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    source = source.slice(0, edit.start) + edit.text + source.slice(edit.end);
  }
  const header = `import { expectExampleValue as __expectExampleValue } from ${JSON.stringify(expectFile)};\n`;
  return { source: `${header}${source}\nexport {};\n`, checks };
}

function commentRanges(code: string): ts.CommentRange[] {
  const scanner = ts.createScanner(
    ts.ScriptTarget.ES2022,
    false,
    ts.LanguageVariant.Standard,
    code,
  );
  const ranges: ts.CommentRange[] = [];
  let token = scanner.scan();
  while (token !== ts.SyntaxKind.EndOfFileToken) {
    if (token === ts.SyntaxKind.SingleLineCommentTrivia) {
      ranges.push({ pos: scanner.getTokenStart(), end: scanner.getTokenEnd(), kind: token });
    }
    token = scanner.scan();
  }
  return ranges;
}
