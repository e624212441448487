import type { Command } from 'commander';
import type { DatasetRef } from '../../core/refs.ts';
import type { ProcessingEventInput } from '../../provenance/index.ts';
import type { LegalBasis } from '../../tags/vocabulary.ts';
import { configOf } from '../config.ts';
import { langOf } from '../i18n/lang.ts';
import { processingWord, message as t } from '../i18n/messages.ts';
import { intFlag, listFlag, partyFromFlags, UsageError } from '../parties.ts';
import type { CliIo } from '../program.ts';
import { formatTable } from '../table.ts';
import { formatInZone, parseTimeFlag } from '../time-zone.ts';
import { openWorkspace, workspaceOptions } from '../workspace.ts';

/** The processing kinds `dataguard record` appends, with what each needs. */
const KINDS = {
  collect: {
    needs: 'output',
    text: 'collect a dataset (the actor becomes its collector and holder)',
  },
  store: { needs: 'dataset', text: 'store (hold) a copy; with --end, stop holding it' },
  share: {
    needs: 'transfer',
    text: 'share a copy with a public body (a new copy for the recipient)',
  },
  provide: { needs: 'transfer', text: 'provide a copy to another handler (PIPL Art. 23)' },
  entrust: {
    needs: 'recipient',
    text: 'entrust processing to a processor (it manages the copy); with --end, end the entrustment',
  },
  delete: { needs: 'input', text: 'delete a copy (its roles end)' },
} as const;

type Kind = keyof typeof KINDS;

interface RecordFlags {
  ledger?: string;
  keys?: string;
  origin?: string;
  actor: string;
  actorKind?: string;
  actorName?: string;
  onBehalfOf?: string;
  onBehalfOfKind?: string;
  purpose: string;
  legalBasis: string;
  input?: string[];
  output?: string[];
  recipient?: string;
  recipientKind?: string;
  recipientName?: string;
  fields?: string;
  subjects?: string;
  time?: string;
  end?: boolean;
  json?: boolean;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

// `id` or `id@sha256:…`: a copy id with an optional content digest.
function datasetRef(text: string): DatasetRef {
  const at = text.indexOf('@');
  return at < 0 ? { id: text } : { id: text.slice(0, at), digest: text.slice(at + 1) };
}

function check(kind: Kind, flags: RecordFlags): void {
  const inputs = flags.input ?? [];
  const outputs = flags.output ?? [];
  const needs = KINDS[kind].needs;
  if (needs === 'output' && outputs.length === 0)
    throw new UsageError(`record ${kind} needs --output (the collected dataset)`, {
      reason: 'missing-option',
    });
  if (needs === 'input' && inputs.length === 0)
    throw new UsageError(`record ${kind} needs --input (the copy deleted)`, {
      reason: 'missing-option',
    });
  if (needs === 'dataset' && inputs.length + outputs.length === 0)
    throw new UsageError(`record ${kind} needs --input or --output (the copy stored)`, {
      reason: 'missing-option',
    });
  if ((needs === 'transfer' || needs === 'recipient') && flags.recipient === undefined)
    throw new UsageError(`record ${kind} needs --recipient`, { reason: 'missing-option' });
  if (needs === 'transfer' && (inputs.length === 0 || outputs.length === 0))
    throw new UsageError(
      `record ${kind} needs --input (the source copy) and --output (the recipient's new copy)`,
      { reason: 'missing-option' },
    );
  if (needs === 'recipient' && inputs.length + outputs.length === 0)
    throw new UsageError(`record ${kind} needs --input or --output (the copy entrusted)`, {
      reason: 'missing-option',
    });
  if (flags.end === true && kind !== 'store' && kind !== 'entrust')
    throw new UsageError('--end applies to store and entrust only', {
      reason: 'option-not-applicable',
    });
}

/**
 * `dataguard record collect|store|share|provide|entrust|delete`: appends one
 * processing event (validated as the library validates it) and prints it with
 * its ledger index.
 */
export function registerRecordCommand(program: Command, io: CliIo): void {
  const record = program
    .command('record')
    .description(
      'record a processing event (collect, store, share, provide, entrust, delete) in the ledger, for custody and incidents',
    );
  for (const kind of Object.keys(KINDS) as Kind[]) {
    workspaceOptions(record.command(kind).description(KINDS[kind].text))
      .requiredOption('--actor <id>', 'id of the party doing it')
      .option('--actor-kind <kind>', 'agency (default), enterprise, individual or system')
      .option('--actor-name <name>', 'display name of the actor')
      .option('--on-behalf-of <id>', 'the party the actor acts for (an entrusting agency)')
      .option('--on-behalf-of-kind <kind>', 'its kind (default agency)')
      .requiredOption('--purpose <id>', 'dotted purpose id, e.g. statutory-duty.civil-affairs')
      .requiredOption(
        '--legal-basis <basis>',
        'PIPL Art. 13 basis: consent, contract, hr-management, statutory-duty, public-health-emergency, news-reporting, public-information, other-law',
      )
      .option('--input <copy>', 'copy read (id, or id@sha256:<hex>); repeatable', collect)
      .option('--output <copy>', 'copy written (id, or id@sha256:<hex>); repeatable', collect)
      .option('--recipient <id>', 'party receiving the data (share, provide, entrust)')
      .option('--recipient-kind <kind>', 'agency (default), enterprise, individual or system')
      .option('--recipient-name <name>', 'display name of the recipient')
      .option('--fields <names>', 'comma-separated field names (no values)')
      .option('--subjects <n>', 'how many data subjects it touched')
      .option(
        '--time <time>',
        'when it happened: ISO 8601 with offset, or a local time in the configured zone (default now)',
      )
      .option('--end', 'store: stop holding; entrust: end the entrustment')
      .option('--json', 'print the recorded event as JSON')
      .action(async (flags: RecordFlags, command: Command) => {
        check(kind, flags);
        const config = configOf(command);
        const lang = langOf(command);
        const fields = listFlag(flags.fields);
        const subjects = intFlag(flags.subjects, '--subjects', 0);
        const event: ProcessingEventInput = {
          processing: kind,
          actor: partyFromFlags(flags.actor, flags.actorKind, flags.actorName, '--actor'),
          ...(flags.onBehalfOf === undefined
            ? {}
            : {
                onBehalfOf: partyFromFlags(
                  flags.onBehalfOf,
                  flags.onBehalfOfKind,
                  undefined,
                  '--on-behalf-of',
                ),
              }),
          purpose: flags.purpose,
          legalBasis: flags.legalBasis as LegalBasis,
          inputs: (flags.input ?? []).map(datasetRef),
          outputs: (flags.output ?? []).map(datasetRef),
          ...(flags.recipient === undefined
            ? {}
            : {
                recipients: [
                  partyFromFlags(
                    flags.recipient,
                    flags.recipientKind,
                    flags.recipientName,
                    '--recipient',
                  ),
                ],
              }),
          ...(fields.length === 0 ? {} : { fields }),
          ...(subjects === undefined ? {} : { subjectCount: subjects }),
          ...(flags.time === undefined
            ? {}
            : { time: parseTimeFlag(flags.time, '--time', config.timeZone) }),
          ...(flags.end === true ? { details: { end: true } } : {}),
        };
        const ws = openWorkspace({
          ledger: flags.ledger,
          keys: flags.keys,
          origin: flags.origin,
          createKeys: true,
          config,
        });
        try {
          if (ws.createdKeys) io.stderr(`${t(lang, 'keys.created', { path: ws.keysPath })}\n`);
          const entry = await ws.ledger.append(event);
          if (flags.json === true) {
            io.stdout(`${JSON.stringify({ index: entry.index, event: entry.event }, null, 2)}\n`);
            return;
          }
          const e = entry.event;
          io.stdout(
            `${t(lang, 'record.recorded', { processing: processingWord(lang, e.processing), index: entry.index })}\n`,
          );
          io.stdout(
            formatTable(
              [
                [t(lang, 'record.id'), e.id],
                [t(lang, 'record.time'), formatInZone(e.time, config.timeZone)],
                [
                  t(lang, 'record.actor'),
                  e.actor.name === undefined ? e.actor.id : `${e.actor.id} (${e.actor.name})`,
                ],
                [t(lang, 'record.purpose'), `${e.purpose} (${e.legalBasis})`],
                [t(lang, 'record.inputs'), e.inputs.map((d) => d.id).join(', ') || '-'],
                [t(lang, 'record.outputs'), e.outputs.map((d) => d.id).join(', ') || '-'],
                [
                  t(lang, 'record.recipients'),
                  (e.recipients ?? []).map((p) => p.id).join(', ') || '-',
                ],
              ],
              '  ',
            ),
          );
        } finally {
          ws.close();
        }
      });
  }
}
