// The home screen's answer is kept in memory (home/panel-cache.ts) and the session too (auth/session-cache.ts); over
// HTTP nothing may look cached: every change shows at the next visit, whether the portal made it or another process
// wrote to the database (the admin CLI, the EHR sync), every visit is audited, and an ended session ends at once.
import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../server/clock.ts';
import { openDatabase, type Db } from '../../server/db/open.ts';
import { setRights } from '../../server/db/repos/memberships.ts';
import { upsertCareAppointment } from '../../server/db/repos/appointments.ts';
import { upsertStaffMember } from '../../server/db/repos/staff-members.ts';
import { upsertEhrItem } from '../../server/db/repos/dossier.ts';
import { insertPost } from '../../server/db/repos/board.ts';
import { HomePath } from '../../shared/api/home.ts';
import { AppointmentPath } from '../../shared/api/appointments.ts';
import { ApiPath, Cookie } from '../../shared/api/paths.ts';
import { onClose } from '../helpers/cleanup.ts';
import {
  createAnnie,
  closeAll,
  count,
  signIn,
  startTestPortal,
  GOOD_PASSWORD,
  type TestPortal,
} from '../helpers/portal.ts';
import type { HttpClient } from '../helpers/http-client.ts';

afterEach(closeAll);

async function world() {
  const tp = await startTestPortal();
  const t = await tp.createUser({ name: 'Truus van Dorp', username: 'truus' });
  const annieId = await createAnnie(tp, t.clientId);
  const truus = tp.client();
  await signIn(tp, truus, t);
  const annie = tp.client();
  await signIn(tp, annie, { username: 'annie', password: GOOD_PASSWORD, mobile: '+31687654321' });
  // Another process on the same file: its writes reach the server only through the database.
  const other = openDatabase(tp.config.dbFile);
  onClose(() => {
    other.close();
  });
  const clientId = t.clientId;
  const homeOf = async (c: HttpClient) => {
    const res = await c.get(HomePath.home.replace(':clientId', String(clientId)));
    expect(res.status).toBe(200);
    return res.json;
  };
  return { tp, other, clientId, truusId: t.userId, annieId, truus, annie, homeOf };
}

const inMinutes = (tp: TestPortal, m: number) => new Date(tp.clock.now().getTime() + m * MINUTE).toISOString();

function ehrReport(db: Db, clientId: number, text: string, occurredAt: string, externalId = 'r-1'): number {
  return upsertEhrItem(db, {
    clientId,
    kind: 'report',
    occurredAt,
    title: 'Bijzonderheden',
    text,
    fields: null,
    authorName: 'Maria de Bruin',
    discipline: 'Verzorgende',
    source: 'test-ehr',
    externalId,
    syncedAt: occurredAt,
  });
}

describe('home cache: changes show at the next visit', () => {
  it('an appointment the client adds through the API', async () => {
    const w = await world();
    expect((await w.homeOf(w.truus)).appointments.first).toBeNull();
    await w.homeOf(w.truus); // a second visit: now certainly an answer in the cache
    const res = await w.truus.post(AppointmentPath.list.replace(':clientId', String(w.clientId)), {
      kind: 'visit',
      startsAt: inMinutes(w.tp, 60),
      endsAt: inMinutes(w.tp, 120),
      description: 'Koffie met Annie',
    });
    expect(res.status).toBe(201);
    const home = await w.homeOf(w.truus);
    expect(home.appointments.first).toMatchObject({ id: res.json.id, description: 'Koffie met Annie' });
  });

  it('a dossier report and a re-synced appointment written by another process', async () => {
    const w = await world();
    const before = await w.homeOf(w.truus);
    expect(before.file.latest).toBeNull();
    ehrReport(w.other, w.clientId, 'Mevrouw heeft goed geslapen.', inMinutes(w.tp, -30));
    expect((await w.homeOf(w.truus)).file.latest).toMatchObject({ text: 'Mevrouw heeft goed geslapen.' });
    // the EHR sync sends the same report again, corrected: an upsert that updates the row
    ehrReport(w.other, w.clientId, 'Mevrouw heeft slecht geslapen.', inMinutes(w.tp, -30));
    expect((await w.homeOf(w.truus)).file.latest).toMatchObject({ text: 'Mevrouw heeft slecht geslapen.' });

    const care = {
      clientId: w.clientId,
      startsAt: inMinutes(w.tp, 60),
      endsAt: inMinutes(w.tp, 90),
      description: 'Wondzorg',
      location: null,
      staffMemberId: null,
      source: 'test-ehr',
      externalId: 'a-1',
      syncedAt: inMinutes(w.tp, 0),
    };
    upsertCareAppointment(w.other, care);
    expect((await w.homeOf(w.truus)).appointments.first).toMatchObject({ description: 'Wondzorg' });
    upsertCareAppointment(w.other, { ...care, description: 'Wondzorg en douchen' });
    expect((await w.homeOf(w.truus)).appointments.first).toMatchObject({ description: 'Wondzorg en douchen' });
  });

  it('rights changed by another process (the admin CLI) show or hide panels at once', async () => {
    const w = await world();
    expect(await w.homeOf(w.annie)).toEqual({});
    setRights(w.other, w.clientId, w.annieId, { dossier: true, appointments: true });
    expect(Object.keys(await w.homeOf(w.annie)).sort()).toEqual(['appointments', 'file']);
    setRights(w.other, w.clientId, w.annieId, { dossier: false });
    expect(Object.keys(await w.homeOf(w.annie))).toEqual(['appointments']);
  });

  it("names kept elsewhere: a contact's new name on the board, a care worker's new name on her appointment", async () => {
    const w = await world();
    insertPost(w.other, {
      clientId: w.clientId,
      authorUserId: w.annieId,
      text: 'Zondag kom ik langs!',
      photoId: null,
      mood: 'happy',
      at: inMinutes(w.tp, -5),
    });
    const staff = {
      displayName: 'Maria de Bruin',
      role: "EVV'er",
      photo: null,
      source: 'test-ehr',
      externalId: 's-1',
      syncedAt: inMinutes(w.tp, 0),
    };
    const staffMemberId = upsertStaffMember(w.other, staff);
    upsertCareAppointment(w.other, {
      clientId: w.clientId,
      startsAt: inMinutes(w.tp, 60),
      endsAt: inMinutes(w.tp, 90),
      description: 'Wondzorg',
      location: null,
      staffMemberId,
      source: 'test-ehr',
      externalId: 'a-1',
      syncedAt: inMinutes(w.tp, 0),
    });
    let home = await w.homeOf(w.truus);
    expect(home.details.newestPost.author).toBe('Annie van Dorp');
    expect(home.appointments.first.staff.name).toBe('Maria de Bruin');

    // one change at a time: each must raise the version by itself
    w.other.prepare(`UPDATE users SET display_name = 'Annie de Vries' WHERE id = ?`).run(w.annieId);
    home = await w.homeOf(w.truus);
    expect(home.details.newestPost.author).toBe('Annie de Vries');
    upsertStaffMember(w.other, { ...staff, displayName: 'Maria Jansen' });
    home = await w.homeOf(w.truus);
    expect(home.appointments.first.staff.name).toBe('Maria Jansen');
  });
});

describe('home cache: time', () => {
  it('an appointment leaves the panel when it ends, and is back when the clock goes back before the build', async () => {
    const w = await world();
    const path = AppointmentPath.list.replace(':clientId', String(w.clientId));
    const add = async (from: number, to: number, description: string) => {
      const res = await w.truus.post(path, {
        kind: 'visit',
        startsAt: inMinutes(w.tp, from),
        endsAt: inMinutes(w.tp, to),
        description,
      });
      expect(res.status).toBe(201);
      return res.json.id as number;
    };
    const soon = await add(2, 10, 'Even bellen');
    const later = await add(20, 60, 'Wandelen');
    const ids = (home: { appointments: { first: { id: number } | null; next: { id: number }[] } }) =>
      [home.appointments.first, ...home.appointments.next].map((a) => a?.id);

    expect(ids(await w.homeOf(w.truus))).toEqual([soon, later]);
    expect(ids(await w.homeOf(w.truus))).toEqual([soon, later]); // cached, nothing has ended
    // 15 minutes on (within the 30 idle minutes): the first one is over though no data changed
    w.tp.advance(15 * MINUTE);
    expect(ids(await w.homeOf(w.truus))).toEqual([later]);
    // back before that answer was built: the first one is coming again
    w.tp.advance(-15 * MINUTE);
    expect(ids(await w.homeOf(w.truus))).toEqual([soon, later]);
  });
});

describe('home cache: audit', () => {
  it('every visit writes one home.read row, also when the answer comes from the cache', async () => {
    const w = await world();
    const reads = () =>
      count(w.tp, 'audit_log', "action = 'home.read' AND client_id = ? AND user_id = ?", w.clientId, w.truusId);
    const r0 = reads();
    const first = await w.homeOf(w.truus);
    expect(reads()).toBe(r0 + 1);
    expect(first.file.latest).toBeNull();

    // Prove the next answer is the kept one: write a report but put the data version back, so only a rebuild
    // (no cache) could show it.
    const version = (
      w.other.prepare('SELECT data_version AS v FROM clients WHERE id = ?').get(w.clientId) as { v: number }
    ).v;
    ehrReport(w.other, w.clientId, 'Rustige nacht.', inMinutes(w.tp, -30));
    w.other.prepare('UPDATE clients SET data_version = ? WHERE id = ?').run(version, w.clientId);
    const cached = await w.homeOf(w.truus);
    expect(cached).toEqual(first);
    expect(reads()).toBe(r0 + 2);
    const row = w.tp.portal.db
      .prepare(
        `SELECT resource, outcome FROM audit_log WHERE action = 'home.read' AND user_id = ? ORDER BY id DESC LIMIT 1`,
      )
      .get(w.truusId) as { resource: string; outcome: string };
    expect(row).toEqual({ resource: 'home:appointments,messages,file,details', outcome: 'success' });

    // a contact's visits are audited under his own name, with only the panels he saw
    setRights(w.other, w.clientId, w.annieId, { messages: true });
    await w.homeOf(w.annie);
    await w.homeOf(w.annie);
    expect(
      count(w.tp, 'audit_log', "action = 'home.read' AND user_id = ? AND resource = 'home:messages'", w.annieId),
    ).toBe(2);
  });
});

describe('session cache over HTTP', () => {
  it('after logout the same token is refused at once', async () => {
    const w = await world();
    await w.homeOf(w.truus); // the session is now kept in memory
    const token = w.truus.cookie(Cookie.session)!;
    expect(token).toBeTruthy();
    expect((await w.truus.post(ApiPath.logout)).status).toBeLessThan(300);
    const replay = w.tp.client();
    replay.setCookie(Cookie.session, token);
    expect((await replay.get(HomePath.home.replace(':clientId', String(w.clientId)))).status).toBe(401);
    expect((await replay.get(ApiPath.me)).status).toBe(401);
    // Annie's session, kept beside it, still works
    expect((await w.annie.get(ApiPath.me)).status).toBe(200);
  });

  it('a session revoked by another process is refused at the next request', async () => {
    const w = await world();
    await w.homeOf(w.truus);
    expect((await w.truus.get(ApiPath.me)).status).toBe(200);
    const ended = w.other
      .prepare(`UPDATE sessions SET revoked_at = ?, revoke_reason = 'admin' WHERE user_id = ? AND revoked_at IS NULL`)
      .run(inMinutes(w.tp, 0), w.truusId).changes;
    expect(ended).toBe(1);
    const res = await w.truus.get(HomePath.home.replace(':clientId', String(w.clientId)));
    expect(res.status).toBe(401);
    expect((await w.annie.get(ApiPath.me)).status).toBe(200);
  });
});
