// Names before 0.2: kept for one minor version, because the docs used them.
import { verifyCheckpoint } from './checkpoint.ts';
import { createNoteSigner, type NoteSigner, type SignatureSchemeLike } from './note-keys.ts';

/** @deprecated use {@link verifyCheckpoint} (renamed in 0.2: "open" is for databases). */
export const openCheckpoint: typeof verifyCheckpoint = verifyCheckpoint;

/**
 * An Ed25519 note signer.
 *
 * @deprecated use `createNoteSigner({ name, secretKey })` (0.2).
 * @param name - key name
 * @param secretKey - 32-byte Ed25519 secret key
 * @returns the signer
 * @throws {KeyError} when the secret key is not 32 bytes
 */
export function ed25519NoteSigner(name: string, secretKey: Uint8Array): NoteSigner {
  return createNoteSigner({ name, secretKey });
}

/**
 * A note signer from a signature scheme and secret key.
 *
 * @deprecated use `createNoteSigner({ name, scheme, secretKey })` (0.2).
 * @param name - key name
 * @param scheme - an Ed25519 or SM2 scheme
 * @param secretKey - the scheme's secret key
 * @returns the signer
 * @throws {KeyError} when the scheme rejects the key
 */
export function noteSignerFromScheme(
  name: string,
  scheme: SignatureSchemeLike,
  secretKey: Uint8Array,
): NoteSigner {
  return createNoteSigner({ name, scheme, secretKey });
}
