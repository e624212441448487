// The shared scenario: civil affairs collects household data, stores it in the
// big-data center's system, shares it with health and education; health
// entrusts a processor, which derives a model dataset; the processor leaks.
import type { PartyRef } from '../../src/core/refs.ts';
import type { RecordedEvent } from '../../src/responsibility/index.ts';
import { createCatalog } from '../../src/tags/index.ts';

export const civil: PartyRef = { id: 'civil-affairs', kind: 'agency', name: '民政局' };
export const bdc: PartyRef = { id: 'big-data-center', kind: 'agency', name: '大数据中心' };
export const health: PartyRef = { id: 'health-commission', kind: 'agency', name: '卫健委' };
export const education: PartyRef = { id: 'education-bureau', kind: 'agency', name: '教育局' };
export const acme: PartyRef = { id: 'acme-analytics', kind: 'enterprise', name: 'Acme Analytics' };

const base = {
  purpose: 'public-service.social-assistance',
  legalBasis: 'statutory-duty',
} as const;

export const events: RecordedEvent[] = [
  {
    ...base,
    id: 'e1-collect',
    time: '2026-01-05T09:00:00+08:00',
    processing: 'collect',
    actor: civil,
    inputs: [],
    outputs: [{ id: 'households', version: '1' }],
    subjectCount: 1200,
  },
  {
    ...base,
    id: 'e2-store',
    time: '2026-01-06T09:00:00+08:00',
    processing: 'store',
    actor: bdc,
    onBehalfOf: civil,
    inputs: [{ id: 'households' }],
    outputs: [],
  },
  {
    ...base,
    id: 'e3-share-health',
    time: '2026-02-01T09:00:00+08:00',
    processing: 'share',
    actor: civil,
    inputs: [{ id: 'households' }],
    outputs: [{ id: 'households@health' }],
    recipients: [health],
    subjectCount: 1200,
  },
  {
    ...base,
    id: 'e4-share-education',
    time: '2026-02-02T09:00:00+08:00',
    processing: 'share',
    actor: civil,
    inputs: [{ id: 'households' }],
    outputs: [{ id: 'households@education' }],
    recipients: [education],
    fields: ['address', 'size'],
    subjectCount: 300,
  },
  {
    ...base,
    id: 'e5-entrust',
    time: '2026-02-10T09:00:00+08:00',
    processing: 'entrust',
    actor: health,
    inputs: [{ id: 'households@health' }],
    outputs: [],
    recipients: [acme],
  },
  {
    ...base,
    id: 'e6-use',
    time: '2026-02-15T09:00:00+08:00',
    processing: 'use',
    actor: acme,
    onBehalfOf: health,
    inputs: [{ id: 'households@health' }],
    outputs: [],
  },
  {
    ...base,
    id: 'e7-process',
    time: '2026-02-20T09:00:00+08:00',
    processing: 'process',
    actor: acme,
    onBehalfOf: health,
    inputs: [{ id: 'households@health' }],
    outputs: [{ id: 'households@health-model' }],
    subjectCount: 1150,
  },
  {
    ...base,
    id: 'e8-entrust-end',
    time: '2026-03-20T09:00:00+08:00',
    processing: 'entrust',
    actor: health,
    inputs: [{ id: 'households@health' }],
    outputs: [],
    recipients: [acme],
    details: { end: true },
  },
  {
    ...base,
    id: 'e9-delete-education',
    time: '2026-04-01T09:00:00+08:00',
    processing: 'delete',
    actor: education,
    inputs: [{ id: 'households@education' }],
    outputs: [],
  },
];

/** A catalog declaring civil affairs as the provider (owner) of the households dataset. */
export function scenarioCatalog(): ReturnType<typeof createCatalog> {
  const catalog = createCatalog({ clock: () => 0 });
  catalog.register({
    id: 'households',
    version: '1',
    domain: 'government',
    provider: civil,
    fields: [
      {
        name: 'address',
        role: 'quasi-identifier',
        piCategory: 'basic',
        share: 'conditional',
        open: 'closed',
        openBasis: 'PIPL Art. 25',
      },
      { name: 'size', role: 'insensitive', share: 'unconditional', open: 'open' },
    ],
  });
  return catalog;
}
