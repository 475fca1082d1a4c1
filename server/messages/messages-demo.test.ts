import { describe, expect, it } from 'vitest';
import { authFixture } from '../test-support/auth-fixture.ts';
import { seedDemo } from '../demo/seed.ts';
import { findUserByUsername } from '../db/repos/users.ts';
import { findClientByUserId } from '../db/repos/clients.ts';
import { findMemberRow } from '../db/repos/memberships.ts';
import { lastCareSync, listThreadsForUser, unreadTotal } from '../db/repos/messages.ts';

describe('demo messages', () => {
  it('gives Truus threads with Annie and the Zorgteam, Kees the Berichten right, and a second run adds nothing', async () => {
    const { deps, clock } = authFixture();
    const first = await seedDemo(deps);
    const second = await seedDemo(deps);
    expect(first).toContain('kees');
    expect(second).toEqual([]);
    const truus = findUserByUsername(deps.db, 'truus')!;
    const kees = findUserByUsername(deps.db, 'kees')!;
    const clientId = findClientByUserId(deps.db, truus.id)!.id;
    expect(findMemberRow(deps.db, clientId, kees.id)!.rights).toMatchObject({ messages: true, dossier: false });
    const threads = listThreadsForUser(deps.db, clientId, truus.id);
    expect(threads.map((t) => [t.subject, t.unread])).toEqual([
      ['Dochter komt eten', 1],
      ['De wond', 0],
      ['Boodschappen', 0],
    ]);
    expect(threads[1]!.toCareTeam).toBe(true);
    expect(unreadTotal(deps.db, truus.id, clientId)).toBe(1);
    expect(lastCareSync(deps.db, clientId)).toBe(clock.now().toISOString());
  });
});
