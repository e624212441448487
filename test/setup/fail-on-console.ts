import { afterEach, beforeEach } from 'vitest';

// Library code must never write to the console (keys and personal data could
// leak there); any stray console call fails the test that made it.
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
let calls: string[] = [];
const originals = new Map<string, (...args: unknown[]) => void>();

beforeEach(() => {
  calls = [];
  for (const method of methods) {
    originals.set(method, console[method]);
    console[method] = (...args: unknown[]) => {
      calls.push(`console.${method}: ${args.map(String).join(' ').slice(0, 200)}`);
    };
  }
});

afterEach(() => {
  for (const method of methods) console[method] = originals.get(method) as typeof console.log;
  if (calls.length > 0) throw new Error(`unexpected console output:\n${calls.join('\n')}`);
});
