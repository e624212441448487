// Leak test (issue 12): run the whole pipeline with a known keyring and known
// personal data, then search everything dataguard emits — output records,
// ledger events and the SQLite file they live in, checkpoints, error messages
// (with their JSON, causes and stacks), the anonymity report, incident reports,
// and the CLI's files, stdout and stderr — for the key bytes (hex and base64
// of the master key and of the derived keys) and for the original values of
// irreversibly transformed fields. Any hit fails.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureAnonymity, renderAnonymityReport } from '../../src/anonymity/index.ts';
import {
  createConsentDecider,
  createMemoryConsentStore,
  createPurposeTaxonomy,
} from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { createKeyring, getSuite, type Keyring } from '../../src/crypto/index.ts';
import { compilePolicy, compileTransform } from '../../src/deidentify/index.ts';
import { parseResidentId } from '../../src/detect/index.ts';
import { createLedgerSigner, createMemorySink, protect } from '../../src/pipeline/index.ts';
import { createLedger, type Ledger } from '../../src/provenance/index.ts';
import {
  createResponsibilityChain,
  incidentToHtml,
  incidentToMarkdown,
} from '../../src/responsibility/index.ts';
import {
  createSqliteLedgerStore,
  openSqlite,
  type SqliteDatabase,
} from '../../src/store/sqlite/index.ts';
import { createCatalog, defineDataset } from '../../src/tags/index.ts';

const root = new URL('../../', import.meta.url);
const examplePath = (name: string) => new URL(`examples/${name}`, root).pathname;
const definition = JSON.parse(readFileSync(examplePath('residents.dataset.json'), 'utf8'));
const dataset = defineDataset(definition);
const sharePolicy = JSON.parse(readFileSync(examplePath('share.policy.json'), 'utf8'));
const openPolicy = JSON.parse(readFileSync(examplePath('open.policy.json'), 'utf8'));
const shareRequest = JSON.parse(readFileSync(examplePath('share-request.json'), 'utf8'));
const shareCatalog = createCatalog();
shareCatalog.register(dataset);
const shareDecider = createConsentDecider({
  store: createMemoryConsentStore(),
  catalog: shareCatalog,
});
const csvText = readFileSync(examplePath('residents.csv'), 'utf8');
const [headerLine, ...lines] = csvText.trim().split('\n');
const header = (headerLine as string).split(',');
const records = lines.map((line) =>
  Object.fromEntries(line.split(',').map((v, i) => [header[i], v])),
) as Record<string, string>[];

// A master key with no repeating pattern, so every encoding of it is distinctive.
const MASTER = Uint8Array.from({ length: 32 }, (_, i) => (i * 73 + 41) & 0xff);
const MASTER_HEX = Buffer.from(MASTER).toString('hex');
const KEY_ID = 'k-leak-test';
const keyRecord = {
  id: KEY_ID,
  suite: 'international',
  material: `hex:${MASTER_HEX}`,
  createdAt: '2026-01-01T00:00:00Z',
  status: 'active',
} as const;
const actor = { id: 'gov.example.civil-affairs', kind: 'agency', name: '民政局' } as const;
const recipient = { id: 'gov.example.health', kind: 'agency', name: '卫健委' } as const;
const ORIGIN = 'ledger.example.gov.cn';

/** The secrets: the master key and the subkeys the keyring derives from it (HKDF labels as in src/crypto/keyring.ts). */
function secrets(): { name: string; bytes: Uint8Array }[] {
  const suite = getSuite('international');
  const derive = (label: string, length: number) =>
    suite.hkdf(MASTER, undefined, new TextEncoder().encode(label), length);
  return [
    { name: 'master key', bytes: MASTER },
    { name: 'pseudonym:resident-id subkey', bytes: derive('pseudonym:resident-id', 32) },
    { name: 'ff1:default subkey', bytes: derive('ff1:default', 32) },
    { name: 'signature:ed25519 seed', bytes: derive('signature:ed25519', 32) },
    { name: 'aead:deterministic:default subkey', bytes: derive('aead:deterministic:default', 64) },
    { name: 'aead:randomized:default subkey', bytes: derive('aead:randomized:default', 32) },
  ];
}

interface Needle {
  readonly what: string;
  readonly text?: string;
  readonly bytes?: Uint8Array;
}

/** Every encoding of each secret, whole and as a 16-byte prefix (a truncated leak is still a leak). */
function keyNeedles(): Needle[] {
  const out: Needle[] = [];
  for (const { name, bytes } of secrets()) {
    for (const part of [bytes, bytes.subarray(0, 16)]) {
      const buffer = Buffer.from(part);
      const label = part === bytes ? name : `${name} (first 16 bytes)`;
      out.push({ what: `${label} hex`, text: buffer.toString('hex') });
      out.push({ what: `${label} HEX`, text: buffer.toString('hex').toUpperCase() });
      // Base64 of a prefix is only stable for whole 3-byte groups.
      const b64 = buffer.toString('base64');
      out.push({ what: `${label} base64`, text: part === bytes ? b64 : b64.slice(0, 20) });
      out.push({
        what: `${label} base64url`,
        text:
          part === bytes ? buffer.toString('base64url') : buffer.toString('base64url').slice(0, 20),
      });
      out.push({ what: `${label} raw bytes`, bytes: part });
    }
  }
  return out;
}

/**
 * Original values of the fields a policy transforms irreversibly (mask,
 * pseudonymize, generalize, redact), skipping values that also occur where they
 * may legitimately appear (kept fields, the dataset and policy documents).
 */
function originalNeedles(fields: readonly string[], allowedText: string): Needle[] {
  const out = new Map<string, Needle>();
  for (const record of records) {
    for (const field of fields) {
      const value = record[field];
      if (value === undefined || value.length < 2 || allowedText.includes(value)) continue;
      out.set(`${field}:${value}`, { what: `original ${field}`, text: value });
    }
  }
  return [...out.values()];
}

function allowedCorpus(kept: readonly string[]): string {
  return [
    JSON.stringify(definition),
    JSON.stringify(sharePolicy),
    JSON.stringify(openPolicy),
    ...records.flatMap((r) => kept.map((f) => r[f] ?? '')),
  ].join('\n');
}

const SHARE_IRREVERSIBLE = ['name', 'id_card', 'birth_date'];
const SHARE_KEPT = ['sex', 'district', 'occupation', 'household_size'];
const OPEN_IRREVERSIBLE = ['name', 'id_card', 'mobile', 'birth_date', 'district', 'occupation'];
const OPEN_KEPT = ['sex', 'diagnosis', 'household_size'];

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return -1;
  const first = needle[0] as number;
  for (
    let i = haystack.indexOf(first);
    i !== -1 && i <= haystack.length - needle.length;
    i = haystack.indexOf(first, i + 1)
  ) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** Searches one emitted artifact (text or bytes) for every needle; returns the hits. */
function hits(where: string, artifact: string | Uint8Array, needles: readonly Needle[]): string[] {
  const text = typeof artifact === 'string' ? artifact : Buffer.from(artifact).toString('latin1');
  const utf8 = typeof artifact === 'string' ? Buffer.from(artifact) : artifact;
  const found: string[] = [];
  for (const needle of needles) {
    if (needle.text !== undefined) {
      const asBytes = Buffer.from(needle.text);
      if (
        (typeof artifact === 'string' && artifact.includes(needle.text)) ||
        indexOfBytes(utf8, asBytes) !== -1
      ) {
        found.push(`${where}: ${needle.what} (${needle.text.slice(0, 12)}…)`);
      }
    }
    if (
      needle.bytes !== undefined &&
      (indexOfBytes(utf8, needle.bytes) !== -1 ||
        text.includes(Buffer.from(needle.bytes).toString('latin1')))
    ) {
      found.push(`${where}: ${needle.what}`);
    }
  }
  return found;
}

/** An error's full surface: message, JSON, stack, and the same for its causes. */
function errorSurface(error: unknown, depth = 0): string {
  if (depth > 5 || error === undefined || error === null) return '';
  if (!(error instanceof Error)) return String(error);
  const json =
    typeof (error as { toJSON?: () => unknown }).toJSON === 'function' ? JSON.stringify(error) : '';
  return [
    error.name,
    error.message,
    json,
    error.stack ?? '',
    String(error),
    errorSurface(error.cause, depth + 1),
  ].join('\n');
}

const NO_ERROR = Symbol('no error');

async function capture(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return NO_ERROR;
}

let dir: string;
let keyring: Keyring;
let db: SqliteDatabase;
let ledger: Ledger;
const notThrown: string[] = [];
const artifacts: {
  where: string;
  content: string | Uint8Array;
  needles: 'share' | 'open' | 'keys';
}[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dataguard-leak-'));
  keyring = createKeyring({ keys: [keyRecord] });
  db = openSqlite({ path: join(dir, 'ledger.db') });
  ledger = createLedger({
    origin: ORIGIN,
    store: createSqliteLedgerStore(db),
    signer: createLedgerSigner(keyring, ORIGIN),
    clock: fixedClock('2026-11-23T08:00:00+08:00'),
  });

  // 1. The pipeline: a provision (keyed pseudonyms, FPE, masks) and an anonymized open release.
  const shareSink = createMemorySink();
  const shareSummary = await protect({
    input: records,
    sink: shareSink,
    share: { decider: shareDecider, request: shareRequest },
    dataset,
    policy: sharePolicy,
    purpose: 'statutory-duty',
    actor,
    recipient,
    legalBasis: 'statutory-duty',
    keyring,
    ledger,
  });
  artifacts.push({
    where: 'share output records',
    content: JSON.stringify(shareSink.records),
    needles: 'share',
  });
  artifacts.push({
    where: 'share summary',
    content: JSON.stringify(shareSummary),
    needles: 'share',
  });
  const openSink = createMemorySink();
  const openSummary = await protect({
    input: records,
    sink: openSink,
    open: { decider: shareDecider, request: { requester: { id: 'public', kind: 'system' } } },
    dataset,
    policy: openPolicy,
    purpose: 'public-data.opening',
    actor,
    recipient: { id: 'public', kind: 'system', name: '公共数据开放平台' },
    processing: 'open',
    legalBasis: 'statutory-duty',
    anonymity: { k: 5 },
    keyring,
    ledger,
  });
  artifacts.push({
    where: 'open output records',
    content: JSON.stringify(openSink.records),
    needles: 'open',
  });
  artifacts.push({ where: 'open summary', content: JSON.stringify(openSummary), needles: 'open' });

  // 2. The ledger: every event's bytes, the checkpoints, the proofs.
  const size = await ledger.size();
  for (let i = 0; i < size; i++) {
    const entry = await ledger.get(i);
    artifacts.push({ where: `ledger event ${i} bytes`, content: entry.bytes, needles: 'share' });
    artifacts.push({ where: `ledger event ${i} bytes`, content: entry.bytes, needles: 'open' });
    artifacts.push({
      where: `ledger inclusion proof ${i}`,
      content: JSON.stringify(await ledger.proveInclusion(i), (_, v) =>
        v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
      ),
      needles: 'keys',
    });
  }
  const checkpoint = await ledger.checkpoint();
  artifacts.push({ where: 'checkpoint note', content: checkpoint.note, needles: 'share' });
  artifacts.push({
    where: 'ledger verify report',
    content: JSON.stringify(await ledger.verify()),
    needles: 'keys',
  });

  // 3. Reports: anonymity (HTML) and an incident on the shared copy (HTML, Markdown, JSON).
  const qi = ['birth_date', 'sex', 'district'];
  const html = renderAnonymityReport({
    title: 'residents open extract',
    before: measureAnonymity(records, { quasiIdentifiers: qi }),
    after: measureAnonymity(openSink.records as Record<string, string>[], {
      quasiIdentifiers: ['district'],
    }),
    levels: { birth_date: 2, district: 1 },
  });
  artifacts.push({ where: 'anonymity HTML report', content: html, needles: 'open' });
  const chain = createResponsibilityChain({
    ledger,
    clock: fixedClock('2026-11-24T08:00:00+08:00'),
  });
  const incident = await chain.openIncident({
    datasets: [shareSummary.target.id],
    kind: 'leak',
    discoveredAt: '2026-11-24T09:00:00+08:00',
    scope: { fields: ['id_card', 'mobile'], description: 'recipient storage bucket left public' },
    record: true,
  });
  artifacts.push({
    where: 'incident report JSON',
    content: JSON.stringify(incident),
    needles: 'share',
  });
  artifacts.push({ where: 'incident HTML', content: incidentToHtml(incident), needles: 'share' });
  artifacts.push({
    where: 'incident Markdown',
    content: incidentToMarkdown(incident),
    needles: 'share',
  });

  // 4. Errors triggered with personal data and key material in the input.
  const victim = records[7] as { name: string; id_card: string; mobile: string } & Record<
    string,
    string
  >;
  const pi = `${victim.name} ${victim.id_card} ${victim.mobile}`;
  const errors: [string, unknown][] = [
    [
      'protect with a broken mobile',
      await capture(() =>
        protect({
          input: [{ ...victim, mobile: pi }],
          dataset,
          policy: sharePolicy,
          purpose: 'statutory-duty',
          actor,
          recipient,
          legalBasis: 'statutory-duty',
          share: { decider: shareDecider, request: shareRequest },
          keyring,
          ledger,
        }),
      ),
    ],
    [
      'protect with a record that is not an object',
      await capture(() =>
        protect({
          input: [pi as never],
          dataset,
          policy: sharePolicy,
          purpose: 'statutory-duty',
          actor,
          recipient,
          legalBasis: 'statutory-duty',
          share: { decider: shareDecider, request: shareRequest },
          keyring,
          ledger,
        }),
      ),
    ],
    [
      'protect failing the anonymity gate',
      await capture(() =>
        protect({
          input: records.slice(0, 20),
          dataset,
          policy: openPolicy,
          purpose: 'public-data.opening',
          actor,
          recipient: { id: 'public', kind: 'system' },
          processing: 'open',
          legalBasis: 'statutory-duty',
          open: { decider: shareDecider, request: { requester: { id: 'public', kind: 'system' } } },
          anonymity: { k: 50 },
          keyring,
          ledger,
        }),
      ),
    ],
    [
      'FPE of a malformed resident ID',
      await capture(() =>
        compileTransform(
          { type: 'fpe', format: 'cn-resident-id' },
          { keyring },
        )(`${victim.id_card.slice(0, 17)}Z`),
      ),
    ],
    [
      'FPE of a malformed mobile',
      await capture(() =>
        compileTransform({ type: 'fpe', format: 'cn-mobile' }, { keyring })(`${victim.mobile}9`),
      ),
    ],
    [
      'parseResidentId of a near-miss',
      await capture(() =>
        parseResidentId(
          `${victim.id_card.slice(0, 17)}${victim.id_card.endsWith('0') ? '1' : '0'}`,
        ),
      ),
    ],
    [
      'ledger.append with a phone number in details',
      await capture(() =>
        ledger.append({
          processing: 'use',
          actor,
          purpose: 'statutory-duty',
          legalBasis: 'statutory-duty',
          inputs: [],
          outputs: [],
          details: { contact: victim.mobile },
        }),
      ),
    ],
    [
      'ledger.append with an ID in a dataset id',
      await capture(() =>
        ledger.append({
          processing: 'use',
          actor,
          purpose: 'statutory-duty',
          legalBasis: 'statutory-duty',
          inputs: [{ id: `${victim.id_card} ${victim.name}` }],
          outputs: [],
          details: { note: `${victim.id_card}` },
        }),
      ),
    ],
    [
      'createKeyring with the key in a bad record',
      await capture(() => createKeyring({ keys: [{ ...keyRecord, status: 'bogus' as never }] })),
    ],
    [
      'createKeyring with truncated key material',
      await capture(() =>
        createKeyring({ keys: [{ ...keyRecord, material: `hex:${MASTER_HEX.slice(0, 63)}` }] }),
      ),
    ],
    [
      'createKeyring with a too-short key (8 bytes)',
      await capture(() =>
        createKeyring({ keys: [{ ...keyRecord, material: `hex:${MASTER_HEX.slice(0, 16)}` }] }),
      ),
    ],
    [
      'compilePolicy keyed transform without keys',
      await capture(() => compilePolicy(sharePolicy, { dataset })),
    ],
    [
      'decrypt with a wrong key',
      await capture(() =>
        createKeyring({ keys: [keyRecord] })
          .aead('default', 'randomized')
          .open(new Uint8Array(64).fill(1)),
      ),
    ],
    [
      'consent decide for a subject given by resident ID',
      await capture(() => {
        const decider = createConsentDecider({
          store: createMemoryConsentStore(),
          purposes: createPurposeTaxonomy({
            purposes: [{ id: 'public-service.x', needs: { categories: ['basic'] } }],
          }),
        });
        return decider.assertAllowed({
          subject: victim.id_card,
          purpose: 'public-service.x',
          processing: 'use',
          fields: [{ name: 'name', piCategory: 'basic' }],
          at: '2026-03-01T10:00:00+08:00',
        });
      }),
    ],
  ];
  for (const [what, error] of errors) {
    if (error === NO_ERROR) {
      notThrown.push(what);
      continue;
    }
    artifacts.push({ where: `error: ${what}`, content: errorSurface(error), needles: 'keys' });
    artifacts.push({ where: `error: ${what}`, content: errorSurface(error), needles: 'share' });
    artifacts.push({
      where: `error: ${what} (victim's values)`,
      content: [error instanceof Error ? error.message : '', JSON.stringify(error)].join('\n'),
      needles: 'share',
    });
    // The victim's own values must not be repeated in the message or JSON either (stack traces name code, not data).
    const surface = [
      error instanceof Error ? error.message : String(error),
      JSON.stringify(error),
    ].join('\n');
    for (const value of [victim.id_card, victim.mobile, victim.name]) {
      if (surface.includes(value as string))
        artifacts.push({
          where: `error: ${what} repeats the victim's ${value === victim.name ? 'name' : 'identifier'}`,
          content: 'LEAK',
          needles: 'keys',
        });
    }
  }

  // 5. The SQLite file itself (and its WAL), where ledger events and checkpoints are stored.
  db.close();
  for (const name of readdirSync(dir)) {
    artifacts.push({
      where: `SQLite file ${name}`,
      content: readFileSync(join(dir, name)),
      needles: 'share',
    });
    artifacts.push({
      where: `SQLite file ${name}`,
      content: readFileSync(join(dir, name)),
      needles: 'keys',
    });
  }
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('leak test: no key bytes and no original values of irreversibly transformed fields escape', () => {
  const keys = keyNeedles();

  it('the needles are real (a planted copy is found), so a clean result means something', () => {
    const planted = `prefix ${MASTER_HEX} ${Buffer.from(MASTER).toString('base64')}`;
    expect(hits('planted', planted, keys).length).toBeGreaterThanOrEqual(2);
    expect(hits('planted', Buffer.concat([Buffer.from('x'), Buffer.from(MASTER)]), keys)).toContain(
      'planted: master key raw bytes',
    );
    const share = originalNeedles(SHARE_IRREVERSIBLE, allowedCorpus(SHARE_KEPT));
    expect(share.length).toBeGreaterThan(records.length); // names, IDs and birth dates of every resident
    expect(hits('planted', JSON.stringify(records[3]), share).length).toBeGreaterThan(0);
  });

  it('scans every artifact: outputs, ledger bytes, checkpoints, proofs, reports, errors, SQLite files', () => {
    const share = [...keys, ...originalNeedles(SHARE_IRREVERSIBLE, allowedCorpus(SHARE_KEPT))];
    const open = [...keys, ...originalNeedles(OPEN_IRREVERSIBLE, allowedCorpus(OPEN_KEPT))];
    const found: string[] = [];
    for (const artifact of artifacts) {
      if (artifact.content === 'LEAK') {
        found.push(artifact.where);
        continue;
      }
      found.push(
        ...hits(
          artifact.where,
          artifact.content,
          artifact.needles === 'share' ? share : artifact.needles === 'open' ? open : keys,
        ),
      );
    }
    expect(artifacts.length).toBeGreaterThan(20);
    // Every error trigger really failed (otherwise its message was not checked).
    expect(notThrown).toEqual([]);
    expect(found).toEqual([]);
  });

  it('the CLI (protect, ledger verify, ledger show) writes no key bytes or originals to its files, stdout or stderr', async () => {
    let program: typeof import('../../src/cli/program.ts');
    try {
      program = await import('../../src/cli/program.ts');
    } catch (error) {
      process.stderr.write(
        `\n[leak.test.ts] CLI leak check SKIPPED: src/cli/program.ts does not load (${(error as Error).message})\n`,
      );
      return;
    }
    const out: string[] = [];
    const io = {
      stdout: (t: string) => void out.push(t),
      stderr: (t: string) => void out.push(t),
      stderrIsTTY: false,
    };
    const names = (await program.buildProgram(io)).commands.map((c) => c.name());
    if (!names.includes('protect') || !names.includes('ledger')) {
      process.stderr.write(
        `\n[leak.test.ts] CLI leak check SKIPPED: no protect/ledger commands yet (${names.join(', ')})\n`,
      );
      return;
    }
    const work = mkdtempSync(join(tmpdir(), 'dataguard-leak-cli-'));
    try {
      const keysPath = join(work, 'keyring.json');
      writeFileSync(keysPath, JSON.stringify({ keys: [keyRecord] }), { mode: 0o600 });
      const input = join(work, 'residents.csv');
      writeFileSync(input, csvText);
      const common = ['--ledger', join(work, 'dg.db'), '--keys', keysPath];
      const runs = [
        [
          'protect',
          input,
          '--dataset',
          examplePath('residents.dataset.json'),
          '--policy',
          examplePath('share.policy.json'),
          '--purpose',
          'statutory-duty',
          '--actor',
          actor.id,
          '--recipient',
          recipient.id,
          '--legal-basis',
          'statutory-duty',
          '--share-request',
          examplePath('share-request.json'),
          '--out',
          join(work, 'share.csv'),
          ...common,
        ],
        [
          'protect',
          input,
          '--dataset',
          examplePath('residents.dataset.json'),
          '--policy',
          examplePath('open.policy.json'),
          '--purpose',
          'public-data.opening',
          '--actor',
          actor.id,
          '--recipient',
          'public',
          '--recipient-kind',
          'system',
          '--processing',
          'open',
          '--open-request',
          examplePath('open-request.json'),
          '--k',
          '5',
          '--legal-basis',
          'statutory-duty',
          '--out',
          join(work, 'open.csv'),
          ...common,
        ],
        [
          'protect',
          input,
          '--dataset',
          examplePath('residents.dataset.json'),
          '--policy',
          examplePath('open.policy.json'),
          '--purpose',
          'public-data.opening',
          '--actor',
          actor.id,
          '--recipient',
          'public',
          '--processing',
          'open',
          '--open-request',
          examplePath('open-request.json'),
          '--k',
          '400',
          '--legal-basis',
          'statutory-duty',
          '--out',
          join(work, 'fail.csv'),
          ...common,
        ],
        ['ledger', 'verify', ...common],
        ['ledger', 'show', ...common],
        ['ledger', 'checkpoint', ...common],
      ];
      const codes: number[] = [];
      for (const argv of runs) codes.push(await program.run(argv, io));
      expect(codes.slice(0, 2), out.join('')).toEqual([0, 0]);
      expect(codes[2]).not.toBe(0); // the failing gate
      const share = [...keys, ...originalNeedles(SHARE_IRREVERSIBLE, allowedCorpus(SHARE_KEPT))];
      const open = [...keys, ...originalNeedles(OPEN_IRREVERSIBLE, allowedCorpus(OPEN_KEPT))];
      const found = [...hits('CLI stdout/stderr', out.join(''), share)];
      for (const name of readdirSync(work)) {
        if (name === 'keyring.json' || name === 'residents.csv') continue;
        const content = readFileSync(join(work, name));
        const needles = name.startsWith('open') ? open : share;
        found.push(...hits(`CLI file ${name}`, content, needles));
      }
      expect(found).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
