// Where key material comes from: inline hex or base64, environment variables,
// or any scheme a KMS/HSM adapter registers. Errors never repeat the reference,
// which could be the key itself.
import { fromBase64, fromHex } from '../core/bytes.ts';
import { KeyError } from '../errors/kinds.ts';

/** Resolves a key-material reference (`hex:…`, `base64:…`, `env:NAME`, bare hex/base64) to bytes. */
export interface KeyProvider {
  /** Returns the key bytes (the keyring copies them); throws KeyError when unavailable. */
  resolve(reference: string): Uint8Array;
}

/** Options for {@link createKeyProvider}. */
export interface KeyProviderOptions {
  /** Environment for `env:NAME` (default: `process.env` where it exists). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Extra schemes, e.g. `{ kms: myKmsProvider }` resolves `kms:<rest>` with `<rest>`. */
  readonly schemes?: Readonly<Record<string, KeyProvider>>;
}

function platformEnv(): Readonly<Record<string, string | undefined>> {
  const scope = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return scope.process?.env ?? {};
}

function decodeInline(value: string): Uint8Array {
  let bytes: Uint8Array | undefined;
  if (value.startsWith('hex:')) bytes = fromHex(value.slice(4));
  else if (value.startsWith('base64:')) bytes = fromBase64(value.slice(7));
  else if (/^(?:[0-9a-fA-F]{2})+$/.test(value)) bytes = fromHex(value);
  else bytes = fromBase64(value);
  if (bytes === undefined || bytes.length === 0) {
    throw new KeyError('key material is not valid hex or base64', {
      reason: 'invalid-key-material',
    });
  }
  return bytes;
}

/**
 * Creates the built-in key provider: `hex:`/`base64:` prefixes, bare hex
 * (even-length hex digits) or base64, `env:NAME` (whose value is decoded the
 * same way), and any extra schemes given.
 *
 * @param options - the environment and extra schemes
 * @returns the provider
 * @example
 * ```ts
 * import { createKeyProvider } from 'dataguard/crypto';
 * const provider = createKeyProvider({ env: { DG_KEY: 'ab'.repeat(32) } });
 * provider.resolve('env:DG_KEY').length; // 32
 * ```
 */
export function createKeyProvider(options: KeyProviderOptions = {}): KeyProvider {
  return {
    resolve(reference) {
      if (typeof reference !== 'string' || reference.length === 0) {
        throw new KeyError('key material reference must be a non-empty string', {
          reason: 'invalid-key-material',
        });
      }
      if (reference.startsWith('env:')) {
        const value = (options.env ?? platformEnv())[reference.slice(4)];
        if (value === undefined || value === '') {
          throw new KeyError('the environment variable named by the key material is not set', {
            reason: 'key-material-unavailable',
          });
        }
        return decodeInline(value.trim());
      }
      const colon = reference.indexOf(':');
      if (colon > 0) {
        const scheme = reference.slice(0, colon);
        const custom = options.schemes?.[scheme];
        if (custom !== undefined) return custom.resolve(reference.slice(colon + 1));
        if (scheme !== 'hex' && scheme !== 'base64') {
          throw new KeyError('key material uses an unknown scheme', {
            reason: 'unknown-key-scheme',
            details: { scheme: /^[a-z][a-z0-9+.-]{0,31}$/.test(scheme) ? scheme : '?' },
          });
        }
      }
      return decodeInline(reference);
    },
  };
}

/**
 * The default provider: inline hex/base64 and `env:NAME` from `process.env`.
 *
 * @example
 * ```ts
 * import { defaultKeyProvider } from './key-provider.ts';
 * defaultKeyProvider.resolve('hex:' + '00'.repeat(32)).length; // 32
 * ```
 */
export const defaultKeyProvider: KeyProvider = /* @__PURE__ */ createKeyProvider();
