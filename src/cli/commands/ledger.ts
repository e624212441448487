import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { fromBase64, toBase64 } from '../../core/bytes.ts';
import { international, national } from '../../crypto/suites.ts';
import { InputError } from '../../errors/kinds.ts';
import type { LedgerEntry } from '../../provenance/index.ts';
import {
  checkCheckpointConsistency,
  consistencyProofToJson,
  inclusionProofToJson,
  safeVerifyInclusionAgainstCheckpoint,
} from '../../provenance/index.ts';
import { CheckFailed } from '../check-failed.ts';
import { type CliConfig, configOf } from '../config.ts';
import { langOf } from '../i18n/lang.ts';
import { message as t } from '../i18n/messages.ts';
import { intFlag, UsageError } from '../parties.ts';
import type { CliIo } from '../program.ts';
import { readJsonFile } from '../read-json.ts';
import { formatTable } from '../table.ts';
import { formatInZone } from '../time-zone.ts';
import {
  type LedgerReader,
  openLedgerReader,
  openWorkspace,
  readVerifierFile,
  verifierOption,
  workspaceOptions,
} from '../workspace.ts';

interface LedgerFlags {
  ledger?: string;
  keys?: string;
  origin?: string;
  verifier?: string;
}

/** Opens the ledger read-only (keyring or verifier key); a mistyped --ledger creates nothing. */
async function withReader<T>(
  flags: LedgerFlags,
  config: CliConfig,
  need: 'verify' | 'read',
  body: (reader: LedgerReader) => Promise<T>,
): Promise<T> {
  const reader = openLedgerReader({
    ledger: flags.ledger,
    keys: flags.keys,
    verifier: flags.verifier,
    origin: flags.origin,
    need,
    config,
  });
  try {
    return await body(reader);
  } finally {
    reader.close();
  }
}

function partyText(party: { id: string; name?: string | undefined }): string {
  return party.name === undefined ? party.id : `${party.id} (${party.name})`;
}

function entryRow(entry: LedgerEntry, zone: string): string[] {
  const e = entry.event;
  const flow = `${e.inputs.map((d) => d.id).join(', ') || '-'} → ${e.outputs.map((d) => d.id).join(', ') || '-'}`;
  return [
    String(entry.index),
    formatInZone(e.time, zone),
    e.processing,
    partyText(e.actor),
    (e.recipients ?? []).map(partyText).join(', ') || '-',
    flow,
  ];
}

const CHECKPOINT_ORIGIN = /^[^\n]*/;

/** `dataguard ledger verify | show | prove | checkpoint | export | check-proof`. */
export function registerLedgerCommand(program: Command, io: CliIo): void {
  const ledger = program
    .command('ledger')
    .description('verify, inspect, prove and export the provenance ledger');
  registerVerify(ledger, io);
  registerShow(ledger, io);
  registerProve(ledger, io);
  registerCheckProof(ledger, io);
  registerCheckpoint(ledger, io);
  registerExport(ledger, io);
}

/** `dataguard ledger verify`. */
function registerVerify(ledger: Command, io: CliIo): void {
  verifierOption(
    workspaceOptions(
      ledger
        .command('verify')
        .description(
          'recompute the whole ledger and check every signed checkpoint; exit 1 naming the first bad index if anything was changed',
        ),
    ),
  )
    .option('--json', 'print the report as JSON')
    .action((flags: LedgerFlags & { json?: boolean }, command: Command) =>
      withReader(flags, configOf(command), 'verify', async (reader) => {
        const lang = langOf(command);
        const report = await reader.ledger.verify();
        if (flags.json === true)
          io.stdout(`${JSON.stringify({ ...report, origin: reader.origin }, null, 2)}\n`);
        else if (report.ok)
          io.stdout(
            `${t(lang, 'ledger.ok', {
              size: report.size,
              checkpoints: report.checkpointsChecked,
              origin: reader.origin,
              trust: t(
                lang,
                reader.trust === 'verifier' ? 'ledger.trustVerifier' : 'ledger.trustKeyring',
              ),
            })}\n`,
          );
        else {
          const signedFor = CHECKPOINT_ORIGIN.exec(report.evidence?.[0] ?? '')?.[0];
          const why =
            report.problem === 'checkpoint-unverified' &&
            signedFor !== undefined &&
            signedFor.length > 0 &&
            signedFor !== reader.origin
              ? t(lang, 'ledger.otherOrigin', { signedFor, origin: reader.origin })
              : '';
          io.stdout(
            `${t(lang, 'ledger.failed', {
              index: report.firstBadIndex ?? '?',
              problem: String(report.problem),
              detail: String(report.detail),
              why,
            })}\n`,
          );
        }
        if (!report.ok) throw new CheckFailed();
      }),
    );
}

/** `dataguard ledger show`. */
function registerShow(ledger: Command, io: CliIo): void {
  verifierOption(
    workspaceOptions(
      ledger
        .command('show')
        .description('print entries as a table (times in the configured zone), or JSON lines'),
    ),
  )
    .argument('[index]', 'one entry')
    .option('--from <n>', 'first index (default 0)')
    .option('--to <n>', 'last index, exclusive (default: the size)')
    .option('--json', 'print each entry as a JSON line')
    .action(
      (
        index: string | undefined,
        flags: LedgerFlags & { from?: string; to?: string; json?: boolean },
        command: Command,
      ) => {
        const config = configOf(command);
        const lang = langOf(command);
        return withReader(flags, config, 'read', async (reader) => {
          const size = await reader.ledger.size();
          const from =
            index === undefined
              ? (intFlag(flags.from, '--from', 0) ?? 0)
              : (intFlag(index, 'index', 0) as number);
          const to =
            index === undefined ? Math.min(intFlag(flags.to, '--to', 0) ?? size, size) : from + 1;
          if (from >= size && index !== undefined)
            throw new UsageError(`index ${from} is beyond the ledger size ${size}`, {
              reason: 'index-out-of-range',
            });
          const rows: string[][] = [
            [
              '#',
              t(lang, 'record.time'),
              t(lang, 'ledger.processing'),
              t(lang, 'record.actor'),
              t(lang, 'record.recipients'),
              t(lang, 'ledger.datasets'),
            ],
          ];
          for (let i = from; i < to; i++) {
            const entry = await reader.ledger.get(i);
            if (flags.json === true)
              io.stdout(`${JSON.stringify({ index: entry.index, event: entry.event })}\n`);
            else rows.push(entryRow(entry, config.timeZone));
          }
          if (flags.json !== true) {
            io.stdout(formatTable(rows));
            if (index !== undefined) {
              const event = (await reader.ledger.get(from)).event;
              io.stdout(
                formatTable(
                  [
                    [t(lang, 'record.id'), event.id],
                    [t(lang, 'record.purpose'), event.purpose],
                    [t(lang, 'ledger.legalBasis'), event.legalBasis],
                    [t(lang, 'ledger.fields'), (event.fields ?? []).join(', ') || '-'],
                    [
                      t(lang, 'ledger.subjects'),
                      event.subjectCount === undefined ? '-' : String(event.subjectCount),
                    ],
                  ],
                  '  ',
                ),
              );
            }
          }
        });
      },
    );
}

/** `dataguard ledger prove`. */
function registerProve(ledger: Command, io: CliIo): void {
  verifierOption(
    workspaceOptions(
      ledger
        .command('prove')
        .description(
          'inclusion proof of an entry (or, with --consistency, a consistency proof) against the latest signed checkpoint, as JSON for dataguard ledger check-proof',
        ),
    ),
  )
    .argument('[index]', 'entry index (for an inclusion proof)')
    .option(
      '--consistency <size>',
      'prove that the checkpoint of this size is a prefix of the latest one',
    )
    .action(
      (
        index: string | undefined,
        flags: LedgerFlags & { consistency?: string },
        command: Command,
      ) =>
        withReader(flags, configOf(command), 'read', async (reader) => {
          const checkpoints = storedCheckpoints(reader);
          const latest = checkpoints.at(-1);
          if (latest === undefined) {
            throw new InputError(
              'the ledger has no signed checkpoint yet; its keeper runs: dataguard ledger checkpoint',
              { path: 'ledger', reason: 'no-checkpoint' },
            );
          }
          if (flags.consistency !== undefined) {
            const oldSize = intFlag(flags.consistency, '--consistency', 0) as number;
            const old = checkpoints.find((c) => c.size === oldSize);
            if (old === undefined)
              throw new UsageError(
                `no signed checkpoint of size ${oldSize}; sizes: ${checkpoints.map((c) => c.size).join(', ')}`,
                { reason: 'unknown-checkpoint' },
              );
            const proof = await reader.ledger.proveConsistency(oldSize, latest.size);
            io.stdout(
              `${JSON.stringify({ ...consistencyProofToJson(proof), checkpoints: [old.note, latest.note] }, null, 2)}\n`,
            );
            return;
          }
          if (index === undefined)
            throw new UsageError('give an entry index or --consistency', {
              reason: 'missing-argument',
            });
          const proof = await reader.ledger.proveInclusion(
            intFlag(index, 'index', 0) as number,
            latest.size,
          );
          io.stdout(
            `${JSON.stringify({ ...inclusionProofToJson(proof), checkpoint: latest.note }, null, 2)}\n`,
          );
        }),
    );
}

/** `dataguard ledger check-proof`. */
function registerCheckProof(ledger: Command, io: CliIo): void {
  verifierOption(
    ledger
      .command('check-proof')
      .description(
        'check an inclusion or consistency proof file (from ledger prove) offline against signed checkpoints, with the public verifier key; no database',
      )
      .argument('<proof>', 'proof file (JSON)')
      .option(
        '--checkpoint <file>',
        'the signed checkpoint to check against (default: the one in the proof file)',
      )
      .option('--origin <name>', 'the ledger origin (default: the verifier key name)'),
  ).action(
    (
      file: string,
      flags: { verifier?: string; checkpoint?: string; origin?: string },
      command: Command,
    ) => {
      const config = configOf(command);
      const lang = langOf(command);
      const verifierFile = flags.verifier ?? config.verifier;
      if (verifierFile === undefined)
        throw new UsageError('check-proof needs the public key: --verifier FILE', {
          reason: 'missing-verifier',
        });
      const keys = readVerifierFile(verifierFile);
      const origin = flags.origin ?? config.origin ?? (keys[0]?.name as string);
      const verifiers = keys.filter((k) => k.name === origin);
      const suite = verifiers.some((k) => k.algorithm.length > 1) ? national : international;
      const hash = (data: Uint8Array) => suite.digest(data);
      const proof = readJsonFile(file, 'proof') as Record<string, unknown>;
      const note =
        flags.checkpoint === undefined ? undefined : readFileSync(flags.checkpoint, 'utf8');
      const hashes = (value: unknown): Uint8Array[] => {
        if (!Array.isArray(value))
          throw new InputError(`proof file ${file} has no proof array`, {
            path: 'proof',
            reason: 'invalid-proof',
          });
        return value.map((h) => {
          const bytes = typeof h === 'string' ? fromBase64(h) : undefined;
          if (bytes === undefined)
            throw new InputError(`proof file ${file} holds a hash that is not base64`, {
              path: 'proof',
              reason: 'invalid-proof',
            });
          return bytes;
        });
      };
      if (Array.isArray(proof.checkpoints)) {
        const [a, b] = proof.checkpoints as unknown[];
        const result = checkCheckpointConsistency({
          a: typeof a === 'string' ? a : '',
          b: note ?? (typeof b === 'string' ? b : ''),
          proof: hashes(proof.proof),
          verifiers,
          origin,
          hash,
        });
        if (result.ok) {
          io.stdout(
            `${t(lang, 'ledger.consistencyOk', { older: result.older.size, newer: result.newer.size, origin })}\n`,
          );
          return;
        }
        io.stdout(`${t(lang, 'ledger.consistencyFailed', { reason: result.reason })}\n`);
        throw new CheckFailed();
      }
      const leaf = typeof proof.leafHash === 'string' ? fromBase64(proof.leafHash) : undefined;
      const checkpoint = note ?? (typeof proof.checkpoint === 'string' ? proof.checkpoint : '');
      const result = safeVerifyInclusionAgainstCheckpoint({
        checkpoint,
        leafHash: leaf ?? new Uint8Array(0),
        index: typeof proof.index === 'number' ? proof.index : -1,
        proof: hashes(proof.proof),
        verifiers,
        origin,
        hash,
      });
      if (result.ok && leaf !== undefined) {
        io.stdout(
          `${t(lang, 'ledger.inclusionOk', { index: String(proof.index), leaf: toBase64(leaf), size: result.value.size, origin })}\n`,
        );
        return;
      }
      io.stdout(
        `${t(lang, 'ledger.inclusionFailed', { reason: String(result.ok ? 'invalid-input' : result.error.reason) })}\n`,
      );
      throw new CheckFailed();
    },
  );
}

/** `dataguard ledger checkpoint`. */
function registerCheckpoint(ledger: Command, io: CliIo): void {
  workspaceOptions(
    ledger
      .command('checkpoint')
      .description('sign and store a checkpoint of the current tree; print the C2SP signed note'),
  ).action((flags: LedgerFlags, command: Command) => {
    const ws = openWorkspace({
      ledger: flags.ledger,
      keys: flags.keys,
      origin: flags.origin,
      mustExist: true,
      config: configOf(command),
    });
    return ws.ledger
      .checkpoint()
      .then((checkpoint) => io.stdout(checkpoint.note))
      .finally(() => ws.close());
  });
}

/** `dataguard ledger export`. */
function registerExport(ledger: Command, io: CliIo): void {
  verifierOption(
    workspaceOptions(
      ledger
        .command('export')
        .description("export a dataset copy's history as W3C PROV-JSON or OpenLineage run events"),
    ),
  )
    .argument('<dataset>', 'dataset (copy) id')
    .option('--format <format>', 'prov or openlineage (default prov)')
    .action((dataset: string, flags: LedgerFlags & { format?: string }, command: Command) =>
      withReader(flags, configOf(command), 'read', async (reader) => {
        const format = flags.format ?? 'prov';
        if (format !== 'prov' && format !== 'openlineage')
          throw new UsageError('--format must be prov or openlineage', {
            reason: 'unsupported-output-format',
          });
        const out =
          format === 'prov'
            ? await reader.ledger.exportProv({ id: dataset })
            : await reader.ledger.exportOpenLineage({ id: dataset });
        io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      }),
    );
}

function storedCheckpoints(reader: LedgerReader): { size: number; note: string }[] {
  return reader.db.db
    .prepare('SELECT size, note FROM ledger_checkpoints ORDER BY size, seq')
    .all() as { size: number; note: string }[];
}
