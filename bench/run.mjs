// Runs benchmarks: `npm run bench` runs every bench/*.bench.ts, `npm run bench -- crypto`
// only bench/crypto.bench.ts. Each file is bundled with esbuild (so it measures the
// same source the package ships) and run in its own Node process, one at a time.
// Results are printed as Markdown and saved under bench/results/<name>.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { build } from 'esbuild';

const dir = new URL('.', import.meta.url);
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => wanted.length === 0 || wanted.includes(file.replace(/\.bench\.ts$/, '')))
  .sort();
if (files.length === 0) {
  console.error(`no benchmarks match ${wanted.join(', ')}`);
  process.exit(2);
}
mkdirSync(new URL('.out/', dir), { recursive: true });
mkdirSync(new URL('results/', dir), { recursive: true });
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  const outfile = new URL(`.out/${name}.mjs`, dir).pathname;
  await build({
    entryPoints: [new URL(file, dir).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: false,
    logLevel: 'error',
  });
  console.log(`\n## ${name}\n\n${machine}; ${new Date().toISOString().slice(0, 10)}\n`);
  const output = execFileSync(process.execPath, ['--expose-gc', outfile], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(output);
  writeFileSync(
    new URL(`results/${name}.md`, dir),
    `## ${name}\n\n${machine}; ${new Date().toISOString().slice(0, 10)}\n\n${output}`,
  );
}
