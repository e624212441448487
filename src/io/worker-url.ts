import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors/kinds.ts';

/**
 * Where the built ETL worker script is, next to the module that asks: the
 * package ships it as `dist/io/etl-worker.{js,cjs}`, and the code asking may
 * sit in `dist/io/` or in a shared chunk in `dist/`.
 *
 * @param from - `import.meta.url` of the caller
 * @returns the worker script's URL
 * @throws {InputError} when no built worker exists (running from sources: pass `workerUrl`)
 */
export function builtWorkerUrl(from: string): URL {
  const extension = from.endsWith('.cjs') ? '.cjs' : '.js';
  for (const candidate of [
    `./etl-worker${extension}`,
    `./io/etl-worker${extension}`,
    `../io/etl-worker${extension}`,
  ]) {
    const url = new URL(candidate, from);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  throw new InputError(
    'the built ETL worker script was not found next to dataguard/io; pass workerUrl, or workers: 0',
    { reason: 'worker-not-found', path: 'options.workerUrl' },
  );
}
