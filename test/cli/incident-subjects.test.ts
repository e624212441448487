import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Issue 15, custody and incidents, through the built binary: three provisions of the
// same dataset to the same recipient with overlapping residents. With --subject-field
// the incident counts the union of people exactly and says so; without subject
// digests it reports only a lower bound, and says so.
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');

describe.skipIf(!existsSync(bin))('dataguard incident counts affected people across copies', () => {
  let dir = '';
  let header = '';
  let rows: string[] = [];
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 180_000 });
  const provide = [
    '--dataset',
    'examples/residents.dataset.json',
    '--actor',
    'gov.example.civil-affairs',
    '--legal-basis',
    'statutory-duty',
    '--policy',
    'examples/share.policy.json',
    '--purpose',
    'statutory-duty',
    '--recipient',
    'gov.example.health',
    '--share-request',
    'examples/share-request.json',
    '--no-report',
    '--json',
  ];
  // Rows [from, to) of the example, `times` over (a person may appear in many rows).
  const slice = (name: string, from: number, to: number, times = 1) => {
    const body: string[] = [];
    for (let t = 0; t < times; t++) body.push(...rows.slice(from, to));
    writeFileSync(join(dir, name), `${header}\n${body.join('\n')}\n`);
    return name;
  };
  const provisions = [
    [0, 200],
    [150, 350],
    [300, 334],
  ] as const;
  const incident = (ledger: string, copies: string[], format: string) =>
    run(
      'incident',
      ...copies,
      '--ledger',
      ledger,
      '--kind',
      'leak',
      '--discovered',
      '2026-12-07T09:00:00+08:00',
      '--reported-by',
      'gov.example.civil-affairs',
      '--format',
      format,
    );

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dataguard-incident-subjects-'));
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
    const lines = readFileSync(join(dir, 'examples/residents.csv'), 'utf8').trim().split('\n');
    header = lines[0] as string;
    rows = lines.slice(1);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('with --subject-field: the exact union of the three copies, stated as exact', () => {
    const column = header.split(',').indexOf('id_card');
    const people = new Set(rows.slice(0, 350).map((line) => line.split(',')[column]));
    const copies = provisions.map(([from, to], i) => {
      // Repeated 30 times (~540 KB): chunks on both threads (main and one worker), each person in many rows.
      const input = slice(`exact-${i}.csv`, from, to, i === 2 ? 1 : 30);
      const out = run(
        'protect',
        input,
        ...provide,
        '--ledger',
        'exact.db',
        '--workers',
        '1',
        '--subject-field',
        'id_card',
        '--out',
        `exact-${i}.out.csv`,
      );
      expect(out.status, out.stderr).toBe(0);
      return JSON.parse(out.stdout).target.id as string;
    });
    expect(new Set(copies).size).toBe(3);
    const json = incident('exact.db', copies, 'json');
    expect(json.status, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.subjects).toMatchObject({
      count: people.size,
      basis: 'subject-source',
      lowerBound: false,
    });
    expect(people.size).toBe(350);
    // Digests only: no resident id reaches the report.
    expect(json.stdout).not.toContain(rows[0]?.split(',')[column]);
    const text = incident('exact.db', copies, 'markdown');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('Count: 350 (exact; basis: subject-source)');
  });

  it('without subject digests: the largest copy, stated as a lower bound', () => {
    const copies = provisions.map(([from, to], i) => {
      const out = run(
        'protect',
        slice(`blind-${i}.csv`, from, to),
        ...provide,
        '--ledger',
        'blind.db',
        '--out',
        `blind-${i}.out.csv`,
      );
      expect(out.status, out.stderr).toBe(0);
      return JSON.parse(out.stdout).target.id as string;
    });
    const text = incident('blind.db', copies, 'markdown');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('Count: at least 200 (lower bound; basis: ledger)');
  });

  it('refuses a --subject-field the dataset does not declare: exit 2, no output, no event', () => {
    const out = run(
      'protect',
      slice('bad.csv', 0, 10),
      ...provide,
      '--ledger',
      'bad.db',
      '--subject-field',
      'passport',
      '--out',
      'bad.out.csv',
    );
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('subjects.field passport is not a field of dataset residents');
    expect(existsSync(join(dir, 'bad.out.csv'))).toBe(false);
  });
});
