// The demo agenda through the real server: seeding twice adds nothing, and Truus's panel shows the manual's example.
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS, seedDemo } from '../../server/demo/seed.ts';
import { amsterdamOffsetMs } from '../../server/appointments/amsterdam.ts';
import { closeAll, count, signIn, startTestPortal } from '../helpers/portal.ts';

afterAll(closeAll);

/** "HH:MM" on Amsterdam's wall clock. */
const local = (iso: string) =>
  new Date(new Date(iso).getTime() + amsterdamOffsetMs(new Date(iso))).toISOString().slice(11, 16);

describe('seedDemo agenda', () => {
  it('is idempotent and fills the Mijn afspraken panel of Truus', async () => {
    const tp = await startTestPortal();
    await seedDemo(tp.portal.deps);
    const n = count(tp, 'appointments');
    await seedDemo(tp.portal.deps);
    expect(count(tp, 'appointments')).toBe(n);
    expect(n).toBe(7);
    expect(count(tp, 'staff_members')).toBe(2);

    const c = tp.client();
    await signIn(tp, c, { username: 'truus', password: DEMO_LOGINS[0].password, mobile: '+31612345678' });
    const clientId = (await c.get('/clients')).json.clients[0].id as number;
    const res = await c.get(`/clients/${clientId}/appointments/upcoming`);
    expect(res.status).toBe(200);
    const { first, next, syncedUntil } = res.json;
    expect(first).toMatchObject({ kind: 'visit', description: 'Dochter komt eten', editable: true });
    expect([local(first.startsAt), local(first.endsAt)]).toEqual(['18:00', '20:00']);
    expect(next.map((a: { description: string }) => a.description)).toEqual([
      'Boodschappen',
      "Bijzonderheden bespreken met de EVV'er",
      'Fysiotherapie',
    ]);
    expect(next[1]).toMatchObject({
      kind: 'care',
      editable: false,
      staff: { name: 'Maria de Bruin', role: "EVV'er", photoUrl: expect.stringMatching(/^data:image\/png;base64,/) },
    });
    expect([local(next[1].startsAt), local(next[1].endsAt)]).toEqual(['14:00', '14:30']);
    expect(syncedUntil).toEqual(expect.any(String));
  });
});
