// The demo organisation of `npm run web`: Truus van Dorp (client) and Annie van Dorp (her first contact), as in
// the Careyn manual's example. Fixed passwords so the demo logins can be printed at every start.
import { createClientAccount, createContactAccount, createStaffAccount } from '../accounts/create-account.ts';
import { findUserByUsername } from '../db/repos/users.ts';
import { findClientByUserId } from '../db/repos/clients.ts';
import { seedDemoAppointments } from '../appointments/demo-appointments.ts';
import { KEES_LOGIN, seedDemoMessages } from '../messages/demo-messages.ts';
import { seedDemoDossier } from '../dossier/demo-dossier.ts';
import { seedDemoDetails } from '../details/demo-details.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/open.ts';
import type { PasswordHasher } from '../auth/passwords.ts';

export const DEMO_LOGINS = [
  { username: 'truus', password: 'Zonnebloem-Truus-1947', role: 'cliënt' },
  { username: 'annie', password: 'Tulpenveld-Annie-1972', role: 'contactpersoon van Truus' },
  { ...KEES_LOGIN, role: 'zoon van Truus, mag berichten sturen' },
  { username: 'anna', password: 'Kamperfoelie-Anna-1985', role: 'medewerker van De Linde (afdelings-pc)' },
] as const;

/** Where Truus lives, and where the demo staff member works: her ward computer can be registered there. */
export const DEMO_LOCATION = 'De Linde';

/** Creates the demo accounts that are missing and Truus's agenda; returns the usernames it created. */
export async function seedDemo(deps: { db: Db; clock: Clock; hasher: PasswordHasher }): Promise<string[]> {
  const created: string[] = [];
  if (!findUserByUsername(deps.db, 'truus')) {
    await createClientAccount(
      deps,
      { name: 'Truus van Dorp', username: 'truus', email: 'truus@example.nl', mobile: '06 12345678' },
      DEMO_LOGINS[0].password,
      { mustChangePassword: false, location: DEMO_LOCATION },
    );
    created.push('truus');
  }
  if (!findUserByUsername(deps.db, 'annie')) {
    const truus = findUserByUsername(deps.db, 'truus')!;
    const client = findClientByUserId(deps.db, truus.id)!;
    await createContactAccount(
      deps,
      {
        name: 'Annie van Dorp',
        username: 'annie',
        email: 'annie@example.nl',
        mobile: '06 87654321',
        clientId: client.id,
        relation: 'Eerste relatie/contactpersoon',
      },
      DEMO_LOGINS[1].password,
      { mustChangePassword: false },
    );
    created.push('annie');
  }
  if (!findUserByUsername(deps.db, 'anna')) {
    await createStaffAccount(
      deps,
      {
        name: 'Anna de Vries',
        username: 'anna',
        email: 'anna@example.nl',
        mobile: '06 11223344',
        location: DEMO_LOCATION,
      },
      DEMO_LOGINS[3].password,
      { mustChangePassword: false },
    );
    created.push('anna');
  }
  const truus = findUserByUsername(deps.db, 'truus')!;
  seedDemoAppointments(deps, findClientByUserId(deps.db, truus.id)!.id, truus.id);
  created.push(...(await seedDemoMessages(deps)));
  seedDemoDossier(deps, findClientByUserId(deps.db, truus.id)!.id);
  await seedDemoDetails(deps);
  return created;
}
