import type { Command } from 'commander';
import { writeAtomic } from '../../io/index.ts';
import type { Ledger } from '../../provenance/index.ts';
import {
  type CustodyStore,
  createMemoryCustodyStore,
  createResponsibilityChain,
  type IncidentReport,
  incidentToHtml,
  incidentToMarkdown,
  type ResponsibilityChain,
} from '../../responsibility/index.ts';
import type { SqliteDatabase } from '../../store/sqlite/index.ts';
import { createSqliteCustodyStore, createSqliteSubjectIndex } from '../../store/sqlite/index.ts';
import { createCatalog, type DatasetDefinition } from '../../tags/index.ts';
import { type CliConfig, configOf } from '../config.ts';
import { type Lang, langOf } from '../i18n/lang.ts';
import { message as t } from '../i18n/messages.ts';
import { listFlag, partyFromFlags, UsageError } from '../parties.ts';
import type { CliIo } from '../program.ts';
import { readJsonFile } from '../read-json.ts';
import { formatTable } from '../table.ts';
import { formatInZone, parseTimeFlag } from '../time-zone.ts';
import { openLedgerReader, openWorkspace, verifierOption, workspaceOptions } from '../workspace.ts';

interface ChainFlags {
  ledger?: string;
  keys?: string;
  origin?: string;
  verifier?: string;
  dataset?: string[];
}

function partyName(party: { id: string; name?: string | undefined }): string {
  return party.name === undefined ? party.id : `${party.id} (${party.name})`;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function chainOptions(command: Command): Command {
  return verifierOption(workspaceOptions(command)).option(
    '--dataset <file>',
    'dataset definition (JSON or YAML) whose provider owns the dataset; repeatable',
    collect,
  );
}

/**
 * Where custody is derived: the workspace's SQLite file (R-WHO). A read-only
 * workspace uses the file's derived custody only when it already reflects the
 * whole ledger, and otherwise derives it afresh in memory, writing nothing.
 */
async function custodyStoreOf(
  db: SqliteDatabase,
  ledger: Ledger,
  readOnly: boolean,
): Promise<CustodyStore> {
  const stored = createSqliteCustodyStore(db);
  if (!readOnly) return stored;
  const current = (await stored.position()) === (await ledger.size()) - 1;
  return current ? stored : createMemoryCustodyStore();
}

/**
 * Opens the ledger and a chain on it: read-only with the keyring or only the
 * public verifier key (`read`), or with the keyring to record (`write`).
 */
async function withChain<T>(
  flags: ChainFlags,
  config: CliConfig,
  access: 'read' | 'write',
  body: (chain: ResponsibilityChain) => Promise<T>,
): Promise<T> {
  const opened =
    access === 'write'
      ? openWorkspace({
          ledger: flags.ledger,
          keys: flags.keys,
          origin: flags.origin,
          mustExist: true,
          config,
        })
      : openLedgerReader({
          ledger: flags.ledger,
          keys: flags.keys,
          verifier: flags.verifier,
          origin: flags.origin,
          need: 'read',
          config,
        });
  try {
    const catalog = createCatalog();
    for (const file of flags.dataset ?? []) {
      catalog.register(readJsonFile(file, 'dataset') as DatasetDefinition);
    }
    const chain = createResponsibilityChain({
      ledger: opened.ledger,
      store: await custodyStoreOf(opened.db, opened.ledger, access === 'read'),
      catalog,
      // Subject digests filed by `protect --subject-field`: incidents count people exactly.
      subjects: createSqliteSubjectIndex(opened.db),
    });
    return await body(chain);
  } finally {
    opened.close();
  }
}

function instant(value: string | undefined, flag: string, zone: string): string | undefined {
  return value === undefined ? undefined : parseTimeFlag(value, flag, zone);
}

const RENDERERS: Readonly<Record<string, (report: IncidentReport, lang: Lang) => string>> = {
  markdown: (report, lang) => incidentToMarkdown(report, { lang }),
  html: (report, lang) => incidentToHtml(report, { lang }),
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
};

/** `dataguard custody <dataset>` and `dataguard incident <dataset…>`. */
export function registerCustodyCommands(program: Command, io: CliIo): void {
  chainOptions(
    program
      .command('custody')
      .description(
        'who owns, holds, manages, uses and collected a copy of a dataset, derived from the ledger',
      ),
  )
    .argument('<copy>', 'copy id, as recorded in the ledger (e.g. the output of protect)')
    .option(
      '--at <time>',
      'attribute at this time: a date (2026-03-10), a local time, or ISO 8601 with offset (default: roles not yet ended)',
    )
    .option('--tree', 'print the whole tree of copies with each custody history')
    .option('--json', 'print JSON')
    .action(
      async (
        copy: string,
        flags: ChainFlags & { at?: string; tree?: boolean; json?: boolean },
        command: Command,
      ) => {
        const config = configOf(command);
        const zone = config.timeZone;
        const lang = langOf(command);
        // Checked before the ledger is opened: a bad --at is a usage error, named as such.
        const at = instant(flags.at, '--at', zone);
        return withChain(flags, config, 'read', async (chain) => {
          if (flags.tree === true) {
            const tree = await chain.custodyChain(copy);
            if (flags.json === true) {
              io.stdout(`${JSON.stringify(tree, null, 2)}\n`);
              return;
            }
            for (const node of tree.copies) {
              io.stdout(
                `${node.copy.id}${node.copy.deletedAt === undefined ? '' : t(lang, 'custody.deleted')}\n`,
              );
              io.stdout(
                formatTable(
                  node.parties.map((party) => [
                    partyName(party.party),
                    party.roles.join(', '),
                    `${formatInZone(party.since, zone)} → ${party.until === undefined ? t(lang, 'custody.now') : formatInZone(party.until, zone)}`,
                  ]),
                  '  ',
                ),
              );
            }
            return;
          }
          const parties = await chain.responsibleParties(copy, at === undefined ? {} : { at });
          if (flags.json === true) {
            io.stdout(`${JSON.stringify(parties, null, 2)}\n`);
            return;
          }
          if (parties.length === 0) {
            io.stdout(
              `${t(lang, 'custody.noParty', {
                copy,
                at: at ? t(lang, 'custody.at', { time: formatInZone(at, zone) }) : '',
              })}\n`,
            );
            return;
          }
          io.stdout(
            formatTable([
              [
                t(lang, 'custody.party'),
                t(lang, 'custody.roles'),
                t(lang, 'custody.since'),
                t(lang, 'custody.events'),
              ],
              ...parties.map((party) => [
                partyName(party.party),
                party.roles.join(', '),
                formatInZone(party.since, zone),
                party.basis.join(', '),
              ]),
            ]),
          );
        });
      },
    );

  chainOptions(
    program
      .command('incident')
      .description(
        'open an incident on copies: affected and downstream copies, responsible parties, subjects and notifications (P-INCIDENT); a dry run unless --record',
      ),
  )
    .argument('<copies...>', 'copy ids the incident happened to')
    .requiredOption('--kind <kind>', 'leak, tamper, loss or misuse')
    .requiredOption(
      '--discovered <time>',
      'when it was discovered: ISO 8601 with offset, or a local time in the configured zone',
    )
    .option('--occurred <time>', 'when it happened, if known (parties are attributed then)')
    .option('--fields <names>', 'comma-separated fields involved')
    .option('--description <text>', 'what happened (no personal data)')
    .requiredOption('--reported-by <id>', 'id of the party reporting the incident')
    .option('--reported-by-kind <kind>', 'agency (default), enterprise, individual or system')
    .option('--reported-by-name <name>', 'display name of the reporting party')
    .option(
      '--record',
      'record the incident event in the ledger (without it: a dry run that records nothing)',
    )
    .option('--format <format>', 'markdown (default), html or json', 'markdown')
    .option('--out <file>', 'write the report to a file instead of stdout')
    .action(
      async (
        copies: string[],
        flags: ChainFlags & {
          kind: string;
          occurred?: string;
          fields?: string;
          description?: string;
          discovered: string;
          reportedBy: string;
          reportedByKind?: string;
          reportedByName?: string;
          record?: boolean;
          format: string;
          out?: string;
        },
        command: Command,
      ) => {
        const config = configOf(command);
        const lang = langOf(command);
        const zone = config.timeZone;
        const record = flags.record === true;
        const discovered = instant(flags.discovered, '--discovered', zone) as string;
        const occurred = instant(flags.occurred, '--occurred', zone);
        const reportedBy = partyFromFlags(
          flags.reportedBy,
          flags.reportedByKind,
          flags.reportedByName,
          '--reported-by',
        );
        return withChain(flags, config, record ? 'write' : 'read', async (chain) => {
          if (!['leak', 'tamper', 'loss', 'misuse'].includes(flags.kind)) {
            throw new UsageError('--kind must be leak, tamper, loss or misuse', {
              reason: 'invalid-option-value',
            });
          }
          // Check the format before anything is recorded.
          const render = Object.hasOwn(RENDERERS, flags.format)
            ? (RENDERERS[flags.format] as (report: IncidentReport, lang: Lang) => string)
            : undefined;
          if (render === undefined)
            throw new UsageError('--format must be markdown, html or json', {
              reason: 'unsupported-output-format',
            });
          const fields = listFlag(flags.fields);
          const report = await chain.openIncident({
            datasets: copies,
            kind: flags.kind as 'leak' | 'tamper' | 'loss' | 'misuse',
            discoveredAt: discovered,
            ...(occurred === undefined ? {} : { occurredAt: occurred }),
            ...(fields.length === 0 && flags.description === undefined
              ? {}
              : {
                  scope: {
                    ...(fields.length === 0 ? {} : { fields }),
                    ...(flags.description === undefined ? {} : { description: flags.description }),
                  },
                }),
            reportedBy,
            record,
          });
          const text = render(report, lang);
          if (flags.out === undefined) io.stdout(text);
          else {
            await writeAtomic(flags.out, [text]);
            io.stdout(`${t(lang, 'incident.written', { id: report.id, file: flags.out })}\n`);
          }
          io.stderr(
            report.recorded === undefined
              ? `${t(lang, 'incident.dryRun')}\n`
              : `${t(lang, 'incident.recorded', { id: report.id, index: report.recorded.index })}\n`,
          );
        });
      },
    );
}
