/** What the progress reporter writes to and reads the time from; injected for tests. */
export interface ProgressOptions {
  /** Where to draw (stderr). */
  readonly write: (text: string) => void;
  /** Whether the stream is a terminal; when false the reporter stays silent. */
  readonly isTTY: boolean;
  /** Total input size in bytes, when known (enables the ETA). */
  readonly totalBytes?: number | undefined;
  /** Milliseconds between redraws. */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

/** A progress line for long inputs: rows, rows/s and, when the size is known, percent and ETA. */
export interface Progress {
  /** Reports rows done and bytes read so far; redraws at most once per interval. */
  update(rows: number, bytes?: number): void;
  /** Clears the line. */
  done(): void;
}

/**
 * Creates a progress reporter for stderr. Silent when not a TTY, so piped and
 * scripted runs get clean output.
 *
 * @param options - sink, terminal flag, total size and clock
 * @returns the reporter
 */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? 200;
  const start = now();
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(rows, bytes) {
      if (!options.isTTY) return;
      const t = now();
      if (t - last < interval) return;
      last = t;
      const seconds = Math.max((t - start) / 1000, 1e-3);
      const rate = rows / seconds;
      let line = `${rows.toLocaleString('en-US')} rows  ${Math.round(rate).toLocaleString('en-US')} rows/s`;
      const total = options.totalBytes;
      if (total !== undefined && total > 0 && bytes !== undefined && bytes > 0) {
        const fraction = Math.min(bytes / total, 1);
        const eta = fraction > 0 ? (seconds / fraction) * (1 - fraction) : 0;
        line += `  ${(fraction * 100).toFixed(1)}%  ETA ${formatDuration(eta)}`;
      }
      options.write(`\r${line}\u001b[K`);
      drawn = true;
    },
    done() {
      if (drawn) options.write('\r\u001b[K');
    },
  };
}

function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
