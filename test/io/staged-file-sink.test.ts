import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { createKeyring } from '../../src/crypto/index.ts';
import {
  createStagedFileSink,
  recoverStagedFile,
  type StagedFileSink,
  stagedRecordsPath,
} from '../../src/io/staged-file-sink.ts';
import { protect } from '../../src/pipeline/index.ts';
import { createLedger } from '../../src/provenance/index.ts';
import { defineDataset } from '../../src/tags/index.ts';

// The file sink of the records path (a database input): staged file and release id,
// ledger event, rename; recovery finishes a recorded release and drops an unrecorded one.
const dir = mkdtempSync(join(tmpdir(), 'dataguard-staged-sink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dataset = defineDataset({
  id: 'notes',
  version: '1',
  domain: 'non-public',
  fields: [
    { name: 'note', role: 'insensitive', impacts: [], share: 'unconditional', open: 'open' },
    { name: 'code', role: 'insensitive', impacts: [], share: 'unconditional', open: 'open' },
  ],
});
const policy = { id: 'keep', version: '1', dataset: 'notes', keep: ['note', 'code'], rules: [] };
const records = [
  { note: '甲', code: null },
  { note: '', code: '2' },
];

function options() {
  return {
    input: records,
    dataset,
    policy,
    purpose: 'statutory-duty',
    actor: { id: 'gov.example', kind: 'agency' as const },
    legalBasis: 'statutory-duty' as const,
    keyring: createKeyring({
      keys: [
        {
          id: 'k1',
          suite: 'international',
          material: '11'.repeat(32),
          createdAt: '2026-01-01T00:00:00Z',
          status: 'active',
        },
      ],
    }),
    ledger: createLedger({ origin: 'test', clock: fixedClock('2026-11-23T08:00:00+08:00') }),
    checkpoint: false,
  };
}

describe('createStagedFileSink', () => {
  it('writes CSV with NULL as an empty cell and NDJSON with null, only after the event', async () => {
    const csv = join(dir, 'out.csv');
    const ndjson = join(dir, 'out.ndjson');
    await protect({
      ...options(),
      releaseId: 'one',
      sink: createStagedFileSink({ output: csv, format: 'csv', releaseId: 'one' }),
    });
    await protect({
      ...options(),
      releaseId: 'two',
      sink: createStagedFileSink({ output: ndjson, format: 'ndjson', releaseId: 'two' }),
    });
    expect(readFileSync(csv, 'utf8')).toBe('note,code\r\n甲,\r\n,2\r\n');
    expect(readFileSync(ndjson, 'utf8')).toBe(
      '{"note":"甲","code":null}\n{"note":"","code":"2"}\n',
    );
    expect(existsSync(stagedRecordsPath(csv))).toBe(false);
  });

  it('recovery drops a release staged but never recorded', async () => {
    const output = join(dir, 'before.csv');
    const o = options();
    const real = createStagedFileSink({ output, format: 'csv', releaseId: 'three' });
    const crashing: StagedFileSink = {
      async write(input, columns) {
        await real.write(input, columns);
        throw new Error('crash after staging');
      },
      commit: () => real.commit(),
      abort: async () => undefined,
    };
    await expect(protect({ ...o, releaseId: 'three', sink: crashing })).rejects.toThrow('crash');
    expect(existsSync(stagedRecordsPath(output))).toBe(true);
    expect(await recoverStagedFile(o.ledger, output)).toBe('rolled-back');
    expect(existsSync(stagedRecordsPath(output))).toBe(false);
    expect(existsSync(output)).toBe(false);
  });

  it('recovery finishes a release whose event was appended before the crash', async () => {
    const output = join(dir, 'after.csv');
    const o = options();
    const real = createStagedFileSink({ output, format: 'csv', releaseId: 'four' });
    const crashing: StagedFileSink = {
      write: (input, columns) => real.write(input, columns),
      async commit() {
        throw new Error('crash after the event');
      },
      abort: async () => undefined,
    };
    await expect(protect({ ...o, releaseId: 'four', sink: crashing })).rejects.toThrow('crash');
    expect(await o.ledger.size()).toBe(1);
    expect(existsSync(output)).toBe(false);
    expect(await recoverStagedFile(o.ledger, output)).toBe('finished');
    expect(readFileSync(output, 'utf8')).toBe('note,code\r\n甲,\r\n,2\r\n');
    expect(await recoverStagedFile(o.ledger, output)).toBe('none');
  });
});
