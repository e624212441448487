import { Worker } from 'node:worker_threads';
import type { ChunkCounts, ChunkProcessor, ChunkResult } from './chunk-processor.ts';
import type { RecordChunk } from './chunk-reader.ts';
import { reviveError, type WorkerInit, type WorkerReply } from './worker-protocol.ts';

/**
 * Runs chunk work, on this thread or on worker threads. Each chunk goes to
 * whichever thread is free, so results may settle out of order: the caller
 * awaits them in submission order.
 */
export interface ChunkPool {
  /** How many chunks may be in flight (bounds memory). */
  readonly capacity: number;
  /**
   * Processes a chunk. With `transfer`, the body's buffer moves to the worker
   * (zero copy) and becomes unusable here. With `sample`, the result carries
   * the chunk's input class counts.
   */
  run(chunk: RecordChunk, transfer: boolean, sample: boolean): Promise<ChunkResult>;
  /**
   * The class counts each worker thread accumulated (call after the last
   * chunk's result); this thread's own stay with its processor.
   */
  collect(): Promise<ChunkCounts[]>;
  close(): Promise<void>;
}

/** A pool that works on the calling thread. */
export function inlinePool(process: ChunkProcessor): ChunkPool {
  return {
    capacity: 1,
    run: (chunk, _transfer, sample) => process(chunk.head, chunk.body, sample),
    collect: async () => [],
    close: async () => undefined,
  };
}

/** Chunks queued on a worker before this thread takes one itself. */
const WORKER_DEPTH = 2;

/**
 * Chunks this thread may hold in flight of its own: with one, it waited on
 * the worker for the chunk before its own and sat idle about a third of a run
 * (two: 9% less wall time at 1,000,000 rows; docs/performance.md, "release").
 */
const INLINE_DEPTH = 2;

/**
 * Starts `count` ETL workers from the bundled worker entry and waits until
 * each has compiled the policy. Each chunk goes to the worker with the fewest
 * chunks outstanding; with `inline`, this thread takes a chunk only when every
 * worker already has {@link WORKER_DEPTH} queued (it also reads, hashes and
 * writes, so a fixed turn would leave the workers waiting on it): on two
 * cores, one worker and this thread use both without a second worker's memory.
 *
 * @throws the first worker's start-up error (a PolicyError, KeyError…)
 */
export async function workerPool(
  count: number,
  url: URL,
  init: WorkerInit,
  heapMb: number,
  inline?: ChunkProcessor,
): Promise<ChunkPool> {
  const workers: Worker[] = [];
  // Chunks sent to each worker and not yet answered.
  const outstanding: number[] = [];
  const pending = new Map<
    number,
    { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }
  >();
  const collecting = new Map<
    number,
    { resolve: (r: ChunkCounts) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  let failure: Error | undefined;
  let closing = false;
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
    for (const waiter of collecting.values()) waiter.reject(error);
    collecting.clear();
  };
  const ready: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    // Bounded heaps keep the process's memory flat: a worker's live data is a
    // few chunks, and V8 otherwise lets the heap grow well past it before
    // collecting. A worker that needs more fails with ERR_WORKER_OUT_OF_MEMORY.
    const worker = new Worker(url, {
      workerData: init,
      resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: heapMb },
    });
    workers.push(worker);
    outstanding.push(0);
    const slot = i;
    ready.push(
      new Promise<void>((resolve, reject) => {
        worker.once('message', (reply: WorkerReply) => {
          if (reply.ok) resolve();
          else reject(reviveError(reply.error));
        });
        worker.once('error', reject);
      }),
    );
    worker.on('message', (reply: WorkerReply) => {
      if (reply.id < 0) return;
      const collector = collecting.get(reply.id);
      if (collector !== undefined) {
        collecting.delete(reply.id);
        if (!reply.ok) collector.reject(reviveError(reply.error));
        else if (reply.counts === undefined)
          collector.reject(new Error('an ETL worker sent no counts'));
        else collector.resolve(reply.counts);
        return;
      }
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if (waiter === undefined) return;
      outstanding[slot] = (outstanding[slot] ?? 1) - 1;
      if (!reply.ok) waiter.reject(reviveError(reply.error));
      else {
        waiter.resolve({
          output: reply.output ?? new Uint8Array(0),
          rows: reply.rows ?? 0,
          written: reply.written ?? 0,
          lines: reply.lines ?? 0,
          rejects: reply.rejects ?? [],
          ...(reply.subjects === undefined ? {} : { subjects: reply.subjects }),
          ...(reply.inputCounts === undefined ? {} : { inputCounts: reply.inputCounts }),
        });
      }
    });
    worker.on('error', (error) => {
      fail(
        (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new Error(`an ETL worker ran out of its ${heapMb} MiB heap: raise workerHeapMb`)
          : error,
      );
    });
    worker.on('exit', (code) => {
      if (!closing && code !== 0) fail(new Error(`an ETL worker exited with code ${code}`));
    });
  }
  const close = async () => {
    closing = true;
    await Promise.all(workers.map((worker) => worker.terminate()));
  };
  try {
    await Promise.all(ready);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    // Every worker's queue full, plus the chunk this thread is running.
    capacity: count * WORKER_DEPTH + (inline === undefined ? 0 : INLINE_DEPTH),
    run(chunk, transfer, sample) {
      if (failure !== undefined) return Promise.reject(failure);
      let slot = 0;
      for (let i = 1; i < count; i++) {
        if ((outstanding[i] as number) < (outstanding[slot] as number)) slot = i;
      }
      if (inline !== undefined && (outstanding[slot] as number) >= WORKER_DEPTH) {
        return inline(chunk.head, chunk.body, sample);
      }
      outstanding[slot] = (outstanding[slot] as number) + 1;
      const id = nextId++;
      const worker = workers[slot] as Worker;
      // new Uint8Array(view) copies; Buffer#slice would not.
      const body = transfer ? chunk.body : new Uint8Array(chunk.body);
      return new Promise<ChunkResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage(
          { id, head: chunk.head, body, ...(sample ? { sample } : {}) },
          body.length > 0 ? [body.buffer as ArrayBuffer] : [],
        );
      });
    },
    async collect() {
      if (failure !== undefined) throw failure;
      const answers = workers.map(
        (worker) =>
          new Promise<ChunkCounts>((resolve, reject) => {
            const id = nextId++;
            collecting.set(id, { resolve, reject });
            worker.postMessage({
              id,
              head: new Uint8Array(0),
              body: new Uint8Array(0),
              collect: true,
            });
          }),
      );
      return Promise.all(answers);
    },
    close,
  };
}
