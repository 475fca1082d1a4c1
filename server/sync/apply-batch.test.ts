import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/open.ts';
import { insertClient } from '../db/repos/clients.ts';
import { linkedClients } from '../db/repos/ehr-import.ts';
import { linkClientToEhr } from '../db/repos/sync-runs.ts';
import type { ImportRecord } from './adapter.ts';
import { applyBatch } from './apply-batch.ts';

let db: Db;
let clients: number[];
beforeEach(() => {
  db = openDatabase(':memory:');
  clients = [1, 2, 3].map((i) => {
    const id = insertClient(db, null, `Cliënt ${i}`, '2026-12-01T00:00:00Z');
    linkClientToEhr(db, 'ehr', String(1000 + i), id, '2026-12-01T00:00:00Z');
    return id;
  });
});

const report = (id: string, client: string, text = `Rapportage ${id}`): ImportRecord => ({
  type: 'report',
  id,
  client,
  occurredAt: '2026-12-06T09:30:00.000Z',
  title: 'Rapportage',
  text,
  author: null,
  discipline: 'Verzorging',
});
const apply = (records: ImportRecord[], at: string) => db.transaction(() => applyBatch(db, 'ehr', records, 'p1', at))();
const versions = () => db.prepare('SELECT id, data_version FROM clients ORDER BY id').all();

describe('applyBatch', () => {
  const page = [report('r-1', '1001'), report('r-2', '1002'), report('r-3', '1002'), report('r-4', '9999')];

  it('counts created rows and skips a record of an unlinked client, with a problem', () => {
    const t = apply(page, '2026-12-06T10:00:00.000Z');
    expect(t.counts).toEqual({ report: { created: 3, updated: 0, deleted: 0, skipped: 1 } });
    expect(t.problems).toEqual([{ where: 'p1: report r-4', message: 'client 9999 is not linked' }]);
    expect(db.prepare('SELECT client_id, external_id FROM dossier_items ORDER BY id').all()).toEqual([
      { client_id: clients[0], external_id: 'r-1' },
      { client_id: clients[1], external_id: 'r-2' },
      { client_id: clients[1], external_id: 'r-3' },
    ]);
  });

  it('changes nothing the second time: no update, no synced_at, no data_version', () => {
    apply(page, '2026-12-06T10:00:00.000Z');
    const before = versions();
    const t = apply(page, '2026-12-07T10:00:00.000Z');
    expect(t.counts).toEqual({ report: { created: 0, updated: 0, deleted: 0, skipped: 4 } });
    expect(versions()).toEqual(before);
    expect(db.prepare('SELECT DISTINCT synced_at AS at FROM dossier_items').all()).toEqual([
      { at: '2026-12-06T10:00:00.000Z' },
    ]);
  });

  it('updates only the row that changed, and bumps only its client', () => {
    apply(page, '2026-12-06T10:00:00.000Z');
    const before = versions() as Array<{ id: number; data_version: number }>;
    const t = apply([page[0]!, report('r-2', '1002', 'Anders'), page[2]!], '2026-12-07T10:00:00.000Z');
    expect(t.counts).toEqual({ report: { created: 0, updated: 1, deleted: 0, skipped: 2 } });
    expect(versions()).toEqual(
      before.map((v) => (v.id === clients[1] ? { ...v, data_version: v.data_version + 1 } : v)),
    );
    expect(db.prepare(`SELECT body, synced_at FROM dossier_items WHERE external_id = 'r-2'`).get()).toEqual({
      body: 'Anders',
      synced_at: '2026-12-07T10:00:00.000Z',
    });
  });

  it('counts a delete of a shown record as deleted, of an unknown one as skipped', () => {
    apply(page, '2026-12-06T10:00:00.000Z');
    const t = apply(
      [
        { type: 'delete', resource: 'report', id: 'r-1' },
        { type: 'delete', resource: 'report', id: 'r-9' },
      ],
      '2026-12-07T10:00:00.000Z',
    );
    expect(t.counts).toEqual({ report: { created: 0, updated: 0, deleted: 1, skipped: 1 } });
  });
});

describe('linkedClients', () => {
  it('finds the links of a whole batch in one query, also beyond SQLite’s number of parameters', () => {
    const ids = ['1003', '1001', 'unknown', ...Array.from({ length: 40_000 }, (_, i) => `x-${i}`)];
    expect(linkedClients(db, 'ehr', ids)).toEqual(
      new Map([
        ['1003', clients[2]],
        ['1001', clients[0]],
      ]),
    );
    expect(linkedClients(db, 'other', ['1001']).size).toBe(0);
    expect(linkedClients(db, 'ehr', []).size).toBe(0);
  });
});
