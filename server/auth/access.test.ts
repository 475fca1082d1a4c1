import { flushAuditQueue } from '../db/repos/audit-log.ts';
import { describe, expect, it } from 'vitest';
import { authFixture } from '../test-support/auth-fixture.ts';
import { createContactAccount } from '../accounts/create-account.ts';
import { setRights } from '../db/repos/memberships.ts';
import { requireSection } from './access.ts';
import { HttpError } from '../http/errors.ts';
import { SECTIONS } from '../../shared/sections.ts';
import type { Authenticated } from './sessions.ts';
import { findUserById } from '../db/repos/users.ts';

async function setup() {
  const f = authFixture();
  const truus = await f.createTruus();
  const annie = await createContactAccount(
    f.deps,
    {
      name: 'Annie van Dorp',
      username: 'annie',
      email: 'a@example.nl',
      mobile: '0687654321',
      clientId: truus.clientId,
      relation: 'Dochter',
    },
    'x-irrelevant-x',
    { mustChangePassword: false },
  );
  const as = (userId: number): Authenticated => ({
    user: findUserById(f.deps.db, userId)!,
    sessionId: 1,
    deviceId: null,
    info: { idleExpiresAt: '', absoluteExpiresAt: '' },
    clientVersion: null,
  });
  const outcome = (userId: number, clientId: number, section: (typeof SECTIONS)[number]) => {
    try {
      requireSection(f.deps, as(userId), clientId, section, f.meta(), 'test');
      return 200;
    } catch (e) {
      return (e as HttpError).status;
    }
  };
  return { f, truus, annie, outcome };
}

describe('section rights', () => {
  it('the client may open every section of his own portal', async () => {
    const { truus, outcome } = await setup();
    expect(SECTIONS.map((s) => outcome(truus.userId, truus.clientId, s))).toEqual([200, 200, 200, 200, 200]);
  });

  it('a contact gets 403 until a right is ticked, and only for that section', async () => {
    const { f, truus, annie, outcome } = await setup();
    expect(SECTIONS.map((s) => outcome(annie.userId, truus.clientId, s))).toEqual([403, 403, 403, 403, 403]);
    setRights(f.deps.db, truus.clientId, annie.userId, { appointments: true, data: true });
    expect(Object.fromEntries(SECTIONS.map((s) => [s, outcome(annie.userId, truus.clientId, s)]))).toEqual({
      messages: 403,
      appointments: 200,
      dossier: 403,
      data: 200,
      settings: 403,
    });
  });

  it('someone outside the network gets 404, also for a client id that does not exist, and it is audited', async () => {
    const { f, truus, annie, outcome } = await setup();
    expect(outcome(truus.userId, truus.clientId + 1, 'dossier')).toBe(404);
    expect(outcome(annie.userId, 9999, 'dossier')).toBe(404);
    flushAuditQueue(f.deps.db); // refusals are queued like reads (see queueAudit)
    const denied = f.deps.db
      .prepare(`SELECT user_id, client_id, action, outcome, detail FROM audit_log WHERE outcome = 'denied' ORDER BY id`)
      .all();
    expect(denied).toEqual([
      {
        user_id: truus.userId,
        client_id: truus.clientId + 1,
        action: 'dossier.access',
        outcome: 'denied',
        detail: 'not-a-member',
      },
      { user_id: annie.userId, client_id: 9999, action: 'dossier.access', outcome: 'denied', detail: 'not-a-member' },
    ]);
  });
});
