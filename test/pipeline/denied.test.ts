import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/consent/decision.ts';
import { deniedError } from '../../src/pipeline/denied.ts';

const reason = (rule: string, effect: 'pass' | 'deny' | 'withhold') =>
  ({
    rule,
    effect,
    code: `${rule.toLowerCase()}-code`,
    article: 'PIPL Art. 13',
    message: '',
  }) as Decision['reasons'][number];

describe('deniedError', () => {
  it('names only the rules that denied or withheld', () => {
    const error = deniedError('sharing request denied', [
      reason('C-BASIS', 'pass'),
      reason('S-REQUEST', 'deny'),
      reason('C-SEP-SENSITIVE', 'withhold'),
    ]);
    expect(error.code).toBe('ERR_CONSENT_DENIED');
    expect(error.details?.rules).toEqual(['S-REQUEST', 'C-SEP-SENSITIVE']);
    expect(error.message).not.toContain('C-BASIS');
    expect(error.message).toContain('S-REQUEST s-request-code (PIPL Art. 13)');
  });
  it('falls back to every reason when none is marked as failing', () => {
    expect(deniedError('denied', [reason('C-BASIS', 'pass')]).details?.rules).toEqual(['C-BASIS']);
  });
});
