import { z } from 'zod';
import { assertFunction, assertRecord, assertString } from '../../core/assert.ts';
import type { ExactSchema } from '../../core/exact-schema.ts';
import { StoreError, TransformError } from '../../errors/kinds.ts';
import { base32Prefix, fromUtf8, hexPrefix, utf8Bytes } from '../encoding.ts';
import type { Keyring } from '../keyring.ts';
import { randomNumbers } from '../random-numbers.ts';
import { Domain, FieldName, type SpecSchema } from '../spec-fields.ts';
import type { TokenVault, TokenVaultEntry } from '../token-vault.ts';
import type { TransformDefinition, VaultRequest } from '../types.ts';
import { contractError, isEmptyValue, textOf } from '../values.ts';

/** `tokenize`: random tokens kept in a token vault. */
export interface TokenizeSpec {
  type: 'tokenize';
  domain?: string | undefined;
  alphabet?: 'hex' | 'base32' | 'digits' | undefined;
  length?: number | undefined;
  prefix?: string | undefined;
  subjectField?: string | undefined;
}

const tokenizeSpec = z.strictObject({
  type: z.literal('tokenize'),
  domain: Domain.optional(),
  alphabet: z.enum(['hex', 'base32', 'digits']).optional().describe('default base32'),
  length: z.int().min(6).max(64).optional().describe('default 16'),
  prefix: z.string().max(16).optional(),
  subjectField: FieldName.optional().describe('Field naming the data subject (for deletion)'),
});

/** Zod schema of {@link TokenizeSpec}. */
export const TokenizeSpecSchema: SpecSchema<TokenizeSpec> = tokenizeSpec satisfies ExactSchema<
  TokenizeSpec,
  typeof tokenizeSpec
>;

const ATTEMPTS = 16;

/**
 * `tokenize`: replaces each value by a random token kept in a
 * {@link TokenVault}. The vault stores only the original sealed with the
 * keyring's randomized AEAD (bound to the token) and a keyed index, so equal
 * values get the same token while the index key is unchanged; reversal goes
 * through the vault and the key. With `subjectField`, tokens are per subject:
 * each subject gets its own token for a value, filed under a keyed hash of
 * the subject, so that {@link forgetSubject} deletes exactly that subject's
 * tokens (equal values of different subjects then get different tokens).
 */
export const tokenizeTransform: TransformDefinition<TokenizeSpec> = {
  type: 'tokenize',
  traits: () => ({ reversible: true, keyed: true, formatPreserving: false }),
  compile(params, context) {
    const keyring = context.requireKeyring();
    const vault =
      context.vault ??
      context.fail('missing-vault', 'tokenize needs a token vault (compilePolicy option vault)');
    const domain = params.domain ?? 'default';
    const alphabet = params.alphabet ?? 'base32';
    const length = params.length ?? 16;
    const prefix = params.prefix ?? '';
    const subjectIndex =
      params.subjectField === undefined
        ? -1
        : context.fieldIndex(params.subjectField, 'transform.subjectField');
    const index = keyring.pseudonymizer(`vault-index:${domain}`);
    const subjects = keyring.pseudonymizer('vault-subject');
    const sealer = keyring.aead(`vault:${domain}`, 'randomized');
    const rng = randomNumbers(context.random);
    const newToken = (): string => {
      if (alphabet === 'digits') {
        let token = '';
        for (let i = 0; i < length; i++) token += rng.below(10);
        return prefix + token;
      }
      const bytes = new Uint8Array(Math.ceil((length * 5) / 8) + 1);
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.below(256);
      return prefix + (alphabet === 'hex' ? hexPrefix(bytes, length) : base32Prefix(bytes, length));
    };
    const entryFor = (text: string, subject: string | undefined): TokenVaultEntry => {
      const token = newToken();
      return {
        index: index.mac(utf8Bytes(text)),
        token,
        sealed: sealer.seal(utf8Bytes(text), utf8Bytes(token)),
        subject,
      };
    };
    return {
      kind: 'async',
      apply: async (requests: readonly VaultRequest[]) => {
        // One vault call per batch; equal (subject, value) pairs in a batch share one entry.
        const texts: string[] = [];
        const slots = new Map<string, number>();
        const entries: TokenVaultEntry[] = [];
        const subjectHashes = new Map<string, string>();
        const positions = requests.map((request): number | TransformError => {
          try {
            const text = textOf(request.value);
            let subject: string | undefined;
            if (subjectIndex >= 0) {
              const at = request.layout[subjectIndex] as number;
              const value = at < 0 ? undefined : request.row[at];
              if (isEmptyValue(value)) {
                throw contractError('missing-subject', 'the subject field of a token is empty');
              }
              const raw = textOf(value);
              subject = subjectHashes.get(raw);
              if (subject === undefined) {
                subject = hexPrefix(subjects.mac(utf8Bytes(raw)), 64);
                subjectHashes.set(raw, subject);
              }
            }
            // The subject hash is 64 hex digits, so the key cannot be ambiguous.
            const key = subject === undefined ? text : `${subject}:${text}`;
            let slot = slots.get(key);
            if (slot === undefined) {
              slot = texts.length;
              slots.set(key, slot);
              texts.push(text);
              entries.push(entryFor(text, subject));
            }
            return slot;
          } catch (error) {
            if (error instanceof TransformError) return error;
            throw error;
          }
        });
        const tokens = await vaultTokens(vault, domain, entries, (i) =>
          entryFor(texts[i] as string, (entries[i] as TokenVaultEntry).subject),
        );
        return positions.map((slot) => (typeof slot === 'number' ? tokens[slot] : slot));
      },
    };
  },
};

/** Calls the vault, proposing new tokens for entries whose token was taken. */
async function vaultTokens(
  vault: TokenVault,
  domain: string,
  entries: TokenVaultEntry[],
  retry: (index: number) => TokenVaultEntry,
): Promise<string[]> {
  const tokens: (string | undefined)[] = new Array(entries.length);
  let pending = entries.map((_, i) => i);
  for (let attempt = 0; attempt < ATTEMPTS && pending.length > 0; attempt++) {
    const batch = pending.map((i) => entries[i] as TokenVaultEntry);
    const result = await vault.tokenize(domain, batch);
    const next: number[] = [];
    pending.forEach((i, k) => {
      const token = result[k];
      if (token === undefined) {
        entries[i] = retry(i);
        next.push(i);
      } else tokens[i] = token;
    });
    pending = next;
  }
  if (pending.length > 0) {
    throw new StoreError('the token space is exhausted: use longer tokens', {
      reason: 'token-space-exhausted',
    });
  }
  return tokens as string[];
}

/**
 * Restores tokenized values through the vault and the key.
 *
 * @param params - the tokenize parameters the values were written with
 * @param keyring - the keyring that sealed the originals
 * @param vault - the vault holding them
 * @returns a function from tokens to originals (TransformError `unknown-token` for a token not in the vault)
 */
export function tokenizeReverser(
  params: TokenizeSpec,
  keyring: Keyring,
  vault: TokenVault,
): (tokens: readonly string[]) => Promise<string[]> {
  const domain = params.domain ?? 'default';
  const opener = keyring.aead(`vault:${domain}`, 'randomized');
  return async (tokens) => {
    const sealed = await vault.lookup(domain, tokens);
    return tokens.map((token, i) => {
      const box = sealed[i];
      if (box === undefined) throw contractError('unknown-token', 'token is not in the vault');
      return fromUtf8(opener.open(box, utf8Bytes(token)));
    });
  };
}

/**
 * Deletes every token of a data subject from a vault (PIPL Art. 47 erasure):
 * afterwards those tokens can no longer be reversed.
 *
 * @param vault - the token vault
 * @param keyring - the keyring used when tokenizing
 * @param subject - the subject's identifying value, as in the `subjectField`
 * @returns how many tokens were deleted
 * @throws {ValidationError} reason `invalid-argument` when an argument is malformed
 * @example
 * ```ts
 * import { createKeyring, generateKeyring } from 'dataguard/crypto';
 * import { compilePolicy, createMemoryTokenVault, forgetSubject, type PolicyDocument } from 'dataguard/deidentify';
 * import type { DatasetDefinition } from 'dataguard/tags';
 * const dataset: DatasetDefinition = { id: 'contacts', version: '1', fields: [
 *   { name: 'id_card', role: 'direct-identifier', share: 'conditional', open: 'closed', openBasis: 'PIPL Art. 25' },
 *   { name: 'mobile', role: 'direct-identifier', share: 'conditional', open: 'closed', openBasis: 'PIPL Art. 25' },
 * ] };
 * const policy: PolicyDocument = { id: 'p', version: '1', rules: [
 *   { id: 'tok', select: { fields: ['mobile'] }, transform: { type: 'tokenize', domain: 'phones', subjectField: 'id_card' } },
 *   { id: 'id', select: { fields: ['id_card'] }, transform: { type: 'pseudonymize' } },
 * ] };
 * const keyring = createKeyring({ keys: generateKeyring({ suite: 'international' }) });
 * const vault = createMemoryTokenVault();
 * await compilePolicy(policy, { dataset, keyring, vault }).record({ id_card: '350102199003074578', mobile: '13800138000' });
 * await forgetSubject(vault, keyring, '350102199003074578'); // 1
 * ```
 */
export async function forgetSubject(
  vault: TokenVault,
  keyring: Keyring,
  subject: string,
): Promise<number> {
  assertRecord(vault, 'vault');
  assertFunction(vault.deleteSubject, 'vault.deleteSubject');
  assertRecord(keyring, 'keyring');
  assertFunction(keyring.pseudonymizer, 'keyring.pseudonymizer');
  assertString(subject, 'subject');
  return vault.deleteSubject(
    hexPrefix(keyring.pseudonymizer('vault-subject').mac(utf8Bytes(subject)), 64),
  );
}
