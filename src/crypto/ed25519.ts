// Ed25519 (RFC 8032) from @noble/curves behind the SignatureScheme interface.
import { ed25519 as nobleEd25519 } from '@noble/curves/ed25519.js';
import { type RandomSource, systemRandom } from '../core/random.ts';
import { CryptoError } from '../errors/kinds.ts';
import type { SignatureScheme } from './types.ts';

function checkSecret(secretKey: Uint8Array): void {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) {
    throw new CryptoError('Ed25519 secret key must be 32 bytes', {
      reason: 'invalid-key-length',
      path: 'secretKey',
    });
  }
}

/**
 * Creates the Ed25519 scheme with an injected random source for key generation.
 *
 * @param random - the key-generation randomness (default: the platform CSPRNG)
 * @returns the scheme
 * @example
 * ```ts
 * import { createEd25519 } from './ed25519.ts';
 * const scheme = createEd25519();
 * const secret = scheme.generateSecretKey();
 * scheme.getPublicKey(secret).length; // 32
 * ```
 */
export function createEd25519(random: RandomSource = systemRandom): SignatureScheme {
  return {
    name: 'ed25519',
    generateSecretKey: (source = random) => source(new Uint8Array(32)),
    getPublicKey(secretKey) {
      checkSecret(secretKey);
      return nobleEd25519.getPublicKey(secretKey);
    },
    sign(secretKey, message) {
      checkSecret(secretKey);
      return nobleEd25519.sign(message, secretKey);
    },
    verify(publicKey, message, signature) {
      try {
        return nobleEd25519.verify(signature, message, publicKey);
      } catch {
        return false;
      }
    },
  };
}

/**
 * Ed25519 signatures (RFC 8032) with the platform CSPRNG.
 *
 * @example
 * ```ts
 * import { ed25519 } from './ed25519.ts';
 * const secret = ed25519.generateSecretKey();
 * const signature = ed25519.sign(secret, new Uint8Array([1]));
 * ed25519.verify(ed25519.getPublicKey(secret), new Uint8Array([1]), signature); // true
 * ```
 */
export const ed25519: SignatureScheme = /* @__PURE__ */ createEd25519();
