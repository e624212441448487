import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { createKeyring, generateKeyring } from '../crypto/index.ts';
import type { Keyring } from '../crypto/keyring-types.ts';
import { international, national } from '../crypto/suites.ts';
import { InputError } from '../errors/kinds.ts';
import { ledgerSigner, ledgerVerifiers } from '../pipeline/ledger-signer.ts';
import { createLedger, type Ledger } from '../provenance/index.ts';
import { openSqlite, type SqliteDatabase, sqliteLedgerStore } from '../store/sqlite/index.ts';
import { assertPrivateFile } from './private-file.ts';

/** The embedded default: everything under `.dataguard/` in the working directory. */
export const WORKSPACE_DIR = '.dataguard';
export const DEFAULT_ORIGIN = 'dataguard.local/ledger';

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
}

/** An opened workspace: database, keyring and ledger. */
export interface Workspace {
  readonly db: SqliteDatabase;
  readonly keyring: Keyring;
  readonly ledger: Ledger;
  readonly ledgerPath: string;
  readonly keysPath: string;
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
 * @returns the keyring and whether this call created it
 * @throws InputError `missing-keyring`, `keyring-permissions` (open to group or others:
 *   `chmod 600`) or `invalid-keyring`
 */
export function loadKeyring(
  path: string,
  create: boolean,
  suite: 'international' | 'national',
): { keyring: Keyring; created: boolean } {
  let created = false;
  if (!existsSync(path)) {
    if (!create) {
      throw new InputError(
        `keyring file ${path} does not exist (create one with: dataguard keys generate --out ${path})`,
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
  return {
    keyring: createKeyring({ keys: file as Parameters<typeof createKeyring>[0]['keys'] }),
    created,
  };
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
  const ledgerPath = resolve(options.ledger ?? join(WORKSPACE_DIR, 'dataguard.db'));
  const keysPath = resolve(options.keys ?? join(dirname(ledgerPath), 'keyring.json'));
  const readOnly = options.readOnly === true;
  const mustExist = readOnly || options.mustExist === true;
  // Checked first, so a mistyped --ledger is named as such (not as a missing keyring beside it).
  if (mustExist && !existsSync(ledgerPath)) {
    throw new InputError(
      `ledger database ${ledgerPath} does not exist; check --ledger (a ledger is created by the first dataguard protect)`,
      { path: 'ledger', reason: 'missing-ledger' },
    );
  }
  const { keyring, created } = loadKeyring(
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
  const origin = options.origin ?? DEFAULT_ORIGIN;
  const suite = keyring.suite.id === 'national' ? national : international;
  const ledger = createLedger({
    origin,
    store: sqliteLedgerStore(db),
    hash: (data) => suite.digest(data),
    signer: ledgerSigner(keyring, origin),
    verifiers: ledgerVerifiers(keyring, origin),
  });
  return {
    db,
    keyring,
    ledger,
    ledgerPath,
    keysPath,
    createdKeys: created,
    readOnly,
    close() {
      keyring.destroy();
      db.close();
    },
  };
}

/** Adds the `--ledger`, `--keys` and `--origin` options every workspace command takes. */
export function workspaceOptions(command: Command): Command {
  return command
    .option(
      '--ledger <file>',
      'SQLite database holding the ledger (default .dataguard/dataguard.db)',
    )
    .option('--keys <file>', 'keyring file (default .dataguard/keyring.json)')
    .option('--origin <name>', 'ledger origin (checkpoint name)');
}
