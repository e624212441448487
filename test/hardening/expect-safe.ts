// The robustness contract of every public entry point: it returns a result or
// throws a DataguardError with a stable code — never a crash, a generic
// TypeError from deep inside, or a hang — and its error messages never repeat
// the values it was given.
import fc from 'fast-check';
import { it } from 'vitest';
import * as errors from '../../src/errors/index.ts';
import { DataguardError } from '../../src/errors/index.ts';
import { KNOWN_FAILURES } from './known-failures.ts';

// The fixed fast-check seed (test/setup/fast-check-seed.ts) keeps CI results,
// and known-failures.ts, stable.

/** `it`, or `it.fails` for a test listed in known-failures.ts. */
export function hardeningIt(name: string, run: () => unknown, timeout?: number): void {
  (KNOWN_FAILURES.has(name) ? it.fails : it)(name, run as () => Promise<void>, timeout);
}

/** Every stable error code the errors module defines. */
export const KNOWN_CODES: ReadonlySet<string> = new Set(
  Object.values(errors)
    .filter(
      (value): value is typeof DataguardError =>
        typeof value === 'function' && value.prototype instanceof Error,
    )
    .map((kind) => kind.code),
);

/** How long one call may take before it counts as a hang. */
const SLOW_MS = 5_000;

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: DataguardError };

function describeValue(value: unknown): string {
  try {
    const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
    return text.length > 120 ? `${text.slice(0, 120)}… (${text.length} chars)` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function judge(error: unknown, what: string, secrets: readonly unknown[]): DataguardError {
  if (!(error instanceof DataguardError)) {
    const name = error instanceof Error ? error.name : typeof error;
    const message = error instanceof Error ? error.message : describeValue(error);
    const where =
      error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 4).join(' | ') : '';
    throw new Error(`${what} threw ${name} instead of a DataguardError: ${message} ${where}`, {
      cause: error,
    });
  }
  if (!KNOWN_CODES.has(error.code))
    throw new Error(`${what} threw code ${error.code}, not one of the stable codes`);
  if (error.reason !== undefined && !/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/.test(error.reason)) {
    throw new Error(`${what} threw reason ${JSON.stringify(error.reason)}, not a kebab-case code`);
  }
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.trim().length < 12) continue;
    const probe = secret.slice(0, 64);
    if (
      error.message.includes(probe) ||
      JSON.stringify(error.toJSON()).includes(JSON.stringify(probe).slice(1, -1))
    ) {
      throw new Error(
        `${what}: the ${error.code} message repeats an input value: ${error.message.slice(0, 200)}`,
      );
    }
  }
  return error;
}

/**
 * Calls `run` and checks the contract: a result, or a DataguardError with a
 * known code whose message holds none of `secrets` (values given to the call).
 *
 * @param what - a name for failure messages
 * @param run - the call under test
 * @param secrets - input values that must not appear in error messages
 * @returns the outcome
 */
export function expectSafe<T>(
  what: string,
  run: () => T,
  secrets: readonly unknown[] = [],
): Outcome<T> {
  const start = performance.now();
  let outcome: Outcome<T>;
  try {
    outcome = { ok: true, value: run() };
  } catch (error) {
    outcome = { ok: false, error: judge(error, what, secrets) };
  }
  const ms = performance.now() - start;
  if (ms > SLOW_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms`);
  return outcome;
}

/** {@link expectSafe} for asynchronous calls (a synchronous throw counts too). */
export async function expectSafeAsync<T>(
  what: string,
  run: () => Promise<T> | T,
  secrets: readonly unknown[] = [],
): Promise<Outcome<T>> {
  const start = performance.now();
  let outcome: Outcome<T>;
  try {
    outcome = { ok: true, value: await run() };
  } catch (error) {
    outcome = { ok: false, error: judge(error, what, secrets) };
  }
  const ms = performance.now() - start;
  if (ms > SLOW_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms`);
  return outcome;
}

function shortValue(value: unknown): string {
  const text = fc.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

function report<Ts>(details: fc.RunDetails<Ts>): void {
  if (!details.failed) return;
  const example =
    details.counterexample === null
      ? 'none'
      : (details.counterexample as unknown[]).map(shortValue).join(', ');
  const cause = details.errorInstance;
  const why = cause instanceof Error ? cause.message : String(cause);
  throw new Error(
    `Property failed after ${details.numRuns} tests (seed ${details.seed}, path "${details.counterexamplePath}")\nCounterexample: [${example}]\n${why.length > 1500 ? `${why.slice(0, 1500)}…` : why}`,
    { cause },
  );
}

/**
 * `fc.assert` with short failure reports: counterexamples may hold strings of
 * hundreds of thousands of characters, so each value is cut to 300 characters.
 *
 * @param property - a synchronous or asynchronous property
 * @param params - run parameters
 */
export function assertProperty<Ts>(property: fc.IProperty<Ts>, params?: fc.Parameters<Ts>): void;
export function assertProperty<Ts>(
  property: fc.IAsyncProperty<Ts>,
  params?: fc.Parameters<Ts>,
): Promise<void>;
export function assertProperty<Ts>(
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  params?: fc.Parameters<Ts>,
): void | Promise<void> {
  const details = fc.check(property as fc.IProperty<Ts>, params) as
    | fc.RunDetails<Ts>
    | Promise<fc.RunDetails<Ts>>;
  if (details instanceof Promise) return details.then(report);
  report(details);
}

/** Property-run settings: modest, so the whole hardening suite stays well under a minute. */
export const RUNS: { readonly numRuns: number } = { numRuns: 60 };

/** One entry point under fuzzing: its name, argument lists, and the call. */
export interface FuzzCase {
  readonly name: string;
  readonly args: fc.Arbitrary<readonly unknown[]>;
  readonly call: (...args: never[]) => unknown;
  /** Indexes of arguments that are values (their text must not appear in error messages). */
  readonly values?: readonly number[];
  readonly numRuns?: number;
}

/**
 * One test per entry point: fast-check calls it with hostile arguments and
 * every outcome must satisfy {@link expectSafeAsync}.
 *
 * @param cases - the entry points
 */
export function fuzzEach(cases: readonly FuzzCase[]): void {
  for (const entry of cases) {
    hardeningIt(`${entry.name}: result or DataguardError on hostile input`, async () => {
      await assertProperty(
        fc.asyncProperty(entry.args, async (args) => {
          const secrets = (entry.values ?? []).map((i) => args[i]);
          await expectSafeAsync(
            entry.name,
            () => (entry.call as (...a: unknown[]) => unknown)(...args),
            secrets,
          );
        }),
        { numRuns: entry.numRuns ?? RUNS.numRuns },
      );
    });
  }
}
