// Who may use which route of Gebruikersbeheer, user × route: the client, his representative and a contact with
// Instellingen (Careyn delegates) may; a contact without it gets 403 (even with every other right), a stranger 404,
// and no session 401. Every refusal is audited and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkPath } from '../../shared/api/network.ts';
import { createContactAccount } from '../../server/accounts/create-account.ts';
import { setRights } from '../../server/db/repos/memberships.ts';
import { closeAll, count, GOOD_PASSWORD, signIn, type HttpClient, type Res } from '../helpers/portal.ts';
import { ANNIE, at, del, networkWorld, patch, type World } from './network-world.ts';

let w: World;
const users: Record<string, HttpClient> = {};
let seq = 0;

async function contact(username: string, mobile: string): Promise<number> {
  const { userId } = await createContactAccount(
    w.tp.portal.deps,
    {
      name: `${username} Test`,
      username,
      email: `${username}@example.nl`,
      mobile,
      clientId: w.truus.clientId,
      relation: 'Buur',
    },
    GOOD_PASSWORD,
    { mustChangePassword: false },
  );
  return userId;
}

beforeAll(async () => {
  w = await networkWorld();
  users.truus = w.truusC;
  const vera = await contact('vera', '0630000001');
  w.tp.portal.db.prepare(`UPDATE client_members SET role = 'representative', locked = 1 WHERE user_id = ?`).run(vera);
  await contact('annie', '0630000002');
  setRights(w.tp.portal.db, w.truus.clientId, await contact('bob', '0630000003'), { settings: true });
  setRights(w.tp.portal.db, w.truus.clientId, await contact('carl', '0630000004'), {
    messages: true,
    appointments: true,
    dossier: true,
    data: true,
  });
  await w.tp.createUser({ name: 'Maria de Bruin', username: 'maria', mobile: '0630000005' });
  const mobiles: Record<string, string> = {
    vera: '+31630000001',
    annie: '+31630000002',
    bob: '+31630000003',
    carl: '+31630000004',
    maria: '+31630000005',
  };
  for (const [u, mobile] of Object.entries(mobiles)) {
    users[u] = w.tp.client();
    await signIn(w.tp, users[u]!, { username: u, password: GOOD_PASSWORD, mobile });
  }
  users.anonymous = w.tp.client();
});
afterAll(closeAll);

/**
 * A fresh target for each attempt, so an allowed attempt does not change what the next user meets. Two single
 * statements rather than createContactAccount's read-then-write transaction, which can meet SQLITE_BUSY while the
 * server's maintenance worker commits audit moves (see the report: a race of the existing account code).
 */
async function freshContact(): Promise<number> {
  seq++;
  const db = w.tp.portal.db;
  const userId = Number(
    db
      .prepare(
        `INSERT INTO users (username, display_name, email, mobile, kind, password_hash, must_change_password, created_at)
         VALUES (?, ?, ?, ?, 'contact', 'x', 0, 't')`,
      )
      .run(`doel${seq}`, `Doel ${seq}`, `doel${seq}@example.nl`, `+3164000${String(seq).padStart(4, '0')}`)
      .lastInsertRowid,
  );
  db.prepare(
    `INSERT INTO client_members (client_id, user_id, role, relation, created_at) VALUES (?, ?, 'contact', 'Buur', 't')`,
  ).run(w.truus.clientId, userId);
  return Promise.resolve(userId);
}
async function freshInvitation(): Promise<number> {
  seq++;
  const res = await w.truusC.post(at(NetworkPath.invitations, { clientId: w.truus.clientId }), {
    ...ANNIE,
    email: `uitgenodigd${seq}@example.nl`,
  });
  expect(res.status).toBe(201);
  return res.json.id;
}

const clientId = () => w.truus.clientId;
const ROUTES: Record<string, { ok: number; call: (c: HttpClient) => Promise<Res> }> = {
  'GET network': { ok: 200, call: (c) => c.get(at(NetworkPath.network, { clientId: clientId() })) },
  'PATCH member': {
    ok: 200,
    call: async (c) =>
      patch(c, at(NetworkPath.member, { clientId: clientId(), userId: await freshContact() }), {
        rights: { messages: true },
      }),
  },
  'DELETE member': {
    ok: 204,
    call: async (c) => del(c, at(NetworkPath.member, { clientId: clientId(), userId: await freshContact() })),
  },
  'GET invitations': { ok: 200, call: (c) => c.get(at(NetworkPath.invitations, { clientId: clientId() })) },
  'POST invitations': {
    ok: 201,
    call: (c) =>
      c.post(at(NetworkPath.invitations, { clientId: clientId() }), { ...ANNIE, email: `nieuw${++seq}@example.nl` }),
  },
  'POST resend': {
    ok: 200,
    call: async (c) => c.post(at(NetworkPath.resend, { clientId: clientId(), invitationId: await freshInvitation() })),
  },
  'DELETE invitation': {
    ok: 204,
    call: async (c) =>
      del(c, at(NetworkPath.invitation, { clientId: clientId(), invitationId: await freshInvitation() })),
  },
};

const EXPECTED: Record<string, number | 'ok'> = {
  truus: 'ok',
  vera: 'ok',
  bob: 'ok',
  annie: 403,
  carl: 403,
  maria: 404,
  anonymous: 401,
};

describe('rights table: user × route of Gebruikersbeheer', () => {
  for (const [route, r] of Object.entries(ROUTES)) {
    it(route, async () => {
      for (const [user, expected] of Object.entries(EXPECTED)) {
        const deniedBefore = count(w.tp, 'audit_log', `outcome = 'denied'`);
        const res = await r.call(users[user]!);
        expect(res.status, `${user} ${route}: ${res.text}`).toBe(expected === 'ok' ? r.ok : expected);
        if (expected === 403 || expected === 404) {
          expect(res.json.error.code).toBe(expected === 403 ? 'forbidden' : 'not_found');
          expect(count(w.tp, 'audit_log', `outcome = 'denied'`), `${user} ${route} audited`).toBe(deniedBefore + 1);
        }
      }
    });
  }
});
