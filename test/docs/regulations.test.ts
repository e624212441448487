// test/fixtures/REGULATIONS.md is a verbatim copy of ../shared/REGULATIONS.md (the project's rule list, outside the repository), kept so this test runs offline on a clean clone.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Keeps docs/regulations.md honest: a row per rule id with its citation, every
// path it names exists, every function it names is in the file it names, and
// every test file it names holds the rule id or the quoted test titles.
const root = fileURLToPath(new URL('../../', import.meta.url));
const shared = fileURLToPath(new URL('../../../shared/REGULATIONS.md', import.meta.url));
const fixture = `${root}test/fixtures/REGULATIONS.md`;
const regulations = readFileSync(fixture, 'utf8');
const page = readFileSync(`${root}docs/regulations.md`, 'utf8');

/** Cells of a Markdown table row (the pages use no escaped pipes). */
function cells(line: string): string[] {
  return line
    .replace(/^\|\s*/, '')
    .replace(/\s*\|$/, '')
    .split(/\s\|\s/)
    .map((cell) => cell.trim());
}

const RULE = /^[GCSPR]-[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

/** Rule id → citation, from the REGULATIONS.md tables (id | rule | source). */
const rules = new Map<string, string>();
for (const line of regulations.split('\n')) {
  if (!line.startsWith('| ')) continue;
  const row = cells(line);
  if (row.length === 3 && RULE.test(row[0] as string))
    rules.set(row[0] as string, row[2] as string);
}

interface Row {
  readonly id: string;
  readonly citation: string;
  readonly enforced: string;
  readonly tested: string;
}

/** Rows of docs/regulations.md (Rule | In short | Citation | Enforced in | Tested in | Status). */
const rows: Row[] = [];
for (const line of page.split('\n')) {
  if (!line.startsWith('| ')) continue;
  const row = cells(line);
  if (!RULE.test(row[0] as string)) continue;
  if (row.length !== 6) throw new Error(`docs/regulations.md row ${row[0]} needs six cells`);
  rows.push({
    id: row[0] as string,
    citation: row[2] as string,
    enforced: row[3] as string,
    tested: row[4] as string,
  });
}

/** Splits a cell into the text that follows each backticked `prefix/...` path. */
function byPath(cell: string, prefix: 'src' | 'test'): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const re = new RegExp(`\`(${prefix}/[^\`\\s]+)\``, 'g');
  const hits = [...cell.matchAll(re)];
  hits.forEach((hit, i) => {
    const start = (hit.index as number) + hit[0].length;
    const end = i + 1 < hits.length ? (hits[i + 1]?.index as number) : cell.length;
    out.push({ path: hit[1] as string, text: cell.slice(start, end) });
  });
  return out;
}

const read = (path: string): string => readFileSync(`${root}${path}`, 'utf8');

describe('docs/regulations.md', () => {
  it('reads the rule list (about 36 ids)', () => {
    expect(rules.size).toBeGreaterThanOrEqual(30);
    expect(rules.get('C-SEP-SENSITIVE')).toBe('PIPL Arts. 28-29');
  });

  it.skipIf(!existsSync(shared))(
    'the fixture is an up-to-date copy of ../shared/REGULATIONS.md',
    () => {
      expect(regulations).toBe(readFileSync(shared, 'utf8'));
    },
  );

  it('has exactly one row per rule id, with the citation REGULATIONS.md gives', () => {
    const ids = rows.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...rules.keys()].sort());
    for (const row of rows) expect(row.citation, row.id).toBe(rules.get(row.id));
  });

  it('names only src/ and test/ paths that exist', () => {
    const paths = [...page.matchAll(/`((?:src|test)\/[^`\s]+)`/g)].map((m) => m[1] as string);
    expect(paths.length).toBeGreaterThan(50);
    const missing = [...new Set(paths)].filter((path) => !existsSync(`${root}${path}`));
    expect(missing).toEqual([]);
  });

  it('names only functions that occur in the source file named before them', () => {
    const problems: string[] = [];
    for (const row of rows) {
      for (const { path, text } of byPath(row.enforced, 'src')) {
        const source = read(path);
        for (const m of text.matchAll(/`\.?([\w.]+)\(\)`/g)) {
          const name = (m[1] as string).split('.').pop() as string;
          if (!new RegExp(`\\b${name}\\b`).test(source))
            problems.push(`${row.id}: ${path} ${name}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('names test files that contain the rule id or every quoted test title', () => {
    const problems: string[] = [];
    for (const row of rows) {
      for (const { path, text } of byPath(row.tested, 'test')) {
        const source = read(path);
        const titles = [...text.matchAll(/“([^”]+)”/g)].map((m) => m[1] as string);
        if (titles.length === 0) {
          if (!source.includes(row.id)) problems.push(`${row.id}: ${path} lacks the rule id`);
          continue;
        }
        for (const title of titles) {
          if (!source.includes(title)) problems.push(`${row.id}: ${path} lacks “${title}”`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('says plainly which rules are not enforced', () => {
    const lines = page.split('\n').filter((line) => RULE.test(cells(line)[0] ?? ''));
    const untested = lines.filter((line) => !/`test\//.test(line)).map((line) => cells(line)[0]);
    for (const id of untested) {
      const line = lines.find((candidate) => cells(candidate)[0] === id) as string;
      expect(cells(line)[5], `${id} has no test, so it must say it is not enforced`).toMatch(
        /^not enforced/,
      );
    }
  });
});
