import { chmodSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { generateKeyring, type KeyringFile, rotateKeyring } from '../../crypto/keyring-file.ts';
import { InputError } from '../../errors/kinds.ts';
import { writeFault } from '../../io/write-fault.ts';
import { createLedgerSigner, createLedgerVerifiers } from '../../pipeline/ledger-signer.ts';
import { formatVerifierKey } from '../../provenance/index.ts';
import { openSqlite } from '../../store/sqlite/index.ts';
import { configOf } from '../config.ts';
import { type Lang, langOf } from '../i18n/lang.ts';
import { message as t } from '../i18n/messages.ts';
import { assertPrivateFile } from '../private-file.ts';
import type { CliIo } from '../program.ts';
import { readJsonFile } from '../read-json.ts';
import { DEFAULT_ORIGIN, loadKeyring, recordedOrigin, WORKSPACE_DIR } from '../workspace.ts';

const SUITES = ['international', 'national'] as const;

// Owner read/write only: a keyring file is a secret.
const SECRET_MODE = 0o600;

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Nothing of ours is there to remove.
  }
}

function writeSecretFile(file: string, text: string, overwrite: boolean): void {
  let temp: string | undefined;
  try {
    if (overwrite) {
      // Write beside the target and rename, so a crash never leaves half a keyring.
      temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
      writeFileSync(temp, text, { mode: SECRET_MODE, flag: 'wx' });
      chmodSync(temp, SECRET_MODE);
      renameSync(temp, file);
    } else {
      writeFileSync(file, text, { mode: SECRET_MODE, flag: 'wx' });
      chmodSync(file, SECRET_MODE);
    }
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    // A partly written keyring must not stay behind (e.g. on a full disk); with
    // EEXIST nothing was created, and an existing --out file is never removed.
    if (!exists) removeQuietly(temp ?? file);
    if (exists && temp === undefined) {
      throw new InputError(`${file} already exists (use --force to replace it)`, {
        cause: error,
        path: 'out',
        reason: 'exists',
      });
    }
    throw (
      writeFault(error, file, 'out') ??
      new InputError(`cannot write ${file}`, { cause: error, path: 'out', reason: 'unwritable' })
    );
  }
}

function describe(lang: Lang, file: KeyringFile): string {
  const active = file.keys.find((k) => k.status === 'active');
  return t(lang, 'keys.describe', {
    count: file.keys.length,
    id: active?.id ?? '-',
    suite: active?.suite ?? '-',
  });
}

/**
 * `dataguard keys generate|rotate`: create a keyring file with a new active
 * master key, or rotate one (the old active key becomes decrypt-only).
 */
export function registerKeysCommand(program: Command, io: CliIo): void {
  const keys = program
    .command('keys')
    .description(
      'generate and rotate keyring files (master keys); export the public verifier key for auditors',
    );

  keys
    .command('generate')
    .description(
      'print a new keyring file with one active 256-bit master key (or write it with --out)',
    )
    .addOption(
      new Option('--suite <suite>', 'crypto suite of the key')
        .choices(SUITES)
        .makeOptionMandatory(),
    )
    .option('--out <file>', 'write the keyring to this file (mode 0600) instead of stdout')
    .option('--id <id>', 'key id (default k-<yyyymmdd>-<random>)')
    .option('--force', 'replace an existing --out file')
    .action(
      (
        options: { suite: (typeof SUITES)[number]; out?: string; id?: string; force?: boolean },
        command: Command,
      ) => {
        const file = generateKeyring({ suite: options.suite, id: options.id });
        const text = `${JSON.stringify(file, null, 2)}\n`;
        if (options.out === undefined) {
          io.stdout(text);
          return;
        }
        writeSecretFile(options.out, text, options.force === true);
        const lang = langOf(command);
        io.stdout(
          `${t(lang, 'keys.wrote', { path: options.out, keyring: describe(lang, file) })}\n`,
        );
      },
    );

  keys
    .command('export-verifier')
    .description(
      "print the ledger's public verifier keys (C2SP vkey, one line per usable key, active first) for auditors; no secret leaves",
    )
    .option('--keys <file>', 'keyring file (default: the config, else .dataguard/keyring.json)')
    .option('--ledger <file>', 'ledger database whose recorded origin names the key')
    .option('--origin <name>', 'ledger origin (default: the config, else the recorded one)')
    .action((options: { keys?: string; ledger?: string; origin?: string }, command: Command) => {
      const config = configOf(command);
      const ledgerPath = resolve(
        options.ledger ?? config.ledger ?? join(WORKSPACE_DIR, 'dataguard.db'),
      );
      const keysPath = resolve(
        options.keys ?? config.keys ?? join(dirname(ledgerPath), 'keyring.json'),
      );
      let recorded: string | undefined;
      if (existsSync(ledgerPath)) {
        const db = openSqlite({ path: ledgerPath, readOnly: true, mustExist: true });
        try {
          recorded = recordedOrigin(db);
        } finally {
          db.close();
        }
      }
      const origin = options.origin ?? config.origin ?? recorded ?? DEFAULT_ORIGIN;
      const { keyring } = loadKeyring(keysPath, false, 'international');
      try {
        const active = formatVerifierKey(createLedgerSigner(keyring, origin));
        const lines = [active];
        for (const verifier of createLedgerVerifiers(keyring, origin)) {
          const line = formatVerifierKey(verifier);
          if (!lines.includes(line)) lines.push(line);
        }
        io.stdout(`${lines.join('\n')}\n`);
      } finally {
        keyring.destroy();
      }
    });

  keys
    .command('rotate')
    .description(
      'add a new active key to a keyring file; the previous active key becomes decrypt-only',
    )
    .argument('<file>', 'keyring file (JSON), rewritten in place with mode 0600')
    .addOption(
      new Option('--suite <suite>', 'suite of the new key (default: the current one)').choices(
        SUITES,
      ),
    )
    .option('--id <id>', 'id of the new key')
    .option('--retire <ids...>', 'key ids to mark retired (refused for everything)')
    .action(
      (
        path: string,
        options: { suite?: (typeof SUITES)[number]; id?: string; retire?: string[] },
        command: Command,
      ) => {
        assertPrivateFile(path, 'keyring');
        const current = readJsonFile(path, 'keyring') as KeyringFile;
        const next = rotateKeyring(current, {
          suite: options.suite,
          id: options.id,
          retire: options.retire,
        });
        writeSecretFile(path, `${JSON.stringify(next, null, 2)}\n`, true);
        const lang = langOf(command);
        io.stdout(`${t(lang, 'keys.rotated', { path, keyring: describe(lang, next) })}\n`);
      },
    );
}
