import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import {
  createConsentService,
  createMemoryConsentStore,
  defineNotice,
  type Notice,
} from '../../src/consent/index.ts';
import { noticeChanges } from '../../src/consent/notice.ts';
import { toHex } from '../../src/core/bytes.ts';
import { canonicalBytes } from '../../src/core/canonical-json.ts';
import { createSqliteConsentStore, openSqlite } from '../../src/store/sqlite/index.ts';
import { notice as definition } from './fixtures.ts';

// A notice's processing activities are `processing`, as on consents and
// requests. Notices stored before the rename hold `methods`: they must still
// load, keep their digests and be republished without a conflict.

/** The notice as stored before the rename: `methods`, and the digest over that form. */
function legacyNotice(): Record<string, unknown> {
  const { digest: _digest, processing, ...rest } = defineNotice(definition);
  const body = { ...rest, methods: processing };
  return { ...body, digest: `sha-256:${toHex(sha256(canonicalBytes(body)))}` };
}

describe("a notice's processing activities", () => {
  it('are named processing, and the digest is the one notices had before the rename', () => {
    const notice = defineNotice(definition);
    expect(notice.processing).toEqual(['collect', 'disclose', 'provide', 'store', 'use']);
    expect('methods' in notice).toBe(false);
    expect(notice.digest).toBe(legacyNotice().digest);
  });

  it('accept the former name on input, for notices exported or stored before the rename', async () => {
    const { processing, ...rest } = definition;
    const old = { ...rest, methods: processing } as unknown as Notice;
    expect(defineNotice(old as never)).toEqual(defineNotice(definition));
    const service = createConsentService({ store: createMemoryConsentStore() });
    const stored = await service.publishNotice(legacyNotice() as unknown as Notice);
    expect(stored.processing).toEqual(defineNotice(definition).processing);
    expect(noticeChanges(old, defineNotice(definition)).needsNewConsent).toBe(false);
  });

  it('refuse both names at once', () => {
    expect(() => defineNotice({ ...definition, methods: ['use'] } as never)).toThrow(
      expect.objectContaining({ name: 'ValidationError' }),
    );
  });

  it('load from a SQLite row written before the rename, decide, and republish without conflict', async () => {
    const db = openSqlite({ path: ':memory:' });
    const store = createSqliteConsentStore(db);
    const legacy = legacyNotice();
    db.db
      .prepare('INSERT INTO consent_notices (id, version, doc) VALUES (?, ?, ?)')
      .run(definition.id, definition.version, JSON.stringify(legacy));
    const read = (await store.getNotice(definition.id)) as Notice;
    expect(read.processing).toEqual(['collect', 'disclose', 'provide', 'store', 'use']);
    expect(read.digest).toBe(legacy.digest);
    expect((await store.noticeVersions(definition.id))[0]?.processing).toEqual(read.processing);

    const service = createConsentService({ store });
    await service.publishNotice(definition); // same notice, new field name: no conflict
    service.taxonomy.extend('public-service.social-assistance', {
      needs: { categories: ['basic'] },
    });
    const record = await service.recordConsent({
      subject: 's1',
      notice: { id: definition.id },
      purposes: ['public-service.social-assistance'],
      piCategories: ['basic'],
      processing: ['use'],
      method: 'written',
      givenBy: { role: 'subject', id: 's1' },
      at: '2026-02-01',
    });
    expect(record.notice.digest).toBe(legacy.digest);
    const decision = await service.decide({
      subject: { id: 's1', birthDate: '1980-01-01' },
      purpose: 'public-service.social-assistance',
      processing: 'use',
      fields: [{ name: 'mobile', piCategory: 'basic' }],
      at: '2026-03-01',
    });
    expect(decision.allowed).toBe(true);
    db.close();
  });
});
