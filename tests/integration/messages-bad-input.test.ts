// Bad input on the message routes: 400 with field details, never a 500, and nothing changes in the database.
// Also the care team as a recipient where the organisation allows it (Pluryn).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeAll, count, isApiError } from '../helpers/portal.ts';
import { messagesWorld, msgPath, thread, type MessagesWorld } from './messages-world.ts';
import type { Res } from '../helpers/http-client.ts';

let w: MessagesWorld;
let list: string;
let threadId: number;
beforeAll(async () => {
  w = await messagesWorld({ PORTAL_ORG_PRESET: 'pluryn' });
  list = msgPath(w.truus.clientId);
  threadId = thread(w, w.truus.userId, [w.annie.userId]);
});
afterAll(closeAll);

const state = () => ({
  messages: count(w.tp, 'messages'),
  threads: count(w.tp, 'message_threads'),
  unread: count(w.tp, 'message_unread'),
  participants: count(w.tp, 'message_participants'),
});
const fields = (res: Res): Array<{ path: string; code: string }> => res.json.error.details.fields;

function expect400(res: Res, path?: string, code?: string): void {
  expect(res.status, res.text).toBe(400);
  expect(isApiError(res.json)).toBe(true);
  expect(res.json.error.code).toBe('validation_failed');
  if (path !== undefined) expect(fields(res).map((f) => f.path)).toContain(path);
  if (code !== undefined) expect(fields(res).find((f) => f.path === path)?.code).toBe(code);
}

describe('messages bad input', () => {
  it('new thread: missing, empty, too long, wrong and extra fields are 400 with the field named', async () => {
    const valid = () => ({ subject: 'Hoi', text: 'Hallo', recipients: [w.annie.userId] });
    const cases: Array<[unknown, string, string?]> = [
      [{}, 'subject'],
      [{ ...valid(), subject: '   ' }, 'subject', 'required'],
      [{ ...valid(), subject: 'x'.repeat(121) }, 'subject', 'too_long'],
      [{ ...valid(), text: '' }, 'text', 'required'],
      [{ ...valid(), text: 'x'.repeat(5001) }, 'text', 'too_long'],
      [{ ...valid(), recipients: [] }, 'recipients', 'required'],
      [{ ...valid(), recipients: 'annie' }, 'recipients'],
      [{ ...valid(), recipients: [-1] }, 'recipients.0'],
      [{ ...valid(), recipients: ['1'] }, 'recipients.0'],
      [{ ...valid(), careTeam: 'ja' }, 'careTeam'],
      [{ ...valid(), admin: true }, ''],
    ];
    const before = state();
    for (const [body, path, code] of cases) expect400(await w.truus.c.post(list, body), path, code);
    expect(state()).toEqual(before);
  });

  it('reply: empty or too long text, extra fields; bad thread ids', async () => {
    const before = state();
    const replies = `${list}/${threadId}/replies`;
    expect400(await w.truus.c.post(replies, {}), 'text');
    expect400(await w.truus.c.post(replies, { text: ' \n ' }), 'text', 'required');
    expect400(await w.truus.c.post(replies, { text: 'x'.repeat(5001) }), 'text', 'too_long');
    expect400(await w.truus.c.post(replies, { text: 'Hoi', subject: 'x' }), '');
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999']) {
      expect400(await w.truus.c.get(`${list}/${bad}`), 'threadId');
      expect400(await w.truus.c.post(`${list}/${bad}/replies`, { text: 'Hoi' }), 'threadId');
    }
    expect(state()).toEqual(before);
  });

  it('never a 500 for arbitrary bodies', async () => {
    const before = state();
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (body) => {
        for (const path of [list, `${list}/${threadId}/replies`]) {
          const res = await w.truus.c.post(path, body);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(isApiError(res.json)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
    // Arbitrary input may by chance be valid? Not for these schemas: `subject` and `text` are required strings.
    expect(state()).toEqual(before);
  });
});

describe('the care team as a recipient (Pluryn allows it)', () => {
  it('is offered, stored as waiting for the EHR, and a reply in the thread goes there too', async () => {
    const r = (await w.truus.c.get(`${list}/recipients`)).json;
    expect(r.careTeam).toBe(true);
    const sent = await w.truus.c.post(list, {
      subject: 'Vraag',
      text: 'Mag ik morgen douchen?',
      recipients: [],
      careTeam: true,
    });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.json).toMatchObject({ careTeam: true, messages: [{ awaitingSync: true }] });
    const row = w.tp.portal.db
      .prepare('SELECT to_care_team, sent_to_ehr_at, source FROM messages WHERE thread_id = ?')
      .get(sent.json.id);
    expect(row).toEqual({ to_care_team: 1, sent_to_ehr_at: null, source: null });
    const listed = (await w.truus.c.get(list)).json.threads.find((t: { id: number }) => t.id === sent.json.id);
    expect(listed.with).toEqual(['Zorgteam']);
    const reply = (await w.truus.c.post(`${list}/${sent.json.id}/replies`, { text: 'En mag ik zwemmen?' })).json;
    expect(reply.messages.map((m: { awaitingSync: boolean }) => m.awaitingSync)).toEqual([true, true]);
    // With the care team and Annie: Annie sees it, her reply goes to the care team too.
    const both = (
      await w.truus.c.post(list, { subject: 'Samen', text: 'Hoi', recipients: [w.annie.userId], careTeam: true })
    ).json;
    const annieReply = (await w.annie.c.post(`${list}/${both.id}/replies`, { text: 'Goed idee' })).json;
    expect(annieReply.messages.at(-1)).toMatchObject({ awaitingSync: true, mine: true });
  });
});
