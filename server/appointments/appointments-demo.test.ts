import { describe, expect, it } from 'vitest';
import { authFixture } from '../test-support/auth-fixture.ts';
import { seedDemo } from '../demo/seed.ts';
import { findUserByUsername } from '../db/repos/users.ts';
import { findClientByUserId } from '../db/repos/clients.ts';
import { listAppointments } from '../db/repos/appointments.ts';
import { DAY } from '../clock.ts';

describe('demo agenda', () => {
  it('gives Truus the manual examples at Amsterdam times, and a second run adds nothing', async () => {
    const { deps, clock } = authFixture(); // 2026-11-22T10:00Z: winter time, UTC+1
    await seedDemo(deps);
    await seedDemo(deps);
    const truus = findUserByUsername(deps.db, 'truus')!;
    const clientId = findClientByUserId(deps.db, truus.id)!.id;
    const list = listAppointments(deps.db, clientId, clock.now().toISOString(), '2027-01-01T00:00:00.000Z');
    expect(list.map((a) => [a.description, a.kind, a.startsAt, a.endsAt])).toEqual([
      ['Dochter komt eten', 'visit', '2026-11-23T17:00:00.000Z', '2026-11-23T19:00:00.000Z'],
      ['Boodschappen', 'other', '2026-11-24T09:00:00.000Z', '2026-11-24T10:00:00.000Z'],
      ["Bijzonderheden bespreken met de EVV'er", 'care', '2026-11-25T13:00:00.000Z', '2026-11-25T13:30:00.000Z'],
      ['Fysiotherapie', 'care', '2026-11-26T14:00:00.000Z', '2026-11-26T14:45:00.000Z'],
      ['Fysiotherapie', 'care', '2026-12-03T14:00:00.000Z', '2026-12-03T14:45:00.000Z'],
      ['Fysiotherapie', 'care', '2026-12-10T14:00:00.000Z', '2026-12-10T14:45:00.000Z'],
      ['Fysiotherapie', 'care', '2026-12-17T14:00:00.000Z', '2026-12-17T14:45:00.000Z'],
    ]);
    expect(list[0]!.createdBy).toEqual({ userId: truus.id, name: 'Truus van Dorp' });
    const evv = list[2]!;
    expect(evv).toMatchObject({ source: 'demo-ehr', syncedAt: clock.now().toISOString() });
    expect(evv.staff).toMatchObject({ name: 'Maria de Bruin', role: "EVV'er" });
    const png = evv.staff!.photo!.data;
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(64); // IHDR width
    expect(png.length).toBeLessThan(500);
    expect(deps.db.prepare('SELECT COUNT(*) AS n FROM staff_members').get()).toEqual({ n: 2 });
  });

  it('a run on a later day moves the EHR rows along instead of adding more', async () => {
    const { deps, clock } = authFixture();
    await seedDemo(deps);
    clock.advance(10 * DAY);
    await seedDemo(deps);
    expect(deps.db.prepare('SELECT COUNT(*) AS n FROM appointments').get()).toEqual({ n: 7 });
  });
});
