import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { equalBytes } from '../core/bytes.ts';
import { createKeyring, generateKeyring } from '../crypto/index.ts';
import type { Keyring } from '../crypto/keyring-types.ts';
import { sm2 } from '../crypto/sm2.ts';
import { international, national } from '../crypto/suites.ts';
import { InputError } from '../errors/kinds.ts';
import { createLedgerSigner, createLedgerVerifiers } from '../pipeline/ledger-signer.ts';
import {
  createLedger,
  type Ledger,
  leafHash,
  type NoteVerifier,
  parseVerifierKey,
} from '../provenance/index.ts';
import { createSqliteLedgerStore, openSqlite, type SqliteDatabase } from '../store/sqlite/index.ts';
import { type CliConfig, loadConfig } from './config.ts';
import { assertPrivateFile } from './private-file.ts';

/** The embedded default: everything under `.dataguard/` in the working directory. */
export const WORKSPACE_DIR = '.dataguard';
export const DEFAULT_ORIGIN = 'dataguard.local/ledger';

/** The key records of a keyring file, as {@link createKeyring} takes them. */
type KeyRecords = Parameters<typeof createKeyring>[0]['keys'];

/** Options shared by commands that use keys and the ledger. */
export interface WorkspaceOptions {
  /** SQLite database file (default `.dataguard/dataguard.db`). */
  readonly ledger?: string | undefined;
  /** Keyring file (default `.dataguard/keyring.json`). */
  readonly keys?: string | undefined;
  /** The ledger's origin line (default `dataguard.local/ledger`). */
  readonly origin?: string | undefined;
  /** Create the default keyring when it does not exist (international suite). */
  readonly createKeys?: boolean | undefined;
  /** Suite of a newly created keyring. */
  readonly suite?: 'international' | 'national' | undefined;
  /**
   * The ledger database must already exist: a missing file is an InputError
   * (`missing-ledger`) and no file or directory is created. Default false.
   */
  readonly mustExist?: boolean | undefined;
  /**
   * Open the ledger database read-only (implies `mustExist`): for commands
   * that only read, so nothing is created, migrated or written.
   */
  readonly readOnly?: boolean | undefined;
  /** The workspace configuration (default: the config file of the working directory). */
  readonly config?: CliConfig | undefined;
}

/** An opened workspace: database, keyring and ledger. */
export interface Workspace {
  readonly db: SqliteDatabase;
  readonly keyring: Keyring;
  readonly ledger: Ledger;
  readonly ledgerPath: string;
  readonly keysPath: string;
  /** The key records the keyring was opened from (read once: worker threads open their own keyring from them). */
  readonly keys: KeyRecords;
  /** True when this call created the keyring file. */
  readonly createdKeys: boolean;
  /** True when the database was opened read-only. */
  readonly readOnly: boolean;
  close(): void;
}

/**
 * Reads a keyring file; with `create`, writes a new one (mode 0600) when it is missing.
 *
 * @param path - the keyring file
 * @param create - create the file when it is missing
 * @param suite - suite of a created keyring
 * @returns the keyring, the key records it was opened from, and whether this call created it
 * @throws InputError `missing-keyring`, `keyring-permissions` (open to group or others:
 *   `chmod 600`) or `invalid-keyring`
 */
export function loadKeyring(
  path: string,
  create: boolean,
  suite: 'international' | 'national',
): { keyring: Keyring; keys: KeyRecords; created: boolean } {
  let created = false;
  if (!existsSync(path)) {
    if (!create) {
      throw new InputError(
        `keyring file ${path} does not exist; name the keyring that signs this ledger with --keys (or keys: in dataguard.config.yaml), or read with the public key only: --verifier FILE`,
        {
          path: 'keys',
          reason: 'missing-keyring',
        },
      );
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(generateKeyring({ suite }), null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    chmodSync(path, 0o600);
    created = true;
  }
  assertPrivateFile(path, 'keys');
  let file: unknown;
  try {
    file = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    // The file holds key material: never repeat its content.
    throw new InputError(`keyring file ${path} cannot be read as JSON`, {
      cause: error,
      path: 'keys',
      reason: 'invalid-keyring',
    });
  }
  const keys = file as KeyRecords;
  return { keyring: createKeyring({ keys }), keys, created };
}

/**
 * Opens the SQLite database, keyring and ledger a command works with.
 * The ledger's tree hash follows the keyring's suite (SM3 under national).
 *
 * @param options - paths, origin, keyring creation and the open mode
 * @returns the open workspace; close it when done
 * @throws InputError when the ledger must exist and does not (`missing-ledger`) or the
 *   keyring is missing, open to others or invalid; StoreError / SchemaVersionError naming
 *   the database when it cannot be opened
 */
export function openWorkspace(options: WorkspaceOptions): Workspace {
  const config = options.config ?? loadConfig(undefined);
  const ledgerPath = resolve(
    options.ledger ?? config.ledger ?? join(WORKSPACE_DIR, 'dataguard.db'),
  );
  const keysPath = resolve(
    options.keys ?? config.keys ?? join(dirname(ledgerPath), 'keyring.json'),
  );
  const readOnly = options.readOnly === true;
  const mustExist = readOnly || options.mustExist === true;
  // Checked first, so a mistyped --ledger is named as such (not as a missing keyring beside it).
  if (mustExist && !existsSync(ledgerPath)) throw missingLedger(ledgerPath);
  const { keyring, keys, created } = loadKeyring(
    keysPath,
    options.createKeys === true,
    options.suite ?? 'international',
  );
  let db: SqliteDatabase;
  try {
    db = openSqlite({ path: ledgerPath, readOnly, mustExist });
  } catch (error) {
    keyring.destroy();
    throw error;
  }
  let origin: string;
  try {
    origin = resolveOrigin(db, options.origin, config.origin);
  } catch (error) {
    keyring.destroy();
    db.close();
    throw error;
  }
  const suite = keyring.suite.id === 'national' ? national : international;
  const ledger = createLedger({
    origin,
    store: createSqliteLedgerStore(db),
    hash: (data) => suite.digest(data),
    signer: createLedgerSigner(keyring, origin),
    verifiers: createLedgerVerifiers(keyring, origin),
  });
  return {
    db,
    keyring,
    ledger,
    ledgerPath,
    keysPath,
    keys,
    createdKeys: created,
    readOnly,
    close() {
      keyring.destroy();
      db.close();
    },
  };
}

function missingLedger(ledgerPath: string): InputError {
  return new InputError(
    `ledger database ${ledgerPath} does not exist; check --ledger (a ledger is created by the first dataguard protect)`,
    { path: 'ledger', reason: 'missing-ledger' },
  );
}

/**
 * The origin line of the ledger's latest stored checkpoint, if it has one: a
 * log keeps one origin, so this is the origin every later checkpoint must use.
 */
export function recordedOrigin(db: SqliteDatabase): string | undefined {
  const row = db.db
    .prepare('SELECT note FROM ledger_checkpoints ORDER BY size DESC, seq DESC LIMIT 1')
    .get() as { note?: unknown } | undefined;
  if (typeof row?.note !== 'string') return undefined;
  const line = row.note.slice(0, row.note.indexOf('\n'));
  return line.length > 0 ? line : undefined;
}

/**
 * The ledger's origin: the one asked for (option, then config), which must
 * equal the recorded one when the ledger has checkpoints; else the recorded
 * one; else the default.
 *
 * @throws InputError `origin-mismatch` naming both origins
 */
function resolveOrigin(
  db: SqliteDatabase,
  option: string | undefined,
  configured: string | undefined,
): string {
  const recorded = recordedOrigin(db);
  const asked = option ?? configured;
  if (asked !== undefined && recorded !== undefined && asked !== recorded) {
    const source = option === undefined ? 'the config file' : '--origin';
    throw new InputError(
      `this ledger's checkpoints are signed for origin ${recorded}, but ${source} says ${asked}; a ledger keeps one origin (set it before the first release, in dataguard.config.yaml)`,
      { path: 'origin', reason: 'origin-mismatch', details: { recorded, asked } },
    );
  }
  return asked ?? recorded ?? DEFAULT_ORIGIN;
}

/** Options of {@link openLedgerReader}. */
export interface LedgerReaderOptions {
  readonly ledger?: string | undefined;
  readonly keys?: string | undefined;
  /** Verifier key file (C2SP vkey lines): read and verify without the secret keyring. */
  readonly verifier?: string | undefined;
  readonly origin?: string | undefined;
  /** `verify`: keys that check checkpoints are required; `read`: they are used when present. */
  readonly need: 'verify' | 'read';
  readonly config: CliConfig;
}

/** A ledger opened read-only, with the public keys that verify its checkpoints. */
export interface LedgerReader {
  readonly db: SqliteDatabase;
  readonly ledger: Ledger;
  readonly ledgerPath: string;
  readonly origin: string;
  readonly verifiers: readonly NoteVerifier[];
  /** Where the verifiers came from. */
  readonly trust: 'keyring' | 'verifier' | 'none';
  close(): void;
}

/**
 * Opens an existing ledger read-only for auditors: with `--verifier` (public
 * keys only), else the keyring when it exists; no secret is needed to read.
 * The tree hash is the suite's (SM3 for SM2 keys), or found from the stored
 * leaves when no key is given.
 *
 * @param options - paths, origin, what keys are needed, configuration
 * @returns the reader; close it when done
 * @throws InputError `missing-ledger`, `missing-verifier`, `origin-mismatch`, `missing-keyring`
 *   (when verifying with neither keys nor verifier)
 */
export function openLedgerReader(options: LedgerReaderOptions): LedgerReader {
  const { config } = options;
  const ledgerPath = resolve(
    options.ledger ?? config.ledger ?? join(WORKSPACE_DIR, 'dataguard.db'),
  );
  if (!existsSync(ledgerPath)) throw missingLedger(ledgerPath);
  const verifierFile =
    options.verifier ?? (options.keys === undefined ? config.verifier : undefined);
  const keysPath = resolve(
    options.keys ?? config.keys ?? join(dirname(ledgerPath), 'keyring.json'),
  );
  const db = openSqlite({ path: ledgerPath, readOnly: true, mustExist: true });
  try {
    if (verifierFile !== undefined) {
      const parsed = readVerifierFile(verifierFile);
      const origin = resolveOrigin(db, options.origin ?? parsed[0]?.name, config.origin);
      const verifiers = parsed.filter((v) => v.name === origin);
      if (verifiers.length === 0) {
        throw new InputError(
          `verifier key file ${verifierFile} holds no key for origin ${origin}`,
          {
            path: 'verifier',
            reason: 'missing-verifier',
          },
        );
      }
      // SM2 note keys have a multi-byte algorithm prefix; their logs hash with SM3.
      const sm3 = verifiers.some((v) => v.algorithm.length > 1);
      return finishReader(db, ledgerPath, origin, verifiers, sm3, 'verifier');
    }
    const origin = resolveOrigin(db, options.origin, config.origin);
    if (options.need === 'verify' || existsSync(keysPath)) {
      const { keyring } = loadKeyring(keysPath, false, 'international');
      try {
        // Only the public keys are kept; the secret keyring is wiped at once.
        const verifiers = createLedgerVerifiers(keyring, origin);
        const sm3 = keyring.suite.id === 'national';
        return finishReader(db, ledgerPath, origin, verifiers, sm3, 'keyring');
      } finally {
        keyring.destroy();
      }
    }
    return finishReader(db, ledgerPath, origin, [], storedHashIsSm3(db), 'none');
  } catch (error) {
    db.close();
    throw error;
  }
}

function finishReader(
  db: SqliteDatabase,
  ledgerPath: string,
  origin: string,
  verifiers: readonly NoteVerifier[],
  sm3: boolean,
  trust: LedgerReader['trust'],
): LedgerReader {
  const suite = sm3 ? national : international;
  const ledger = createLedger({
    origin,
    store: createSqliteLedgerStore(db),
    hash: (data) => suite.digest(data),
    verifiers,
  });
  return { db, ledger, ledgerPath, origin, verifiers, trust, close: () => db.close() };
}

// Without a key, the tree hash is whichever one reproduces the first stored leaf hash.
function storedHashIsSm3(db: SqliteDatabase): boolean {
  const row = db.db
    .prepare(
      'SELECT l.bytes AS bytes, t.hash AS hash FROM ledger_leaves l JOIN ledger_tree t ON t.pos = 0 WHERE l.idx = 0',
    )
    .get() as { bytes?: Uint8Array; hash?: Uint8Array } | undefined;
  if (row?.bytes === undefined || row.hash === undefined) return false;
  const sha = leafHash(new Uint8Array(row.bytes), (data) => international.digest(data));
  return !equalBytes(sha, new Uint8Array(row.hash));
}

/**
 * Reads a verifier key file: one C2SP vkey per line (blank lines and `#` comments skipped).
 *
 * @param file - the file
 * @returns the verifiers
 * @throws InputError `unreadable` or `invalid-verifier`
 */
export function readVerifierFile(file: string): NoteVerifier[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read verifier key file ${file}`, {
      cause: error,
      path: 'verifier',
      reason: 'unreadable',
    });
  }
  const out: NoteVerifier[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.length === 0 || trimmed.startsWith('#')) continue;
    try {
      out.push(parseVerifierKey(trimmed, { schemes: [sm2] }));
    } catch (cause) {
      throw new InputError(`verifier key file ${file} holds a line that is not a verifier key`, {
        cause,
        path: 'verifier',
        reason: 'invalid-verifier',
      });
    }
  }
  if (out.length === 0) {
    throw new InputError(`verifier key file ${file} holds no key`, {
      path: 'verifier',
      reason: 'invalid-verifier',
    });
  }
  return out;
}

/** Adds the `--ledger`, `--keys` and `--origin` options every workspace command takes. */
export function workspaceOptions(command: Command): Command {
  return command
    .option(
      '--ledger <file>',
      'SQLite database holding the ledger (default .dataguard/dataguard.db)',
    )
    .option('--keys <file>', 'keyring file (default .dataguard/keyring.json)')
    .option('--origin <name>', 'ledger origin (checkpoint name; default: the recorded one)');
}

/** Adds `--verifier <file>` for commands an auditor runs with the public key only. */
export function verifierOption(command: Command): Command {
  return command.option(
    '--verifier <file>',
    'public verifier key file (from dataguard keys export-verifier): read and verify without the secret keyring',
  );
}
