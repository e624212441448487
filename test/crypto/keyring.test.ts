import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import {
  createKeyProvider,
  createKeyring,
  generateKeyring,
  international,
  type KeyMaterialRecord,
  national,
  rotateKeyring,
} from '../../src/crypto/index.ts';
import { CryptoError, KeyError, ValidationError } from '../../src/errors/index.ts';
import { hex, seededRandom, text, toHexString } from './helpers.ts';

const MASTER = '6a'.repeat(32);
const OLD = '3c'.repeat(32);

function record(overrides: Partial<KeyMaterialRecord> = {}): KeyMaterialRecord {
  return {
    id: 'k1',
    suite: 'international',
    material: `hex:${MASTER}`,
    createdAt: '2026-01-01T00:00:00+08:00',
    status: 'active',
    ...overrides,
  };
}

describe('generateKeyring / rotateKeyring', () => {
  it('generates one active 256-bit key with an id from the clock and random source', () => {
    const file = generateKeyring({
      suite: 'national',
      random: seededRandom(9),
      clock: fixedClock('2026-03-04T05:06:07Z'),
    });
    expect(file.keys).toHaveLength(1);
    const [key] = file.keys;
    expect(key?.suite).toBe('national');
    expect(key?.status).toBe('active');
    expect(key?.createdAt).toBe('2026-03-04T05:06:07.000Z');
    expect(key?.id).toMatch(/^k-20260304-[0-9a-f]{8}$/);
    expect(key?.material).toMatch(/^hex:[0-9a-f]{64}$/);
    expect(createKeyring({ keys: file }).activeKeyId()).toBe(key?.id);
  });

  it('uses the given id and refuses bad ones', () => {
    expect(generateKeyring({ suite: 'international', id: 'pii-2026' }).keys[0]?.id).toBe(
      'pii-2026',
    );
    expect(() => generateKeyring({ suite: 'international', id: 'has space' })).toThrow(
      ValidationError,
    );
    expect(() => generateKeyring({ suite: 'other' as 'national' })).toThrow(ValidationError);
  });

  it('rotation demotes the active key to decrypt-only, adds a new active key and can retire keys', () => {
    const first = generateKeyring({ suite: 'international', id: 'a' });
    const second = rotateKeyring(first, { id: 'b' });
    expect(second.keys.map((k) => [k.id, k.status])).toEqual([
      ['a', 'decrypt-only'],
      ['b', 'active'],
    ]);
    expect(first.keys[0]?.status).toBe('active');
    const third = rotateKeyring(second, { id: 'c', suite: 'national', retire: ['a'] });
    expect(third.keys.map((k) => [k.id, k.status, k.suite])).toEqual([
      ['a', 'retired', 'international'],
      ['b', 'decrypt-only', 'international'],
      ['c', 'active', 'national'],
    ]);
    expect(() => rotateKeyring(third, { id: 'c' })).toThrow(
      expect.objectContaining({ reason: 'duplicate-key-id' }),
    );
    expect(() => rotateKeyring(third, { retire: ['zzz'] })).toThrow(KeyError);
  });
});

describe('createKeyring validation', () => {
  it('needs exactly one active key, unique ids and usable material', () => {
    expect(() => createKeyring({ keys: [record({ status: 'decrypt-only' })] })).toThrow(
      expect.objectContaining({ reason: 'no-active-key' }),
    );
    expect(() => createKeyring({ keys: [record(), record({ id: 'k2' })] })).toThrow(
      expect.objectContaining({ reason: 'multiple-active-keys' }),
    );
    expect(() => createKeyring({ keys: [record(), record({ status: 'retired' })] })).toThrow(
      expect.objectContaining({ reason: 'duplicate-key-id' }),
    );
    expect(() => createKeyring({ keys: [record({ material: 'hex:abcd' })] })).toThrow(
      expect.objectContaining({ reason: 'invalid-key-length' }),
    );
    expect(() => createKeyring({ keys: [record({ material: 'not key material!' })] })).toThrow(
      expect.objectContaining({ reason: 'invalid-key-material' }),
    );
    expect(() => createKeyring({ keys: [] })).toThrow(ValidationError);
    expect(() => createKeyring({ keys: [{ ...record(), suite: 'des' as 'national' }] })).toThrow(
      ValidationError,
    );
    expect(() => createKeyring({ keys: [record({ createdAt: '2026-01-01' })] })).toThrow(
      ValidationError,
    );
  });

  it('accepts hex, base64, bytes and env: material alike', () => {
    const bytes = hex(MASTER);
    const forms = [
      `hex:${MASTER}`,
      MASTER,
      `base64:${Buffer.from(bytes).toString('base64')}`,
      Buffer.from(bytes).toString('base64'),
      'env:DG_TEST_KEY',
    ];
    const provider = createKeyProvider({ env: { DG_TEST_KEY: MASTER } });
    const macs = forms.map((material) =>
      toHexString(
        createKeyring({ keys: [record({ material })], provider })
          .pseudonymizer('d')
          .mac(text('x')),
      ),
    );
    macs.push(
      toHexString(
        createKeyring({ keys: [{ ...record(), material: bytes }] })
          .pseudonymizer('d')
          .mac(text('x')),
      ),
    );
    expect(new Set(macs).size).toBe(1);
    expect(toHexString(bytes)).toBe(MASTER);
  });

  it('reports a missing environment variable without naming its value', () => {
    const provider = createKeyProvider({ env: {} });
    expect(() => createKeyring({ keys: [record({ material: 'env:NOPE' })], provider })).toThrow(
      expect.objectContaining({ reason: 'key-material-unavailable', path: 'keys[0].material' }),
    );
  });

  it('uses custom provider schemes (a KMS stand-in)', () => {
    const provider = createKeyProvider({
      schemes: {
        kms: { resolve: (ref) => (ref === 'alias/pii' ? hex(MASTER) : new Uint8Array()) },
      },
    });
    const viaKms = createKeyring({ keys: [record({ material: 'kms:alias/pii' })], provider });
    const direct = createKeyring({ keys: [record()] });
    expect(toHexString(viaKms.pseudonymizer('d').mac(text('x')))).toBe(
      toHexString(direct.pseudonymizer('d').mac(text('x'))),
    );
    expect(() => createKeyring({ keys: [record({ material: 'vault:x' })], provider })).toThrow(
      expect.objectContaining({ reason: 'unknown-key-scheme' }),
    );
  });
});

describe('keyed operations', () => {
  const keyring = createKeyring({ keys: [record()] });

  it('pseudonymizes with HMAC keyed by HKDF(master, "pseudonym:" + domain)', () => {
    const subkey = international.hkdf(hex(MASTER), undefined, text('pseudonym:resident-id'), 32);
    const expected = international.hmac(subkey, text('110101199003074578'));
    const p = keyring.pseudonymizer('resident-id');
    expect(p.keyId).toBe('k1');
    expect(toHexString(p.mac(text('110101199003074578')))).toBe(toHexString(expected));
    expect(toHexString(keyring.pseudonymizer('mobile').mac(text('110101199003074578')))).not.toBe(
      toHexString(expected),
    );
  });

  it('uses SM3 for national keys (HKDF-SM3 subkey, HMAC-SM3)', () => {
    const ring = createKeyring({ keys: [record({ suite: 'national' })] });
    const subkey = national.hkdf(hex(MASTER), undefined, text('pseudonym:resident-id'), 32);
    expect(toHexString(ring.pseudonymizer('resident-id').mac(text('a')))).toBe(
      toHexString(national.hmac(subkey, text('a'))),
    );
    expect(ring.suite.id).toBe('national');
  });

  it('keys FF1 by HKDF(master, "ff1:" + domain): AES-256 internationally, SM4 nationally', () => {
    const aesKey = international.hkdf(hex(MASTER), undefined, text('ff1:mobile'), 32);
    const f = keyring.ff1('mobile', { radix: 10 });
    expect(f.keyId).toBe('k1');
    expect(f.encrypt('13800138000')).not.toBe('13800138000');
    expect(f.decrypt(f.encrypt('13800138000'))).toBe('13800138000');
    // Same subkey through the standalone FF1.
    return import('../../src/crypto/index.ts').then(({ ff1 }) => {
      expect(ff1(aesKey, { radix: 10 }).encrypt('13800138000')).toBe(f.encrypt('13800138000'));
      const ring = createKeyring({ keys: [record({ suite: 'national' })] });
      const smKey = national.hkdf(hex(MASTER), undefined, text('ff1:mobile'), 16);
      expect(ring.ff1('mobile', { radix: 10 }).encrypt('13800138000')).toBe(
        ff1(smKey, { radix: 10 }, { cipher: 'sm4' }).encrypt('13800138000'),
      );
    });
  });

  it('seals with a header naming the key; deterministic mode is deterministic', () => {
    for (const mode of ['deterministic', 'randomized'] as const) {
      const aead = keyring.aead('address', mode);
      const sealed = aead.seal(text('北京市海淀区'), text('row-1'));
      expect(sealed[0]).toBe(1);
      expect(sealed[1]).toBe(2);
      expect(new TextDecoder().decode(sealed.subarray(2, 4))).toBe('k1');
      expect(new TextDecoder().decode(aead.open(sealed, text('row-1')))).toBe('北京市海淀区');
      expect(() => aead.open(sealed, text('row-2'))).toThrow(
        expect.objectContaining({ reason: 'authentication-failed' }),
      );
      // The header is authenticated: pointing it at another key fails.
      const swapped = new Uint8Array(sealed);
      swapped[3] = 'x'.charCodeAt(0);
      expect(() => aead.open(swapped, text('row-1'))).toThrow(KeyError);
      expect(() => keyring.aead('other-domain', mode).open(sealed, text('row-1'))).toThrow(
        CryptoError,
      );
    }
    const det = keyring.aead('address', 'deterministic');
    expect(toHexString(det.seal(text('a')))).toBe(toHexString(det.seal(text('a'))));
    const rnd = keyring.aead('address', 'randomized');
    expect(toHexString(rnd.seal(text('a')))).not.toBe(toHexString(rnd.seal(text('a'))));
    expect(() => det.open(new Uint8Array([2, 1, 65]))).toThrow(
      expect.objectContaining({ reason: 'malformed-ciphertext' }),
    );
    expect(() => det.open(new Uint8Array([1, 9, 65]))).toThrow(
      expect.objectContaining({ reason: 'malformed-ciphertext' }),
    );
    expect(() => keyring.aead('address', 'weird' as 'randomized')).toThrow(ValidationError);
  });

  it('signs with Ed25519 (international) and SM2 (national) keys derived from the master', () => {
    for (const suite of ['international', 'national'] as const) {
      const ring = createKeyring({ keys: [record({ suite })] });
      const signer = ring.signer();
      expect(signer.algorithm).toBe(suite === 'national' ? 'sm2' : 'ed25519');
      const signature = signer.sign(text('checkpoint'));
      const scheme = suite === 'national' ? national.signature : international.signature;
      expect(scheme.verify(signer.publicKey, text('checkpoint'), signature)).toBe(true);
      expect(ring.verifier().verify(text('checkpoint'), signature)).toBe(true);
      expect(ring.verifier().verify(text('other'), signature)).toBe(false);
      // Stable across keyring instances: the public key is a function of the master key.
      expect(toHexString(createKeyring({ keys: [record({ suite })] }).signer().publicKey)).toBe(
        toHexString(signer.publicKey),
      );
    }
  });

  it('rejects bad domains', () => {
    expect(() => keyring.pseudonymizer('')).toThrow(ValidationError);
    expect(() => keyring.ff1('a\nb', { radix: 10 })).toThrow(ValidationError);
  });
});

describe('rotation and key status', () => {
  const before = createKeyring({ keys: [record({ id: 'old', material: `hex:${OLD}` })] });
  const rotatedFile = rotateKeyring(
    { keys: [record({ id: 'old', material: `hex:${OLD}` })] },
    { id: 'new', random: seededRandom(5), clock: fixedClock('2026-06-01T00:00:00Z') },
  );
  const after = createKeyring({ keys: rotatedFile });

  it('opens data sealed before rotation with the now decrypt-only key', () => {
    for (const mode of ['deterministic', 'randomized'] as const) {
      const old = before.aead('address', mode).seal(text('old value'));
      expect(new TextDecoder().decode(after.aead('address', mode).open(old))).toBe('old value');
      const fresh = after.aead('address', mode).seal(text('new value'));
      expect(after.aead('address', mode).keyId).toBe('new');
      expect(() => before.aead('address', mode).open(fresh)).toThrow(
        expect.objectContaining({ reason: 'unknown-key' }),
      );
    }
  });

  it('decrypt-only keys decrypt FF1 and verify, but never encrypt, MAC or sign', () => {
    const token = before.ff1('mobile', { radix: 10 }).encrypt('13800138000');
    const oldFf1 = after.ff1('mobile', { radix: 10 }, 'old');
    expect(oldFf1.decrypt(token)).toBe('13800138000');
    expect(() => oldFf1.encrypt('13800138000')).toThrow(
      expect.objectContaining({ reason: 'key-decrypt-only' }),
    );
    expect(() => after.pseudonymizer('d', 'old')).toThrow(
      expect.objectContaining({ reason: 'key-decrypt-only' }),
    );
    expect(() => after.signer('old')).toThrow(
      expect.objectContaining({ reason: 'key-decrypt-only' }),
    );
    const signature = before.signer().sign(text('m'));
    expect(after.verifier('old').verify(text('m'), signature)).toBe(true);
    expect(after.ff1('mobile', { radix: 10 }).encrypt('13800138000')).not.toBe(token);
  });

  it('never resolves the material of retired keys', () => {
    const provider = createKeyProvider({ env: {} });
    const ring = createKeyring({
      provider,
      keys: [record({ id: 'gone', status: 'retired', material: 'env:UNSET' }), record()],
    });
    expect(() => ring.verifier('gone')).toThrow(expect.objectContaining({ reason: 'key-retired' }));
  });

  it('retired keys refuse everything', () => {
    const sealedOld = before.aead('address', 'deterministic').seal(text('x'));
    const retired = createKeyring({
      keys: rotateKeyring(rotatedFile, { id: 'newest', retire: ['old'] }),
    });
    expect(() => retired.aead('address', 'deterministic').open(sealedOld)).toThrow(
      expect.objectContaining({ reason: 'key-retired' }),
    );
    expect(() => retired.ff1('mobile', { radix: 10 }, 'old')).toThrow(
      expect.objectContaining({ reason: 'key-retired' }),
    );
    expect(() => retired.pseudonymizer('d', 'old')).toThrow(KeyError);
    expect(() => retired.signer('old')).toThrow(KeyError);
    expect(() => retired.verifier('old')).toThrow(KeyError);
    expect(() => retired.verifier('nope')).toThrow(
      expect.objectContaining({ reason: 'unknown-key' }),
    );
    expect(retired.keyIds()).toEqual(['old', 'new', 'newest']);
    expect(retired.keys().map((k) => k.status)).toEqual(['retired', 'decrypt-only', 'active']);
  });
});

describe('secrecy', () => {
  it('never shows key material in JSON, strings, util.inspect or errors', () => {
    const ring = createKeyring({ keys: [record({ material: MASTER })] });
    const objects: unknown[] = [
      ring,
      ring.pseudonymizer('d'),
      ring.ff1('d', { radix: 10 }),
      ring.aead('d', 'deterministic'),
      ring.signer(),
      ring.verifier(),
    ];
    const subkey = toHexString(international.hkdf(hex(MASTER), undefined, text('pseudonym:d'), 32));
    for (const object of objects) {
      for (const shown of [
        JSON.stringify(object),
        String(object),
        inspect(object, { depth: 10, showHidden: true }),
      ]) {
        expect(shown).not.toContain(MASTER);
        expect(shown).not.toContain(Buffer.from(hex(MASTER)).toString('base64'));
        expect(shown).not.toContain(subkey);
        expect(shown).not.toMatch(/6a,\s*106|106,\s*106/);
      }
    }
    expect(JSON.parse(JSON.stringify(ring))).toEqual({
      type: 'Keyring',
      activeKeyId: 'k1',
      suite: 'international',
      keys: [{ id: 'k1', suite: 'international', status: 'active' }],
      destroyed: false,
    });
    try {
      createKeyring({ keys: [record({ material: `hex:${MASTER.slice(2)}zz` })] });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(MASTER.slice(2, 40));
      expect(JSON.stringify(error)).not.toContain(MASTER.slice(2, 40));
    }
  });

  it('destroy() wipes material and makes every handle unusable', () => {
    const material = new Uint8Array(hex(MASTER));
    const ring = createKeyring({ keys: [{ ...record(), material }] });
    const p = ring.pseudonymizer('d');
    const f = ring.ff1('d', { radix: 10 });
    const a = ring.aead('d', 'randomized');
    const s = ring.signer();
    const sealed = a.seal(text('x'));
    ring.destroy();
    ring.destroy();
    expect(toHexString(material)).toBe(MASTER);
    for (const call of [
      () => p.mac(text('x')),
      () => f.encrypt('123456'),
      () => a.open(sealed),
      () => a.seal(text('x')),
      () => s.sign(text('x')),
      () => ring.pseudonymizer('d'),
      () => ring.aead('e', 'randomized'),
    ]) {
      expect(call).toThrow(expect.objectContaining({ reason: 'keyring-destroyed' }));
    }
    expect(JSON.stringify(ring)).toContain('"destroyed":true');
  });

  it('returned objects are frozen', () => {
    const ring = createKeyring({ keys: [record()] });
    expect(Object.isFrozen(ring)).toBe(true);
    expect(Object.isFrozen(ring.pseudonymizer('d'))).toBe(true);
  });
});
