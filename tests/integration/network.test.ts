// Gebruikersbeheer over HTTP, the Careyn example of manual 002 §7: Truus van Dorp invites Annie van Dorp by e-mail,
// Annie creates her account from the link, passes the SMS and sees nothing until Truus ticks Afspraken; Truus
// removes her and Annie's next request finds no client. Plus the lock, the SVRZ setting and the end date of access.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import { HomePath } from '../../shared/api/home.ts';
import { MessagePath } from '../../shared/api/messages.ts';
import { DossierPath } from '../../shared/api/dossier.ts';
import { DetailsPath } from '../../shared/api/details.ts';
import { NetworkPath } from '../../shared/api/network.ts';
import { DAY } from '../../server/clock.ts';
import { closeAll, count, createAnnie, GOOD_PASSWORD, signIn } from '../helpers/portal.ts';
import {
  ANNIE,
  PUBLIC_URL,
  acceptAsNew,
  at,
  del,
  invite,
  invitationLinkFrom,
  networkWorld,
  patch,
} from './network-world.ts';

afterEach(closeAll);

const NONE = { messages: false, appointments: false, dossier: false, data: false, settings: false };
const ALL = { messages: true, appointments: true, dossier: true, data: true, settings: true };

describe('the Careyn example', () => {
  it('invite, accept from the link, SMS, no panel, tick Afspraken, only appointments, cannot manage, removed: 404', async () => {
    const w = await networkWorld();
    const clientId = w.truus.clientId;
    const { token, mail } = await invite(w);
    expect(mail.subject).toContain('Careyn');
    expect(mail.text).toContain('Truus van Dorp heeft u uitgenodigd');
    expect(invitationLinkFrom(mail.text).link).toBe(`${PUBLIC_URL}/uitnodiging#token=${token}`);
    // only the hash is stored, and the sent mail no longer holds the link
    expect(count(w.tp, 'invitations', 'token_hash = ?', token)).toBe(0);
    expect(count(w.tp, 'outbox', 'payload LIKE ?', `%${token}%`)).toBe(0);

    const look = await w.tp.client().post(NetworkPath.lookup, { token });
    expect(look.status).toBe(200);
    expect(look.json).toEqual({
      clientName: 'Truus van Dorp',
      email: 'annie@example.nl',
      firstName: 'Annie',
      existingAccount: false,
    });

    const annie = await acceptAsNew(w, token, 'annie', '+31687654321'); // the SMS went to the mobile Truus entered
    const clients = (await annie.get(ApiPath.clients)).json.clients;
    expect(clients).toEqual([
      {
        id: clientId,
        displayName: 'Truus van Dorp',
        role: 'contact',
        relation: ANNIE.relation,
        rights: NONE,
        mayManage: false,
      },
    ]);
    const home = await annie.get(at(HomePath.home, { clientId }));
    expect(home.status).toBe(200);
    expect(home.json).toEqual({});
    expect((await annie.get(at(ApiPath.appointments, { clientId }))).status).toBe(403);

    const grid = await w.truusC.get(at(NetworkPath.network, { clientId }));
    expect(grid.status).toBe(200);
    expect(grid.json.settingsDelegable).toBe(true);
    expect(grid.json.rows.map((r: { name: string }) => r.name)).toEqual(['Annie van Dorp', 'Truus van Dorp']);
    const annieRow = grid.json.rows[0];
    expect(annieRow).toMatchObject({ role: 'contact', relation: ANNIE.relation, locked: false, rights: NONE });
    expect(annieRow).toMatchObject({ accessUntil: null, expired: false, me: false });
    expect(grid.json.rows[1]).toMatchObject({ role: 'client', locked: true, rights: ALL, me: true });

    const ticked = await patch(w.truusC, at(NetworkPath.member, { clientId, userId: annieRow.userId }), {
      rights: { appointments: true },
    });
    expect(ticked.status, ticked.text).toBe(200);
    expect(ticked.json.rights).toEqual({ ...NONE, appointments: true });

    expect((await annie.get(at(ApiPath.appointments, { clientId }))).status).toBe(200);
    expect(Object.keys((await annie.get(at(HomePath.home, { clientId }))).json)).toEqual(['appointments']);
    for (const path of [MessagePath.list, DossierPath.overview, DetailsPath.details]) {
      expect((await annie.get(at(path, { clientId }))).status, path).toBe(403);
    }
    // Annie cannot open Gebruikersbeheer, nor invite or remove
    expect((await annie.get(at(NetworkPath.network, { clientId }))).status).toBe(403);
    expect(
      (await annie.post(at(NetworkPath.invitations, { clientId }), { ...ANNIE, email: 'x@example.nl' })).status,
    ).toBe(403);
    expect((await del(annie, at(NetworkPath.member, { clientId, userId: w.truus.userId }))).status).toBe(403);

    const removed = await del(w.truusC, at(NetworkPath.member, { clientId, userId: annieRow.userId }));
    expect(removed.status, removed.text).toBe(204);
    const after = await annie.get(at(ApiPath.appointments, { clientId }));
    expect(after.status).toBe(404);
    expect(after.json.error.code).toBe('not_found');
    expect((await annie.get(ApiPath.clients)).json.clients).toEqual([]);
    expect(
      count(w.tp, 'audit_log', `action = 'network.remove' AND client_id = ? AND outcome = 'success'`, clientId),
    ).toBe(1);

    // the link was single use
    const again = await w.tp.client().post(NetworkPath.lookup, { token });
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe('invitation_closed');
  });
});

describe('the lock', () => {
  it('the client and an EHR-registered contact cannot be removed or lose rights; nothing changes', async () => {
    const w = await networkWorld();
    const clientId = w.truus.clientId;
    const annieId = await createAnnie(w.tp, clientId);
    w.tp.portal.db.prepare('UPDATE client_members SET locked = 1 WHERE user_id = ?').run(annieId);
    const grid = (await w.truusC.get(at(NetworkPath.network, { clientId }))).json.rows;
    expect(grid.every((r: { locked: boolean }) => r.locked)).toBe(true);
    const before = w.tp.portal.db.prepare('SELECT * FROM client_members ORDER BY user_id').all();
    for (const userId of [w.truus.userId, annieId]) {
      const path = at(NetworkPath.member, { clientId, userId });
      for (const res of [
        await del(w.truusC, path),
        await patch(w.truusC, path, { rights: { messages: false } }),
        await patch(w.truusC, path, { accessUntil: '2030-01-01' }),
      ]) {
        expect(res.status, res.text).toBe(403);
        expect(res.json.error.code).toBe('locked');
      }
    }
    expect(w.tp.portal.db.prepare('SELECT * FROM client_members ORDER BY user_id').all()).toEqual(before);
  });
});

describe('delegating Instellingen', () => {
  it('Careyn: a contact with Instellingen manages the network too', async () => {
    const w = await networkWorld();
    const clientId = w.truus.clientId;
    const annieId = await createAnnie(w.tp, clientId);
    const res = await patch(w.truusC, at(NetworkPath.member, { clientId, userId: annieId }), {
      rights: { settings: true },
    });
    expect(res.status).toBe(200);
    const annie = w.tp.client();
    await signIn(w.tp, annie, { username: 'annie', password: GOOD_PASSWORD, mobile: '+31687654321' });
    expect((await annie.get(ApiPath.clients)).json.clients[0].mayManage).toBe(true); // the menu entry
    expect((await annie.get(at(NetworkPath.network, { clientId }))).status).toBe(200);
    const { id } = await invite(w, { ...ANNIE, email: 'kees@example.nl', firstName: 'Kees' }, annie);
    expect(id).toBeGreaterThan(0);
    // but not remove the client
    expect((await del(annie, at(NetworkPath.member, { clientId, userId: w.truus.userId }))).json.error.code).toBe(
      'locked',
    );
  });

  it('SVRZ: Instellingen cannot be given to a contact, and a contact who has it still cannot manage', async () => {
    const w = await networkWorld({ PORTAL_ORG_PRESET: 'svrz', PORTAL_ORG_NAME: 'SVRZ' });
    const clientId = w.truus.clientId;
    const annieId = await createAnnie(w.tp, clientId);
    const path = at(NetworkPath.member, { clientId, userId: annieId });
    const refused = await patch(w.truusC, path, { rights: { settings: true, messages: true } });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('settings_not_delegable');
    expect(count(w.tp, 'client_members', 'user_id = ? AND (right_settings = 1 OR right_messages = 1)', annieId)).toBe(
      0,
    );
    expect((await w.truusC.get(at(NetworkPath.network, { clientId }))).json.settingsDelegable).toBe(false);
    // ticked by other means (the admin CLI, an earlier setting): still no management
    w.tp.portal.db.prepare('UPDATE client_members SET right_settings = 1 WHERE user_id = ?').run(annieId);
    const annie = w.tp.client();
    await signIn(w.tp, annie, { username: 'annie', password: GOOD_PASSWORD, mobile: '+31687654321' });
    expect((await annie.get(ApiPath.clients)).json.clients[0].mayManage).toBe(false); // no menu entry either
    expect((await w.truusC.get(ApiPath.clients)).json.clients[0].mayManage).toBe(true);
    expect((await annie.get(at(NetworkPath.network, { clientId }))).status).toBe(403);
    expect((await annie.post(at(NetworkPath.invitations, { clientId }), ANNIE)).status).toBe(403);
  });
});

describe('end date of access', () => {
  it('after the last day access stops by itself and the grid shows it as expired; removing the date restores it', async () => {
    const w = await networkWorld();
    const clientId = w.truus.clientId;
    const annieId = await createAnnie(w.tp, clientId);
    const path = at(NetworkPath.member, { clientId, userId: annieId });
    const lastDay = new Date(w.tp.clock.now().getTime() + 2 * DAY).toISOString().slice(0, 10);
    const set = await patch(w.truusC, path, { rights: { appointments: true }, accessUntil: lastDay });
    expect(set.status, set.text).toBe(200);
    expect(set.json).toMatchObject({ accessUntil: lastDay, expired: false });

    const annie = w.tp.client();
    await signIn(w.tp, annie, { username: 'annie', password: GOOD_PASSWORD, mobile: '+31687654321' });
    expect((await annie.get(at(ApiPath.appointments, { clientId }))).status).toBe(200);

    w.tp.advance(4 * DAY);
    await signIn(w.tp, w.truusC, { username: 'truus', password: GOOD_PASSWORD, mobile: '+31612345678' });
    await signIn(w.tp, annie, { username: 'annie', password: GOOD_PASSWORD, mobile: '+31687654321' });
    expect((await annie.get(at(ApiPath.appointments, { clientId }))).status).toBe(404);
    expect((await annie.get(ApiPath.clients)).json.clients).toEqual([]);
    const row = (await w.truusC.get(at(NetworkPath.network, { clientId }))).json.rows.find(
      (r: { userId: number }) => r.userId === annieId,
    );
    expect(row).toMatchObject({ accessUntil: lastDay, expired: true });

    const past = await patch(w.truusC, path, { accessUntil: lastDay });
    expect(past.status).toBe(400);
    expect(past.json.error.details.fields).toEqual([expect.objectContaining({ path: 'accessUntil', code: 'in_past' })]);
    expect((await patch(w.truusC, path, { accessUntil: null })).json.expired).toBe(false);
    expect((await annie.get(at(ApiPath.appointments, { clientId }))).status).toBe(200);
  });
});
