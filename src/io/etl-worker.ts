// Worker-thread entry of the file pipeline: compiles the policy once from
// plain data, then turns chunks of input bytes into chunks of output bytes.
// Loaded with `new Worker(url, { workerData })`; it does nothing on the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { createKeyring } from '../crypto/index.ts';
import { compilePolicy, type Reject } from '../deidentify/index.ts';
import {
  type ChunkSettings,
  createChunkProcessor,
  type ThreadClassCounts,
} from './chunk-processor.ts';
import {
  serializeError,
  type WorkerInit,
  type WorkerReply,
  type WorkerTask,
} from './worker-protocol.ts';

if (parentPort !== null && (workerData as WorkerInit | undefined)?.kind === 'dataguard-etl') {
  start(workerData as WorkerInit, parentPort);
}

function start(init: WorkerInit, port: NonNullable<typeof parentPort>): void {
  let process: ReturnType<typeof createChunkProcessor> | undefined;
  try {
    const rejects: Reject[] = [];
    const keyring = init.keys === undefined ? undefined : createKeyring({ keys: init.keys });
    const transformer = compilePolicy(init.policy, {
      dataset: init.dataset,
      keyring,
      profile: init.profile,
      purpose: init.purpose,
      recipient: init.recipient,
      hierarchies: init.hierarchies,
      rejects: (reject) => rejects.push(reject),
    });
    const settings: ChunkSettings = init.settings;
    const subjects = settings.subjects;
    const mac =
      subjects === undefined || keyring === undefined
        ? undefined
        : keyring.pseudonymizer(subjects.domain);
    process = createChunkProcessor(
      settings,
      transformer.rows(settings.layout),
      () => rejects.splice(0, rejects.length),
      mac === undefined ? undefined : (data) => mac.mac(data),
    );
    port.postMessage({ id: -1, ok: true } satisfies WorkerReply);
  } catch (error) {
    port.postMessage({ id: -1, ok: false, error: serializeError(error) } satisfies WorkerReply);
    return;
  }
  const run = process;
  // Tasks run one after another, so replies leave in the order tasks came.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (task: WorkerTask) => {
    queue = queue.then(async () => {
      if (task.collect === true) {
        const counts = run.counts();
        // Packed counts are typed arrays: move them instead of copying.
        const transfer = packedBuffers(counts.after);
        port.postMessage({ id: task.id, ok: true, counts } satisfies WorkerReply, transfer);
        return;
      }
      try {
        const result = await run(task.head, task.body, task.sample === true);
        const reply: WorkerReply = {
          id: task.id,
          ok: true,
          output: result.output,
          rows: result.rows,
          written: result.written,
          lines: result.lines,
          rejects: result.rejects,
          ...(result.subjects === undefined ? {} : { subjects: result.subjects }),
          ...(result.inputCounts === undefined ? {} : { inputCounts: result.inputCounts }),
        };
        port.postMessage(reply, [
          result.output.buffer as ArrayBuffer,
          ...(result.subjects === undefined ? [] : [result.subjects.buffer as ArrayBuffer]),
          ...packedBuffers(result.inputCounts),
        ]);
      } catch (error) {
        port.postMessage({
          id: task.id,
          ok: false,
          error: serializeError(error),
        } satisfies WorkerReply);
      }
    });
  });
}

/** The buffers of packed class counts (moved, not copied); none for serialized counts. */
function packedBuffers(packed: ThreadClassCounts | undefined): ArrayBuffer[] {
  return packed !== undefined && 'tuples' in packed
    ? [packed.tuples.buffer as ArrayBuffer, packed.counts.buffer as ArrayBuffer]
    : [];
}
