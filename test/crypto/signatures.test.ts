import {
  createECDH,
  createPrivateKey,
  createPublicKey,
  sign as nodeSign,
  verify as nodeVerify,
  randomBytes,
} from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519 } from '../../src/crypto/ed25519.ts';
import { createSm2, international, national } from '../../src/crypto/index.ts';
import { sm2, sm2SignWithK, sm2Za } from '../../src/crypto/sm2.ts';
import { CryptoError } from '../../src/errors/index.ts';
import { hex, seededRandom, text, toHexString } from './helpers.ts';

// RFC 8032 §7.1 TEST 1–3.
const rfc8032 = [
  {
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

const b64url = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

describe('Ed25519 (RFC 8032)', () => {
  it.each(rfc8032)('matches RFC 8032 for public key $public', (v) => {
    expect(toHexString(ed25519.getPublicKey(hex(v.secret)))).toBe(v.public);
    expect(toHexString(ed25519.sign(hex(v.secret), hex(v.message)))).toBe(v.signature);
    expect(ed25519.verify(hex(v.public), hex(v.message), hex(v.signature))).toBe(true);
    expect(international.signature.name).toBe('ed25519');
  });

  it('agrees with node:crypto in both directions on random keys', () => {
    for (let i = 0; i < 20; i++) {
      const secret = ed25519.generateSecretKey();
      const pub = ed25519.getPublicKey(secret);
      const message = randomBytes(i * 5);
      const jwk = { kty: 'OKP', crv: 'Ed25519', d: b64url(secret), x: b64url(pub) };
      const nodeKey = createPrivateKey({ key: jwk, format: 'jwk' });
      const nodeSig = nodeSign(null, message, nodeKey);
      expect(toHexString(ed25519.sign(secret, message))).toBe(nodeSig.toString('hex'));
      const publicKey = createPublicKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: b64url(pub) },
        format: 'jwk',
      });
      expect(nodeVerify(null, message, publicKey, ed25519.sign(secret, message))).toBe(true);
    }
  });

  it('returns false (never throws) on malformed input', () => {
    const secret = ed25519.generateSecretKey();
    const sig = ed25519.sign(secret, text('m'));
    const pub = ed25519.getPublicKey(secret);
    expect(ed25519.verify(pub, text('n'), sig)).toBe(false);
    expect(ed25519.verify(pub.subarray(1), text('m'), sig)).toBe(false);
    expect(ed25519.verify(pub, text('m'), sig.subarray(1))).toBe(false);
    expect(ed25519.verify('x' as unknown as Uint8Array, text('m'), sig)).toBe(false);
    expect(() => ed25519.sign(new Uint8Array(31), text('m'))).toThrow(CryptoError);
  });

  it('generates secret keys from the injected random source', () => {
    expect(toHexString(ed25519.generateSecretKey(seededRandom(3)))).toBe(
      toHexString(seededRandom(3)(new Uint8Array(32))),
    );
  });
});

// GB/T 32918.5-2017 Annex A (also GM/T 0003.5-2012 A.2): the signature example on the recommended curve.
const gbt = {
  secret: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  public:
    '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  za: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  e: 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  signature:
    'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};

describe('SM2 signatures (GB/T 32918.2)', () => {
  it('reproduces the GB/T 32918.5 Annex A example (public key, Z_A, e, r || s)', () => {
    const pub = sm2.getPublicKey(hex(gbt.secret));
    expect(toHexString(pub)).toBe(gbt.public);
    expect(toHexString(sm2Za(pub))).toBe(gbt.za);
    const e = national.digest(new Uint8Array([...sm2Za(pub), ...text('message digest')]));
    expect(toHexString(e)).toBe(gbt.e);
    const signature = sm2SignWithK(
      BigInt(`0x${gbt.secret}`),
      BigInt(`0x${gbt.e}`),
      BigInt(`0x${gbt.k}`),
    );
    expect(toHexString(signature as Uint8Array)).toBe(gbt.signature);
    expect(sm2.verify(pub, text('message digest'), hex(gbt.signature))).toBe(true);
    expect(national.signature.verify(pub, text('message digest'), hex(gbt.signature))).toBe(true);
  });

  it('derives public keys as node:crypto ECDH on the SM2 curve does', () => {
    for (let i = 0; i < 10; i++) {
      const secret = sm2.generateSecretKey();
      const ecdh = createECDH('SM2');
      ecdh.setPrivateKey(secret);
      expect(toHexString(sm2.getPublicKey(secret))).toBe(ecdh.getPublicKey('hex'));
    }
  });

  it('signs and verifies; rejects other messages, keys, ids and altered signatures', () => {
    const secret = sm2.generateSecretKey();
    const pub = sm2.getPublicKey(secret);
    const message = text('checkpoint 42');
    const signature = sm2.sign(secret, message);
    expect(signature.length).toBe(64);
    expect(sm2.verify(pub, message, signature)).toBe(true);
    expect(sm2.verify(pub, text('checkpoint 43'), signature)).toBe(false);
    expect(sm2.verify(sm2.getPublicKey(sm2.generateSecretKey()), message, signature)).toBe(false);
    expect(createSm2({ id: 'alice' }).verify(pub, message, signature)).toBe(false);
    for (let i = 0; i < 64; i += 9) {
      const bad = new Uint8Array(signature);
      bad[i]! ^= 0x01;
      expect(sm2.verify(pub, message, bad)).toBe(false);
    }
  });

  it('binds the signer id through Z_A', () => {
    const alice = createSm2({ id: 'alice@example.gov.cn' });
    const secret = alice.generateSecretKey();
    const pub = alice.getPublicKey(secret);
    const signature = alice.sign(secret, text('m'));
    expect(alice.verify(pub, text('m'), signature)).toBe(true);
    expect(sm2.verify(pub, text('m'), signature)).toBe(false);
    expect(toHexString(sm2Za(pub, text('alice@example.gov.cn')))).not.toBe(toHexString(sm2Za(pub)));
  });

  it('accepts compressed public keys and rejects non-points and out-of-range r, s', () => {
    const pub = hex(gbt.public);
    const compressed = createECDH('SM2');
    compressed.setPrivateKey(hex(gbt.secret));
    const short = Uint8Array.from(compressed.getPublicKey(null, 'compressed'));
    expect(sm2.verify(short, text('message digest'), hex(gbt.signature))).toBe(true);
    const offCurve = new Uint8Array(pub);
    offCurve[64]! ^= 1;
    expect(sm2.verify(offCurve, text('message digest'), hex(gbt.signature))).toBe(false);
    const n = hex('fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');
    expect(sm2.verify(pub, text('message digest'), new Uint8Array(64))).toBe(false);
    expect(sm2.verify(pub, text('message digest'), new Uint8Array([...n, ...n]))).toBe(false);
    expect(sm2.verify(pub, text('message digest'), hex(gbt.signature).subarray(1))).toBe(false);
  });

  it('rejects secret keys outside [1, n − 2]', () => {
    expect(() => sm2.getPublicKey(new Uint8Array(32))).toThrow(
      expect.objectContaining({ reason: 'invalid-key' }),
    );
    const nMinus1 = hex('fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54122');
    expect(() => sm2.sign(nMinus1, text('m'))).toThrow(CryptoError);
    expect(() => sm2.sign(new Uint8Array(31), text('m'))).toThrow(
      expect.objectContaining({ reason: 'invalid-key-length' }),
    );
  });

  it('hedges k: a constant random source still gives valid, message-dependent signatures', () => {
    const broken = createSm2({ random: (b) => b.fill(0) });
    const secret = sm2.generateSecretKey();
    const pub = broken.getPublicKey(secret);
    const s1 = broken.sign(secret, text('a'));
    const s2 = broken.sign(secret, text('b'));
    expect(broken.verify(pub, text('a'), s1)).toBe(true);
    expect(broken.verify(pub, text('b'), s2)).toBe(true);
    // Distinct r values: the nonce depends on the message even without entropy.
    expect(toHexString(s1.subarray(0, 32))).not.toBe(toHexString(s2.subarray(0, 32)));
  });
});
