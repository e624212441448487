// The release pipeline at scale (slow set): the fixture is protect.test.ts's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createConsentDecider, createMemoryConsentStore } from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { createKeyring } from '../../src/crypto/index.ts';
import { ledgerSigner, protect } from '../../src/pipeline/index.ts';
import { createLedger } from '../../src/provenance/index.ts';
import { createCatalog, defineDataset } from '../../src/tags/index.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const dataset = defineDataset(read('examples/residents.dataset.json'));
const sharePolicy = read('examples/share.policy.json');
const shareRequest = read('examples/share-request.json');
const csv = readFileSync(new URL('examples/residents.csv', root), 'utf8').trim().split('\n');
const header = (csv[0] as string).split(',');
const records = csv
  .slice(1)
  .map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i], v])));
const keys = [
  {
    id: 'k1',
    suite: 'international' as const,
    material: '11'.repeat(32),
    createdAt: '2026-01-01T00:00:00Z',
    status: 'active' as const,
  },
];

function provision() {
  const keyring = createKeyring({ keys });
  const origin = 'ledger.example.gov.cn';
  const ledger = createLedger({
    origin,
    signer: ledgerSigner(keyring, origin),
    clock: fixedClock('2026-11-23T08:00:00+08:00'),
  });
  const catalog = createCatalog();
  catalog.register(dataset);
  const decider = createConsentDecider({ store: createMemoryConsentStore(), catalog });
  return {
    dataset,
    purpose: 'statutory-duty',
    actor: { id: 'gov.example.civil-affairs', kind: 'agency' as const, name: '民政局' },
    recipient: { id: 'gov.example.health', kind: 'agency' as const, name: '卫健委' },
    legalBasis: 'statutory-duty' as const,
    share: { decider, request: shareRequest },
    keyring,
    ledger,
  };
}

describe('protect() at scale', () => {
  it('measures 150,000 distinct classes without overflowing the stack', async () => {
    const many = Array.from({ length: 150_000 }, (_, i) => ({
      ...records[i % records.length],
      birth_date: `19${String(10 + (i % 90)).padStart(2, '0')}-01-01`,
      occupation: `job-${i}`,
    }));
    const policy = {
      ...sharePolicy,
      rules: sharePolicy.rules.filter((r: { id: string }) => r.id !== 'birth-date'),
      keep: [...sharePolicy.keep, 'birth_date'],
    };
    const summary = await protect({ ...provision(), input: many, policy, checkpoint: false });
    expect(summary.anonymity?.classes).toBe(150_000);
    expect(summary.anonymity?.k).toBe(1);
  });
});
