// `pg` is an optional peer: dataguard/store/sqlite must not import it at all,
// and dataguard/store/postgres only dynamically, on first open.
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { treePosition } from '../../src/store/sqlite/tree-position.ts';

const root = resolve(import.meta.dirname, '../..');

async function imports(entry: string) {
  const result = await build({
    entryPoints: [resolve(root, entry)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
    external: ['better-sqlite3', 'pg'],
  });
  return Object.values(result.metafile.outputs).flatMap((output) => output.imports);
}

describe('optional pg', () => {
  it('dataguard/store/sqlite never imports pg', async () => {
    const list = await imports('src/store/sqlite/index.ts');
    expect(list.filter((i) => i.path === 'pg')).toEqual([]);
    expect(list.some((i) => i.path === 'better-sqlite3')).toBe(true);
  });

  it('dataguard/store/postgres imports pg only dynamically', async () => {
    const list = await imports('src/store/postgres/index.ts');
    const pg = list.filter((i) => i.path === 'pg');
    expect(pg.length).toBeGreaterThan(0);
    expect(pg.every((i) => i.kind === 'dynamic-import')).toBe(true);
  });
});

describe('treePosition', () => {
  it('lays nodes out in order, each between its halves', () => {
    expect(treePosition(0, 0)).toBe(0);
    expect(treePosition(0, 3)).toBe(6);
    expect(treePosition(1, 0)).toBe(1);
    expect(treePosition(1, 1)).toBe(5);
    expect(treePosition(2, 0)).toBe(3);
    expect(treePosition(3, 0)).toBe(7);
    // Distinct for every (level, index) in a tree of 64 leaves.
    const seen = new Set<number>();
    for (let level = 0; level <= 6; level++) {
      for (let index = 0; index < 64 / 2 ** level; index++) {
        const position = treePosition(level, index) as number;
        expect(seen.has(position)).toBe(false);
        seen.add(position);
        // The node lies between its leftmost and rightmost leaf positions.
        expect(position).toBeGreaterThanOrEqual(2 * index * 2 ** level);
        expect(position).toBeLessThanOrEqual(2 * ((index + 1) * 2 ** level - 1));
      }
    }
    expect(treePosition(0, 2 ** 53)).toBeUndefined();
  });
});
