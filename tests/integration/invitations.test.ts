// Invitations over HTTP with a real SMTP server: the mail and its link, duplicates and wrong numbers, expiry, resend
// and withdraw, the new-account path, and a person with an account accepting under Uitnodigingen.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import { NetworkPath } from '../../shared/api/network.ts';
import { DAY } from '../../server/clock.ts';
import { closeAll, count, createAnnie, GOOD_PASSWORD, signIn, type HttpClient } from '../helpers/portal.ts';
import { ANNIE, at, del, invite, networkWorld, nextMailTo, invitationLinkFrom, type World } from './network-world.ts';

afterEach(closeAll);

const invitationsOf = (w: World) => at(NetworkPath.invitations, { clientId: w.truus.clientId });

async function signedIn(w: World, username: string, mobile: string): Promise<HttpClient> {
  const c = w.tp.client();
  await signIn(w.tp, c, { username, password: GOOD_PASSWORD, mobile });
  return c;
}

describe('creating an invitation', () => {
  it('lists it as pending with a masked mobile, the inviter and a 14-day expiry; audited with the mail queued', async () => {
    const w = await networkWorld();
    const { id } = await invite(w);
    const list = await w.truusC.get(invitationsOf(w));
    expect(list.status).toBe(200);
    expect(list.json.invitations).toEqual([
      expect.objectContaining({
        id,
        email: 'annie@example.nl',
        firstName: 'Annie',
        lastName: 'van Dorp',
        relation: ANNIE.relation,
        maskedMobile: '06******21',
        status: 'pending',
        invitedBy: 'Truus van Dorp',
      }),
    ]);
    const inv = list.json.invitations[0];
    expect(Date.parse(inv.expiresAt) - Date.parse(inv.createdAt)).toBe(14 * DAY);
    expect(count(w.tp, 'audit_log', `action = 'invitation.create' AND resource = ?`, `invitation:${id}`)).toBe(1);
  });

  it('refuses a landline, a duplicate invitation and an address already in the network, each clearly', async () => {
    const w = await networkWorld();
    const landline = await w.truusC.post(invitationsOf(w), { ...ANNIE, mobile: '020-1234567' });
    expect(landline.status).toBe(400);
    expect(landline.json.error.details.fields).toEqual([
      expect.objectContaining({ path: 'mobile', code: 'not_mobile' }),
    ]);
    const bad = await w.truusC.post(invitationsOf(w), { ...ANNIE, email: 'annie@' });
    expect(bad.json.error.details.fields).toEqual([expect.objectContaining({ path: 'email', code: 'invalid_email' })]);

    await invite(w);
    const dup = await w.truusC.post(invitationsOf(w), { ...ANNIE, email: ' ANNIE@Example.NL ' });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('invitation_exists');
    const member = await w.truusC.post(invitationsOf(w), { ...ANNIE, email: 'Truus@example.nl' });
    expect(member.status).toBe(409);
    expect(member.json.error.code).toBe('already_member');
    expect(count(w.tp, 'invitations')).toBe(1);
    expect(count(w.tp, 'outbox', `channel = 'mail'`)).toBe(1);
  });

  it('the configured number of days applies', async () => {
    const w = await networkWorld({ PORTAL_INVITATION_DAYS: '3' });
    const { mail } = await invite(w);
    expect(mail.text).toContain('3 dagen geldig');
    const [inv] = (await w.truusC.get(invitationsOf(w))).json.invitations;
    expect(Date.parse(inv.expiresAt) - Date.parse(inv.createdAt)).toBe(3 * DAY);
  });
});

describe('expiry, resend, withdraw', () => {
  it('an expired link is refused everywhere (410) and shows as expired; resend gives a new link and expiry', async () => {
    const w = await networkWorld();
    const { id, token } = await invite(w);
    w.tp.advance(14 * DAY + 1000);
    const look = await w.tp.client().post(NetworkPath.lookup, { token });
    expect(look.status).toBe(410);
    expect(look.json.error.code).toBe('invitation_expired');
    const accept = await w.tp
      .client()
      .post(NetworkPath.acceptNew, { token, username: 'annie', password: GOOD_PASSWORD });
    expect(accept.status).toBe(410);
    expect(count(w.tp, 'users', `username = 'annie'`)).toBe(0);

    await signIn(w.tp, w.truusC, { username: 'truus', password: GOOD_PASSWORD, mobile: '+31612345678' });
    expect((await w.truusC.get(invitationsOf(w))).json.invitations[0].status).toBe('expired');

    const before = w.smtp.mails.length;
    const resent = await w.truusC.post(at(NetworkPath.resend, { clientId: w.truus.clientId, invitationId: id }));
    expect(resent.status, resent.text).toBe(200);
    expect(resent.json.status).toBe('pending');
    expect(Math.abs(Date.parse(resent.json.expiresAt) - (w.tp.clock.now().getTime() + 14 * DAY))).toBeLessThan(5000);
    const { token: fresh } = invitationLinkFrom((await nextMailTo(w, ANNIE.email, before)).text);
    expect(fresh).not.toBe(token);
    expect((await w.tp.client().post(NetworkPath.lookup, { token })).status).toBe(404);
    expect((await w.tp.client().post(NetworkPath.lookup, { token: fresh })).status).toBe(200);
  });

  it('a new invitation for an address whose invitation expired replaces it', async () => {
    const w = await networkWorld();
    const first = await invite(w);
    w.tp.advance(15 * DAY);
    await signIn(w.tp, w.truusC, { username: 'truus', password: GOOD_PASSWORD, mobile: '+31612345678' });
    const second = await invite(w);
    const list = (await w.truusC.get(invitationsOf(w))).json.invitations;
    expect(list.map((i: { id: number; status: string }) => [i.id, i.status])).toEqual([
      [second.id, 'pending'],
      [first.id, 'withdrawn'],
    ]);
  });

  it('a withdrawn invitation cannot be used, resent or withdrawn again', async () => {
    const w = await networkWorld();
    const { id, token } = await invite(w);
    const path = at(NetworkPath.invitation, { clientId: w.truus.clientId, invitationId: id });
    expect((await del(w.truusC, path)).status).toBe(204);
    const look = await w.tp.client().post(NetworkPath.lookup, { token });
    expect(look.status).toBe(410);
    expect(look.json.error.code).toBe('invitation_closed');
    expect((await del(w.truusC, path)).json.error.code).toBe('invitation_closed');
    const resend = await w.truusC.post(at(NetworkPath.resend, { clientId: w.truus.clientId, invitationId: id }));
    expect(resend.status).toBe(409);
    expect((await w.truusC.get(invitationsOf(w))).json.invitations[0].status).toBe('withdrawn');
    expect(count(w.tp, 'audit_log', `action = 'invitation.withdraw'`)).toBe(1);
  });

  it('an invitation of another client is not found', async () => {
    const w = await networkWorld();
    const { id } = await invite(w);
    const maria = await w.tp.createUser({ name: 'Maria de Bruin', username: 'maria', mobile: '0611111111' });
    const mariaC = await signedIn(w, 'maria', '+31611111111');
    const path = at(NetworkPath.invitation, { clientId: maria.clientId, invitationId: id });
    expect((await del(mariaC, path)).status).toBe(404);
    expect(
      (await del(mariaC, at(NetworkPath.invitation, { clientId: w.truus.clientId, invitationId: id }))).status,
    ).toBe(404);
  });
});

describe('accepting as a new person', () => {
  it('refuses a taken username and a weak password, and creates nothing then', async () => {
    const w = await networkWorld();
    const { token } = await invite(w);
    const taken = await w.tp
      .client()
      .post(NetworkPath.acceptNew, { token, username: 'TRUUS', password: GOOD_PASSWORD });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('username_taken');
    const weak = await w.tp.client().post(NetworkPath.acceptNew, { token, username: 'annie', password: 'annie12345' });
    expect(weak.status).toBe(400);
    expect(weak.json.error.code).toBe('weak_password');
    expect(weak.json.error.details.fields.map((f: { path: string }) => f.path)).toContain('password');
    expect(count(w.tp, 'users')).toBe(1);
    expect(count(w.tp, 'invitations', `status = 'pending'`)).toBe(1);
    // the account takes the invitation's e-mail and mobile number
    expect(
      (await w.tp.client().post(NetworkPath.acceptNew, { token, username: 'annie', password: GOOD_PASSWORD })).status,
    ).toBe(201);
    expect(
      w.tp.portal.db.prepare(`SELECT display_name, email, mobile, kind FROM users WHERE username = 'annie'`).get(),
    ).toEqual({
      display_name: 'Annie van Dorp',
      email: 'annie@example.nl',
      mobile: '+31687654321',
      kind: 'contact',
    });
  });
});

describe('accepting with an existing account (Uitnodigingen)', () => {
  it('the invited address sees it (case-insensitive), accepts, and then has two clients; others get 404', async () => {
    const w = await networkWorld();
    // Annie already has an account: her father Kees's network.
    const kees = await w.tp.createUser({
      name: 'Kees van Dorp',
      username: 'kees',
      email: 'kees@example.nl',
      mobile: '0622222222',
    });
    await createAnnie(w.tp, kees.clientId); // annie@example.nl
    const { id, token } = await invite(w, { ...ANNIE, email: 'Annie@Example.NL' });
    expect((await w.tp.client().post(NetworkPath.lookup, { token })).json.existingAccount).toBe(true);

    const other = await signedIn(w, 'kees', '+31622222222');
    expect((await other.get(NetworkPath.mine)).json.invitations).toEqual([]);
    for (const d of ['accept', 'decline'] as const) {
      const res = await other.post(at(NetworkPath[d], { invitationId: id }));
      expect(res.status).toBe(404);
    }

    const annieC = await signedIn(w, 'annie', '+31687654321');
    const mine = await annieC.get(NetworkPath.mine);
    expect(mine.json.invitations).toEqual([
      expect.objectContaining({
        id,
        clientName: 'Truus van Dorp',
        relation: ANNIE.relation,
        invitedBy: 'Truus van Dorp',
      }),
    ]);
    const accepted = await annieC.post(at(NetworkPath.accept, { invitationId: id }));
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json).toEqual({ clientId: w.truus.clientId });
    const clients = (await annieC.get(ApiPath.clients)).json.clients;
    expect(clients.map((c: { displayName: string }) => c.displayName)).toEqual(['Kees van Dorp', 'Truus van Dorp']);
    const truusEntry = clients.find((c: { id: number }) => c.id === w.truus.clientId);
    expect(Object.values(truusEntry.rights).every((v) => v === false)).toBe(true);

    // single use
    expect((await annieC.post(at(NetworkPath.accept, { invitationId: id }))).status).toBe(410);
    expect((await annieC.get(NetworkPath.mine)).json.invitations).toEqual([]);
  });

  it('a person sharing the address may still create an own account from the link; the existing one gains nothing', async () => {
    const w = await networkWorld();
    const kees = await w.tp.createUser({ name: 'Kees van Dorp', username: 'kees', mobile: '0622222222' });
    await createAnnie(w.tp, kees.clientId); // annie@example.nl, in Kees's network
    const { token } = await invite(w, { ...ANNIE, firstName: 'Bert', lastName: 'de Wit', mobile: '0611112222' });
    expect((await w.tp.client().post(NetworkPath.lookup, { token })).json.existingAccount).toBe(true);
    const res = await w.tp.client().post(NetworkPath.acceptNew, { token, username: 'bert', password: GOOD_PASSWORD });
    expect(res.status, res.text).toBe(201);
    const users = w.tp.portal.db
      .prepare(`SELECT username, display_name, mobile FROM users WHERE email = 'annie@example.nl' ORDER BY username`)
      .all();
    expect(users).toEqual([
      { username: 'annie', display_name: 'Annie van Dorp', mobile: '+31687654321' },
      { username: 'bert', display_name: 'Bert de Wit', mobile: '+31611112222' },
    ]);
    const members = w.tp.portal.db
      .prepare(
        `SELECT u.username FROM client_members m JOIN users u ON u.id = m.user_id WHERE m.client_id = ? ORDER BY 1`,
      )
      .all(w.truus.clientId);
    expect(members).toEqual([{ username: 'bert' }, { username: 'truus' }]);
    const annieC = await signedIn(w, 'annie', '+31687654321');
    expect((await annieC.get(NetworkPath.mine)).json.invitations).toEqual([]);
  });

  it('declining closes it and adds nothing', async () => {
    const w = await networkWorld();
    const kees = await w.tp.createUser({ name: 'Kees van Dorp', username: 'kees', mobile: '0622222222' });
    await createAnnie(w.tp, kees.clientId);
    const { id, token } = await invite(w);
    const annieC = await signedIn(w, 'annie', '+31687654321');
    const res = await annieC.post(at(NetworkPath.decline, { invitationId: id }));
    expect(res.status).toBe(200);
    expect(count(w.tp, 'client_members', 'client_id = ?', w.truus.clientId)).toBe(1);
    expect((await w.tp.client().post(NetworkPath.lookup, { token })).json.error.code).toBe('invitation_closed');
    expect((await w.truusC.get(invitationsOf(w))).json.invitations[0].status).toBe('declined');
  });
});
