import { type FpeSpec, formatCipher } from '../fpe-formats.ts';
import { withSurrogate } from '../surrogate-marker.ts';
import type { TransformDefinition } from '../types.ts';
import { textOf } from '../values.ts';

/**
 * `fpe`: FF1 (NIST SP 800-38G) through the keyring that keeps the value valid
 * for its type: a mobile number keeps its network prefix and stays an
 * allocated segment; a resident ID keeps its province, birth year and
 * optionally its region and birth date, and gets a recomputed check
 * character; a bank card keeps its length, issuer number and Luhn validity;
 * a unified social credit code keeps its category and region and gets
 * recomputed check characters; `digits` / `alphanumeric` / `cjk-common` /
 * `cjk-unified` rewrite those characters in place. Reversible with the key.
 * With `surrogate`, each output carries the id of its key as
 * `<surrogate>(<keyId>):<value>` (see `surrogate-marker.ts`).
 */
export const fpeTransform: TransformDefinition<FpeSpec> = {
  type: 'fpe',
  traits: (params) => ({
    reversible: true,
    keyed: true,
    formatPreserving: params.surrogate === undefined,
  }),
  compile(params, context) {
    const identifierType = context.field.identifierType;
    const expected: Record<FpeSpec['format'], string | undefined> = {
      'cn-mobile': 'cn-mobile',
      'cn-resident-id': 'cn-resident-id',
      'bank-card': 'bank-card',
      'cn-uscc': 'cn-uscc',
      digits: undefined,
      alphanumeric: undefined,
      'cjk-common': undefined,
      'cjk-unified': undefined,
    };
    const wanted = expected[params.format];
    if (wanted !== undefined && identifierType !== undefined && identifierType !== wanted) {
      context.fail(
        'incompatible-field',
        `fpe format ${params.format} cannot take a field of type ${identifierType}`,
      );
    }
    const keyring = context.requireKeyring();
    const cipher = formatCipher(params, keyring, (reason, problem) =>
      context.fail(reason, problem),
    );
    const surrogate = params.surrogate;
    if (surrogate === undefined) {
      return { kind: 'value', apply: (value) => cipher.encrypt(textOf(value)) };
    }
    // The key formatCipher enciphers with: the pinned one, else the active one.
    const keyId = params.keyId ?? keyring.activeKeyId();
    return {
      kind: 'value',
      apply: (value) => withSurrogate(surrogate, keyId, cipher.encrypt(textOf(value))),
    };
  },
};
