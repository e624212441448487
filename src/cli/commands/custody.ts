import type { Command } from 'commander';
import { writeAtomic } from '../../io/index.ts';
import {
  type CustodyStore,
  createMemoryCustodyStore,
  createResponsibilityChain,
  type IncidentReport,
  incidentToHtml,
  incidentToMarkdown,
  type ResponsibilityChain,
} from '../../responsibility/index.ts';
import { sqliteCustodyStore } from '../../store/sqlite/index.ts';
import { createCatalog, type DatasetDefinition } from '../../tags/index.ts';
import { listFlag, partyFromFlags, UsageError } from '../parties.ts';
import type { CliIo } from '../program.ts';
import { readJsonFile } from '../read-json.ts';
import { openWorkspace, type Workspace, workspaceOptions } from '../workspace.ts';

interface ChainFlags {
  ledger?: string;
  keys?: string;
  origin?: string;
  dataset?: string[];
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function chainOptions(command: Command): Command {
  return workspaceOptions(command).option(
    '--dataset <file>',
    'dataset definition (JSON) whose provider owns the dataset; repeatable',
    collect,
  );
}

/**
 * Where custody is derived: the workspace's SQLite file (R-WHO). A read-only
 * workspace uses the file's derived custody only when it already reflects the
 * whole ledger, and otherwise derives it afresh in memory, writing nothing.
 */
async function custodyStoreOf(ws: Workspace): Promise<CustodyStore> {
  const stored = sqliteCustodyStore(ws.db);
  if (!ws.readOnly) return stored;
  const current = (await stored.position()) === (await ws.ledger.size()) - 1;
  return current ? stored : createMemoryCustodyStore();
}

/** Opens the workspace (the ledger must exist; read-only unless `access` is `write`) and a chain on it. */
async function withChain<T>(
  flags: ChainFlags,
  access: 'read' | 'write',
  body: (chain: ResponsibilityChain, ws: Workspace) => Promise<T>,
): Promise<T> {
  const ws = openWorkspace({
    ledger: flags.ledger,
    keys: flags.keys,
    origin: flags.origin,
    mustExist: true,
    readOnly: access === 'read',
  });
  try {
    const catalog = createCatalog();
    for (const file of flags.dataset ?? []) {
      catalog.register(readJsonFile(file, 'dataset') as DatasetDefinition);
    }
    const chain = createResponsibilityChain({
      ledger: ws.ledger,
      store: await custodyStoreOf(ws),
      catalog,
    });
    return await body(chain, ws);
  } finally {
    ws.close();
  }
}

function instant(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (Number.isNaN(Date.parse(value))) {
    throw new UsageError(`${flag} must be an ISO 8601 date-time, e.g. 2026-11-23T09:00:00+08:00`);
  }
  return value;
}

const RENDERERS: Readonly<Record<string, (report: IncidentReport) => string>> = {
  markdown: incidentToMarkdown,
  html: incidentToHtml,
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
    .option('--at <time>', 'attribute at this ISO 8601 time (default: roles not yet ended)')
    .option('--tree', 'print the whole tree of copies with each custody history')
    .option('--json', 'print JSON')
    .action(
      async (copy: string, flags: ChainFlags & { at?: string; tree?: boolean; json?: boolean }) =>
        withChain(flags, 'read', async (chain) => {
          if (flags.tree === true) {
            const tree = await chain.custodyChain(copy);
            if (flags.json === true) {
              io.stdout(`${JSON.stringify(tree, null, 2)}\n`);
              return;
            }
            for (const node of tree.copies) {
              io.stdout(
                `${node.copy.id}${node.copy.deletedAt === undefined ? '' : ' (deleted)'}\n`,
              );
              for (const party of node.parties) {
                const span = `${party.since} → ${party.until ?? 'now'}`;
                io.stdout(`  ${party.party.id}: ${party.roles.join(', ')} (${span})\n`);
              }
            }
            return;
          }
          const at = instant(flags.at, '--at');
          const parties = await chain.responsibleParties(copy, at === undefined ? {} : { at });
          if (flags.json === true) {
            io.stdout(`${JSON.stringify(parties, null, 2)}\n`);
            return;
          }
          if (parties.length === 0)
            io.stdout(`${copy}: no party holds a role${at ? ` at ${at}` : ''}\n`);
          for (const party of parties) {
            const name = party.party.name === undefined ? '' : ` (${party.party.name})`;
            io.stdout(
              `${party.party.id}${name}: ${party.roles.join(', ')} since ${party.since}; events ${party.basis.join(', ')}\n`,
            );
          }
        }),
    );

  chainOptions(
    program
      .command('incident')
      .description(
        'open an incident on copies: affected and downstream copies, responsible parties, subjects and notifications (P-INCIDENT), recorded in the ledger',
      ),
  )
    .argument('<copies...>', 'copy ids the incident happened to')
    .requiredOption('--kind <kind>', 'leak, tamper, loss or misuse')
    .option('--discovered <time>', 'when it was discovered (ISO 8601, default now)')
    .option('--occurred <time>', 'when it happened, if known (parties are attributed then)')
    .option('--fields <names>', 'comma-separated fields involved')
    .option('--description <text>', 'what happened (no personal data)')
    .option('--reported-by <id>', 'id of the reporting party (default: dataguard)')
    .option('--reported-by-kind <kind>', 'agency, enterprise, individual or system')
    .option('--dry-run', 'build the report without recording an incident event')
    .option('--format <format>', 'markdown (default), html or json', 'markdown')
    .option('--out <file>', 'write the report to a file instead of stdout')
    .action(
      async (
        copies: string[],
        flags: ChainFlags & {
          kind: string;
          discovered?: string;
          occurred?: string;
          fields?: string;
          description?: string;
          reportedBy?: string;
          reportedByKind?: string;
          dryRun?: boolean;
          format: string;
          out?: string;
        },
      ) =>
        withChain(flags, flags.dryRun === true ? 'read' : 'write', async (chain) => {
          if (!['leak', 'tamper', 'loss', 'misuse'].includes(flags.kind)) {
            throw new UsageError('--kind must be leak, tamper, loss or misuse');
          }
          // Check the format before anything is recorded.
          const render = Object.hasOwn(RENDERERS, flags.format)
            ? (RENDERERS[flags.format] as (report: IncidentReport) => string)
            : undefined;
          if (render === undefined) throw new UsageError('--format must be markdown, html or json');
          const occurred = instant(flags.occurred, '--occurred');
          const fields = listFlag(flags.fields);
          const report = await chain.openIncident({
            datasets: copies,
            kind: flags.kind as 'leak' | 'tamper' | 'loss' | 'misuse',
            discoveredAt: instant(flags.discovered, '--discovered') ?? new Date().toISOString(),
            ...(occurred === undefined ? {} : { occurredAt: occurred }),
            ...(fields.length === 0 && flags.description === undefined
              ? {}
              : {
                  scope: {
                    ...(fields.length === 0 ? {} : { fields }),
                    ...(flags.description === undefined ? {} : { description: flags.description }),
                  },
                }),
            ...(flags.reportedBy === undefined
              ? {}
              : {
                  reportedBy: partyFromFlags(
                    flags.reportedBy,
                    flags.reportedByKind,
                    undefined,
                    '--reported-by',
                  ),
                }),
            record: flags.dryRun !== true,
          });
          const text = render(report);
          if (flags.out === undefined) io.stdout(text);
          else {
            await writeAtomic(flags.out, [text]);
            io.stdout(`incident ${report.id}: report written to ${flags.out}\n`);
          }
        }),
    );
}
