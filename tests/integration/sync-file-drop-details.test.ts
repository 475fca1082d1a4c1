// The EHR sync of personal data, contacts and care plans (issue 6 §1) through the file-drop adapter, read back through
// the portal's own API as the client sees them: Mijn gegevens, Plannen and Historie, and the "plan is gewijzigd" notice.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_DROP_FORMAT } from '../../shared/sync/file-drop.ts';
import { DetailsPath } from '../../shared/api/details.ts';
import { DossierPath } from '../../shared/api/dossier.ts';
import { linkClientToEhr } from '../../server/db/repos/sync-runs.ts';
import { configuredAdapter } from '../../server/sync/adapters.ts';
import { runPull } from '../../server/sync/run-pull.ts';
import type { HttpClient } from '../helpers/http-client.ts';
import { closeAll, count, makeTempDir, signIn, startTestPortal, type TestPortal } from '../helpers/portal.ts';

let tp: TestPortal;
let dropDir: string;
let clientId: number;
let c: HttpClient;
let file = 0;

beforeEach(async () => {
  dropDir = makeTempDir('ehr-drop-');
  tp = await startTestPortal({
    PORTAL_SYNC_ADAPTER: 'file-drop',
    PORTAL_SYNC_DROP_DIR: dropDir,
    PORTAL_SYNC_SOURCE: 'ons',
  });
  const truus = await tp.createUser({ username: 'truus' });
  clientId = truus.clientId;
  tp.portal.db.transaction(() => linkClientToEhr(tp.portal.db, 'ons', 'ecd-1001', clientId, 't'))();
  c = tp.client();
  await signIn(tp, c, truus);
});
afterEach(closeAll);

async function sync(records: unknown[]) {
  const name = `${String(++file).padStart(4, '0')}.json`;
  const body = { format: FILE_DROP_FORMAT, version: 1, exportedAt: '2026-12-04T08:00:00Z', records };
  fs.writeFileSync(path.join(dropDir, name), JSON.stringify(body));
  const result = await runPull({ db: tp.portal.db, clock: tp.clock }, configuredAdapter(tp.config, tp.clock)!);
  expect(result.status, JSON.stringify(result.problems)).toBe('succeeded');
  return result;
}
const api = (p: string) => p.replace(':clientId', String(clientId));

const person = {
  type: 'person',
  id: 'pat-1001',
  client: 'ecd-1001',
  name: 'Geertruida (Truus) van Dorp',
  birthDate: '1947-03-12',
  address: 'Lindelaan 4',
  postalCode: '3521 AB',
  city: 'Utrecht',
  clientNumber: '1001',
  location: 'De Linde',
  ward: 'Afdeling 2',
};
const contact = (id: string, name: string, relation: string) => ({
  type: 'contact',
  id,
  client: 'ecd-1001',
  name,
  relation,
  phone: '0612345678',
});
const content = (goal: string) => ({
  mainGoals: [goal],
  workPlans: [{ discipline: 'Verzorging', goals: [goal], actions: ['Dagelijks helpen bij aankleden'] }],
  evaluations: [],
});
const plan = (version: number, validFrom: string, goal: string) => ({
  type: 'plan',
  id: 'zp-1001',
  client: 'ecd-1001',
  version,
  title: 'Zorgplan',
  validFrom,
  content: content(goal),
});

describe('personal data and contacts', () => {
  it('show in Mijn gegevens as the EHR has them, alphabetically; a second import changes nothing', async () => {
    const first = await sync([
      person,
      contact('rp-2', 'Willem van Dorp', 'Zoon'),
      contact('rp-1', 'Annie van Dorp', 'Eerste relatie/contactpersoon'),
    ]);
    expect(first.counts.person!.created).toBe(1);
    expect(first.counts.contact!.created).toBe(2);
    const details = (await c.get(api(DetailsPath.details))).json;
    expect(details.person).toMatchObject({
      name: 'Geertruida (Truus) van Dorp',
      birthDate: '1947-03-12',
      city: 'Utrecht',
      ward: 'Afdeling 2',
    });
    expect(details.contacts.map((x: { name: string }) => x.name)).toEqual(['Annie van Dorp', 'Willem van Dorp']);

    const again = await sync([person, contact('rp-2', 'Willem van Dorp', 'Zoon')]);
    expect(again.counts.person).toEqual({ created: 0, updated: 0, deleted: 0, skipped: 1 });
    expect(again.counts.contact).toEqual({ created: 0, updated: 0, deleted: 0, skipped: 1 });

    const moved = await sync([
      { ...person, city: 'Zeist' },
      { type: 'delete', resource: 'contact', id: 'rp-2' },
    ]);
    expect(moved.counts.person!.updated).toBe(1);
    expect(moved.counts.contact!.deleted).toBe(1);
    const after = (await c.get(api(DetailsPath.details))).json;
    expect(after.person.city).toBe('Zeist');
    expect(after.contacts.map((x: { name: string }) => x.name)).toEqual(['Annie van Dorp']);
  });
});

describe('care plans', () => {
  it('a new version becomes the current plan, the old one moves to Historie, and the dossier says so once', async () => {
    const now = tp.clock.now().getTime();
    const lastYear = new Date(now - 365 * 86_400_000).toISOString();
    const lastWeek = new Date(now - 7 * 86_400_000).toISOString();
    await sync([plan(1, lastYear, 'Zelfstandig blijven eten')]);
    expect((await c.get(api(DossierPath.currentPlan))).json.plan).toMatchObject({ version: 1 });
    expect(count(tp, 'dossier_items', "kind = 'notice'")).toBe(0); // a first plan is no change

    const second = await sync([plan(2, lastWeek, 'Twee keer per week wandelen')]);
    expect(second.counts.plan!.created).toBe(1);
    expect(second.counts.notice!.created).toBe(1);
    const current = (await c.get(api(DossierPath.currentPlan))).json.plan;
    expect(current).toMatchObject({ version: 2, mainGoals: ['Twee keer per week wandelen'] });
    const history = (await c.get(api(DossierPath.planHistory))).json.versions;
    expect(history).toEqual([expect.objectContaining({ version: 1, validTo: lastWeek })]);
    const notice = tp.portal.db
      .prepare(`SELECT title, body, occurred_at FROM dossier_items WHERE kind = 'notice'`)
      .get() as { title: string; body: string; occurred_at: string };
    expect(notice).toEqual({
      title: 'Plan is gewijzigd',
      body: expect.stringContaining('versie 2'),
      occurred_at: lastWeek,
    });

    // The same versions again (the EHR resends its whole plan): nothing changes, no second notice.
    const again = await sync([
      plan(1, lastYear, 'Zelfstandig blijven eten'),
      plan(2, lastWeek, 'Twee keer per week wandelen'),
    ]);
    expect(again.counts.plan).toEqual({ created: 0, updated: 0, deleted: 0, skipped: 2 });
    expect(again.counts.notice).toEqual({ created: 0, updated: 0, deleted: 0, skipped: 1 });
    expect(count(tp, 'dossier_items', "kind = 'notice'")).toBe(1);
    expect(count(tp, 'care_plans')).toBe(2);
  });

  it('a version the EHR withdraws disappears, and the one before it is current again; a whole plan can go', async () => {
    const now = tp.clock.now().getTime();
    const lastYear = new Date(now - 365 * 86_400_000).toISOString();
    const lastWeek = new Date(now - 7 * 86_400_000).toISOString();
    await sync([plan(1, lastYear, 'Zelfstandig blijven eten'), plan(2, lastWeek, 'Twee keer per week wandelen')]);
    expect((await c.get(api(DossierPath.currentPlan))).json.plan.version).toBe(2);

    const withdrawn = await sync([{ type: 'delete', resource: 'plan', id: 'zp-1001', version: 2 }]);
    expect(withdrawn.counts.plan!.deleted).toBe(1);
    const current = (await c.get(api(DossierPath.currentPlan))).json.plan;
    expect(current).toMatchObject({ version: 1, validTo: null, mainGoals: ['Zelfstandig blijven eten'] });
    expect((await c.get(api(DossierPath.planHistory))).json.versions).toEqual([]);
    // Again: nothing left to withdraw.
    expect((await sync([{ type: 'delete', resource: 'plan', id: 'zp-1001', version: 2 }])).counts.plan!.skipped).toBe(
      1,
    );

    await sync([{ type: 'delete', resource: 'plan', id: 'zp-1001' }]);
    expect((await c.get(api(DossierPath.currentPlan))).json.plan).toBeNull();
    expect(count(tp, 'care_plans')).toBe(0);
  });

  it('a plan version with its end before its start, or content of the wrong shape, refuses the file', async () => {
    const bad = [
      { ...plan(1, '2026-01-01T00:00:00Z', 'x'), validTo: '2025-01-01T00:00:00Z' },
      { ...plan(2, '2026-01-01T00:00:00Z', 'x'), content: { mainGoals: 'geen lijst' } },
    ];
    fs.writeFileSync(
      path.join(dropDir, '0001.json'),
      JSON.stringify({ format: FILE_DROP_FORMAT, version: 1, exportedAt: '2026-12-04T08:00:00Z', records: bad }),
    );
    const result = await runPull({ db: tp.portal.db, clock: tp.clock }, configuredAdapter(tp.config, tp.clock)!);
    expect(result.status).toBe('failed');
    expect(result.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining(['validTo: end_before_start', expect.stringMatching(/^content\.mainGoals/)]),
    );
    expect(count(tp, 'care_plans')).toBe(0);
  });
});
