// Runs the runtime-neutral core in a real browser (issue 12):
//   1. bundles every core subpath for the browser with esbuild and fails if any
//      of them pulls in a node: module or a Node built-in;
//   2. bundles the smoke suite (test/browser/smoke.ts) the same way;
//   3. serves it from a localhost node:http server and runs it in headless
//      Chromium from Debian (/usr/bin/chromium) driven by playwright-core;
//   4. prints one line per check and exits non-zero on any failure, page
//      error or console error.
//
// Usage: node test/browser/run-browser.mjs   (CHROMIUM=/path overrides the browser)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CORE = [
  'errors',
  'tags',
  'crypto',
  'detect',
  'deidentify',
  'anonymity',
  'consent',
  'provenance',
  'responsibility',
];
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_MS = 120_000;

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** An esbuild plugin that turns any import of a Node built-in into a build error naming the importer. */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.split('/')[0];
      if (
        args.path.startsWith('node:') ||
        builtins.has(args.path) ||
        (builtins.has(bare) && !args.path.startsWith('.'))
      ) {
        return {
          errors: [
            {
              text: `Node built-in "${args.path}" imported by ${args.importer.replace(`${root}/`, '')}: the core must be runtime-neutral`,
            },
          ],
        };
      }
      return undefined;
    });
  },
};

async function bundle(entryPoint) {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: false,
    sourcemap: 'inline',
    logLevel: 'silent',
    plugins: [noNodeBuiltins],
  });
  return result.outputFiles[0].text;
}

let failed = false;
const line = (text) => process.stdout.write(`${text}\n`);

// 1. Every core subpath bundles for the browser on its own.
for (const name of [...CORE, '.']) {
  try {
    await bundle(join(root, 'src', name === '.' ? 'index.ts' : `${name}/index.ts`));
    line(
      `ok   bundle ${name === '.' ? 'dataguard' : `dataguard/${name}`} for the browser (no Node built-ins)`,
    );
  } catch (error) {
    failed = true;
    line(
      `FAIL bundle dataguard/${name}: ${error.errors?.map((e) => e.text).join('; ') ?? error.message}`,
    );
  }
}

// The guard itself must work: the Node-only io module has to be refused.
try {
  await bundle(join(root, 'src/io/index.ts'));
  failed = true;
  line('FAIL the node: guard let src/io (Node-only) through');
} catch {
  line('ok   the node: guard refuses src/io (Node-only), as it should');
}

// 2. The smoke suite.
let script;
try {
  script = await bundle(join(root, 'test/browser/entry.ts'));
} catch (error) {
  line(
    `FAIL bundle the smoke suite: ${error.errors?.map((e) => e.text).join('; ') ?? error.message}`,
  );
  process.exit(1);
}

if (!existsSync(executablePath)) {
  line(`FAIL no Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM)`);
  process.exit(1);
}

// 3. Serve and run.
const page =
  '<!doctype html><meta charset="utf-8"><title>dataguard smoke</title><link rel="icon" href="data:,"><script type="module" src="/smoke.js"></script>';
const server = createServer((request, response) => {
  if (request.url === '/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page);
  } else if (request.url === '/smoke.js') {
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    response.end(script);
  } else {
    response.writeHead(404).end();
  }
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const url = `http://127.0.0.1:${server.address().port}/`;
const userDataDir = mkdtempSync(join(tmpdir(), 'dataguard-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    timeout: 60_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const tab = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  tab.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await tab.goto(url);
  await tab.waitForFunction(() => globalThis.__dataguardSmoke?.done === true, undefined, {
    timeout: TIMEOUT_MS,
  });
  const state = await tab.evaluate(() => globalThis.__dataguardSmoke);
  line(`browser: ${state.environment.userAgent}`);
  if (state.environment.hasProcess || state.environment.hasBuffer) {
    failed = true;
    line('FAIL the page has process or Buffer: not a plain browser environment');
  }
  for (const result of state.results) {
    if (!result.ok) failed = true;
    line(
      `${result.ok ? 'ok  ' : 'FAIL'} ${result.name} (${result.ms.toFixed(0)} ms)${result.ok ? '' : `\n     ${result.error}`}`,
    );
  }
  if (state.results.length === 0) {
    failed = true;
    line('FAIL no smoke results');
  }
  for (const problem of problems) {
    failed = true;
    line(`FAIL ${problem}`);
  }
  line(
    `browser smoke: ${state.results.filter((r) => r.ok).length}/${state.results.length} checks passed`,
  );
} catch (error) {
  failed = true;
  line(`FAIL ${error.message}`);
} finally {
  await context?.close().catch(() => undefined);
  server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
