import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../src/cli/workspace.ts';
import { readXlsx } from '../../src/io/index.ts';
import { protectFile, stagingPath } from '../../src/pipeline/protect-file.ts';
import { shareRelease } from './fixtures/share-release.ts';

// The share release of test/fixtures/xlsx/residents.xlsx (200 residents, birth dates as
// date cells, texts and serials) through protectFile, the function the CLI calls.
const root = resolve(import.meta.dirname, '../..');
const sha256 = (path: string): string =>
  `sha-256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('protectFile with .xlsx input and output', () => {
  let dir = '';
  let workspace: Workspace;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dataguard-xlsx-release-'));
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
    copyFileSync(join(root, 'test/fixtures/xlsx/residents.xlsx'), join(dir, 'residents.xlsx'));
    workspace = openWorkspace({
      ledger: join(dir, '.dataguard/dataguard.db'),
      keys: join(dir, '.dataguard/keyring.json'),
      createKeys: true,
    });
  });
  afterEach(() => {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const xlsxRelease = (output: string) =>
    shareRelease(dir, workspace, {
      input: join(dir, 'residents.xlsx'),
      output: join(dir, output),
      inputFormat: 'xlsx',
      outputFormat: 'xlsx',
      attachments: undefined,
      attachmentPaths: undefined,
    });

  it('records the digests of the workbook read and the workbook written, and leaves nothing staged', async () => {
    const { summary } = await protectFile(xlsxRelease('out.xlsx'));
    expect(summary.rowsIn).toBe(200);
    expect(summary.rowsOut).toBe(200);
    const event = (await workspace.ledger.get(summary.ledgerIndex)).event;
    expect(event.inputs[0]?.digest).toBe(sha256(join(dir, 'residents.xlsx')));
    expect(event.outputs[0]?.digest).toBe(sha256(join(dir, 'out.xlsx')));
    const records = await collect(readXlsx(join(dir, 'out.xlsx')));
    expect(records).toHaveLength(200);
    expect(records.every((record) => /^\d{4}-\d{2}$/.test(String(record.birth_date)))).toBe(true);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual(['.dataguard']);
  });

  it('recovery removes what a release killed while converting its output left behind, then releases', async () => {
    // A kill between the NDJSON stage and the workbook's rename leaves the NDJSON
    // under a temporary name beside the staged output, and possibly a staged workbook.
    const output = join(dir, 'out.xlsx');
    const staged = stagingPath(output);
    const intermediate = join(dir, `.${staged.slice(dir.length + 1)}.0123456789ab.tmp`);
    writeFileSync(intermediate, '{"name":"张*"}\n');
    writeFileSync(staged, 'not recorded');
    const { summary } = await protectFile(xlsxRelease('out.xlsx'));
    expect(summary.ledgerIndex).toBe(0);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual(['.dataguard']);
    expect((await collect(readXlsx(output))).length).toBe(200);
  });

  it('a workbook release that fails (no such sheet) leaves no output, no staging and no event', async () => {
    await expect(protectFile({ ...xlsxRelease('out.xlsx'), sheet: '户籍' })).rejects.toMatchObject({
      reason: 'sheet-not-found',
    });
    expect(readdirSync(dir).sort()).toEqual(['.dataguard', 'examples', 'residents.xlsx']);
    expect(await workspace.ledger.size()).toBe(0);
  });
});
