import { PolicyError } from '../../errors/kinds.ts';
import { formatCipher } from '../fpe-formats.ts';
import type { Keyring } from '../keyring.ts';
import type { FpeSpec } from '../policy-schema.ts';
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
 */
export const fpeTransform: TransformDefinition<FpeSpec> = {
  type: 'fpe',
  traits: () => ({ reversible: true, keyed: true, formatPreserving: true }),
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
    const cipher = formatCipher(params, context.requireKeyring(), (reason, problem) =>
      context.fail(reason, problem),
    );
    return { kind: 'value', apply: (value) => cipher.encrypt(textOf(value)) };
  },
};

/** Deciphers values written by {@link fpeTransform} with the same parameters. */
export function fpeReverser(params: FpeSpec, keyring: Keyring): (value: unknown) => string {
  const cipher = formatCipher(params, keyring, (reason, problem) => {
    throw new PolicyError(`fpe: ${problem}`, { reason });
  });
  return (value) => cipher.decrypt(textOf(value));
}
