import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import type { Command } from 'commander';
import { measureAnonymity, renderAnonymityReport } from '../../anonymity/index.ts';
import { compilePolicy } from '../../deidentify/index.ts';
import { writeAtomic, writeCsv, writeNdjson } from '../../io/index.ts';
import { type ProtectProcessing, type ProtectSummary, protect } from '../../pipeline/index.ts';
import type { DatasetDefinition } from '../../tags/dataset.ts';
import { defineDataset } from '../../tags/dataset.ts';
import type { LegalBasis } from '../../tags/vocabulary.ts';
import { intFlag, listFlag, partyFromFlags, UsageError } from '../parties.ts';
import type { CliIo } from '../program.ts';
import { createProgress } from '../progress.ts';
import { readJsonFile } from '../read-json.ts';
import { formatOf, openRecords } from '../read-records.ts';
import { openWorkspace } from '../workspace.ts';

interface ProtectFlags {
  dataset: string;
  policy: string;
  purpose: string;
  actor: string;
  actorKind?: string;
  actorName?: string;
  recipient?: string;
  recipientKind?: string;
  recipientName?: string;
  processing?: string;
  legalBasis: string;
  profile?: string;
  out?: string;
  ledger?: string;
  keys?: string;
  origin?: string;
  k?: string;
  qi?: string;
  report?: string | false;
  quarantine?: boolean;
  json?: boolean;
}

/** `dataguard protect`: runs protect() on a CSV or NDJSON file. */
export function registerProtectCommand(program: Command, io: CliIo, stderrIsTTY: boolean): void {
  program
    .command('protect')
    .description(
      'de-identify a CSV/NDJSON file under a policy, gate anonymized releases, and record it in the ledger',
    )
    .argument('<input>', 'input file (.csv, .ndjson or .jsonl)')
    .requiredOption('--dataset <file>', 'dataset definition (JSON)')
    .requiredOption('--policy <file>', 'de-identification policy (JSON or YAML)')
    .requiredOption('--purpose <id>', 'dotted purpose id, e.g. public-service.social-assistance')
    .requiredOption('--actor <id>', 'id of the party doing the processing')
    .requiredOption(
      '--legal-basis <basis>',
      'PIPL Art. 13 basis: consent, contract, hr-management, statutory-duty, …',
    )
    .option('--actor-kind <kind>', 'agency, enterprise, individual or system (default agency)')
    .option('--actor-name <name>', 'display name of the actor')
    .option('--recipient <id>', 'id of the party receiving the output copy')
    .option('--recipient-kind <kind>', 'agency, enterprise, individual or system (default agency)')
    .option('--recipient-name <name>', 'display name of the recipient')
    .option(
      '--processing <kind>',
      'deidentify, anonymize, share, provide, open, trade, entrust (default provide with a recipient)',
    )
    .option('--profile <name>', 'policy profile to apply')
    .option(
      '--k <n>',
      'anonymity gate: minimum equivalence class size (required for open and trade)',
    )
    .option(
      '--qi <fields>',
      "anonymity gate: quasi-identifiers (default: the dataset's quasi-identifiers in the output)",
    )
    .option('--out <file>', 'output file (default <input>.protected.<ext>), written atomically')
    .option('--report <file>', 'HTML risk report (default <out>.report.html)')
    .option('--no-report', 'do not write the HTML report')
    .option(
      '--ledger <file>',
      'SQLite database holding the ledger (default .dataguard/dataguard.db)',
    )
    .option('--keys <file>', 'keyring file (default .dataguard/keyring.json, created on first use)')
    .option('--origin <name>', 'ledger origin (checkpoint name)')
    .option(
      '--quarantine',
      "leave rows that break a transform's input contract out (counted) instead of stopping",
    )
    .option('--json', 'print the summary as JSON')
    .action(async (input: string, flags: ProtectFlags) => {
      const dataset = defineDataset(readJsonFile(flags.dataset, 'dataset') as DatasetDefinition);
      let policy: string;
      try {
        policy = readFileSync(flags.policy, 'utf8');
      } catch (error) {
        throw new UsageError(
          `cannot read policy file ${flags.policy}: ${(error as Error).message}`,
        );
      }
      const format = formatOf(input);
      const out =
        flags.out ??
        join(dirname(input), `${basename(input, extname(input))}.protected${extname(input)}`);
      const actor = partyFromFlags(flags.actor, flags.actorKind, flags.actorName, 'actor');
      const recipient =
        flags.recipient === undefined
          ? undefined
          : partyFromFlags(flags.recipient, flags.recipientKind, flags.recipientName, 'recipient');
      const k = intFlag(flags.k, '--k');
      const qiFlag = listFlag(flags.qi);
      const defaultQi = dataset.fields
        .filter((field) => field.role === 'quasi-identifier')
        .map((field) => field.name);
      const workspace = openWorkspace({
        ledger: flags.ledger,
        keys: flags.keys,
        origin: flags.origin,
        createKeys: true,
      });
      try {
        if (workspace.createdKeys)
          io.stderr(
            `created a new keyring at ${relative(process.cwd(), workspace.keysPath)} (keep it secret; mode 0600)\n`,
          );
        // The gate's default quasi-identifiers: the dataset's, as far as the policy outputs them.
        const outputQi = () => {
          const columns = compilePolicy(policy, {
            dataset,
            keyring: workspace.keyring,
            ...(flags.profile === undefined ? {} : { profile: flags.profile }),
          }).columns;
          return defaultQi.filter((name) => columns.includes(name));
        };
        const source = openRecords(input);
        const progress = createProgress({
          write: io.stderr,
          isTTY: stderrIsTTY,
          totalBytes: source.size,
        });
        const before: Record<string, string>[] = [];
        let rows = 0;
        async function* counted(): AsyncGenerator<Record<string, unknown>> {
          for await (const record of source.records) {
            rows++;
            if (rows % 1024 === 0) progress.update(rows, source.bytesRead());
            before.push(pick(record, defaultQi));
            yield record;
          }
        }
        const after: Record<string, string>[] = [];
        let columns: readonly string[] = [];
        const summary = await protect({
          input: counted(),
          sink: async (records, outColumns) => {
            columns = outColumns;
            async function* keep(): AsyncGenerator<Record<string, unknown>> {
              for await (const record of records) {
                after.push(pick(record, defaultQi));
                yield record;
              }
            }
            await (format === 'csv'
              ? writeCsv(out, keep(), { columns: outColumns })
              : writeNdjson(out, keep()));
          },
          dataset,
          policy,
          purpose: flags.purpose,
          actor,
          ...(recipient === undefined ? {} : { recipient }),
          ...(flags.processing === undefined
            ? {}
            : { processing: flags.processing as ProtectProcessing }),
          legalBasis: flags.legalBasis as LegalBasis,
          ...(flags.profile === undefined ? {} : { profile: flags.profile }),
          ...(k === undefined
            ? {}
            : { anonymity: { quasiIdentifiers: qiFlag.length > 0 ? qiFlag : outputQi(), k } }),
          keyring: workspace.keyring,
          ledger: workspace.ledger,
          rejects: flags.quarantine === true ? 'quarantine' : 'fail',
        }).finally(() => progress.done());
        const reportQi = defaultQi.filter((name) => columns.includes(name));
        let reportPath: string | undefined;
        if (flags.report !== false && reportQi.length > 0 && summary.rowsOut > 0) {
          reportPath = flags.report ?? `${out}.report.html`;
          const html = renderAnonymityReport({
            title: `dataguard: ${dataset.id} → ${summary.target.id}`,
            before: measureAnonymity(before, { quasiIdentifiers: reportQi }),
            after: measureAnonymity(after, { quasiIdentifiers: reportQi }),
          });
          await writeAtomic(reportPath, [html]);
        }
        printSummary(io, summary, {
          out,
          ledger: workspace.ledgerPath,
          report: reportPath,
          json: flags.json === true,
        });
      } finally {
        workspace.close();
      }
    });
}

function pick(
  record: Readonly<Record<string, unknown>>,
  names: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) if (Object.hasOwn(record, name)) out[name] = String(record[name] ?? '');
  return out;
}

function printSummary(
  io: CliIo,
  summary: ProtectSummary,
  paths: { out: string; ledger: string; report: string | undefined; json: boolean },
): void {
  if (paths.json) {
    io.stdout(
      `${JSON.stringify(
        {
          ...summary,
          checkpoint:
            summary.checkpoint === undefined
              ? undefined
              : { size: summary.checkpoint.size, note: summary.checkpoint.note },
          output: paths.out,
          ledger: paths.ledger,
          report: paths.report,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const rel = (path: string) => relative(process.cwd(), path) || path;
  const lines = [
    `protected ${summary.rowsIn} rows → ${summary.rowsOut} rows (${summary.rejected} rejected, ${summary.excluded} excluded by consent)`,
    `  processing  ${summary.processing} of ${summary.source.id} → ${summary.target.id}`,
    `  output      ${rel(paths.out)}  (${summary.target.digest ?? ''})`,
    `  columns     ${summary.columns.join(', ')}`,
    `  policy      ${summary.policyDigest}${summary.keyIds.length > 0 ? `  keys ${summary.keyIds.join(', ')}` : ''}`,
  ];
  if (summary.anonymity !== undefined) {
    lines.push(
      `  anonymity   k=${summary.anonymity.k}, highest risk ${summary.anonymity.highestRisk.toFixed(4)}, ${summary.anonymity.classes} classes`,
    );
  }
  lines.push(
    `  ledger      ${rel(paths.ledger)}  entry #${summary.ledgerIndex}${summary.checkpoint === undefined ? '' : `, checkpoint at size ${summary.checkpoint.size}`}`,
  );
  if (paths.report !== undefined) lines.push(`  report      ${rel(paths.report)}`);
  for (const reject of summary.rejects.slice(0, 10))
    lines.push(
      `  rejected row ${reject.row}: ${reject.field} (${reject.reason}, rule ${reject.rule})`,
    );
  io.stdout(`${lines.join('\n')}\n`);
}
