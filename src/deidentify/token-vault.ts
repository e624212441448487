/** One value to tokenize: its keyed index, a proposed fresh token and its sealed original. */
export interface TokenVaultEntry {
  /** Keyed hash of the original (never the original): equal values have equal indexes. */
  readonly index: Uint8Array;
  /** A fresh random token, used only when the (subject, index) pair has no token yet. */
  readonly token: string;
  /** The original, encrypted with the keyring's `vault` AEAD, bound to domain and token. */
  readonly sealed: Uint8Array;
  /**
   * Keyed hash of the data subject (non-empty), so that a subject's tokens can be
   * deleted (PIPL Art. 47). Each subject gets its own token for a value; entries
   * without a subject share one token per value.
   */
  readonly subject?: string | undefined;
}

/**
 * Storage of a token vault: token ↔ encrypted original, per domain. The vault
 * never sees an original in the clear. Tokens are per subject: the key of a
 * token is (domain, subject, index), so two subjects sharing a value hold two
 * tokens, and deleting one subject never touches the other's. Implementations:
 * the in-memory {@link createMemoryTokenVault} beside this interface, and the
 * SQLite and PostgreSQL stores; all pass `runTokenVaultStoreConformance`.
 */
export interface TokenVault {
  /**
   * For each entry, returns the token already stored for its subject and index
   * in the domain, or stores the entry and returns its proposed token. Returns
   * `undefined` for an entry whose proposed token is already taken (the caller
   * proposes another). Atomic per entry.
   */
  tokenize(domain: string, entries: readonly TokenVaultEntry[]): Promise<(string | undefined)[]>;
  /** The sealed originals of tokens (undefined where unknown or deleted). */
  lookup(domain: string, tokens: readonly string[]): Promise<(Uint8Array | undefined)[]>;
  /** Deletes every token of a subject in every domain; returns how many were deleted. */
  deleteSubject(subject: string): Promise<number>;
  /** Deletes tokens of a domain; returns how many existed. */
  deleteTokens(domain: string, tokens: readonly string[]): Promise<number>;
}
