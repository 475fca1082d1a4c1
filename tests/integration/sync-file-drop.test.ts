// The EHR sync through the file-drop adapter (issue 6 §1–§2) against the real server's SQLite file: files in a folder,
// imported all or nothing per file, moved to done/ or failed/ with a report, idempotent, resumable after a crash.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_DROP_FORMAT } from '../../shared/sync/file-drop.ts';
import { linkClientToEhr, lastSuccessfulPull, readCursor, recentRuns } from '../../server/db/repos/sync-runs.ts';
import { configuredAdapter } from '../../server/sync/adapters.ts';
import { claimRun, runPull } from '../../server/sync/run-pull.ts';
import type { EhrAdapter, ImportRecord, PullBatch } from '../../server/sync/adapter.ts';
import { runAdmin } from '../../server/cli/admin.ts';
import { HomePath } from '../../shared/api/home.ts';
import { DossierPath } from '../../shared/api/dossier.ts';
import {
  closeAll,
  count,
  GOOD_PASSWORD,
  makeTempDir,
  signIn,
  startTestPortal,
  type TestPortal,
} from '../helpers/portal.ts';

const EXAMPLE = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../shared/sync/file-drop-example.json'), 'utf8'),
) as { records: Record<string, unknown>[] };

let tp: TestPortal;
let dropDir: string;
let truusClient: number;

beforeEach(async () => {
  dropDir = makeTempDir('ehr-drop-');
  tp = await startTestPortal({
    PORTAL_SYNC_ADAPTER: 'file-drop',
    PORTAL_SYNC_DROP_DIR: dropDir,
    PORTAL_SYNC_SOURCE: 'ons',
  });
  const truus = await tp.createUser({ username: 'truus' });
  truusClient = truus.clientId;
  tp.portal.db.transaction(() => linkClientToEhr(tp.portal.db, 'ons', 'ecd-1001', truusClient, 't'))();
});
afterEach(closeAll);

function drop(name: string, records: unknown[], header: Record<string, unknown> = {}): void {
  const body = { format: FILE_DROP_FORMAT, version: 1, exportedAt: '2026-12-04T08:00:00Z', records, ...header };
  fs.writeFileSync(path.join(dropDir, name), JSON.stringify(body));
}

const pull = () => runPull({ db: tp.portal.db, clock: tp.clock }, configuredAdapter(tp.config, tp.clock)!);
const files = (sub = '') => fs.readdirSync(path.join(dropDir, sub)).sort();
const report = (id: string) =>
  tp.portal.db.prepare('SELECT client_id, body, source FROM dossier_items WHERE external_id = ?').get(id) as
    { client_id: number; body: string; source: string } | undefined;

describe('file-drop import', () => {
  it('imports the example file: rows with their source, the file in done/, the run in the sync log', async () => {
    drop('0001-export.json', EXAMPLE.records);
    const result = await pull();
    expect(result.status).toBe('succeeded');
    expect(result.counts).toEqual({
      report: { created: 1, updated: 0, deleted: 0, skipped: 1 }, // the delete of a report the portal never had
      form: { created: 1, updated: 0, deleted: 0, skipped: 0 },
      staff: { created: 1, updated: 0, deleted: 0, skipped: 0 },
      appointment: { created: 1, updated: 0, deleted: 0, skipped: 0 },
      person: { created: 1, updated: 0, deleted: 0, skipped: 0 },
      contact: { created: 1, updated: 0, deleted: 0, skipped: 0 },
      plan: { created: 1, updated: 0, deleted: 0, skipped: 0 },
      // version 2 of a plan the portal did not know yet: the dossier says it changed
      notice: { created: 1, updated: 0, deleted: 0, skipped: 0 },
    });
    expect(report('rap-2026-000101')).toEqual({
      client_id: truusClient,
      body: expect.stringContaining('goed geslapen'),
      source: 'ons',
    });
    const form = tp.portal.db
      .prepare(`SELECT kind, fields FROM dossier_items WHERE external_id = 'frm-2026-000017'`)
      .get() as {
      kind: string;
      fields: string;
    };
    expect(form.kind).toBe('form');
    expect(JSON.parse(form.fields)[0]).toEqual({
      label: 'Afspraak',
      value: 'Elke dinsdag wandelen met de fysiotherapeut',
    });
    const appointment = tp.portal.db
      .prepare(
        `SELECT a.kind, a.starts_at, s.display_name FROM appointments a JOIN staff_members s ON s.id = a.staff_member_id
         WHERE a.external_id = 'afs-2026-004410'`,
      )
      .get();
    expect(appointment).toEqual({ kind: 'care', starts_at: '2026-12-08T09:00:00.000Z', display_name: 'Jan Bakker' });
    expect(files()).toEqual(['done', 'failed'].filter((d) => fs.existsSync(path.join(dropDir, d))));
    expect(files('done')).toEqual(['0001-export.json']);
    expect(readCursor(tp.portal.db, 'ons')).toBe('0001-export.json');
    expect(lastSuccessfulPull(tp.portal.db, 'ons')).not.toBeNull();
    expect(recentRuns(tp.portal.db, 1)[0]).toMatchObject({ status: 'succeeded', direction: 'pull', error: null });
  });

  it('the same file again changes nothing: no row is written again, everything is counted unchanged', async () => {
    drop('0001-export.json', EXAMPLE.records);
    await pull();
    const snapshot = () =>
      ['dossier_items', 'appointments', 'staff_members'].map((t) =>
        tp.portal.db.prepare(`SELECT * FROM ${t} ORDER BY id`).all(),
      );
    const before = snapshot();
    tp.advance(60 * 60 * 1000);
    drop('0002-export.json', EXAMPLE.records);
    const again = await pull();
    expect(again.status).toBe('succeeded');
    for (const c of Object.values(again.counts)) expect([c.created, c.updated, c.deleted]).toEqual([0, 0, 0]);
    expect(snapshot()).toEqual(before);
    // Another offset for the same moment is the same moment.
    drop('0003-export.json', [{ ...EXAMPLE.records[0], occurredAt: '2026-12-04T06:45:00Z' }]);
    expect((await pull()).counts.report).toEqual({ created: 0, updated: 0, deleted: 0, skipped: 1 });
  });

  it('an updated report is updated, a deleted one disappears, a deleted appointment leaves the agenda', async () => {
    drop('0001-export.json', EXAMPLE.records);
    await pull();
    drop('0002-export.json', [
      { ...EXAMPLE.records[0], text: 'Mevrouw heeft slecht geslapen.' },
      { type: 'delete', resource: 'form', id: 'frm-2026-000017' },
      { type: 'delete', resource: 'appointment', id: 'afs-2026-004410' },
    ]);
    const result = await pull();
    expect(result.counts).toEqual({
      report: { created: 0, updated: 1, deleted: 0, skipped: 0 },
      form: { created: 0, updated: 0, deleted: 1, skipped: 0 },
      appointment: { created: 0, updated: 0, deleted: 1, skipped: 0 },
    });
    expect(report('rap-2026-000101')!.body).toBe('Mevrouw heeft slecht geslapen.');
    expect(count(tp, 'dossier_items', "external_id = 'frm-2026-000017'")).toBe(0);
    expect(count(tp, 'appointments', "external_id = 'afs-2026-004410' AND deleted_at IS NOT NULL")).toBe(1);
    // The EHR sends it again: it is back.
    drop('0003-export.json', [EXAMPLE.records[2]]);
    expect((await pull()).counts.appointment!.updated).toBe(1);
    expect(count(tp, 'appointments', "external_id = 'afs-2026-004410' AND deleted_at IS NULL")).toBe(1);
  });

  it("a staff member's photo comes with an appointment; left out it stays, null removes it", async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const appointment = EXAMPLE.records[2] as { staff: Record<string, unknown> };
    const withPhoto = (photo: unknown) => ({ ...appointment, staff: { ...appointment.staff, photo } });
    const stored = () =>
      tp.portal.db.prepare(`SELECT photo, photo_type FROM staff_members WHERE external_id = 'mdw-0042'`).get() as {
        photo: Buffer | null;
        photo_type: string | null;
      };
    drop('0001.json', [withPhoto({ type: 'image/png', base64: png.toString('base64') })]);
    await pull();
    expect(stored().photo!.equals(png)).toBe(true);
    drop('0002.json', [appointment]);
    expect((await pull()).counts.staff).toEqual({ created: 0, updated: 0, deleted: 0, skipped: 1 });
    expect(stored().photo_type).toBe('image/png');
    drop('0003.json', [withPhoto(null)]);
    expect((await pull()).counts.staff!.updated).toBe(1);
    expect(stored()).toEqual({ photo: null, photo_type: null });
  });

  it('a file with one bad record imports none of it and goes to failed/ with a report; other files still go in', async () => {
    drop('0001-bad.json', [
      EXAMPLE.records[0],
      { ...EXAMPLE.records[2], end: '2026-12-08T08:00:00+01:00' },
      { type: 'report', id: 'rap-x', client: 'ecd-1001' },
    ]);
    drop('0002-good.json', [EXAMPLE.records[1]]);
    fs.writeFileSync(path.join(dropDir, '0003-broken.json'), '{"format": "clientportaal.ehr-export", "vers');
    fs.writeFileSync(path.join(dropDir, '0004-half.json.tmp'), '{');
    const result = await pull();
    expect(result.status).toBe('failed');
    expect(result.error).toBe('2 batch(es) refused');
    expect(report('rap-2026-000101')).toBeUndefined();
    expect(count(tp, 'dossier_items', "external_id = 'frm-2026-000017'")).toBe(1);
    expect(files('done')).toEqual(['0002-good.json']);
    expect(files('failed')).toEqual([
      '0001-bad.fouten.txt',
      '0001-bad.json',
      '0003-broken.fouten.txt',
      '0003-broken.json',
    ]);
    const text = fs.readFileSync(path.join(dropDir, 'failed', '0001-bad.fouten.txt'), 'utf8');
    expect(text).toContain('niets uit dit bestand staat in het portaal');
    expect(text).toContain('record 2 (afs-2026-004410): end: end_before_start');
    expect(text).toContain('record 3 (rap-x): occurredAt');
    expect(text).not.toContain('record 1 ');
    expect(fs.readFileSync(path.join(dropDir, 'failed', '0003-broken.fouten.txt'), 'utf8')).toContain('not valid JSON');
    // A file still being written (not .json yet) is left for the next run.
    expect(fs.existsSync(path.join(dropDir, '0004-half.json.tmp'))).toBe(true);
    expect(result.problems.map((p) => p.where)).toEqual(
      expect.arrayContaining(['0001-bad.json record 2 (afs-2026-004410)', '0003-broken.json']),
    );
    // "bijgewerkt tot" keeps the last successful run: there is none yet.
    expect(lastSuccessfulPull(tp.portal.db, 'ons')).toBeNull();
  });

  it('a record of a client the portal cannot match is reported and skipped, not guessed', async () => {
    drop('0001-export.json', [EXAMPLE.records[0], { ...EXAMPLE.records[0], id: 'rap-other', client: 'ecd-9999' }]);
    const result = await pull();
    expect(result.status).toBe('succeeded');
    expect(result.counts.report).toEqual({ created: 1, updated: 0, deleted: 0, skipped: 1 });
    expect(result.problems).toEqual([
      { where: '0001-export.json: report rap-other', message: 'client ecd-9999 is not linked' },
    ]);
    expect(report('rap-other')).toBeUndefined();
  });
});

describe('bijgewerkt tot', () => {
  it('the panels show the last successful run, also when it changed nothing; a failed run does not move it', async () => {
    const c = tp.client();
    await signIn(tp, c, { username: 'truus', password: GOOD_PASSWORD });
    const home = async () => {
      const res = await c.get(HomePath.home.replace(':clientId', String(truusClient)));
      expect(res.status, res.text).toBe(200);
      return res.json;
    };
    drop('0001-export.json', EXAMPLE.records);
    await pull();
    const first = recentRuns(tp.portal.db, 1)[0]!.finishedAt;
    expect((await home()).appointments.syncedUntil).toBe(first);
    expect((await home()).file.syncedUntil).toBe(first);

    tp.advance(20 * 60 * 1000); // within the session's idle time
    drop('0002-export.json', EXAMPLE.records); // nothing new
    await pull();
    const second = recentRuns(tp.portal.db, 1)[0]!.finishedAt;
    expect((await home()).appointments.syncedUntil).toBe(second);
    const overview = await c.get(DossierPath.overview.replace(':clientId', String(truusClient)));
    expect(overview.json.syncedUntil).toBe(second);

    tp.advance(20 * 60 * 1000); // within the session's idle time
    drop('0003-bad.json', [{ type: 'report' }]);
    expect((await pull()).status).toBe('failed');
    expect((await home()).appointments.syncedUntil).toBe(second);
    // A client linked to no EHR gets no such promise.
    const kees = await tp.createUser({ username: 'kees', mobile: '+31611111111' });
    const k = tp.client();
    await signIn(tp, k, kees);
    const keesHome = (await k.get(HomePath.home.replace(':clientId', String(kees.clientId)))).json;
    expect(keesHome.appointments.syncedUntil).toBeNull();
  });
});

describe('runs', () => {
  const record = (id: string): Extract<ImportRecord, { type: 'report' }> => ({
    type: 'report',
    id,
    client: 'ecd-1001',
    occurredAt: '2026-12-04T06:45:00.000Z',
    text: `Rapportage ${id}`,
  });

  /** An EHR that serves two good batches and then fails, or breaks inside the second batch. */
  function flakyAdapter(failure: 'after-first' | 'inside-second'): EhrAdapter {
    return {
      source: 'ons',
      async *pull(cursor): AsyncIterable<PullBatch> {
        if (cursor === null) yield { label: 'page 1', records: [record('a1'), record('a2')], cursor: 'p1' };
        if (failure === 'after-first') throw new Error('EHR answered 503');
        // occurredAt null breaks the row's NOT NULL: the batch's first row must not stay behind either.
        yield {
          label: 'page 2',
          records: [record('b1'), { ...record('b2'), occurredAt: null as unknown as string }],
          cursor: 'p2',
        };
      },
      push: async () => [],
      health: async () => ({ ok: true }),
    };
  }

  it('a failing EHR marks the run failed and keeps every committed batch and its cursor; the next run continues', async () => {
    const deps = { db: tp.portal.db, clock: tp.clock };
    const first = await runPull(deps, flakyAdapter('after-first'));
    expect([first.status, first.error]).toEqual(['failed', 'EHR answered 503']);
    expect(count(tp, 'dossier_items', "external_id IN ('a1', 'a2')")).toBe(2);
    expect(readCursor(tp.portal.db, 'ons')).toBe('p1');

    const second = await runPull(deps, flakyAdapter('inside-second'));
    expect(second.status).toBe('failed');
    expect(count(tp, 'dossier_items', "external_id IN ('b1', 'b2')")).toBe(0);
    expect(readCursor(tp.portal.db, 'ons')).toBe('p1');
    expect(recentRuns(tp.portal.db, 5).map((r) => r.status)).toEqual(['failed', 'failed']);
  });

  it('runs of one source never overlap; a run left by a killed process is ended after two hours', async () => {
    const deps = { db: tp.portal.db, clock: tp.clock };
    const held = claimRun(deps, 'ons', 'pull');
    expect(held).not.toBeNull();
    expect((await pull()).status).toBe('busy');
    tp.advance(2 * 60 * 60 * 1000 + 1000);
    drop('0001-export.json', [EXAMPLE.records[0]]);
    expect((await pull()).status).toBe('succeeded');
    const old = recentRuns(tp.portal.db, 5).find((r) => r.id === held)!;
    expect([old.status, old.error]).toEqual(['failed', 'interrupted (process stopped)']);
  });
});

describe('admin CLI', () => {
  async function admin(...argv: string[]): Promise<string> {
    const out: string[] = [];
    const saved = { ...process.env };
    Object.assign(process.env, {
      PORTAL_DATA_DIR: tp.dataDir,
      PORTAL_SYNC_ADAPTER: 'file-drop',
      PORTAL_SYNC_DROP_DIR: dropDir,
      PORTAL_SYNC_SOURCE: 'ons',
    });
    try {
      await runAdmin(argv, (s) => out.push(s));
    } finally {
      for (const k of ['PORTAL_DATA_DIR', 'PORTAL_SYNC_ADAPTER', 'PORTAL_SYNC_DROP_DIR', 'PORTAL_SYNC_SOURCE']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
    return out.join('\n');
  }

  it('client:link, sync:run and sync:status', async () => {
    const kees = await tp.createUser({ username: 'kees', name: 'Kees Jansen' });
    expect(await admin('client:link', '--username', 'kees', '--ehr-id', 'ecd-2002')).toBe(
      'Kees Jansen is gekoppeld aan ecd-2002 in het ECD (ons).',
    );
    await expect(admin('client:link', '--username', 'niemand', '--ehr-id', 'x')).rejects.toThrow(
      'niemand is geen cliënt.',
    );
    drop('0001-export.json', [{ ...EXAMPLE.records[0], client: 'ecd-2002' }]);
    const out = await admin('sync:run');
    expect(out).toContain('Synchronisatie geslaagd: rapportages: 1 nieuw, 0 gewijzigd, 0 verwijderd, 0 overgeslagen');
    expect(report('rap-2026-000101')!.client_id).toBe(kees.clientId);
    drop('0002-bad.json', [{ type: 'report' }]);
    await expect(admin('sync:run')).rejects.toThrow('De synchronisatie is mislukt: 1 batch(es) refused');
    const status = await admin('sync:status');
    expect(status).toContain('ECD-koppeling: file-drop (ons)');
    expect(status).toMatch(/#2 ophalen .* mislukt/);
    expect(status).toMatch(/#1 ophalen .* geslaagd: rapportages: 1 nieuw/);
    expect(status).toContain('0002-bad.json record 1');
    expect(count(tp, 'audit_log', "action = 'admin.client-link' AND detail = 'ons:ecd-2002'")).toBe(1);
  });
});
