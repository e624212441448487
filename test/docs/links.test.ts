// Every relative link in README.md and docs/*.md points to a file that exists,
// and every #anchor to a heading of the page it names (GitHub's slug rules).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] as string)));
}

function links(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] as string)
    .filter((target) => !/^[a-z]+:/.test(target));
}

describe('documentation links', () => {
  it('computes GitHub anchors', () => {
    expect(slug('protect() and the CLI')).toBe('protect-and-the-cli');
    expect(slug('Ledger appends')).toBe('ledger-appends');
  });
  for (const page of pages) {
    it(`${page}: relative links and anchors resolve`, () => {
      const file = join(root, page);
      const broken: string[] = [];
      for (const target of links(file)) {
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const destination = path === '' ? file : resolve(dirname(file), path);
        if (!existsSync(destination)) {
          broken.push(target);
          continue;
        }
        if (anchor !== undefined && destination.endsWith('.md')) {
          if (!anchors(destination).has(anchor)) broken.push(target);
        }
      }
      expect(broken).toEqual([]);
    });
  }
});
