import type { Command } from 'commander';
import {
  type ConsentInput,
  type ConsentRecord,
  type ConsentService,
  createAsyncConsentDecider,
  createConsentService,
  type NoticeDefinition,
} from '../../consent/index.ts';
import { InputError } from '../../errors/kinds.ts';
import type { LedgerEntry, ProcessingEventInput } from '../../provenance/index.ts';
import { createSqliteConsentStore, openSqlite } from '../../store/sqlite/index.ts';
import { createCatalog } from '../../tags/catalog.ts';
import type { DatasetDefinition } from '../../tags/dataset.ts';
import { CheckFailed } from '../check-failed.ts';
import { type CliConfig, configOf } from '../config.ts';
import { type Lang, langOf } from '../i18n/lang.ts';
import { consentEventWord, message as t } from '../i18n/messages.ts';
import { partyFromFlags } from '../parties.ts';
import type { CliIo } from '../program.ts';
import { readJsonFile } from '../read-json.ts';
import { formatTable } from '../table.ts';
import { parseTimeFlag } from '../time-zone.ts';
import { openWorkspace, type Workspace, workspaceOptions } from '../workspace.ts';

interface WorkspaceFlags {
  ledger?: string;
  keys?: string;
  origin?: string;
  json?: boolean;
}

/**
 * Runs a consent change on the workspace: the consent store in the workspace
 * database, every change recorded in its ledger; returns the last entry appended.
 */
async function withConsentService<T>(
  flags: WorkspaceFlags,
  config: CliConfig,
  lang: Lang,
  io: CliIo,
  body: (service: ConsentService<LedgerEntry>) => Promise<T>,
): Promise<{ value: T; entry: LedgerEntry | undefined }> {
  const ws: Workspace = openWorkspace({
    ledger: flags.ledger,
    keys: flags.keys,
    origin: flags.origin,
    createKeys: true,
    config,
  });
  const store = createSqliteConsentStore(ws.db);
  let entry: LedgerEntry | undefined;
  const service = createConsentService<LedgerEntry>({
    store,
    timeZone: config.timeZone,
    ledger: {
      append: async (event, link) => {
        entry = await ws.ledger.append(event as ProcessingEventInput, link);
        return entry;
      },
    },
    audit: { consents: true },
  });
  try {
    if (ws.createdKeys) io.stderr(`${t(lang, 'keys.created', { path: ws.keysPath })}\n`);
    const value = await body(service);
    return { value, entry };
  } finally {
    service.close();
    store.close?.();
    ws.close();
  }
}

function printConsent(
  io: CliIo,
  lang: Lang,
  record: ConsentRecord,
  entry: LedgerEntry | undefined,
  json: boolean,
): void {
  const last = record.events[record.events.length - 1];
  const event = last?.type ?? 'given';
  const index = entry?.index ?? '?';
  if (json) {
    io.stdout(`${JSON.stringify({ index: entry?.index, record }, null, 2)}\n`);
    return;
  }
  const key = event === 'given' || event === 'refused' ? 'consent.recorded' : 'consent.changed';
  io.stdout(`${t(lang, key, { id: record.id, event: consentEventWord(lang, event), index })}\n`);
  io.stdout(
    formatTable(
      [
        [t(lang, 'consent.subject'), record.subject],
        [t(lang, 'consent.notice'), `${record.notice.id}@${record.notice.version}`],
        [t(lang, 'consent.purposes'), record.purposes.join(', ')],
        [t(lang, 'consent.status'), consentEventWord(lang, event)],
      ],
      '  ',
    ),
  );
}

/** `dataguard consent record|withdraw|decide`: consents and decisions on the workspace consent store. */
export function registerConsentCommand(program: Command, io: CliIo): void {
  const consent = program
    .command('consent')
    .description('consent and purpose decisions (PIPL) for scripting');

  workspaceOptions(
    consent
      .command('record')
      .description(
        'record a consent (or refusal) given against a published notice, in the workspace consent store and the ledger',
      ),
  )
    .requiredOption(
      '--consent <file>',
      'consent record (JSON or YAML): subject, notice, purposes, piCategories, method, givenBy …',
    )
    .option(
      '--notice <file>',
      'notice definition (JSON or YAML) to publish first, if not yet published',
    )
    .option('--json', 'print the recorded event as JSON')
    .action(
      async (flags: WorkspaceFlags & { consent: string; notice?: string }, command: Command) => {
        const config = configOf(command);
        const lang = langOf(command);
        const input = readJsonFile(flags.consent, 'consent') as ConsentInput;
        const notice =
          flags.notice === undefined
            ? undefined
            : (readJsonFile(flags.notice, 'notice') as NoticeDefinition);
        const { value, entry } = await withConsentService(
          flags,
          config,
          lang,
          io,
          async (service) => {
            if (notice !== undefined) {
              const stored = await service.store.getNotice(notice.id, notice.version);
              if (stored === undefined) await service.publishNotice(notice);
            }
            return service.recordConsent(input);
          },
        );
        printConsent(io, lang, value, entry, flags.json === true);
      },
    );

  workspaceOptions(
    consent
      .command('withdraw')
      .description(
        'withdraw a consent, effective at once (PIPL Art. 15), in the workspace consent store and the ledger',
      ),
  )
    .argument('<id>', 'consent record id')
    .option('--by <id>', 'who withdraws (default: whoever gave the consent)')
    .option(
      '--at <time>',
      'when: ISO 8601 with offset, or a local time in the configured zone (default now)',
    )
    .option('--json', 'print the recorded event as JSON')
    .action(
      async (
        id: string,
        flags: WorkspaceFlags & { by?: string; at?: string },
        command: Command,
      ) => {
        const config = configOf(command);
        const lang = langOf(command);
        const at =
          flags.at === undefined ? undefined : parseTimeFlag(flags.at, '--at', config.timeZone);
        const { value, entry } = await withConsentService(flags, config, lang, io, (service) =>
          service.withdraw(id, {
            ...(flags.by === undefined ? {} : { by: flags.by }),
            ...(at === undefined ? {} : { at }),
          }),
        );
        printConsent(io, lang, value, entry, flags.json === true);
      },
    );

  workspaceOptions(
    consent
      .command('decide')
      .description(
        'decide a request (JSON: subject, purpose, processing, fields …) against the consent store; exit 1 when denied',
      ),
  )
    .requiredOption('--request <file>', 'decision request (JSON)')
    .option('--dataset <file>', 'dataset definition, for requests that name fields by dataset')
    .option(
      '--consent-db <file>',
      'SQLite database holding the consent store (default .dataguard/dataguard.db)',
    )
    .option('--record', 'record the decision in the ledger and print its index')
    .option(
      '--handler <id>',
      'id of the party deciding (the handler, 个人信息处理者), for --record',
    )
    .action(
      async (
        flags: WorkspaceFlags & {
          request: string;
          dataset?: string;
          consentDb?: string;
          record?: boolean;
          handler?: string;
        },
        command: Command,
      ) => {
        const config = configOf(command);
        const lang = langOf(command);
        // --ledger used to name the consent database: kept when it is the only one given.
        if (flags.ledger !== undefined && flags.record !== true) {
          if (flags.consentDb !== undefined && flags.consentDb !== flags.ledger) {
            throw new InputError('give --consent-db only (--ledger is its deprecated old name)', {
              path: '--ledger',
              reason: 'conflicting-options',
            });
          }
          io.stderr(`${t(lang, 'consent.ledgerDeprecated')}\n`);
        }
        const path =
          flags.consentDb ??
          (flags.record === true ? undefined : flags.ledger) ??
          config.ledger ??
          '.dataguard/dataguard.db';
        const request = readJsonFile(flags.request, 'request') as Parameters<
          ConsentService['decide']
        >[0];
        const catalog = createCatalog();
        if (flags.dataset !== undefined)
          catalog.register(readJsonFile(flags.dataset, 'dataset') as DatasetDefinition);
        const db = openSqlite({ path });
        const store = createSqliteConsentStore(db);
        const ws =
          flags.record === true
            ? openWorkspace({
                ledger: flags.ledger,
                keys: flags.keys,
                origin: flags.origin,
                createKeys: true,
                config,
              })
            : undefined;
        let entry: LedgerEntry | undefined;
        // Without --record, the plain decider (no ledger, no decision digest), as before.
        const decider =
          ws === undefined
            ? createAsyncConsentDecider({ store, catalog, timeZone: config.timeZone })
            : createConsentService<LedgerEntry>({
                store,
                catalog,
                timeZone: config.timeZone,
                ledger: {
                  append: async (event, link) => {
                    entry = await ws.ledger.append(event as ProcessingEventInput, link);
                    return entry;
                  },
                },
                audit: { decisions: true },
                ...(flags.handler === undefined
                  ? {}
                  : { handler: partyFromFlags(flags.handler, undefined, undefined, '--handler') }),
              });
        try {
          const decision = await decider.decide(request);
          io.stdout(`${JSON.stringify(decision, null, 2)}\n`);
          if (entry !== undefined) {
            io.stderr(
              `${t(lang, 'consent.decisionRecorded', {
                verdict: t(lang, decision.allowed ? 'consent.allowed' : 'consent.denied'),
                index: entry.index,
              })}\n`,
            );
          }
          if (!decision.allowed) throw new CheckFailed();
        } finally {
          decider.close();
          store.close?.();
          db.close();
          ws?.close();
        }
      },
    );
}
