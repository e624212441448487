// The assertion behind an example's `expr; // value` line. A string with `…`
// matches any text in its place; an object matches when it has the listed
// properties (examples show what matters, not every field).
import { expect } from 'vitest';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matcherOf(expected: unknown): unknown {
  if (typeof expected === 'string' && expected.includes('…')) {
    return expect.stringMatching(
      new RegExp(`^${expected.split('…').map(escapeRegExp).join('[\\s\\S]*')}$`),
    );
  }
  if (Array.isArray(expected)) return expected.map(matcherOf);
  if (typeof expected === 'object' && expected !== null) {
    return Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, matcherOf(v)]));
  }
  return expected;
}

/**
 * Asserts that an example's expression has the value its comment states.
 * @param actual - the value the example computed
 * @param expected - the literal from the `// value` comment
 * @param where - file and line of the example, for the failure message
 */
export function expectExampleValue(actual: unknown, expected: unknown, where: string): void {
  const matcher = matcherOf(expected);
  if (typeof expected === 'object' && expected !== null) {
    expect(actual, where).toMatchObject(matcher as object);
  } else if (typeof expected === 'string' && expected.includes('…')) {
    expect(actual, where).toEqual(matcher);
  } else {
    expect(actual, where).toBe(expected);
  }
}
