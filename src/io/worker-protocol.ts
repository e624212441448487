import type { CreateKeyringOptions } from '../crypto/index.ts';
import type { PolicyDocument, Reject } from '../deidentify/index.ts';
import { DataguardError } from '../errors/dataguard-error.ts';
import {
  CryptoError,
  InputError,
  KeyError,
  PolicyError,
  StoreError,
  TransformError,
  ValidationError,
} from '../errors/kinds.ts';
import type { Dataset, DatasetDefinition } from '../tags/dataset.ts';
import type { ChunkCounts, ChunkSettings } from './chunk-processor.ts';
import type { PackedClassCounts } from './row-class-counter.ts';

/** What a worker is started with (structured-cloned). */
export interface WorkerInit {
  readonly kind: 'dataguard-etl';
  readonly settings: ChunkSettings;
  readonly policy: PolicyDocument | string;
  readonly dataset: Dataset | DatasetDefinition;
  readonly keys: CreateKeyringOptions['keys'] | undefined;
  readonly profile: string | undefined;
  readonly purpose: string | undefined;
  readonly recipient: string | undefined;
  readonly hierarchies:
    | Readonly<Record<string, string | readonly (readonly string[])[]>>
    | undefined;
}

/** One run of input records: carried-over head and body bytes, ending on a record boundary. */
export interface WorkerTask {
  readonly id: number;
  readonly head: Uint8Array;
  readonly body: Uint8Array;
  /** Count this chunk's input classes and send them with the result. */
  readonly sample?: boolean | undefined;
  /** Instead of a chunk: answer with the class counts accumulated so far. */
  readonly collect?: boolean | undefined;
}

/** An error that crossed the thread boundary. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly reason: string | undefined;
  readonly path: string | undefined;
  readonly details: DataguardError['details'];
}

/** A worker's answer to a task (id -1: to its start). */
export type WorkerReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly output?: Uint8Array;
      readonly rows?: number;
      readonly written?: number;
      readonly lines?: number;
      readonly rejects?: readonly Reject[];
      readonly subjects?: Uint8Array | undefined;
      readonly counts?: ChunkCounts | undefined;
      readonly inputCounts?: PackedClassCounts | undefined;
    }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError };

const KINDS: Readonly<Record<string, new (message: string, options: object) => DataguardError>> = {
  InputError,
  PolicyError,
  TransformError,
  StoreError,
  KeyError,
  CryptoError,
  ValidationError,
};

/** Keeps what a DataguardError says (never its cause, which may hold data). */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof DataguardError) {
    return {
      name: error.name,
      message: error.message,
      reason: error.reason,
      path: error.path,
      details: error.details,
    };
  }
  return {
    name: 'Error',
    message: error instanceof Error ? error.message : 'worker failed',
    reason: undefined,
    path: undefined,
    details: undefined,
  };
}

/** Rebuilds an error of the same class on this side. */
export function reviveError(error: SerializedError): Error {
  const Kind = KINDS[error.name];
  if (Kind === undefined) return new Error(error.message);
  return new Kind(error.message, {
    ...(error.reason === undefined ? {} : { reason: error.reason }),
    ...(error.path === undefined ? {} : { path: error.path }),
    ...(error.details === undefined ? {} : { details: error.details }),
  });
}
