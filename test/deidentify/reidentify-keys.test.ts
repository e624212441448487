// Re-identification after key rotation: FF1 fields are deciphered with the key
// the release recorded (ledger event details.columnKeys / keyIds) or the key
// named by the value's surrogate marker, never with the keyring's current
// active key; a missing, unknown or contradicted key is a typed refusal,
// never a wrong but valid value.
import { describe, expect, it } from 'vitest';
import {
  createKeyring,
  type KeyMaterialRecord,
  type Keyring,
  rotateKeyring,
} from '../../src/crypto/index.ts';
import {
  compilePolicy,
  type PolicyDocument,
  type ReidentifyEvent,
  type ReidentifyOptions,
  reidentify,
  type TransformSpec,
} from '../../src/deidentify/index.ts';
import { validate } from '../../src/detect/index.ts';
import { KeyError, TransformError, ValidationError } from '../../src/errors/index.ts';
import { KEYS, residents } from './fixtures.ts';

const MATERIAL = (KEYS[0] as KeyMaterialRecord).material as string;
const original = { keys: KEYS as KeyMaterialRecord[] };
const counter = (bytes: Uint8Array) => bytes.map((_, i) => (i * 37 + 11) & 255);
const rotated = rotateKeyring(original, {
  id: 'k2',
  random: counter,
  clock: () => Date.parse('2026-06-01T00:00:00Z'),
});
const before = createKeyring(original);
const after = createKeyring(rotated);

const MOBILES = ['13800138000', '13912345678', '18612345678', '15000001234'];
const rows = MOBILES.map((mobile) => ({ mobile }));

const policyOf = (transform: TransformSpec): PolicyDocument => ({
  id: 'release',
  version: '1',
  rules: [{ id: 'mobile', select: { fields: ['mobile'] }, transform }],
});
const fpe = policyOf({ type: 'fpe', format: 'cn-mobile' });
const marked = policyOf({ type: 'fpe', format: 'cn-mobile', surrogate: 'MOB' });

function release(policy: PolicyDocument, keyring: Keyring): Record<string, unknown>[] {
  const transformer = compilePolicy(policy, { dataset: residents, keyring });
  return rows.map((row) => transformer.recordSync(row) as Record<string, unknown>);
}

async function restore(
  records: Record<string, unknown>[],
  options: Partial<ReidentifyOptions>,
): Promise<unknown[]> {
  const out = await reidentify(records, {
    policy: fpe,
    dataset: residents,
    keyring: after,
    fields: ['mobile'],
    ...options,
  });
  return out.map((record) => record.mobile);
}

/** The error a refused re-identification throws. */
async function refusal(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

describe('reidentify after key rotation', () => {
  const released = release(fpe, before);

  it('uses the key the release recorded for the column, not the active key', async () => {
    expect(after.activeKeyId()).toBe('k2');
    const event = { keyIds: ['k1'], details: { columnKeys: { mobile: 'k1' } } };
    expect(await restore(released, { release: event })).toEqual(MOBILES);
    // The only key of the release, when it has no columnKeys.
    expect(await restore(released, { release: { keyIds: ['k1'] } })).toEqual(MOBILES);
    // The old keyring still restores it too (k1 active there).
    expect(await restore(released, { keyring: before, release: event })).toEqual(MOBILES);
  });

  it('needs no release when the policy pins the key', async () => {
    const pinned = policyOf({ type: 'fpe', format: 'cn-mobile', keyId: 'k1' });
    expect(await restore(release(pinned, before), { policy: pinned })).toEqual(MOBILES);
  });

  it('records the key ids used in the reidentify event', async () => {
    const events: ReidentifyEvent[] = [];
    await restore(released, {
      release: { keyIds: ['k1'] },
      ledger: { append: (event) => void events.push(event) },
    });
    expect(events[0]?.columnKeys).toEqual({ mobile: ['k1'] });
  });

  it('refuses when the key is unknown rather than guessing the active key', async () => {
    // Deciphering with the active k2 would give valid but wrong numbers: they must never come back.
    const cases: [Partial<ReidentifyOptions>, string][] = [
      [{}, 'column-key-unknown'],
      [{ release: {} }, 'column-key-unknown'],
      [{ release: { keyIds: ['k1', 'k2'] } }, 'column-key-unknown'],
      [
        { release: { keyIds: ['k1'], details: { columnKeys: { other: 'k1' } } } },
        'column-key-unknown',
      ],
      // Tampered: a column key its keyIds do not list.
      [
        { release: { keyIds: ['k1'], details: { columnKeys: { mobile: 'k2' } } } },
        'key-id-mismatch',
      ],
      // The policy pins a key the release contradicts.
      [
        {
          release: { keyIds: ['k1'] },
          policy: policyOf({ type: 'fpe', format: 'cn-mobile', keyId: 'k2' }),
        },
        'key-id-mismatch',
      ],
      // The keyring lacks the recorded key version, or has retired it.
      [{ release: { keyIds: ['k9'] } }, 'missing-key-version'],
      [
        {
          release: { keyIds: ['k1'] },
          keyring: createKeyring(
            rotateKeyring(rotated, { id: 'k3', retire: ['k1'], random: counter }),
          ),
        },
        'key-retired',
      ],
    ];
    for (const [options, reason] of cases) {
      const error = await refusal(restore(released, options));
      expect(error, reason).toBeInstanceOf(KeyError);
      expect((error as KeyError).reason, JSON.stringify(options.release)).toBe(reason);
      expect((error as KeyError).path).toBe('mobile');
      expect(error.message).toContain('mobile');
      for (const value of MOBILES) expect(error.message).not.toContain(value);
      expect(error.message).not.toContain(MATERIAL);
    }
  });

  it('refuses a malformed release with a ValidationError', async () => {
    for (const bad of [
      { keyIds: 'k1' },
      { keyIds: [''] },
      { details: { columnKeys: { mobile: 5 } } },
      { details: { columnKeys: ['k1'] } },
      { details: 'k1' },
    ]) {
      const error = await refusal(restore(released, { release: bad as never }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).reason).toBe('invalid-release');
    }
    expect((await refusal(restore(released, { release: 'k1' as never }))).constructor).toBe(
      ValidationError,
    );
  });

  it('pseudonymize with output format follows the release keys too', async () => {
    const policy = policyOf({ type: 'pseudonymize', output: 'format' });
    const out = release(policy, before);
    expect(await restore(out, { policy, release: { keyIds: ['k1'] } })).toEqual(MOBILES);
    expect(((await refusal(restore(out, { policy }))) as KeyError).reason).toBe(
      'column-key-unknown',
    );
  });

  it('ignores the release for fields whose ciphertext names its key (encrypt)', async () => {
    const policy = policyOf({ type: 'encrypt', mode: 'deterministic' });
    const out = release(policy, before);
    expect(await restore(out, { policy })).toEqual(MOBILES);
    expect(await restore(out, { policy, release: { keyIds: ['k1', 'k2'] } })).toEqual(MOBILES);
  });
});

describe('fpe surrogate key-id marker', () => {
  const released = release(marked, before);

  it('marks each value with the id of its key, never key material', () => {
    for (const value of released.map((r) => String(r.mobile))) {
      const match = /^MOB\(([^)]*)\):(\d{11})$/.exec(value);
      expect(match?.[1]).toBe('k1');
      expect(validate('cn-mobile', match?.[2] as string)).toBe(true);
      expect(value).not.toContain(MATERIAL.slice(0, 8));
    }
    // The enciphered part is the unmarked fpe output.
    expect(released.map((r) => String(r.mobile).slice('MOB(k1):'.length))).toEqual(
      release(fpe, before).map((r) => r.mobile),
    );
    // A pinned key is the one named.
    const pinned = release(
      policyOf({ type: 'fpe', format: 'cn-mobile', surrogate: 'MOB', keyId: 'k1' }),
      before,
    );
    expect(String(pinned[0]?.mobile)).toMatch(/^MOB\(k1\):/);
    expect(String(release(marked, after)[0]?.mobile)).toMatch(/^MOB\(k2\):/);
  });

  it('round-trips after rotation from the marker alone, or with an agreeing release', async () => {
    expect(await restore(released, { policy: marked })).toEqual(MOBILES);
    expect(await restore(released, { policy: marked, release: { keyIds: ['k1'] } })).toEqual(
      MOBILES,
    );
    // Values from both key versions in one column.
    const mixed = [...released, ...release(marked, after)];
    expect(await restore(mixed, { policy: marked })).toEqual([...MOBILES, ...MOBILES]);
  });

  it('refuses a marker that contradicts the release, names a missing key, or is absent', async () => {
    const tampered = released.map((r) => ({ mobile: String(r.mobile).replace('(k1)', '(k2)') }));
    const mismatch = await refusal(
      restore(tampered, { policy: marked, release: { keyIds: ['k1'] } }),
    );
    expect(mismatch).toBeInstanceOf(KeyError);
    expect((mismatch as KeyError).reason).toBe('key-id-mismatch');
    const unknown = released.map((r) => ({ mobile: String(r.mobile).replace('(k1)', '(k9)') }));
    expect(((await refusal(restore(unknown, { policy: marked }))) as KeyError).reason).toBe(
      'missing-key-version',
    );
    for (const value of [
      '13800138000',
      'MOB(k1)13800138000',
      'MOB():13800138000',
      'XMOB(k1):13800138000',
    ]) {
      const error = await refusal(restore([{ mobile: value }], { policy: marked }));
      expect(error).toBeInstanceOf(TransformError);
      expect((error as TransformError).reason).toBe('not-a-surrogate');
      expect(error.message).not.toContain('13800138000');
    }
  });

  it('rejects a malformed surrogate name in the policy', () => {
    for (const surrogate of ['mob', 'MOB(1)', '', 'A'.repeat(33)]) {
      expect(() =>
        compilePolicy(policyOf({ type: 'fpe', format: 'cn-mobile', surrogate }), {
          dataset: residents,
          keyring: before,
        }),
      ).toThrow(/surrogate/);
    }
  });
});
