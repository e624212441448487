// The published dataguard/io runs transformFile on worker threads from dist/,
// in ESM and in CommonJS: the worker script is found next to the caller.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtWorkerUrl } from '../../src/io/worker-url.ts';

const root = resolve(import.meta.dirname, '../..');
const built = existsSync(join(root, 'dist/io/etl-worker.js'));

const dataset = {
  id: 'people',
  version: '1',
  domain: 'government',
  fields: [
    {
      name: 'name',
      role: 'direct-identifier',
      piCategory: 'basic',
      share: 'conditional',
      open: 'closed',
      openBasis: 'PIPL Art. 25',
    },
    {
      name: 'district',
      role: 'quasi-identifier',
      piCategory: 'basic',
      share: 'unconditional',
      open: 'open',
      openAfter: 'anonymization',
    },
  ],
};
const policy = {
  id: 'p',
  version: '1',
  dataset: 'people',
  keep: ['district'],
  rules: [
    { id: 'name', select: { fields: ['name'] }, transform: { type: 'mask', preset: 'cn-name' } },
  ],
};

function script(format: 'esm' | 'cjs', dir: string): string {
  const load =
    format === 'esm'
      ? `const { transformFile } = await import(${JSON.stringify(join(root, 'dist/io/index.js'))});`
      : `const { transformFile } = require(${JSON.stringify(join(root, 'dist/io/index.cjs'))});`;
  const body = `${load}
  const result = await transformFile({
    input: ${JSON.stringify(join(dir, 'in.csv'))},
    output: ${JSON.stringify(join(dir, `out-${format}.csv`))},
    policy: ${JSON.stringify(policy)},
    dataset: ${JSON.stringify(dataset)},
    workers: 1,
  });
  process.stdout.write(String(result.rows));`;
  return format === 'esm' ? body : `(async () => { ${body} })();`;
}

describe.skipIf(!built)('dataguard/io from dist', () => {
  for (const format of ['esm', 'cjs'] as const) {
    it(`runs transformFile on a worker thread (${format})`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'dataguard-io-pkg-'));
      const rows = Array.from({ length: 2000 }, (_, i) => `张三${i},思明区`);
      writeFileSync(join(dir, 'in.csv'), `name,district\n${rows.join('\n')}\n`);
      const file = join(dir, format === 'esm' ? 'run.mjs' : 'run.cjs');
      writeFileSync(file, script(format, dir));
      const out = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
      expect(out.stderr).toBe('');
      expect(out.stdout).toBe('2000');
      const output = readFileSync(join(dir, `out-${format}.csv`), 'utf8').split('\r\n');
      expect(output[0]).toBe('name,district');
      expect(output[1]).toBe('张**,思明区');
    });
  }
});

describe('builtWorkerUrl', () => {
  it('refuses, with a typed error, when no built worker sits next to the caller', () => {
    expect(() => builtWorkerUrl(import.meta.url)).toThrow(
      expect.objectContaining({ code: 'ERR_INPUT', reason: 'worker-not-found' }),
    );
  });
});
