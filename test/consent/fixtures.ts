// Shared fixtures: an agency notice, a catalog, subjects and a decider on a fixed clock.

import {
  type ConsentDecider,
  type ConsentInput,
  createConsentDecider,
  createMemoryConsentStore,
  createPurposeTaxonomy,
  type DutyDefinition,
  type FieldTag,
  type NoticeDefinition,
  type PurposeTaxonomy,
  type SubjectRecord,
  type SyncConsentStore,
} from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { type Catalog, createCatalog } from '../../src/tags/index.ts';

export const NOW = '2026-03-01T10:00:00+08:00';
export const civilAffairs = {
  id: 'civil-affairs',
  kind: 'agency' as const,
  name: 'Civil Affairs Bureau',
};
export const health = { id: 'health-commission', kind: 'agency' as const };
export const bigData = { id: 'big-data-bureau', kind: 'agency' as const };

export const notice: NoticeDefinition = {
  id: 'assistance-app',
  version: '1',
  handler: civilAffairs,
  contact: 'privacy@civil-affairs.example.gov.cn',
  purposes: ['public-service.social-assistance', 'statistics'],
  processing: ['collect', 'store', 'use', 'provide', 'disclose'],
  piCategories: ['basic', 'identity', 'property', 'health', 'minor-under-14'],
  retention: 'P5Y',
  rights: 'Me > Privacy in the app, or the service counter',
  language: 'zh-CN',
  publishedAt: '2026-01-01T00:00:00+08:00',
};

export const adult: SubjectRecord = { id: 'resident-1', birthDate: '1980-05-20' };
// GB 11643-1999's example number: born 1949-12-31.
export const elder: SubjectRecord = { id: 'resident-2', residentId: '11010519491231002X' };
export const child: SubjectRecord = {
  id: 'child-1',
  birthDate: '2016-09-01',
  guardians: ['parent-1'],
};
export const unknownAge: SubjectRecord = { id: 'resident-3' };

export function makeCatalog(): Catalog {
  const catalog = createCatalog({ clock: fixedClock(NOW) });
  catalog.register({
    id: 'assistance-applicants',
    version: '1',
    domain: 'government',
    provider: civilAffairs,
    fields: [
      {
        name: 'name',
        role: 'direct-identifier',
        piCategory: 'basic',
        share: 'conditional',
        open: 'closed',
        openBasis: 'PIPL Art. 25',
      },
      {
        name: 'id_card',
        role: 'direct-identifier',
        piCategory: 'identity',
        share: 'conditional',
        open: 'closed',
        openBasis: 'PIPL Art. 25',
      },
      {
        name: 'income',
        role: 'sensitive',
        piCategory: 'property',
        share: 'conditional',
        open: 'closed',
        openBasis: 'PIPL Art. 28',
      },
      {
        name: 'diagnosis',
        role: 'sensitive',
        piCategory: 'health',
        share: 'none',
        shareBasis: 'Basic Medical and Health Law Art. 92',
        open: 'closed',
        openBasis: 'PIPL Art. 28',
      },
      { name: 'district', role: 'quasi-identifier', share: 'unconditional', open: 'open' },
      {
        name: 'household_size',
        role: 'insensitive',
        share: 'unconditional',
        open: 'on-application',
      },
    ],
  });
  return catalog;
}

export const duties: Record<string, DutyDefinition> = {
  'health-commission/medical-assistance': {
    id: 'medical-assistance',
    law: 'Social Assistance Interim Measures Art. 28',
    scope: [{ dataset: 'assistance-applicants', fields: ['name', 'id_card'] }],
  },
};

/** What makeDecider() returns. */
export interface Fixture {
  readonly decider: ConsentDecider;
  readonly store: SyncConsentStore;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly purposes: PurposeTaxonomy;
  readonly subjects: Map<string, SubjectRecord>;
  readonly catalog: Catalog;
}

export function makeDecider(options: { clock?: ReturnType<typeof fixedClock> } = {}): Fixture {
  const clock = options.clock ?? fixedClock(NOW);
  const store = createMemoryConsentStore();
  const purposes = createPurposeTaxonomy({
    purposes: [
      {
        id: 'public-service.social-assistance.eligibility.review',
        needs: { categories: ['basic', 'identity', 'property', 'health', 'minor-under-14'] },
      },
      {
        id: 'statistics.poverty',
        needs: { fields: ['district', 'household_size', 'income'] },
        retention: 'P2Y',
      },
      {
        id: 'statutory-duty.civil-affairs.assistance-audit',
        bases: [{ basis: 'statutory-duty', law: 'Social Assistance Interim Measures Art. 55' }],
        needs: { categories: ['basic', 'identity', 'property'] },
        retention: 'P3Y',
      },
    ],
  });
  const subjects = new Map([adult, elder, child, unknownAge].map((s) => [s.id, s]));
  let random = 0;
  const catalog = makeCatalog();
  const decider = createConsentDecider({
    store,
    purposes,
    catalog,
    subjects: { get: (id) => subjects.get(id) },
    clock,
    random: (bytes) => bytes.fill(++random % 256),
    duties: { get: (party, id) => duties[`${party}/${id}`] },
  });
  decider.publishNotice(notice);
  return { decider, store, clock, purposes, subjects, catalog };
}

export const REVIEW = 'public-service.social-assistance.eligibility.review';

export function consentOf(subject: string, extra: Partial<ConsentInput> = {}): ConsentInput {
  return {
    subject,
    notice: { id: 'assistance-app' },
    purposes: ['public-service.social-assistance'],
    piCategories: ['basic', 'identity', 'property'],
    processing: ['collect', 'store', 'use'],
    method: 'electronic',
    givenBy: { role: 'subject', id: subject },
    at: '2026-02-01T09:00:00+08:00',
    ...extra,
  };
}

export const tags: Readonly<
  Record<'name' | 'idCard' | 'income' | 'diagnosis' | 'district', FieldTag>
> = {
  name: { name: 'name', piCategory: 'basic' as const },
  idCard: { name: 'id_card', piCategory: 'identity' as const },
  income: { name: 'income', piCategory: 'property' as const },
  diagnosis: { name: 'diagnosis', piCategory: 'health' as const },
  district: { name: 'district' },
};

/** The rule ids of reasons with the given effect. */
export function rules(
  reasons: readonly { rule: string; effect: string }[],
  effect?: string,
): string[] {
  return reasons.filter((r) => effect === undefined || r.effect === effect).map((r) => r.rule);
}
