import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * V8 options the CLI sets for itself, before the rest of it loads, so that its
 * heaps stay close to their live data (a few chunks of rows at any moment)
 * over a long run:
 *
 * - `--min-semi-space-size=8`: worker threads, whose heaps are sized when they
 *   start, begin with 8 MiB semi-spaces (the worker pool's `resourceLimits`
 *   cap them at 16 MiB).
 * - `--heap-growing-percent=20`: an old generation may grow 20% past its live
 *   size before the next full collection (V8 otherwise allows up to 4×).
 * - {@link YOUNG_GENERATION_FLAG}, once this thread's young generation has
 *   grown to {@link YOUNG_GENERATION_TARGET}: young generations then keep the
 *   size they have. V8 would otherwise double this thread's to 32 MiB over a
 *   run. Smaller costs time: at 4 MiB, scavenges took 1.16 CPU-s of a
 *   1,000,000-row release on this thread, against 0.31 at 16 MiB and 0.22
 *   unbounded (docs/performance.md, "release").
 *
 * V8 reads them whenever it sizes or grows a heap, so setting them at run
 * time takes effect; no heap limit is touched, so no input that fit before
 * runs out of memory now. Starting a worker thread puts V8's options back to
 * the command line's (Node 20), so they are set again as each worker comes
 * online. Measured in docs/performance.md ("release").
 */
export const HEAP_GROWTH_FLAGS: readonly string[] = [
  '--min-semi-space-size=8',
  '--heap-growing-percent=20',
];
/** Set once this thread's young generation reached {@link YOUNG_GENERATION_TARGET}. */
export const YOUNG_GENERATION_FLAG: string = '--semi-space-growth-factor=1';
/** This thread's young generation (both semi-spaces) at which its growth stops. */
export const YOUNG_GENERATION_TARGET: number = 16 * 1024 * 1024;

/** How often the young generation's size is looked at until it reaches the target. */
const POLL_MS = 5;

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
  /** This thread's young generation in bytes (`new_space` of `getHeapSpaceStatistics()`). */
  readonly youngGenerationBytes: () => number;
  /** Calls `check` every `ms` until it returns true, without keeping the process alive. */
  readonly poll: (ms: number, check: () => boolean) => void;
}

function processContext(): HeapGrowthContext {
  return {
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS,
    setFlags: setFlagsFromString,
    onWorker: (listener) => process.on('worker', listener),
    youngGenerationBytes: () => {
      for (const space of getHeapSpaceStatistics())
        if (space.space_name === 'new_space') return space.space_size;
      return 0;
    },
    poll: (ms, check) => {
      const timer = setInterval(() => {
        if (check()) clearInterval(timer);
      }, ms);
      timer.unref();
    },
  };
}

/**
 * Bounds the heaps' growth as described at {@link HEAP_GROWTH_FLAGS}, unless
 * the user passed a Node option that sizes the heap (on the command line or
 * in `NODE_OPTIONS`).
 *
 * @returns whether the CLI took over heap growth
 */
export function boundHeapGrowth(context: HeapGrowthContext = processContext()): boolean {
  const given = [...context.execArgv, context.nodeOptions ?? ''].join(' ');
  if (USER_HEAP_OPTIONS.test(given)) return false;
  let youngBounded = false;
  const apply = () => {
    for (const flag of HEAP_GROWTH_FLAGS) context.setFlags(flag);
    if (youngBounded) context.setFlags(YOUNG_GENERATION_FLAG);
  };
  const boundYoung = (): boolean => {
    if (context.youngGenerationBytes() < YOUNG_GENERATION_TARGET) return false;
    youngBounded = true;
    apply();
    return true;
  };
  apply();
  if (!boundYoung()) context.poll(POLL_MS, boundYoung);
  context.onWorker((worker) => worker.once('online', apply));
  return true;
}
