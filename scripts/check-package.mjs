// Packs the package and checks it the way consumers see it: publint --strict
// and attw on the tarball, then every exported subpath loads in ESM and CJS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', ...opts });
const dir = mkdtempSync(join(tmpdir(), 'dataguard-pack-'));
try {
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
    encoding: 'utf8',
  }).trim();
  const tarball = join(dir, out.split('\n').pop());
  run('npx', ['--no-install', 'publint', '--strict', tarball]);
  run('npx', [
    '--no-install',
    'attw',
    '--pack',
    '.',
    '--profile',
    'node16',
    '--format',
    'table-flipped',
  ]);

  // Install the tarball into a scratch project and load every subpath both ways.
  const app = join(dir, 'app');
  run('mkdir', ['-p', app]);
  run('npm', ['init', '-y', '--silent'], { cwd: app, stdio: 'ignore' });
  run('npm', ['install', '--silent', '--no-audit', '--no-fund', '--ignore-scripts', tarball], {
    cwd: app,
  });
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const subpaths = Object.keys(pkg.exports).filter((key) => key !== './package.json');
  const require = createRequire(join(app, 'index.js'));
  for (const subpath of subpaths) {
    const specifier = subpath === '.' ? 'dataguard' : `dataguard/${subpath.slice(2)}`;
    if (specifier.startsWith('dataguard/store/')) continue; // native drivers are optional peers; checked by their own tests
    const esm = execFileSync(
      'node',
      [
        '--input-type=module',
        '-e',
        `const m = await import('${specifier}'); console.log(Object.keys(m).length)`,
      ],
      { cwd: app, encoding: 'utf8' },
    ).trim();
    const cjs = Object.keys(require(specifier)).length;
    if (Number(esm) === 0 || cjs === 0 || Number(esm) !== cjs) {
      throw new Error(`${specifier}: ESM exports ${esm}, CJS exports ${cjs}`);
    }
    console.log(`ok ${specifier} (${cjs} exports, ESM and CJS)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
