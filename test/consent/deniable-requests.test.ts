// Issue 18 item 4: a deniable request always gets a decision; only programming
// misuse (a non-object) throws; safeX twins return { ok, value } | { ok, error }.
import { describe, expect, it } from 'vitest';
import {
  createAsyncConsentDecider,
  createMemoryConsentStore,
  type ShareDecision,
} from '../../src/consent/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { ValidationError } from '../../src/errors/index.ts';
import { health, makeCatalog, makeDecider, NOW, REVIEW, tags } from './fixtures.ts';

const codes = (d: Pick<ShareDecision, 'reasons'>) => d.reasons.map((r) => `${r.rule}/${r.code}`);
const enterprise = { id: 'data-co', kind: 'enterprise' as const };
const request = {
  dataset: { id: 'assistance-applicants' },
  fields: ['name', 'district'],
  requester: health,
  duty: 'medical-assistance',
  scenario: 'check medical-assistance applicants',
  commitment: { authenticity: true, security: true, compliance: true },
};
function without<T extends object>(value: T, key: keyof T): Partial<T> {
  const copy: Partial<T> = { ...value };
  delete copy[key];
  return copy;
}

describe('decideShare never throws for a deniable request (S-TYPES, S-REQUEST)', () => {
  it('denies a request without a duty under S-TYPES duty-missing', () => {
    const { decider } = makeDecider();
    const d = decider.decideShare(without(request, 'duty') as never);
    expect(d).toMatchObject({ allowed: false, allowedFields: [] });
    expect(codes(d)).toContain('S-TYPES/duty-missing');
  });

  it('treats duty "" like scenario "": a denial, not an error', () => {
    const { decider } = makeDecider();
    expect(codes(decider.decideShare({ ...request, duty: '' }))).toEqual(['S-TYPES/duty-missing']);
    expect(codes(decider.decideShare({ ...request, scenario: '' }))).toEqual([
      'S-REQUEST/scenario-missing',
    ]);
    expect(codes(decider.decideShare({ ...request, duty: '', scenario: '' }))).toEqual([
      'S-REQUEST/scenario-missing',
      'S-TYPES/duty-missing',
    ]);
  });

  it('denies missing fields, commitment, dataset or requester, naming what is missing', () => {
    const { decider } = makeDecider();
    expect(codes(decider.decideShare({ ...request, fields: [] }))).toEqual([
      'S-REQUEST/fields-missing',
    ]);
    expect(codes(decider.decideShare(without(request, 'commitment') as never))).toEqual([
      'S-REQUEST/commitment-missing',
    ]);
    expect(codes(decider.decideShare(without(request, 'dataset') as never))).toEqual([
      'S-TYPES/unknown-dataset',
    ]);
    expect(codes(decider.decideShare(without(request, 'requester') as never))).toEqual([
      'S-TYPES/requester-not-public-body',
    ]);
    const odd = decider.decideShare({ ...request, at: 'tomorrow-ish' } as never);
    expect(odd.allowed).toBe(false);
    expect(odd.reasons[0]).toMatchObject({ rule: 'S-REQUEST', code: 'malformed-request' });
    expect(odd.reasons[0]?.message).toContain('request.at');
    expect(odd.reasons[0]?.message).not.toContain('tomorrow-ish');
  });

  it('throws only for programming misuse (a non-object request)', () => {
    const { decider } = makeDecider();
    expect(() => decider.decideShare(null as never)).toThrow(ValidationError);
    expect(() => decider.decideShare('share please' as never)).toThrow(ValidationError);
  });
});

describe('decideOpen and decideGrantUse never throw for a deniable request', () => {
  it('decideOpen denies a request without fields or requester', () => {
    const { decider } = makeDecider();
    const open = { dataset: { id: 'assistance-applicants' }, requester: enterprise };
    expect(codes(decider.decideOpen({ ...open, fields: [] }))).toEqual([
      'S-REQUEST/fields-missing',
    ]);
    const d = decider.decideOpen({ dataset: open.dataset, fields: ['district'] } as never);
    expect(d.allowed).toBe(false);
    expect(codes(d)).toEqual(['S-REQUEST/malformed-request']);
  });

  it('decideGrantUse denies a use without a grant id', () => {
    const { decider } = makeDecider();
    const d = decider.decideGrantUse({
      grant: '',
      actor: enterprise,
      purpose: 'public-data.development',
      processing: 'use',
      fields: ['district'],
    });
    expect(codes(d)).toEqual(['S-PURPOSE/unknown-grant']);
  });
});

describe('safeX twins: { ok: true, value } | { ok: false, error }', () => {
  it('safeDecideShare, safeDecideOpen, safeDecideGrantUse and safeDecide share one shape', () => {
    const { decider } = makeDecider();
    expect(decider.safeDecideShare({ ...request, duty: '' })).toEqual({
      ok: true,
      value: decider.decideShare({ ...request, duty: '' }),
    });
    const bad = decider.safeDecideShare(null as never);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toBeInstanceOf(ValidationError);
    expect(
      decider.safeDecideOpen({
        dataset: { id: 'assistance-applicants' },
        fields: ['district'],
        requester: enterprise,
      }),
    ).toMatchObject({ ok: true, value: { allowed: true, allowedFields: ['district'] } });
    expect(decider.safeDecideGrantUse(42 as never)).toMatchObject({ ok: false });
    const use = {
      subject: 'resident-1',
      purpose: REVIEW,
      processing: 'use' as const,
      fields: [tags.name],
    };
    expect(decider.safeDecide(use)).toMatchObject({ ok: true, value: { allowed: false } });
    expect(decider.safeDecide({ ...use, legalBasis: 'whim' } as never)).toMatchObject({
      ok: false,
      error: { code: 'ERR_VALIDATION' },
    });
  });

  it('the async decider resolves deniable requests and its safe twins alike', async () => {
    const decider = createAsyncConsentDecider({
      store: createMemoryConsentStore(),
      catalog: makeCatalog(),
      clock: fixedClock(NOW),
      duties: { get: () => undefined },
    });
    const d = await decider.decideShare(without(request, 'duty') as never);
    expect(codes(d)).toContain('S-TYPES/duty-missing');
    expect(await decider.safeDecideShare(null as never)).toMatchObject({ ok: false });
    expect(await decider.safeDecideOpen({ ...request, fields: [] } as never)).toMatchObject({
      ok: true,
      value: { allowed: false },
    });
  });
});
