import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { libraryEntries } from '../../scripts/entries.mjs';

// The public surface: every subpath's runtime export names and their kinds,
// compared with test/surface/exports.snapshot.json so that a change to the
// surface is deliberate. Type-only exports (interfaces, type aliases,
// `export type`) are erased at runtime and cannot be seen here; the .d.ts
// files are their record.
//
// Update after a deliberate change: UPDATE_SURFACE=1 npx vitest run test/surface/exports.test.ts
const root = resolve(import.meta.dirname, '../..');
const snapshotFile = join(import.meta.dirname, 'exports.snapshot.json');
const update = process.env.UPDATE_SURFACE === '1';

type Surface = Record<string, Record<string, string>>;

/** A stable name for what a runtime export is. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'function') {
    return /^class[\s{]/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  }
  return typeof value;
}

/** `index` → `.`, `tags/index` → `./tags`: the package.json#exports key. */
function subpathOf(entry: string): string {
  return entry === 'index' ? '.' : `./${entry.replace(/\/index$/, '')}`;
}

async function readSurface(): Promise<Surface> {
  const surface: Surface = {};
  const entries = Object.entries(libraryEntries(root)).map(([entry, file]): [string, string] => [
    subpathOf(entry),
    file,
  ]);
  for (const [subpath, file] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) {
    const mod = (await import(pathToFileURL(join(root, file)).href)) as Record<string, unknown>;
    const names: Record<string, string> = {};
    for (const name of Object.keys(mod).sort()) names[name] = kindOf(mod[name]);
    surface[subpath] = names;
  }
  return surface;
}

/** Added, removed and changed names per subpath, one line each; empty when equal. */
function diffSurface(committed: Surface, current: Surface): string[] {
  const lines: string[] = [];
  const subpaths = [...new Set([...Object.keys(committed), ...Object.keys(current)])].sort();
  for (const subpath of subpaths) {
    const before = committed[subpath];
    const after = current[subpath];
    if (before === undefined) {
      lines.push(`${subpath}: new subpath (${Object.keys(after ?? {}).length} names)`);
      continue;
    }
    if (after === undefined) {
      lines.push(`${subpath}: subpath removed`);
      continue;
    }
    const added = Object.keys(after).filter((n) => !(n in before));
    const removed = Object.keys(before).filter((n) => !(n in after));
    const changed = Object.keys(after).filter((n) => n in before && before[n] !== after[n]);
    if (added.length > 0) lines.push(`${subpath}: added ${added.join(', ')}`);
    if (removed.length > 0) lines.push(`${subpath}: removed ${removed.join(', ')}`);
    for (const n of changed)
      lines.push(`${subpath}: ${n} changed from ${before[n]} to ${after[n]}`);
  }
  return lines;
}

describe('public surface', () => {
  it('every subpath exports the names and kinds of the committed snapshot', async () => {
    const current = await readSurface();
    const total = Object.values(current).reduce((sum, names) => sum + Object.keys(names).length, 0);
    process.stderr.write(
      `public surface: ${total} runtime names across ${Object.keys(current).length} subpaths\n`,
    );
    if (update) {
      writeFileSync(snapshotFile, `${JSON.stringify(current, null, 2)}\n`);
      return;
    }
    expect(existsSync(snapshotFile), `${snapshotFile} missing; run with UPDATE_SURFACE=1`).toBe(
      true,
    );
    const committed = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Surface;
    const diff = diffSurface(committed, current);
    expect(
      diff,
      `the public surface changed; if deliberate, run UPDATE_SURFACE=1 npx vitest run test/surface/exports.test.ts\n${diff.join('\n')}`,
    ).toEqual([]);
  });

  it('the snapshot covers exactly the subpaths of package.json#exports', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    const published = Object.keys(pkg.exports)
      .filter((k) => k !== './package.json')
      .sort();
    const committed = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Surface;
    expect(Object.keys(committed).sort()).toEqual(published);
  });

  it('reports added, removed and changed names', () => {
    const diff = diffSurface(
      { '.': { keep: 'function', gone: 'class', shift: 'object' }, './old': {} },
      { '.': { keep: 'function', fresh: 'string', shift: 'function' }, './new': { x: 'number' } },
    );
    expect(diff).toEqual([
      '.: added fresh',
      '.: removed gone',
      '.: shift changed from object to function',
      './new: new subpath (1 names)',
      './old: subpath removed',
    ]);
  });
});
