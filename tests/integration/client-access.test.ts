// /api/v1/clients and the section rights behind every client route: deny by default, 404 for strangers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import { setRights } from '../../server/db/repos/memberships.ts';
import { createAnnie, closeAll, signIn, startTestPortal, GOOD_PASSWORD, type TestPortal } from '../helpers/portal.ts';

let tp: TestPortal;
let truus: Awaited<ReturnType<TestPortal['createUser']>>;
let annieId: number;

beforeAll(async () => {
  tp = await startTestPortal();
  truus = await tp.createUser({ name: 'Truus van Dorp', username: 'truus', mobile: '0612345678' });
  await tp.createUser({ name: 'Maria de Bruin', username: 'maria', email: 'maria@example.nl', mobile: '0611111111' });
  annieId = await createAnnie(tp, truus.clientId);
});
afterAll(closeAll);

async function clientsOf(username: string, mobile: string) {
  const c = tp.client();
  await signIn(tp, c, { username, password: GOOD_PASSWORD, mobile });
  return (await c.get(ApiPath.clients)).json.clients;
}

describe('GET /clients', () => {
  it('needs a session', async () => {
    const res = await tp.client().get(ApiPath.clients);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthenticated');
  });

  it('gives the client his own portal with every right', async () => {
    expect(await clientsOf('truus', '+31612345678')).toEqual([
      {
        id: truus.clientId,
        displayName: 'Truus van Dorp',
        role: 'client',
        relation: null,
        rights: { messages: true, appointments: true, dossier: true, data: true, settings: true },
        mayManage: true,
      },
    ]);
  });

  it('gives a new contact the client, but no rights until they are ticked', async () => {
    const [only] = await clientsOf('annie', '+31687654321');
    expect(only).toMatchObject({ id: truus.clientId, role: 'contact', relation: 'Eerste relatie/contactpersoon' });
    expect(Object.values(only.rights).every((v) => v === false)).toBe(true);

    setRights(tp.portal.db, truus.clientId, annieId, { appointments: true });
    const [after] = await clientsOf('annie', '+31687654321');
    expect(after.rights).toEqual({ messages: false, appointments: true, dossier: false, data: false, settings: false });
  });

  it('never lists another client', async () => {
    const list = await clientsOf('maria', '+31611111111');
    expect(list.map((c: { displayName: string }) => c.displayName)).toEqual(['Maria de Bruin']);
  });
});
