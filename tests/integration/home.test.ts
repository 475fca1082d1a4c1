// GET /clients/:id/home: the panels follow the caller's rights exactly, strangers get 404, one audit row per visit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRights } from '../../server/db/repos/memberships.ts';
import { HomePath } from '../../shared/api/home.ts';
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

let tp: TestPortal;
let truus: HttpClient;
let annie: HttpClient;
let clientId: number;
let annieId: number;
const home = (id: number) => HomePath.home.replace(':clientId', String(id));

beforeAll(async () => {
  tp = await startTestPortal();
  const t = await tp.createUser({ name: 'Truus van Dorp', username: 'truus', mobile: '0612345678' });
  clientId = t.clientId;
  annieId = await createAnnie(tp, clientId);
  truus = tp.client();
  await signIn(tp, truus, { ...t, mobile: '+31612345678' });
  annie = tp.client();
  await signIn(tp, annie, { username: 'annie', password: GOOD_PASSWORD, mobile: '+31687654321' });
});
afterAll(closeAll);

describe('home panels', () => {
  it('the client gets every panel; each carries syncedUntil', async () => {
    const res = await truus.get(home(clientId));
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toContain('appointments');
    for (const panel of Object.values(res.json) as Array<{ syncedUntil: unknown }>) {
      expect(panel).toHaveProperty('syncedUntil');
    }
  });

  it('a contact without rights gets no panel; with Afspraken only that one', async () => {
    let res = await annie.get(home(clientId));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
    setRights(tp.portal.db, clientId, annieId, { appointments: true });
    res = await annie.get(home(clientId));
    expect(Object.keys(res.json)).toEqual(['appointments']);
    setRights(tp.portal.db, clientId, annieId, { appointments: false });
  });

  it('another client id is 404 and audited as refused; a malformed id is 400', async () => {
    const before = count(tp, 'audit_log', "action = 'home.access' AND outcome = 'denied'");
    const res = await annie.get(home(clientId + 1000));
    expect(res.status).toBe(404);
    expect(count(tp, 'audit_log', "action = 'home.access' AND outcome = 'denied'")).toBe(before + 1);
    expect((await annie.get(home(0).replace('0', 'abc'))).status).toBe(400);
  });

  it('each visit writes one audit row naming the panels shown', async () => {
    const before = count(tp, 'audit_log', "action = 'home.read' AND client_id = ?", clientId);
    await truus.get(home(clientId));
    expect(count(tp, 'audit_log', "action = 'home.read' AND client_id = ?", clientId)).toBe(before + 1);
    const row = tp.portal.db
      .prepare("SELECT resource FROM audit_log WHERE action = 'home.read' ORDER BY id DESC LIMIT 1")
      .get() as { resource: string };
    expect(row.resource).toContain('appointments');
  });

  it('without a session: 401', async () => {
    expect((await tp.client().get(home(clientId))).status).toBe(401);
  });
});
