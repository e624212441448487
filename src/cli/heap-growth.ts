import { setFlagsFromString } from 'node:v8';

/**
 * V8 options the CLI sets for itself, before the rest of it loads, so that its
 * heaps stay close to their live data (a few chunks of rows at any moment)
 * over a long run:
 *
 * - `--semi-space-growth-factor=1`: young generations keep the size they
 *   start with. This thread's starts at 2 MiB; V8 would otherwise double it
 *   to 32 MiB over a run.
 * - `--min-semi-space-size=8`: worker threads, whose heaps are sized when they
 *   start, begin with 8 MiB semi-spaces (the worker pool's `resourceLimits`
 *   cap them at 16 MiB), which is where they stay: smaller ones cost the
 *   workers about a quarter more CPU (objects are promoted before they die).
 * - `--heap-growing-percent=20`: an old generation may grow 20% past its live
 *   size before the next full collection (V8 otherwise allows up to 4×).
 *
 * V8 reads them whenever it sizes or grows a heap, so setting them at run
 * time takes effect; no heap limit is touched, so no input that fit before
 * runs out of memory now. Starting a worker thread puts V8's options back to
 * the command line's (Node 20), so they are set again as each worker comes
 * online. Measured in docs/performance.md ("release").
 */
export const HEAP_GROWTH_FLAGS: readonly string[] = [
  '--semi-space-growth-factor=1',
  '--min-semi-space-size=8',
  '--heap-growing-percent=20',
];

/** Node options by which a user takes over heap sizing: then the CLI sets none. */
const USER_HEAP_OPTIONS =
  /--(?:max|min)-semi-space-size|--semi-space-growth-factor|--heap-growing-percent|--max-old-space-size|--max-young-generation-size/;

/** The part of a `Worker` that {@link boundHeapGrowth} needs. */
export interface WorkerOnline {
  once(event: 'online', listener: () => void): unknown;
}

/** Where {@link boundHeapGrowth} looks and what it calls; injected in tests. */
export interface HeapGrowthContext {
  /** Node's own command-line options (`process.execArgv`). */
  readonly execArgv: readonly string[];
  /** The `NODE_OPTIONS` environment variable. */
  readonly nodeOptions: string | undefined;
  readonly setFlags: (flags: string) => void;
  /** Registers a listener for each worker thread the process starts (`process.on('worker')`). */
  readonly onWorker: (listener: (worker: WorkerOnline) => void) => void;
}

/**
 * Sets {@link HEAP_GROWTH_FLAGS} now and as each worker thread comes online,
 * unless the user passed a Node option that sizes the heap (on the command
 * line or in `NODE_OPTIONS`).
 *
 * @returns whether the CLI took over heap growth
 */
export function boundHeapGrowth(
  context: HeapGrowthContext = {
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS,
    setFlags: setFlagsFromString,
    onWorker: (listener) => process.on('worker', listener),
  },
): boolean {
  const given = [...context.execArgv, context.nodeOptions ?? ''].join(' ');
  if (USER_HEAP_OPTIONS.test(given)) return false;
  const apply = () => {
    for (const flag of HEAP_GROWTH_FLAGS) context.setFlags(flag);
  };
  apply();
  context.onWorker((worker) => worker.once('online', apply));
  return true;
}
