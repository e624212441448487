import { Worker } from 'node:worker_threads';
import type { ChunkCounts, ChunkProcessor, ChunkResult } from './chunk-processor.ts';
import type { RecordChunk } from './chunk-reader.ts';
import { reviveError, type WorkerInit, type WorkerReply } from './worker-protocol.ts';

/** Runs chunk work, on this thread or on worker threads, answering in submission order per worker. */
export interface ChunkPool {
  /** How many chunks may be in flight (bounds memory). */
  readonly capacity: number;
  /**
   * Processes a chunk. With `transfer`, the body's buffer moves to the worker
   * (zero copy) and becomes unusable here.
   */
  run(chunk: RecordChunk, transfer: boolean): Promise<ChunkResult>;
  /** The class counts every thread accumulated (call after the last chunk's result). */
  collect(): Promise<ChunkCounts[]>;
  close(): Promise<void>;
}

/** A pool that works on the calling thread. */
export function inlinePool(process: ChunkProcessor): ChunkPool {
  return {
    capacity: 1,
    run: (chunk) => process(chunk.head, chunk.body),
    collect: async () => [process.counts()],
    close: async () => undefined,
  };
}

/**
 * Starts `count` ETL workers from the bundled worker entry and waits until
 * each has compiled the policy. With `inline`, this thread takes its turn too
 * (chunks go round-robin over it and the workers): on two cores, one worker
 * and this thread use both without a second worker's memory.
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
      if (!reply.ok) waiter.reject(reviveError(reply.error));
      else {
        waiter.resolve({
          output: reply.output ?? new Uint8Array(0),
          rows: reply.rows ?? 0,
          written: reply.written ?? 0,
          lines: reply.lines ?? 0,
          rejects: reply.rejects ?? [],
          ...(reply.subjects === undefined ? {} : { subjects: reply.subjects }),
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
  const turns = inline === undefined ? count : count + 1;
  return {
    capacity: turns * 2,
    run(chunk, transfer) {
      if (failure !== undefined) return Promise.reject(failure);
      const id = nextId++;
      if (inline !== undefined && id % turns === count) return inline(chunk.head, chunk.body);
      const worker = workers[id % turns] as Worker;
      // new Uint8Array(view) copies; Buffer#slice would not.
      const body = transfer ? chunk.body : new Uint8Array(chunk.body);
      return new Promise<ChunkResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage(
          { id, head: chunk.head, body },
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
      const counts = await Promise.all(answers);
      if (inline !== undefined) counts.push(inline.counts());
      return counts;
    },
    close,
  };
}
