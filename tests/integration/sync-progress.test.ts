// How far a pull is (issue 6 §2, `sync:run` with a progress bar): what the adapters tell the runner after each batch
// (the file-drop adapter the number of files, the FHIR adapter Bundle.total per resource type), and what the admin
// CLI makes of it on stderr: a redrawn line in a terminal, plain lines otherwise; stdout keeps only the result.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_DROP_FORMAT } from '../../shared/sync/file-drop.ts';
import { linkClientToEhr } from '../../server/db/repos/sync-runs.ts';
import { configuredAdapter } from '../../server/sync/adapters.ts';
import { runPull, type BatchEvent } from '../../server/sync/run-pull.ts';
import { adminWithEnv } from '../helpers/admin-sync.ts';
import { peerAdapter } from '../helpers/fhir-adapter.ts';
import { startFhirServer } from '../helpers/fhir-server.ts';
import { loadFixtures } from '../fixtures/fhir/load.ts';
import { closeAll, makeTempDir, startTestPortal, type TestPortal } from '../helpers/portal.ts';

afterEach(closeAll);

const report = (id: string) => ({
  type: 'report',
  id,
  client: 'ecd-1001',
  occurredAt: '2026-12-04T09:00:00Z',
  title: 'Ochtendrapportage',
  text: 'Mevrouw heeft goed geslapen.',
  author: 'Fatima el Amrani',
  discipline: 'Verzorgende IG',
});

describe('file-drop', () => {
  let tp: TestPortal;
  let dropDir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    dropDir = makeTempDir('ehr-progress-');
    env = { PORTAL_SYNC_ADAPTER: 'file-drop', PORTAL_SYNC_DROP_DIR: dropDir, PORTAL_SYNC_SOURCE: 'ons' };
    tp = await startTestPortal(env);
    env.PORTAL_DATA_DIR = tp.dataDir;
    const truus = await tp.createUser({ username: 'truus' });
    tp.portal.db.transaction(() => linkClientToEhr(tp.portal.db, 'ons', 'ecd-1001', truus.clientId, 't'))();
  });
  const drop = (name: string, records: unknown[]) =>
    fs.writeFileSync(
      path.join(dropDir, name),
      JSON.stringify({ format: FILE_DROP_FORMAT, version: 1, exportedAt: '2026-12-04T10:00:00Z', records }),
    );

  it('each batch says which file of how many, with the records and refusals so far', async () => {
    drop('0001.json', [report('r-1'), report('r-2')]);
    drop('0002-bad.json', [{ type: 'report' }]);
    drop('0003.json', [report('r-3')]);
    const events: BatchEvent[] = [];
    const result = await runPull({ db: tp.portal.db, clock: tp.clock }, configuredAdapter(tp.config, tp.clock)!, (e) =>
      events.push({ ...e }),
    );
    expect(result.status).toBe('failed');
    expect(
      events.map(({ label, progress, batches, records, refused }) => ({ label, progress, batches, records, refused })),
    ).toEqual([
      { label: '0001.json', progress: { of: 'bestanden', done: 1, total: 3 }, batches: 1, records: 2, refused: 0 },
      { label: '0002-bad.json', progress: { of: 'bestanden', done: 2, total: 3 }, batches: 2, records: 2, refused: 1 },
      { label: '0003.json', progress: { of: 'bestanden', done: 3, total: 3 }, batches: 3, records: 3, refused: 1 },
    ]);
  });

  it('sync:run off a terminal: one plain line per file, the result alone on stdout', async () => {
    drop('0001.json', [report('r-1'), report('r-2')]);
    drop('0002.json', [report('r-3')]);
    const run = await adminWithEnv(env, ['sync:run']);
    // What the e2e tests and scripts read: unchanged, and nothing of the progress in it.
    expect(run.out).toBe('Synchronisatie geslaagd: rapportages: 3 nieuw, 0 gewijzigd, 0 verwijderd, 0 overgeslagen');
    expect(run.progress).not.toContain('\r');
    const lines = run.progress.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[█{15}░{15}\] 50% bestanden 1\/2 · 0001\.json · 1 batch · 2 records · \d+ s$/);
    expect(lines[1]).toMatch(/^\[█{30}\] 100% bestanden 2\/2 · 0002\.json · 2 batches · 3 records · \d+ s$/);
  });

  it('sync:run in a terminal: one line redrawn after each file, ended after the run', async () => {
    drop('0001.json', [report('r-1')]);
    drop('0002.json', [report('r-2')]);
    drop('0003.json', [report('r-3')]);
    const run = await adminWithEnv(env, ['sync:run'], { tty: true, columns: 200 });
    expect(run.out).toContain('Synchronisatie geslaagd: rapportages: 3 nieuw');
    const draws = run.progress.split('\r').slice(1);
    expect(draws.map((d) => /bestanden \d\/3/.exec(d)?.[0])).toEqual([
      'bestanden 1/3',
      'bestanden 2/3',
      'bestanden 3/3',
    ]);
    expect(run.progress.match(/\n/g)).toHaveLength(1);
    expect(run.progress.endsWith('\n')).toBe(true);
  });

  it('as a process with stderr in a pipe: plain progress lines on stderr, the result on stdout', () => {
    drop('0001.json', [report('r-1')]);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/admin.ts', 'sync:run'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('Synchronisatie geslaagd: rapportages: 1 nieuw, 0 gewijzigd, 0 verwijderd, 0 overgeslagen\n');
    expect(r.stderr).toMatch(/^\[█{30}\] 100% bestanden 1\/1 · 0001\.json · 1 batch · 1 record · \d+ s\n$/);
  });
});

describe('FHIR', () => {
  it('each page says which resource type, how many of it are read, and the total the server gave', async () => {
    const fhir = await startFhirServer();
    await loadFixtures(fhir);
    const tp = await startTestPortal();
    const events: BatchEvent[] = [];
    const result = await runPull(
      { db: tp.portal.db, clock: tp.clock },
      peerAdapter(tp, fhir, 'ecd', { pageSize: 3 }),
      (e) => events.push({ ...e }),
    );
    expect(result.status).toBe('succeeded');
    const obs = events.filter((e) => e.progress?.of === 'Observation');
    const total = obs[0]!.progress!.total!;
    expect(total).toBeGreaterThan(3);
    // Per page (a page with an unreadable resource reports twice: its refusal, then its records).
    const pages = [...new Map(obs.map((e) => [e.label, e.progress!])).values()];
    expect(pages).toHaveLength(Math.ceil(total / 3));
    expect(pages.map((p) => p.done)).toEqual(pages.map((_, i) => Math.min((i + 1) * 3, total)));
    expect(pages.every((p) => p.total === total)).toBe(true);
    // The next type starts its own count.
    const next = events[events.indexOf(obs.at(-1)!) + 1];
    expect(next?.progress?.of).not.toBe('Observation');
    expect(next?.progress?.done).toBeLessThanOrEqual(3);
  });
});
