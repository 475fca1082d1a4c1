// The agenda of the demo client, after the Hilverzorg manual's home screen: "Dochter komt eten" 18:00–20:00,
// "Boodschappen", and care appointments with Maria de Bruin (with photo). Times are Amsterdam wall-clock times
// relative to the clock, so the demo always has something coming up.
import { countAppointments, insertOwnAppointment, upsertCareAppointment } from '../db/repos/appointments.ts';
import { upsertStaffMember } from '../db/repos/staff-members.ts';
import { addDays, amsterdamDate, amsterdamToUtc, type LocalDate } from './amsterdam.ts';
import { solidPng } from './solid-png.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/open.ts';
import type { OwnKind } from '../../shared/api/appointments.ts';

export const DEMO_EHR = 'demo-ehr';

const at = (d: LocalDate, h: number, m = 0) => amsterdamToUtc(d, h, m).toISOString();

/**
 * Adds the demo agenda. Idempotent: care rows are upserts by (source, external id) — a rerun moves them along with
 * the clock instead of adding more — and the own appointments are only added while the client has none.
 */
export function seedDemoAppointments(deps: { db: Db; clock: Clock }, clientId: number, clientUserId: number): void {
  const now = deps.clock.now();
  const syncedAt = now.toISOString();
  const today = amsterdamDate(now);
  const day = (n: number) => addDays(today, n);
  deps.db.transaction(() => {
    if (countAppointments(deps.db, clientId, true) === 0) {
      const own: Array<[OwnKind, string, LocalDate, number, number, string | null]> = [
        ['visit', 'Dochter komt eten', day(1), 18, 20, null],
        ['other', 'Boodschappen', day(2), 10, 11, 'Albert Heijn, Dorpsstraat'],
      ];
      for (const [kind, description, d, from, to, location] of own) {
        insertOwnAppointment(deps.db, {
          clientId,
          kind,
          startsAt: at(d, from),
          endsAt: at(d, to),
          description,
          location,
          createdByUserId: clientUserId,
          at: syncedAt,
        });
      }
    }
    const maria = upsertStaffMember(deps.db, {
      displayName: 'Maria de Bruin',
      role: "EVV'er",
      photo: { data: solidPng(64, [0x2e, 0x7d, 0x6b]), type: 'image/png' },
      source: DEMO_EHR,
      externalId: 'medewerker-1553',
      syncedAt,
    });
    const physio = upsertStaffMember(deps.db, {
      displayName: 'Joost Verbeek',
      role: 'Fysiotherapeut',
      photo: null,
      source: DEMO_EHR,
      externalId: 'medewerker-2087',
      syncedAt,
    });
    upsertCareAppointment(deps.db, {
      clientId,
      startsAt: at(day(3), 14),
      endsAt: at(day(3), 14, 30),
      description: "Bijzonderheden bespreken met de EVV'er",
      location: null,
      staffMemberId: maria,
      source: DEMO_EHR,
      externalId: `client-${clientId}-evv-1`,
      syncedAt,
    });
    for (let week = 0; week < 4; week++) {
      const d = day(4 + 7 * week);
      upsertCareAppointment(deps.db, {
        clientId,
        startsAt: at(d, 15),
        endsAt: at(d, 15, 45),
        description: 'Fysiotherapie',
        location: 'Oefenzaal',
        staffMemberId: physio,
        source: DEMO_EHR,
        externalId: `client-${clientId}-fysio-${week + 1}`,
        syncedAt,
      });
    }
  })();
}
