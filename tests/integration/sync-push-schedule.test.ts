// The nightly push of the clients' own reports and the sync schedule (issue 6 §2), against the real server: a report
// written in the portal reaches the EHR's folder once and then shows as sent; the organisations' schedules fire when
// their manuals say; a failing EHR is retried with backoff.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierPath } from '../../shared/api/dossier.ts';
import { linkClientToEhr, recentRuns } from '../../server/db/repos/sync-runs.ts';
import { configuredAdapter } from '../../server/sync/adapters.ts';
import { CLIENT_REPORTS_FORMAT } from '../../server/sync/file-drop-adapter.ts';
import { runPush } from '../../server/sync/run-push.ts';
import { cronProblem, nextRuns, retryDelayMs } from '../../server/sync/schedule.ts';
import { startSyncScheduler } from '../../server/sync/scheduler.ts';
import { ORGANISATION_PRESETS } from '../../server/org/presets.ts';
import { loadConfig } from '../../server/config.ts';
import type { EhrAdapter } from '../../server/sync/adapter.ts';
import { silentLogger } from '../../server/log.ts';
import { adminWithEnv } from '../helpers/admin-sync.ts';
import { closeAll, makeTempDir, signIn, startTestPortal, type TestPortal } from '../helpers/portal.ts';

let tp: TestPortal;
let dropDir: string;

beforeEach(async () => {
  dropDir = makeTempDir('ehr-drop-');
  tp = await startTestPortal({
    PORTAL_SYNC_ADAPTER: 'file-drop',
    PORTAL_SYNC_DROP_DIR: dropDir,
    PORTAL_SYNC_SOURCE: 'ons',
  });
});
afterEach(closeAll);

describe('nightly push of client reports', () => {
  it('a report written in the portal goes to the EHR once, and is then shown as sent', async () => {
    const truus = await tp.createUser({ username: 'truus' });
    const kees = await tp.createUser({ username: 'kees', name: 'Kees Jansen', mobile: '+31611111111' });
    tp.portal.db.transaction(() => linkClientToEhr(tp.portal.db, 'ons', 'ecd-1001', truus.clientId, 't'))();
    const c = tp.client();
    await signIn(tp, c, truus);
    const reports = DossierPath.reports.replace(':clientId', String(truus.clientId));
    const written = await c.post(reports, { text: 'Vandaag heb ik met mijn dochter gewandeld.' });
    expect(written.status, written.text).toBe(201);
    // Kees is linked to no EHR: his report stays in the portal, unsent.
    const k = tp.client();
    await signIn(tp, k, kees);
    await k.post(DossierPath.reports.replace(':clientId', String(kees.clientId)), { text: 'Mijn eigen verslag.' });

    const adapter = configuredAdapter(tp.config, tp.clock)!;
    const first = await runPush({ db: tp.portal.db, clock: tp.clock }, adapter);
    expect(first.status).toBe('succeeded');
    expect(first.counts.client_report!.created).toBe(1);
    const sent = fs.readdirSync(path.join(dropDir, 'to-ehr'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^client-reports-.*\.json$/);
    const body = JSON.parse(fs.readFileSync(path.join(dropDir, 'to-ehr', sent[0]!), 'utf8'));
    expect(body).toMatchObject({ format: CLIENT_REPORTS_FORMAT, version: 1 });
    expect(body.reports).toEqual([
      expect.objectContaining({
        clientEhrId: 'ecd-1001',
        text: 'Vandaag heb ik met mijn dochter gewandeld.',
        authorName: 'Truus van Dorp',
      }),
    ]);
    // Sent now ("verzonden" in the portal); a second push sends nothing again.
    const item = tp.portal.db
      .prepare(`SELECT sent_to_ehr_at FROM dossier_items WHERE kind = 'client_report' AND client_id = ?`)
      .get(truus.clientId) as { sent_to_ehr_at: string | null };
    expect(item.sent_to_ehr_at).not.toBeNull();
    const again = await runPush({ db: tp.portal.db, clock: tp.clock }, adapter);
    expect(again.counts.client_report!.created).toBe(0);
    expect(fs.readdirSync(path.join(dropDir, 'to-ehr'))).toHaveLength(1);
    expect(
      tp.portal.db
        .prepare(`SELECT sent_to_ehr_at FROM dossier_items WHERE kind = 'client_report' AND client_id = ?`)
        .get(kees.clientId),
    ).toEqual({ sent_to_ehr_at: null });
    expect(recentRuns(tp.portal.db, 2).map((r) => [r.direction, r.status])).toEqual([
      ['push', 'succeeded'],
      ['push', 'succeeded'],
    ]);
  });

  it('an EHR that refuses or fails leaves the report unsent, to be tried again', async () => {
    const truus = await tp.createUser({ username: 'truus' });
    tp.portal.db.transaction(() => linkClientToEhr(tp.portal.db, 'ons', 'ecd-1001', truus.clientId, 't'))();
    const c = tp.client();
    await signIn(tp, c, truus);
    await c.post(DossierPath.reports.replace(':clientId', String(truus.clientId)), { text: 'Een verslag.' });
    const unsent = () =>
      tp.portal.db
        .prepare(`SELECT COUNT(*) AS n FROM dossier_items WHERE sent_to_ehr_at IS NULL AND kind = 'client_report'`)
        .get();
    const failing: EhrAdapter = {
      ...configuredAdapter(tp.config, tp.clock)!,
      push: () => Promise.reject(new Error('EHR answered 503')),
    };
    const refused = await runPush({ db: tp.portal.db, clock: tp.clock }, failing);
    expect([refused.status, refused.error]).toEqual(['failed', 'EHR answered 503']);
    expect(unsent()).toEqual({ n: 1 });
    const declining: EhrAdapter = { ...failing, push: async () => [] };
    const declined = await runPush({ db: tp.portal.db, clock: tp.clock }, declining);
    expect(declined.counts.client_report!.skipped).toBe(1);
    expect(unsent()).toEqual({ n: 1 });
  });
});

describe('sync:push', () => {
  it('the admin CLI pushes now what the night would, once; without a connection it says so', async () => {
    const truus = await tp.createUser({ username: 'truus' });
    tp.portal.db.transaction(() => linkClientToEhr(tp.portal.db, 'ons', 'ecd-1001', truus.clientId, 't'))();
    const c = tp.client();
    await signIn(tp, c, truus);
    const reports = DossierPath.reports.replace(':clientId', String(truus.clientId));
    expect((await c.post(reports, { text: 'Ik heb de hele middag in de tuin gezeten.' })).status).toBe(201);
    const env = {
      PORTAL_DATA_DIR: tp.dataDir,
      PORTAL_SYNC_ADAPTER: 'file-drop',
      PORTAL_SYNC_DROP_DIR: dropDir,
      PORTAL_SYNC_SOURCE: 'ons',
    };

    const first = await adminWithEnv(env, ['sync:push']);
    expect(first.out).toBe('Versturen geslaagd: cliëntrapportages: 1 nieuw, 0 gewijzigd, 0 verwijderd, 0 overgeslagen');
    const sent = fs.readdirSync(path.join(dropDir, 'to-ehr'));
    expect(sent).toHaveLength(1);
    const body = JSON.parse(fs.readFileSync(path.join(dropDir, 'to-ehr', sent[0]!), 'utf8'));
    expect(body.reports.map((r: { text: string }) => r.text)).toEqual(['Ik heb de hele middag in de tuin gezeten.']);
    expect(recentRuns(tp.portal.db, 1)[0]).toMatchObject({ direction: 'push', status: 'succeeded' });

    // a second push has nothing left to send
    expect((await adminWithEnv(env, ['sync:push'])).out).toBe(
      'Versturen geslaagd: cliëntrapportages: 0 nieuw, 0 gewijzigd, 0 verwijderd, 0 overgeslagen',
    );
    expect(fs.readdirSync(path.join(dropDir, 'to-ehr'))).toHaveLength(1);

    await expect(adminWithEnv({ ...env, PORTAL_SYNC_ADAPTER: 'none' }, ['sync:push'])).rejects.toThrow(
      /geen ECD-koppeling ingesteld/,
    );
  });
});

describe('schedule', () => {
  it('Pluryn pulls every hour 07:00–23:00, Careyn at 08:00 and 20:00, both push at 02:00, Dutch time', () => {
    const hours = (expr: string) =>
      nextRuns(expr, new Date('2026-12-04T23:30:00Z'), 18).map((d) =>
        d.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' }),
      );
    expect(hours(ORGANISATION_PRESETS.pluryn.syncPullCron)).toEqual([
      '07:00',
      '08:00',
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
      '17:00',
      '18:00',
      '19:00',
      '20:00',
      '21:00',
      '22:00',
      '23:00',
      '07:00',
    ]);
    expect(hours(ORGANISATION_PRESETS.careyn.syncPullCron).slice(0, 4)).toEqual(['08:00', '20:00', '08:00', '20:00']);
    expect(hours(ORGANISATION_PRESETS.careyn.syncPushCron).slice(0, 2)).toEqual(['02:00', '02:00']);
    // In summer time as well: 08:00 in Amsterdam is 06:00 UTC.
    expect(
      nextRuns(ORGANISATION_PRESETS.careyn.syncPullCron, new Date('2026-07-01T00:00:00Z'), 1)[0]!.toISOString(),
    ).toBe('2026-07-01T06:00:00.000Z');
  });

  it('the settings take other expressions; a bad one stops the start with the variable named', () => {
    expect(cronProblem('0 8,20 * * *')).toBeNull();
    expect(cronProblem('elke dag om acht')).not.toBeNull();
    const env = { PORTAL_DATA_DIR: makeTempDir(), PORTAL_SYNC_PULL_CRON: '*/30 7-22 * * 1-5' };
    expect(loadConfig(env).organisation.syncPullCron).toBe('*/30 7-22 * * 1-5');
    expect(() => loadConfig({ ...env, PORTAL_SYNC_PUSH_CRON: '0 25 * * *' })).toThrow(/PORTAL_SYNC_PUSH_CRON/);
  });

  it('a failed pull is retried with growing delays, and stops being retried once it succeeds', async () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 30, 30]);
    let calls = 0;
    const flaky: EhrAdapter = {
      source: 'ons',
      // eslint-disable-next-line require-yield -- fails before the first batch, as a down EHR does
      async *pull() {
        calls++;
        if (calls <= 2) throw new Error('EHR answered 503');
      },
      push: async () => [],
      health: async () => ({ ok: true }),
    };
    // A schedule that never fires by itself during the test (1 January, 03:00): only the retries run.
    const scheduler = startSyncScheduler({
      deps: { db: tp.portal.db, clock: tp.clock },
      adapter: flaky,
      pullCron: '0 3 1 1 *',
      pushCron: '0 3 1 1 *',
      log: silentLogger,
      retryBaseMs: 40,
    });
    try {
      await scheduler.pullNow();
      await expect.poll(() => calls, { timeout: 5_000 }).toBe(3);
      await new Promise((r) => setTimeout(r, 300));
      expect(calls).toBe(3); // succeeded: no further retry
      expect(recentRuns(tp.portal.db, 3).map((r) => r.status)).toEqual(['succeeded', 'failed', 'failed']);
    } finally {
      await scheduler.stop();
    }
  });
});
