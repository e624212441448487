import type { Keyring } from '../crypto/keyring-types.ts';
import {
  createNoteSigner,
  createNoteVerifier,
  NOTE_ALGORITHM_ED25519,
  NOTE_ALGORITHM_SM2,
  type NoteSigner,
  type NoteVerifier,
} from '../provenance/note-keys.ts';

/**
 * A checkpoint signer for a ledger from the keyring's active key: Ed25519
 * under the international suite, SM2 under the national suite. The secret
 * key stays inside the keyring.
 *
 * @param keyring - the keyring
 * @param origin - the ledger's origin (the note key name)
 * @returns a note signer whose verifier checks the ledger's checkpoints
 * @example
 * ```ts
 * import { createLedger, createLedgerSigner } from 'dataguard';
 * import { createKeyring, generateKeyring } from 'dataguard/crypto';
 * const keyring = createKeyring({ keys: generateKeyring({ suite: 'national' }) });
 * const origin = 'example.gov.cn/ledger';
 * const ledger = createLedger({ origin, signer: createLedgerSigner(keyring, origin) });
 * (await ledger.checkpoint()).note.startsWith(`${origin}\n0\n`); // true
 * ```
 */
export function createLedgerSigner(keyring: Keyring, origin: string): NoteSigner {
  const signer = keyring.signer();
  const verifier = keyring.verifier(signer.keyId);
  return createNoteSigner({
    name: origin,
    algorithm: signer.algorithm === 'ed25519' ? NOTE_ALGORITHM_ED25519 : NOTE_ALGORITHM_SM2,
    publicKey: signer.publicKey,
    sign: (message) => signer.sign(message),
    verify: (message, signature) => verifier.verify(message, signature),
  });
}

/**
 * Checkpoint verifiers for every usable key of the keyring (after rotation,
 * checkpoints signed by an older key still verify).
 *
 * @param keyring - the keyring
 * @param origin - the ledger's origin
 * @returns one verifier per active or decrypt-only key
 */
export function createLedgerVerifiers(keyring: Keyring, origin: string): NoteVerifier[] {
  const out: NoteVerifier[] = [];
  for (const keyId of keyring.keyIds()) {
    let verifier: ReturnType<Keyring['verifier']>;
    try {
      verifier = keyring.verifier(keyId);
    } catch {
      continue; // retired keys verify nothing
    }
    out.push(
      createNoteVerifier({
        name: origin,
        algorithm: verifier.algorithm === 'ed25519' ? NOTE_ALGORITHM_ED25519 : NOTE_ALGORITHM_SM2,
        publicKey: verifier.publicKey,
        verify: (message, signature) => verifier.verify(message, signature),
      }),
    );
  }
  return out;
}
