// Shared benchmark helpers: run a body several times, report the median.
import { performance } from 'node:perf_hooks';

export interface Measurement {
  readonly name: string;
  /** Median operations per second over the runs. */
  readonly opsPerSecond: number;
  /** Median milliseconds per run. */
  readonly medianMs: number;
  readonly runs: number;
}

/** The median of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Times `body` (which performs `opsPerRun` operations) `runs` times after
 * `warmup` untimed runs; returns the median.
 */
export function measure(
  name: string,
  body: () => void,
  options: { opsPerRun: number; runs?: number; warmup?: number },
): Measurement {
  const runs = options.runs ?? 7;
  for (let i = 0; i < (options.warmup ?? 2); i++) body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    body();
    times.push(performance.now() - start);
  }
  const medianMs = median(times);
  return { name, opsPerSecond: (options.opsPerRun / medianMs) * 1000, medianMs, runs };
}

/** The async twin of {@link measure}. */
export async function measureAsync(
  name: string,
  body: () => Promise<void>,
  options: { opsPerRun: number; runs?: number; warmup?: number },
): Promise<Measurement> {
  const runs = options.runs ?? 5;
  for (let i = 0; i < (options.warmup ?? 1); i++) await body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await body();
    times.push(performance.now() - start);
  }
  const medianMs = median(times);
  return { name, opsPerSecond: (options.opsPerRun / medianMs) * 1000, medianMs, runs };
}

/** Formats a number with thousands separators and the given decimals. */
export function fmt(value: number, decimals = 0): string {
  return value.toLocaleString('en-US', {
    maximumFractionDigits: decimals,
    minimumFractionDigits: decimals,
  });
}

/** Prints a Markdown table. */
export function table(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
