// Finds the independent implementations the interop tests compare dataguard
// with. A missing tool skips its tests with a message on stderr, unless
// DATAGUARD_INTEROP_REQUIRED=1 (CI), where a missing tool fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** True when CI asks for every interop test to run (a missing tool is then a failure). */
export const interopRequired: boolean = process.env.DATAGUARD_INTEROP_REQUIRED === '1';

/** Says on stderr, once per test file, why its interop tests are skipped. */
export function reportSkip(what: string, why: string): void {
  process.stderr.write(`\n[interop] SKIPPED ${what}: ${why}\n`);
}

/**
 * The first Python that can import the W3C `prov` package: $DATAGUARD_PYTHON,
 * then `python3` on the PATH, then Debian's /usr/bin/python3 (where
 * python3-prov installs it when another python3 comes first on the PATH).
 */
export function findPythonWithProv(): string | undefined {
  const candidates = [process.env.DATAGUARD_PYTHON, 'python3', '/usr/bin/python3'];
  for (const python of candidates) {
    if (python === undefined || python === '') continue;
    const probe = spawnSync(python, ['-c', 'import prov'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return undefined;
}

/** Where the Go toolchain and the golang.org/x/mod source are, when both are there. */
export interface GoTools {
  /** GOPATH holding src/golang.org/x/mod (Debian: /usr/share/gocode). */
  readonly gopath: string;
}

/**
 * The Go toolchain with golang.org/x/mod available offline: `go` on the PATH
 * and the module source under $DATAGUARD_GOPATH (default /usr/share/gocode,
 * where golang-golang-x-mod-dev installs it).
 */
export function findGo(): GoTools | { readonly missing: string } {
  const probe = spawnSync('go', ['version'], { stdio: 'ignore' });
  if (probe.status !== 0) return { missing: '`go` is not on the PATH (Debian: golang-go)' };
  const gopath = process.env.DATAGUARD_GOPATH ?? '/usr/share/gocode';
  if (!existsSync(join(gopath, 'src/golang.org/x/mod/sumdb/note/note.go'))) {
    return {
      missing: `golang.org/x/mod is not under ${gopath}/src (Debian: golang-golang-x-mod-dev)`,
    };
  }
  return { gopath };
}

/**
 * Builds one Go file in GOPATH mode, offline, into `outDir`.
 *
 * @param source - the Go file
 * @param outDir - a temporary directory for the binary (and the build cache when none is set)
 * @param tools - where x/mod lives
 * @returns the binary's path
 * @throws {Error} with the compiler's output when the build fails
 */
export function buildGo(source: string, outDir: string, tools: GoTools): string {
  const binary = join(outDir, 'note-go');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GO111MODULE: 'off',
    GOPATH: tools.gopath,
    GOPROXY: 'off',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
  };
  if (env.GOCACHE === undefined && env.HOME === undefined && env.XDG_CACHE_HOME === undefined) {
    env.GOCACHE = join(outDir, 'cache');
  }
  const build = spawnSync('go', ['build', '-o', binary, source], { env, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`go build failed:\n${build.stderr}`);
  return binary;
}
