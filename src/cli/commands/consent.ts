import type { Command } from 'commander';
import { createAsyncConsentDecider } from '../../consent/index.ts';
import { InputError } from '../../errors/kinds.ts';
import { createSqliteConsentStore, openSqlite } from '../../store/sqlite/index.ts';
import { createCatalog } from '../../tags/catalog.ts';
import type { DatasetDefinition } from '../../tags/dataset.ts';
import { CheckFailed } from '../check-failed.ts';
import type { CliIo } from '../program.ts';
import { readJsonFile } from '../read-json.ts';

/** `dataguard consent decide --request req.json`: a decision for scripting; exit 1 when denied. */
export function registerConsentCommand(program: Command, io: CliIo): void {
  const consent = program
    .command('consent')
    .description('consent and purpose decisions (PIPL) for scripting');
  consent
    .command('decide')
    .description(
      'decide a request (JSON: subject, purpose, processing, fields …) against the consent store; exit 1 when denied',
    )
    .requiredOption('--request <file>', 'decision request (JSON)')
    .option('--dataset <file>', 'dataset definition, for requests that name fields by dataset')
    .option(
      '--consent-db <file>',
      'SQLite database holding the consent store (default .dataguard/dataguard.db)',
    )
    .option('--ledger <file>', 'deprecated: the old name of --consent-db')
    .action(
      async (flags: { request: string; dataset?: string; consentDb?: string; ledger?: string }) => {
        if (flags.ledger !== undefined) {
          if (flags.consentDb !== undefined && flags.consentDb !== flags.ledger) {
            throw new InputError('give --consent-db only (--ledger is its deprecated old name)', {
              path: '--ledger',
              reason: 'conflicting-options',
            });
          }
          io.stderr(
            'dataguard: warning: consent decide --ledger is deprecated and names the consent database, not the ledger; use --consent-db\n',
          );
        }
        const path = flags.consentDb ?? flags.ledger ?? '.dataguard/dataguard.db';
        const request = readJsonFile(flags.request, 'request') as Parameters<
          ReturnType<typeof createAsyncConsentDecider>['decide']
        >[0];
        const catalog = createCatalog();
        if (flags.dataset !== undefined)
          catalog.register(readJsonFile(flags.dataset, 'dataset') as DatasetDefinition);
        const db = openSqlite({ path });
        const store = createSqliteConsentStore(db);
        const decider = createAsyncConsentDecider({ store, catalog });
        try {
          const decision = await decider.decide(request);
          io.stdout(`${JSON.stringify(decision, null, 2)}\n`);
          if (!decision.allowed) throw new CheckFailed();
        } finally {
          decider.close();
          store.close?.();
          db.close();
        }
      },
    );
}
