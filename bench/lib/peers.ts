// Bench-only peer packages (baselines such as @node-rs/jieba) are not in the
// package's dependencies. They are looked up, in order, in the directory named
// by DATAGUARD_BENCH_PEERS (a directory holding node_modules, or a
// node_modules directory), in bench/ (the optional bench/package.json install)
// and from the project root.
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Loads a bench peer package, or returns undefined when none is installed.
 * @param name - the package name, e.g. `@node-rs/jieba`
 * @returns the module's exports and the directory it came from, or undefined
 */
export function loadBenchPeer<T>(name: string): { module: T; from: string } | undefined {
  const dirs = [
    process.env.DATAGUARD_BENCH_PEERS,
    join(process.cwd(), 'bench'),
    process.cwd(),
  ].filter((d): d is string => d !== undefined && d !== '');
  for (const dir of dirs) {
    const require = createRequire(join(dir, 'noop.js'));
    let resolved: string;
    try {
      resolved = require.resolve(name);
    } catch {
      continue;
    }
    return { module: require(resolved) as T, from: resolved };
  }
  return undefined;
}
