// Issue 15, custody and incidents: three provisions of one dataset to one recipient,
// with overlapping residents, file keyed subject digests in the workspace's SQLite
// subject index as they stream; an incident over the three copies then counts the
// union exactly (checked against the raw ids counted independently from the files).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeyring, openWorkspace, type Workspace } from '../../src/cli/workspace.ts';
import { protectFile } from '../../src/pipeline/protect-file.ts';
import { subjectDigester } from '../../src/pipeline/subject-index.ts';
import { createResponsibilityChain } from '../../src/responsibility/index.ts';
import { createSqliteSubjectIndex } from '../../src/store/sqlite/index.ts';
import { shareRelease } from './fixtures/share-release.ts';

const root = resolve(import.meta.dirname, '../..');
let dir = '';
let workspace: Workspace;
let header = '';
let rows: string[] = [];

/** Writes rows [from, to) of the example as a CSV file; returns its path. */
function slice(name: string, from: number, to: number): string {
  const path = join(dir, 'examples', name);
  writeFileSync(path, `${header}\n${rows.slice(from, to).join('\n')}\n`);
  return path;
}

/** The raw resident ids of rows [from, to), read straight from the example file. */
function idsOf(from: number, to: number): string[] {
  const column = header.split(',').indexOf('id_card');
  return rows.slice(from, to).map((line) => line.split(',')[column] as string);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dataguard-subjects-'));
  cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
  mkdirSync(join(dir, '.dataguard'));
  loadKeyring(join(dir, '.dataguard/keyring.json'), true, 'international').keyring.destroy();
  workspace = openWorkspace({ ledger: join(dir, '.dataguard/dataguard.db'), createKeys: false });
  const lines = readFileSync(join(dir, 'examples/residents.csv'), 'utf8').trim().split('\n');
  header = lines[0] as string;
  rows = lines.slice(1);
});

afterAll(() => {
  workspace?.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('protectFile files subject digests per copy; incidents count the union exactly', () => {
  it('three overlapping provisions: exact union; without the index only a lower bound', async () => {
    const index = createSqliteSubjectIndex(workspace.db);
    const slices = [
      [0, 200],
      [150, 350],
      [300, 334],
    ] as const;
    const targets: string[] = [];
    for (const [i, [from, to]] of slices.entries()) {
      const { summary } = await protectFile(
        shareRelease(dir, workspace, {
          input: slice(`part-${i}.csv`, from, to),
          output: join(dir, 'examples', `part-${i}.protected.csv`),
          attachments: undefined,
          attachmentPaths: [],
          subjects: { field: 'id_card', index },
        }),
      );
      targets.push(summary.target.id);
    }
    expect(new Set(targets).size).toBe(3);
    // Each copy's filing holds exactly its released subjects' digests, made with the
    // same keyed digest the library's protect() uses.
    const digest = subjectDigester(workspace.keyring);
    for (const [i, [from, to]] of slices.entries()) {
      const filed = [
        ...((await index.subjectsOf({ id: targets[i] as string })) as Iterable<string>),
      ];
      expect(filed).toEqual([...new Set(idsOf(from, to).map(digest))].sort());
      expect(JSON.stringify(filed)).not.toContain(idsOf(from, from + 1)[0]);
    }
    const union = new Set(idsOf(0, 350)).size;
    expect(union).toBeGreaterThan(200);
    const incident = {
      datasets: targets,
      kind: 'leak' as const,
      discoveredAt: '2026-12-07T09:00:00+08:00',
      record: false,
    };
    const exact = await createResponsibilityChain({
      ledger: workspace.ledger,
      subjects: index,
    }).openIncident(incident);
    expect(exact.subjects).toMatchObject({
      count: union,
      basis: 'subject-source',
      lowerBound: false,
    });
    const blind = await createResponsibilityChain({ ledger: workspace.ledger }).openIncident(
      incident,
    );
    expect(blind.subjects).toMatchObject({ count: 200, basis: 'ledger', lowerBound: true });
    // Filed under the active key; digests under another key (after a rotation) never match,
    // so a count across keys is only the largest key's union, and says so.
    expect(await index.keyOf({ id: targets[0] as string })).toBe(workspace.keyring.activeKeyId());
    const third = new Set(
      (await index.subjectsOf({ id: targets[2] as string })) as Iterable<string>,
    );
    await index.record({ id: targets[2] as string }, third, 'a-rotated-key');
    const mixed = await createResponsibilityChain({
      ledger: workspace.ledger,
      subjects: index,
    }).openIncident(incident);
    expect(mixed.subjects).toMatchObject({
      count: new Set(idsOf(0, 350)).size,
      basis: 'subject-source',
      lowerBound: true,
    });
    const alone = await createResponsibilityChain({
      ledger: workspace.ledger,
      subjects: index,
    }).openIncident({ ...incident, datasets: [targets[2] as string] });
    expect(alone.subjects).toMatchObject({ count: 34, lowerBound: false });
  });

  it('files only the subjects of released rows: quarantined rows are left out', async () => {
    const index = createSqliteSubjectIndex(workspace.db);
    const mobile = header.split(',').indexOf('mobile');
    const lines = rows.slice(400, 420).map((line, i) =>
      i < 5
        ? line
            .split(',')
            .map((cell, c) => (c === mobile ? 'not-a-mobile' : cell))
            .join(',')
        : line,
    );
    const input = join(dir, 'examples', 'quarantine.csv');
    writeFileSync(input, `${header}\n${lines.join('\n')}\n`);
    const { summary } = await protectFile(
      shareRelease(dir, workspace, {
        input,
        output: join(dir, 'examples', 'quarantine.protected.csv'),
        attachments: undefined,
        attachmentPaths: [],
        rejects: 'quarantine',
        quarantine: join(dir, 'examples', 'quarantine.rejects.csv'),
        maxRejects: 5,
        subjects: { field: 'id_card', index },
      }),
    );
    expect(summary.rowsOut).toBe(15);
    const digest = subjectDigester(workspace.keyring);
    const filed = [...((await index.subjectsOf(summary.target)) as Iterable<string>)];
    expect(filed).toEqual([...new Set(idsOf(405, 420).map(digest))].sort());
  });

  it('refuses a subject field the dataset lacks, before any output or event', async () => {
    const size = await workspace.ledger.size();
    await expect(
      protectFile(
        shareRelease(dir, workspace, {
          input: slice('bad.csv', 0, 10),
          output: join(dir, 'examples', 'bad.protected.csv'),
          attachments: undefined,
          attachmentPaths: [],
          subjects: { field: 'passport', index: createSqliteSubjectIndex(workspace.db) },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      reason: 'unknown-field',
      path: 'subjects.field',
    });
    expect(await workspace.ledger.size()).toBe(size);
  });

  it('a refused rerun files nothing; a failed run leaves no filing', async () => {
    const index = createSqliteSubjectIndex(workspace.db);
    const count = () =>
      workspace.db.db.prepare('SELECT count(*) FROM subject_filings').pluck().get() as number;
    const staged = () =>
      workspace.db.db.prepare('SELECT count(*) FROM subject_staged').pluck().get() as number;
    const before = count();
    await expect(
      protectFile(
        shareRelease(dir, workspace, {
          input: slice('part-0.csv', 0, 200),
          output: join(dir, 'examples', 'rerun.protected.csv'),
          attachments: undefined,
          attachmentPaths: [],
          subjects: { field: 'id_card', index },
        }),
      ),
    ).rejects.toMatchObject({ reason: 'already-released' });
    expect(count()).toBe(before);
    // A row without its subject id stops the run; nothing is filed.
    const lines = [header, ...rows.slice(0, 5)];
    const column = header.split(',').indexOf('id_card');
    lines[3] = (lines[3] as string)
      .split(',')
      .map((cell, i) => (i === column ? '' : cell))
      .join(',');
    const broken = join(dir, 'examples', 'broken.csv');
    writeFileSync(broken, `${lines.join('\n')}\n`);
    await expect(
      protectFile(
        shareRelease(dir, workspace, {
          input: broken,
          output: join(dir, 'examples', 'broken.protected.csv'),
          attachments: undefined,
          attachmentPaths: [],
          subjects: { field: 'id_card', index },
        }),
      ),
    ).rejects.toBeInstanceOf(Error);
    expect(count()).toBe(before);
    expect(staged()).toBe(0);
  });
});
