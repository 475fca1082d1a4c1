import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open.ts';
import {
  dossierSyncedAt,
  findDossierItem,
  insertClientReport,
  itemAtBefore,
  itemAtFrom,
  listDossierPage,
  markClientReportSent,
  newestReport,
  upsertEhrItem,
  type EhrItemInput,
} from './dossier.ts';
import { currentPlan, expiredPlans, findPlan, upsertPlan } from './care-plans.ts';

function setup() {
  const db = openDatabase(':memory:');
  for (const id of [1, 2]) {
    db.prepare(
      `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
       VALUES (?, ?, 'Truus van Dorp', 't@example.nl', '+31612345678', 'client', 'h', 't')`,
    ).run(id, `u${id}`);
    db.prepare(`INSERT INTO clients (id, user_id, display_name, created_at) VALUES (?, ?, 'Truus', 't')`).run(id, id);
  }
  const item = (over: Partial<EhrItemInput>) =>
    upsertEhrItem(db, {
      clientId: 1,
      kind: 'report',
      occurredAt: '2026-10-05T09:00:00.000Z',
      title: 'Dagrapportage',
      text: 'Goed geslapen.',
      fields: null,
      authorName: 'Maria de Bruin',
      discipline: "EVV'er",
      source: 'ehr',
      externalId: 'r-1',
      syncedAt: '2026-10-05T10:00:00.000Z',
      ...over,
    });
  return { db, item };
}

describe('dossier repo', () => {
  it('upserts EHR items by (source, external id) and keeps a form’s fields', () => {
    const { db, item } = setup();
    const id = item({});
    expect(item({ text: 'Bijgewerkt.', syncedAt: '2026-10-06T10:00:00.000Z' })).toBe(id);
    expect(findDossierItem(db, 1, id)).toMatchObject({ text: 'Bijgewerkt.', syncedAt: '2026-10-06T10:00:00.000Z' });
    const form = item({ kind: 'form', externalId: 'f-1', fields: [{ label: 'Afspraak', value: 'Bellen' }] });
    expect(findDossierItem(db, 1, form)!.fields).toEqual([{ label: 'Afspraak', value: 'Bellen' }]);
    expect(findDossierItem(db, 2, form)).toBeNull();
  });

  it('pages a range by (occurred_at, id) without gaps or repeats, and finds neighbours', () => {
    const { db, item } = setup();
    for (let i = 0; i < 7; i++)
      item({ externalId: `r-${i}`, occurredAt: `2026-10-0${1 + Math.floor(i / 2)}T09:00:00.000Z` });
    item({ clientId: 2, externalId: 'other' });
    const seen: number[] = [];
    let after: { occurredAt: string; id: number } | null = null;
    for (;;) {
      const page = listDossierPage(db, 1, '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', after, 3);
      if (page.length === 0) break;
      seen.push(...page.map((r) => r.id));
      after = { occurredAt: page.at(-1)!.occurredAt, id: page.at(-1)!.id };
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(itemAtBefore(db, 1, '2026-10-02T00:00:00.000Z')).toBe('2026-10-01T09:00:00.000Z');
    expect(itemAtFrom(db, 1, '2026-10-03T10:00:00.000Z')).toBe('2026-10-04T09:00:00.000Z');
    expect(itemAtFrom(db, 1, '2026-10-05T00:00:00.000Z')).toBeNull();
  });

  it('client reports: the portal author, newest report, sent once, no sync time of their own', () => {
    const { db, item } = setup();
    item({});
    const id = insertClientReport(db, 1, 'Fijne dag.', 1, '2026-10-06T12:00:00.000Z');
    expect(newestReport(db, 1)).toMatchObject({ id, kind: 'client_report', authorName: 'Truus van Dorp' });
    expect(dossierSyncedAt(db, 1)).toBe('2026-10-05T10:00:00.000Z');
    expect(markClientReportSent(db, id, '2026-10-07T02:00:00.000Z')).toBe(true);
    expect(markClientReportSent(db, id, '2026-10-08T02:00:00.000Z')).toBe(false);
    expect(findDossierItem(db, 1, id)!.sentToEhrAt).toBe('2026-10-07T02:00:00.000Z');
  });
});

describe('care plans repo', () => {
  it('current = valid now; expired newest first; versions upsert by (source, external id, version)', () => {
    const { db } = setup();
    const content = { mainGoals: ['Lopen'], workPlans: [], evaluations: [] };
    const plan = (version: number, from: string, to: string | null) =>
      upsertPlan(db, {
        clientId: 1,
        title: 'Zorgleefplan',
        version,
        validFrom: from,
        validTo: to,
        content,
        source: 'ehr',
        externalId: 'p',
        syncedAt: 't',
      });
    const v1 = plan(1, '2026-01-01', '2026-04-01');
    const v2 = plan(2, '2026-04-01', '2026-08-01');
    const v3 = plan(3, '2026-08-01', null);
    expect(plan(3, '2026-08-01', null)).toBe(v3);
    expect(currentPlan(db, 1, '2026-10-01')?.id).toBe(v3);
    expect(currentPlan(db, 1, '2026-05-01')?.id).toBe(v2);
    expect(expiredPlans(db, 1, '2026-10-01').map((p) => p.id)).toEqual([v2, v1]);
    expect(findPlan(db, 1, v1)?.content).toEqual(content);
    expect(findPlan(db, 2, v1)).toBeNull();
    expect(currentPlan(db, 2, '2026-10-01')).toBeNull();
  });
});
