import type { Command } from 'commander';
import { toBase64 } from '../../core/bytes.ts';
import { intFlag, UsageError } from '../parties.ts';
import { CheckFailed, type CliIo } from '../program.ts';
import { openWorkspace, type WorkspaceOptions, workspaceOptions } from '../workspace.ts';

interface LedgerFlags {
  ledger?: string;
  keys?: string;
  origin?: string;
}

// Every ledger command needs an existing ledger (a mistyped --ledger must not
// create an empty one); those that only read open it read-only.
function withWorkspace<T>(
  flags: LedgerFlags,
  access: 'read' | 'write',
  body: (ws: ReturnType<typeof openWorkspace>) => Promise<T>,
): Promise<T> {
  const options: WorkspaceOptions = {
    ledger: flags.ledger,
    keys: flags.keys,
    origin: flags.origin,
    mustExist: true,
    readOnly: access === 'read',
  };
  const ws = openWorkspace(options);
  return body(ws).finally(() => ws.close());
}

/** `dataguard ledger verify | show | prove | checkpoint | export`. */
export function registerLedgerCommand(program: Command, io: CliIo): void {
  const ledger = program
    .command('ledger')
    .description('verify, inspect, prove and export the provenance ledger');

  workspaceOptions(
    ledger
      .command('verify')
      .description(
        'recompute the whole ledger; exit 1 naming the first bad index if anything was changed',
      ),
  )
    .option('--json', 'print the report as JSON')
    .action((flags: LedgerFlags & { json?: boolean }) =>
      withWorkspace(flags, 'read', async (ws) => {
        const report = await ws.ledger.verify();
        if (flags.json === true) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
        else if (report.ok)
          io.stdout(
            `ledger ok: ${report.size} entries, ${report.checkpointsChecked} checkpoints verified\n`,
          );
        else
          io.stdout(
            `ledger FAILED at index ${report.firstBadIndex ?? '?'}: ${report.problem} (${report.detail})\n`,
          );
        if (!report.ok) throw new CheckFailed();
      }),
    );

  workspaceOptions(ledger.command('show').description('print entries as JSON lines'))
    .argument('[index]', 'one entry')
    .option('--from <n>', 'first index (default 0)')
    .option('--to <n>', 'last index, exclusive (default: the size)')
    .action((index: string | undefined, flags: LedgerFlags & { from?: string; to?: string }) =>
      withWorkspace(flags, 'read', async (ws) => {
        const size = await ws.ledger.size();
        const from =
          index === undefined
            ? (intFlag(flags.from, '--from', 0) ?? 0)
            : (intFlag(index, 'index', 0) as number);
        const to =
          index === undefined ? Math.min(intFlag(flags.to, '--to', 0) ?? size, size) : from + 1;
        if (from >= size && index !== undefined)
          throw new UsageError(`index ${from} is beyond the ledger size ${size}`);
        for (let i = from; i < to; i++) {
          const entry = await ws.ledger.get(i);
          io.stdout(`${JSON.stringify({ index: entry.index, event: entry.event })}\n`);
        }
      }),
    );

  workspaceOptions(
    ledger
      .command('prove')
      .description('inclusion proof of an entry, with the latest signed checkpoint'),
  )
    .argument('<index>', 'entry index')
    .option('--size <n>', 'tree size (default: the latest checkpoint)')
    .action((index: string, flags: LedgerFlags & { size?: string }) =>
      withWorkspace(flags, 'write', async (ws) => {
        const checkpoint = await ws.ledger.checkpoint();
        const size = intFlag(flags.size, '--size') ?? checkpoint.size;
        const proof = await ws.ledger.proveInclusion(intFlag(index, 'index', 0) as number, size);
        io.stdout(
          `${JSON.stringify(
            {
              index: proof.index,
              treeSize: proof.treeSize,
              leafHash: toBase64(proof.leafHash),
              proof: proof.proof.map(toBase64),
              root: toBase64(proof.root),
              checkpoint: size === checkpoint.size ? checkpoint.note : undefined,
            },
            null,
            2,
          )}\n`,
        );
      }),
    );

  workspaceOptions(
    ledger
      .command('checkpoint')
      .description('sign and store a checkpoint of the current tree; print the C2SP signed note'),
  ).action((flags: LedgerFlags) =>
    withWorkspace(flags, 'write', async (ws) => {
      io.stdout((await ws.ledger.checkpoint()).note);
    }),
  );

  workspaceOptions(
    ledger
      .command('export')
      .description("export a dataset copy's history as W3C PROV-JSON or OpenLineage run events"),
  )
    .argument('<dataset>', 'dataset (copy) id')
    .option('--format <format>', 'prov or openlineage (default prov)')
    .action((dataset: string, flags: LedgerFlags & { format?: string }) =>
      withWorkspace(flags, 'read', async (ws) => {
        const format = flags.format ?? 'prov';
        if (format !== 'prov' && format !== 'openlineage')
          throw new UsageError('--format must be prov or openlineage');
        const out =
          format === 'prov'
            ? await ws.ledger.exportProv({ id: dataset })
            : await ws.ledger.exportOpenLineage({ id: dataset });
        io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      }),
    );
}
