import { z } from 'zod';
import type { ExactSchema } from '../../core/exact-schema.ts';
import { fromBase64Url, fromUtf8, toBase64Url, utf8Bytes } from '../encoding.ts';
import type { Keyring } from '../keyring.ts';
import { Domain, type SpecSchema } from '../spec-fields.ts';
import type { TransformDefinition } from '../types.ts';
import { contractError, textOf } from '../values.ts';

/** `encrypt`: deterministic (joinable) or randomized AEAD. */
export interface EncryptSpec {
  type: 'encrypt';
  mode: 'deterministic' | 'randomized';
  domain?: string | undefined;
}

const encryptSpec = z.strictObject({
  type: z.literal('encrypt'),
  mode: z.enum(['deterministic', 'randomized']),
  domain: Domain.optional(),
});

/** Zod schema of {@link EncryptSpec}. */
export const EncryptSpecSchema: SpecSchema<EncryptSpec> = encryptSpec satisfies ExactSchema<
  EncryptSpec,
  typeof encryptSpec
>;

/**
 * `encrypt`: AEAD through the keyring, output base64url. `deterministic`
 * (SIV: equal values give equal ciphertexts, so columns stay joinable) or
 * `randomized` (fresh nonce each time). Reversible with the key; the
 * ciphertext names the key that sealed it, so rotation keeps old data readable.
 */
export const encryptTransform: TransformDefinition<EncryptSpec> = {
  type: 'encrypt',
  traits: () => ({ reversible: true, keyed: true, formatPreserving: false }),
  compile(params, context) {
    const aead = context.requireKeyring().aead(params.domain ?? 'default', params.mode);
    return {
      kind: 'value',
      apply: (value) => toBase64Url(aead.seal(utf8Bytes(textOf(value)))),
    };
  },
};

/** Decrypts values written by {@link encryptTransform} with the same parameters. */
export function encryptReverser(params: EncryptSpec, keyring: Keyring): (value: unknown) => string {
  const aead = keyring.aead(params.domain ?? 'default', params.mode);
  return (value) => {
    const sealed = fromBase64Url(textOf(value));
    if (sealed === undefined) throw contractError('not-a-ciphertext', 'value is not base64url');
    return fromUtf8(aead.open(sealed));
  };
}
