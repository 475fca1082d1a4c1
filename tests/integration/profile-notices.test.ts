// The opt-in e-mail notice of new messages (issue 4 §5): an opted-in recipient gets exactly one mail through the
// outbox, written with the message, that never carries the message; opted-out recipients and the author get none;
// while a notice waits unsent no second one is queued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll } from '../helpers/portal.ts';
import { messagesWorld, type MessagesWorld } from './messages-world.ts';

let w: MessagesWorld;
beforeAll(async () => {
  w = await messagesWorld();
  // sign-in mails and SMS of the world are delivered: the outbox starts empty
  await w.tp.deliver();
});
afterAll(closeAll);

const SECRET_TEXT = 'De uitslag van het bloedonderzoek is binnen';
const pendingMails = () =>
  w.tp.portal.db
    .prepare(`SELECT recipient, payload FROM outbox WHERE channel = 'mail' AND status = 'pending' ORDER BY id`)
    .all() as Array<{ recipient: string; payload: string }>;

describe('e-mail notice of new messages', () => {
  it('only the opted-in recipient gets one mail, without subject or text; the author and opted-out get none', async () => {
    expect((await w.annie.c.send('PATCH', '/me/preferences', { emailOnNewMessage: true })).status).toBe(200);
    await w.tp.deliver();
    const sent = await w.truus.c.post(`/clients/${w.truus.clientId}/messages`, {
      subject: 'Uitslag onderzoek',
      text: SECRET_TEXT,
      recipients: [w.annie.userId, w.kees.userId],
    });
    expect(sent.status, sent.text).toBe(201);
    const mails = pendingMails();
    expect(mails.map((m) => m.recipient)).toEqual(['annie@example.nl']);
    const mail = JSON.parse(mails[0]!.payload) as { subject: string; text: string };
    expect(mail.text).toContain('U heeft een nieuw bericht in het cliëntportaal van Careyn');
    expect(mail.text).toContain(`${w.tp.config.publicUrl}/berichten`);
    for (const secret of [SECRET_TEXT, 'Uitslag', 'bloedonderzoek', 'Truus']) {
      expect(mail.subject + mail.text).not.toContain(secret);
    }

    // a reply while the first notice is still unsent: no second notice
    const thread = sent.json.id as number;
    await w.kees.c.post(`/clients/${w.truus.clientId}/messages/${thread}/replies`, { text: 'Wat staat erin?' });
    expect(pendingMails()).toHaveLength(1);

    // once delivered, the next message gives a new notice; the author of that reply (Annie) gets none for it
    await w.tp.deliver();
    await w.kees.c.post(`/clients/${w.truus.clientId}/messages/${thread}/replies`, { text: 'Nog iets' });
    expect(pendingMails().map((m) => m.recipient)).toEqual(['annie@example.nl']);
    await w.tp.deliver();
    await w.annie.c.post(`/clients/${w.truus.clientId}/messages/${thread}/replies`, { text: 'Dank je' });
    expect(pendingMails()).toEqual([]);
  });

  it('switched off again: no notice', async () => {
    await w.annie.c.send('PATCH', '/me/preferences', { emailOnNewMessage: false });
    await w.tp.deliver();
    await w.truus.c.post(`/clients/${w.truus.clientId}/messages`, {
      subject: 'Koffie',
      text: 'Zondag?',
      recipients: [w.annie.userId],
    });
    expect(pendingMails()).toEqual([]);
  });

  it('a recipient who lost the Berichten right gets no notice', async () => {
    await w.kees.c.send('PATCH', '/me/preferences', { emailOnNewMessage: true });
    const sent = await w.truus.c.post(`/clients/${w.truus.clientId}/messages`, {
      subject: 'Bezoek',
      text: 'Kom je?',
      recipients: [w.kees.userId],
    });
    expect(pendingMails().map((m) => m.recipient)).toEqual(['kees@example.nl']);
    await w.tp.deliver();
    w.tp.portal.db
      .prepare('UPDATE client_members SET right_messages = 0 WHERE client_id = ? AND user_id = ?')
      .run(w.truus.clientId, w.kees.userId);
    await w.truus.c.post(`/clients/${w.truus.clientId}/messages/${sent.json.id}/replies`, { text: 'Hallo?' });
    expect(pendingMails()).toEqual([]);
  });
});
