// Consent receipts (issue 18): a consent record exported as an ISO/IEC TS
// 27560 consent record (JSON-LD, DPV terms) and imported again is the same
// record, and a service that imports it decides as the one that recorded it.
import { describe, expect, it } from 'vitest';
import { CONSENT_RECEIPT_PROFILE } from '../../src/consent/consent-receipt.ts';
import {
  createConsentService,
  createMemoryConsentStore,
  createPurposeTaxonomy,
  fromConsentReceipt,
  toConsentReceipt,
} from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { consentOf, NOW, notice, REVIEW, tags } from './fixtures.ts';

const make = () =>
  createConsentService({
    store: createMemoryConsentStore(),
    taxonomy: createPurposeTaxonomy({
      purposes: [{ id: REVIEW, needs: { categories: ['basic', 'identity'] } }],
    }),
    clock: fixedClock(NOW),
  });

describe('ISO/IEC TS 27560 consent records', () => {
  it('round-trips a consent record with every optional field and its events', async () => {
    const a = make();
    await a.publishNotice(notice);
    const record = await a.recordConsent(
      consentOf('child-1', {
        givenBy: { role: 'guardian', id: 'parent-1', relation: 'parent' },
        separate: { sensitive: true },
        piAttributes: ['name', 'id_card'],
        collectionMethod: 'service counter form',
        storageLocations: ['CN-35'],
        validFor: 'P2Y',
      }),
    );
    await a.renew(record.id, { at: '2026-02-10T00:00:00+08:00', validFor: 'P3Y', note: 'renewed' });
    const stored = await a.withdraw(record.id, { at: '2026-02-20T00:00:00+08:00' });
    const receipt = await a.exportConsent(record.id);
    expect(receipt).toMatchObject({
      '@type': 'dpv:ConsentRecord',
      'dct:conformsTo': CONSENT_RECEIPT_PROFILE,
      'dct:identifier': record.id,
      'dpv:hasDataSubject': { 'dct:identifier': 'child-1' },
      'dpv:hasDataController': { 'dct:identifier': 'civil-affairs', 'dct:type': 'agency' },
      'dpv:hasLegalBasis': 'dpv:Consent',
      'dpv:hasConsentStatus': 'dpv:ConsentWithdrawn',
    });
    expect(receipt['dataguard:events'].map((e) => e['dpv:hasConsentStatus'])).toEqual([
      'dpv:ConsentGiven',
      'dpv:RenewedConsentGiven',
      'dpv:ConsentWithdrawn',
    ]);
    // Through JSON text, as it travels.
    const back = fromConsentReceipt(JSON.parse(JSON.stringify(receipt)));
    expect(back).toEqual(stored);
  });

  it('an imported receipt decides as the original', async () => {
    const a = make();
    const b = make();
    await a.publishNotice(notice);
    await b.publishNotice(notice);
    const record = await a.recordConsent(
      consentOf('resident-1', { separate: { sensitive: true } }),
    );
    const imported = await b.importConsent(await a.exportConsent(record.id));
    expect(imported).toEqual(record);
    const request = {
      subject: { id: 'resident-1', birthDate: '1980-05-20' },
      purpose: REVIEW,
      processing: 'use' as const,
      fields: [tags.name, tags.idCard],
    };
    const [da, db] = [await a.decide(request), await b.decide(request)];
    expect(da.allowed).toBe(true);
    expect(db.toJSON()).toMatchObject({ ...da.toJSON(), digest: expect.any(String) });
    expect(db.allowedFields).toEqual(da.allowedFields);
  });

  it('refuses receipts whose notice is not published here, whose status disagrees, or that are malformed', async () => {
    const a = make();
    await a.publishNotice(notice);
    const record = await a.recordConsent(consentOf('resident-1'));
    const receipt = toConsentReceipt(record);
    const other = make();
    await expect(other.importConsent(receipt)).rejects.toThrow(
      expect.objectContaining({ reason: 'unknown-notice' }),
    );
    expect(() =>
      fromConsentReceipt({ ...receipt, 'dpv:hasConsentStatus': 'dpv:ConsentWithdrawn' }),
    ).toThrow(expect.objectContaining({ reason: 'invalid-receipt' }));
    expect(() => fromConsentReceipt({ ...receipt, 'dpv:hasPurpose': [] })).toThrow(
      expect.objectContaining({ name: 'ValidationError' }),
    );
    expect(() => fromConsentReceipt({ ...receipt, extra: 1 } as unknown as typeof receipt)).toThrow(
      expect.objectContaining({ name: 'ValidationError' }),
    );
    await expect(a.exportConsent('nope')).rejects.toThrow(
      expect.objectContaining({ reason: 'not-found' }),
    );
  });
});
