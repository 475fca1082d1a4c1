// The admin CLI's EHR commands (issue 6): link a client to his EHR identity, run a pull (with a progress display on
// stderr, sync-progress.ts), show the sync log and whether the EHR answers.
import { audit } from '../audit/audit.ts';
import { findClientByUserId } from '../db/repos/clients.ts';
import { findUserByUsername } from '../db/repos/users.ts';
import { lastSuccessfulPull, linkClientToEhr, readCursor, recentRuns, type SyncCounts } from '../db/repos/sync-runs.ts';
import { configuredAdapter } from '../sync/adapters.ts';
import { checkHealth, healthAdapter } from '../sync/health-check.ts';
import { runPush } from '../sync/run-push.ts';
import { runPull, type RunResult } from '../sync/run-pull.ts';
import { syncProgressPrinter, type ProgressStream } from './sync-progress.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/open.ts';

export const SYNC_USAGE = `  client:link --username truus --ehr-id 1234567
        Koppelt een cliënt aan zijn nummer in het ECD; alleen gekoppelde cliënten krijgen ECD-gegevens.
  sync:run                          Haalt nu de wijzigingen uit het ECD op (zoals de geplande synchronisatie).
  sync:push                         Stuurt nu de cliëntrapportages naar het ECD (zoals 's nachts gepland).
  sync:status                       Toont of het ECD bereikbaar is en de laatste synchronisaties met aantallen en
                                    problemen.
`;

export class SyncCliError extends Error {}

const RESOURCE_WORDS: Record<string, string> = {
  report: 'rapportages',
  form: 'formulieren',
  appointment: 'afspraken',
  staff: 'medewerkers',
  person: 'persoonsgegevens',
  contact: 'contactpersonen',
  plan: 'plannen',
  notice: 'meldingen',
  client_report: 'cliëntrapportages',
};

export function describeCounts(counts: SyncCounts): string {
  const parts = Object.entries(counts).map(
    ([resource, c]) =>
      `${RESOURCE_WORDS[resource] ?? resource}: ${c.created} nieuw, ${c.updated} gewijzigd, ${c.deleted} verwijderd, ${c.skipped} overgeslagen`,
  );
  return parts.length ? parts.join('; ') : 'geen wijzigingen';
}

const STATUS_WORDS = { running: 'bezig', succeeded: 'geslaagd', failed: 'mislukt' } as const;

interface Ctx {
  db: Db;
  clock: Clock;
  config: Config;
  options: (required: string[]) => Record<string, string | undefined>;
  out: (s: string) => void;
  /** Where the progress of sync:run goes (stderr): stdout keeps only the result, for scripts. */
  progress: ProgressStream;
}

/** Runs a sync command; false when `command` is none of them. */
export async function runSyncCommand(command: string, ctx: Ctx): Promise<boolean> {
  const { db, clock, config, out } = ctx;
  const source = config.sync.source;
  switch (command) {
    case 'client:link': {
      const v = ctx.options(['username', 'ehr-id']);
      const user = findUserByUsername(db, v.username!);
      const client = user?.kind === 'client' ? findClientByUserId(db, user.id) : null;
      if (!user || !client) throw new SyncCliError(`${v.username} is geen cliënt.`);
      const ehrId = v['ehr-id']!.trim();
      if (ehrId.length > 128) throw new SyncCliError('--ehr-id: hoogstens 128 tekens.');
      db.transaction(() => {
        const at = clock.now().toISOString();
        linkClientToEhr(db, source, ehrId, client.id, at);
        audit({ db, clock }, null, {
          userId: user.id,
          username: user.username,
          clientId: client.id,
          action: 'admin.client-link',
          outcome: 'success',
          detail: `${source}:${ehrId}`,
        });
      })();
      out(`${client.displayName} is gekoppeld aan ${ehrId} in het ECD (${source}).`);
      return true;
    }
    case 'sync:run': {
      const adapter = configuredAdapter(config, clock, db);
      if (!adapter) throw new SyncCliError('Er is geen ECD-koppeling ingesteld (PORTAL_SYNC_ADAPTER).');
      const started = performance.now();
      const printer = syncProgressPrinter(ctx.progress, () => performance.now() - started);
      let result: RunResult;
      try {
        result = await runPull({ db, clock }, adapter, (event) => printer.update(event));
      } finally {
        printer.finish();
      }
      if (result.status === 'busy')
        throw new SyncCliError('Er loopt al een synchronisatie; probeer het straks opnieuw.');
      out(`Synchronisatie ${STATUS_WORDS[result.status]}: ${describeCounts(result.counts)}`);
      for (const p of result.problems) out(`  probleem: ${p.where}: ${p.message}`);
      if (result.status === 'failed') throw new SyncCliError(`De synchronisatie is mislukt: ${result.error}`);
      return true;
    }
    case 'sync:push': {
      // What the night's push does (PORTAL_SYNC_PUSH_CRON), now: for IT after an outage, or to check a connection.
      const adapter = configuredAdapter(config, clock, db);
      if (!adapter) throw new SyncCliError('Er is geen ECD-koppeling ingesteld (PORTAL_SYNC_ADAPTER).');
      const result = await runPush({ db, clock }, adapter);
      if (result.status === 'busy')
        throw new SyncCliError('Er loopt al een synchronisatie; probeer het straks opnieuw.');
      out(`Versturen ${STATUS_WORDS[result.status]}: ${describeCounts(result.counts)}`);
      for (const p of result.problems) out(`  probleem: ${p.where}: ${p.message}`);
      if (result.status === 'failed') throw new SyncCliError(`Het versturen is mislukt: ${result.error}`);
      return true;
    }
    case 'sync:status': {
      const last = lastSuccessfulPull(db, source);
      const health = await checkHealth(healthAdapter(config, clock), clock);
      if (health.state === 'not-configured') out('ECD-koppeling: geen koppeling ingesteld');
      else {
        out(`ECD-koppeling: ${config.sync.adapter} (${source})`);
        out(health.state === 'reachable' ? 'ECD bereikbaar' : `ECD niet bereikbaar: ${health.reason}`);
      }
      out(`Laatste geslaagde synchronisatie: ${last ?? 'nog geen'}`);
      out(`Stand: ${readCursor(db, source) ?? '(begin)'}`);
      const runs = recentRuns(db, 10);
      if (runs.length === 0) out('Nog geen synchronisaties.');
      for (const r of runs) {
        out(
          `#${r.id} ${r.direction === 'pull' ? 'ophalen' : 'versturen'} ${r.startedAt} – ${r.finishedAt ?? '…'} ` +
            `${STATUS_WORDS[r.status]}: ${describeCounts(r.counts)}${r.error ? ` (${r.error})` : ''}`,
        );
        for (const p of r.problems.slice(0, 5)) out(`    ${p.where}: ${p.message}`);
        if (r.problems.length > 5) out(`    … en ${r.problems.length - 5} meer`);
      }
      return true;
    }
    default:
      return false;
  }
}
