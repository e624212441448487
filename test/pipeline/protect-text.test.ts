import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { createKeyring } from '../../src/crypto/index.ts';
import type { PolicyDocument, TextOperator } from '../../src/deidentify/index.ts';
import { transformFile } from '../../src/io/index.ts';
import { createMemorySink, ledgerSigner, protect } from '../../src/pipeline/index.ts';
import { createLedger } from '../../src/provenance/index.ts';
import { defineDataset } from '../../src/tags/index.ts';

// 12345 hotline tickets whose request text (诉求内容) carries names, an ID,
// a mobile, an address and a diagnosis; the same caller appears in two rows.
const tickets = [
  {
    工单号: 'T001',
    区县: '鼓楼区',
    诉求内容:
      '申请人张伟，男，身份证号11010519491231002X，住福建省福州市鼓楼区五四路88号3栋2单元501室，联系电话13812345678，患有糖尿病，反映楼下噪音。',
  },
  {
    工单号: 'T002',
    区县: '鼓楼区',
    诉求内容: '来电人李娜反映，邻居张伟长期占用消防通道，请核实处理。',
  },
  { 工单号: 'T003', 区县: '台江区', 诉求内容: '市民反映路灯损坏，无个人信息。' },
];
const dataset = defineDataset({
  id: 'hotline',
  version: '1',
  fields: [
    {
      name: '工单号',
      role: 'insensitive',
      grade: 'general-1',
      share: 'unconditional',
      open: 'open',
    },
    {
      name: '区县',
      role: 'quasi-identifier',
      piCategory: 'basic',
      grade: 'general-2',
      share: 'conditional',
      open: 'open',
      openAfter: 'anonymization',
    },
    {
      name: '诉求内容',
      role: 'quasi-identifier',
      piCategory: 'basic',
      grade: 'general-2',
      share: 'conditional',
      open: 'open',
      openAfter: 'anonymization',
    },
  ],
});
const policyWith = (operators: Record<string, TextOperator>): PolicyDocument => ({
  id: 'hotline-text',
  version: '1',
  dataset: 'hotline',
  keep: ['工单号', '区县'],
  rules: [
    {
      id: 'request-text',
      select: { fields: ['诉求内容'] },
      transform: { type: 'text', default: 'label', operators },
    },
  ],
});
const keys = [
  {
    id: 'k1',
    suite: 'international' as const,
    material: '22'.repeat(32),
    createdAt: '2026-01-01T00:00:00Z',
    status: 'active' as const,
  },
];

function release(policy: PolicyDocument, processing: 'entrust' | 'open') {
  const keyring = createKeyring({ keys });
  const origin = 'ledger.example.gov.cn';
  const ledger = createLedger({
    origin,
    signer: ledgerSigner(keyring, origin),
    clock: fixedClock('2026-11-23T08:00:00+08:00'),
  });
  const sink = createMemorySink();
  const run = protect({
    input: tickets,
    dataset,
    policy,
    purpose: 'public-data.opening',
    actor: { id: 'gov.example.hotline', kind: 'agency', name: '12345热线' },
    recipient: { id: 'open-data-portal', kind: 'system' },
    processing,
    legalBasis: 'statutory-duty',
    decision: {
      allowed: true,
      allowedFields: ['工单号', '区县', '诉求内容'],
      reasons: [],
      obligations: [],
    },
    ...(processing === 'open' ? { anonymity: { k: 1 } } : {}),
    keyring,
    ledger,
    sink,
  });
  return { run, sink, ledger };
}

describe('protect() with a text transform on a free-text column', () => {
  it('rewrites every finding by its operator, the same person with the same label in every row', async () => {
    const { run, sink } = release(
      policyWith({ 'person-name': 'label', address: 'generalize', 'sensitive-fact': 'label' }),
      'entrust',
    );
    await run;
    const out = sink.records.map((r) => r['诉求内容']);
    expect(out[0]).toBe(
      '申请人[姓名1]，男，身份证号[居民身份证号码1]，住福建省福州市鼓楼区，联系电话[手机号码1]，患有[健康信息1]，反映楼下噪音。',
    );
    expect(out[1]).toBe('来电人[姓名2]反映，邻居[姓名1]长期占用消防通道，请核实处理。');
    expect(out[2]).toBe(tickets[2]?.诉求内容);
    const all = JSON.stringify(sink.records);
    for (const raw of ['张伟', '李娜', '11010519491231002X', '13812345678', '五四路', '糖尿病'])
      expect(all).not.toContain(raw);
  });

  it('court-style surnames: 张某, 李某, consistent across rows', async () => {
    const { run, sink } = release(policyWith({ 'person-name': 'surname' }), 'entrust');
    await run;
    expect(sink.records[0]?.['诉求内容']).toMatch(/^申请人张某，男/);
    expect(sink.records[1]?.['诉求内容']).toBe(
      '来电人李某反映，邻居张某长期占用消防通道，请核实处理。',
    );
  });

  it('keyed pseudonyms are refused in an open (anonymous) release, before any output or event', async () => {
    const { run, sink, ledger } = release(policyWith({ 'person-name': 'pseudonym' }), 'open');
    await expect(run).rejects.toMatchObject({
      name: 'AnonymityError',
      reason: 'restorable-output',
    });
    expect(sink.records).toHaveLength(0);
    expect(await ledger.size()).toBe(0);
  });

  it('keyed pseudonyms are allowed in an entrusted release and record the column key', async () => {
    const { run, sink, ledger } = release(policyWith({ 'person-name': 'pseudonym' }), 'entrust');
    const summary = await run;
    const first = sink.records[0]?.['诉求内容'] as string;
    const second = sink.records[1]?.['诉求内容'] as string;
    const pseudonym = /^申请人(\[姓名:[0-9a-f]{8}\])/.exec(first)?.[1];
    expect(pseudonym).toBeDefined();
    expect(second).toContain(`邻居${pseudonym}`);
    const entry = await ledger.get(summary.ledgerIndex);
    expect(entry.event.details?.columnKeys).toEqual([['诉求内容', 0]]);
  });
});

describe('transformFile with a text transform and worker threads', () => {
  it('labels the same person alike in every chunk (the transform keeps state: one thread)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dataguard-text-workers-'));
    const workerFile = join(dir, 'etl-worker.mjs');
    await build({
      entryPoints: [new URL('../../src/io/etl-worker.ts', import.meta.url).pathname],
      outfile: workerFile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      external: ['better-sqlite3', 'pg'],
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    const rows = ['工单号,区县,诉求内容'];
    for (let i = 0; i < 4000; i++)
      rows.push(
        `T${i},鼓楼区,${i % 2 === 0 ? '来电人张伟' : '来电人李娜'}反映第${i}号楼下水道堵塞。`,
      );
    writeFileSync(join(dir, 'in.csv'), `${rows.join('\n')}\n`);
    await transformFile({
      input: join(dir, 'in.csv'),
      output: join(dir, 'out.csv'),
      policy: policyWith({ 'person-name': 'label' }),
      dataset,
      keys,
      workers: 2,
      workerUrl: pathToFileURL(workerFile),
      chunkSize: 16 * 1024,
    });
    const out = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
    rmSync(dir, { recursive: true, force: true });
    expect(out).toHaveLength(4000);
    // 张伟 (even rows) is [姓名1] and 李娜 (odd rows) [姓名2] in every row, whichever thread ran it.
    const wrong = out.filter((line, i) => !line.includes(`来电人[姓名${i % 2 === 0 ? 1 : 2}]`));
    expect(wrong).toEqual([]);
  });
});
