import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { findTsdocExamples, prepareExample, sourceEntries } from './tsdoc-examples.ts';

// The TSDoc examples type-check under the project's strict settings, as a
// reader's editor would check them (slow set: it type-checks all of src/).
const root = resolve(import.meta.dirname, '../..');

describe('TSDoc examples type-check', () => {
  it('has no type errors', () => {
    const { examples } = findTsdocExamples(root);
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
    const virtual = new Map<string, { where: string; source: string }>();
    examples.forEach((example, i) => {
      if (example.noRun !== undefined) return;
      const { source } = prepareExample(example, entries, expectFile, dependencies);
      virtual.set(join(root, 'test/docs', `__example_${i}.ts`), { where: example.where, source });
    });
    const parsed = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    );
    if (parsed === undefined) throw new Error('tsconfig.json not readable');
    const host = ts.createCompilerHost(parsed.options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) => {
      const v = virtual.get(name);
      return v === undefined
        ? getSourceFile(name, language, ...rest)
        : ts.createSourceFile(name, v.source, language, true);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => virtual.has(name) || fileExists(name);
    const program = ts.createProgram(
      [...virtual.keys()],
      { ...parsed.options, noUnusedLocals: false, isolatedDeclarations: false, declaration: false },
      host,
    );
    const problems = [...virtual].flatMap(([name, { where }]) => {
      const file = program.getSourceFile(name);
      if (file === undefined) return [`${where}: not loaded`];
      return program.getSemanticDiagnostics(file).map((d) => {
        const line = d.start === undefined ? 0 : file.getLineAndCharacterOfPosition(d.start).line;
        return `${where} (+${line}): ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
      });
    });
    expect(problems).toEqual([]);
  }, 300_000);
});
