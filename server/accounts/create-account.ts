// Creating accounts (admin CLI, demo seed): validation first, then one transaction, so nothing is half-written.
import { z } from 'zod';
import { toDutchMobileE164 } from '../../shared/phone.ts';
import { insertClient, insertMember } from '../db/repos/clients.ts';
import { findUserByUsername, insertUser } from '../db/repos/users.ts';
import { ensureLocation, insertStaffMember, setClientLocation } from '../db/repos/locations.ts';
import { audit } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/open.ts';
import type { PasswordHasher } from '../auth/passwords.ts';

export class AccountError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

const AccountInput = z.object({
  name: z.string().trim().min(2, 'naam: minimaal 2 tekens').max(120, 'naam: te lang'),
  username: z
    .string()
    .trim()
    .min(3, 'gebruikersnaam: minimaal 3 tekens')
    .max(64, 'gebruikersnaam: te lang')
    .regex(/^[a-zA-Z0-9._-]+$/, 'gebruikersnaam: alleen letters, cijfers, punt, streepje en liggend streepje'),
  email: z.string().trim().email('e-mailadres: ongeldig'),
  mobile: z.string().trim().min(1, 'mobiel nummer: verplicht'),
});
export type AccountInput = z.input<typeof AccountInput>;

const LocationName = z.string().trim().min(2, 'locatie: minimaal 2 tekens').max(120, 'locatie: te lang');

/** The location's name, checked; the location itself is created on first use. */
function validLocation(name: string): string {
  const r = LocationName.safeParse(name);
  if (!r.success) throw new AccountError(r.error.issues.map((i) => i.message));
  return r.data;
}

interface Validated {
  name: string;
  username: string;
  email: string;
  mobile: string;
}

function validate(db: Db, input: AccountInput): Validated {
  const r = AccountInput.safeParse(input);
  const problems = r.success ? [] : r.error.issues.map((i) => i.message);
  const mobile = toDutchMobileE164(input.mobile ?? '');
  if (input.mobile && !mobile) {
    problems.push('mobiel nummer: geen Nederlands mobiel nummer (06… of +316…); het nummer ontvangt de SMS-code');
  }
  if (r.success && findUserByUsername(db, r.data.username))
    problems.push(`gebruikersnaam: "${r.data.username}" bestaat al`);
  if (problems.length > 0 || !r.success || !mobile) throw new AccountError(problems);
  return { ...r.data, mobile };
}

/**
 * Inserts the user of a new account. Validated again inside the caller's transaction: the username may have been
 * taken between the first check and the (slow) password hash.
 */
function insertValidatedUser(
  db: Db,
  input: AccountInput,
  kind: 'client' | 'contact' | 'staff',
  passwordHash: string,
  mustChangePassword: boolean,
  at: string,
): number {
  const v = validate(db, input);
  return insertUser(db, {
    username: v.username,
    displayName: v.name,
    email: v.email,
    mobile: v.mobile,
    kind,
    passwordHash,
    mustChangePassword,
    createdAt: at,
  });
}

export interface CreatedAccount {
  userId: number;
  clientId: number;
}

/**
 * A client with his own login: he is the first member of his own network, with every right and a lock. `location`
 * (where he lives) lets staff of that location help him with his first login on their ward computer.
 */
export async function createClientAccount(
  deps: { db: Db; clock: Clock; hasher: PasswordHasher },
  input: AccountInput,
  password: string,
  options: { mustChangePassword: boolean; location?: string },
): Promise<CreatedAccount> {
  const v = validate(deps.db, input);
  const location = options.location === undefined ? null : validLocation(options.location);
  const hash = await deps.hasher.hash(password);
  return deps.db.transaction(() => {
    const at = deps.clock.now().toISOString();
    const userId = insertValidatedUser(deps.db, input, 'client', hash, options.mustChangePassword, at);
    const clientId = insertClient(deps.db, userId, v.name, at);
    if (location) setClientLocation(deps.db, clientId, ensureLocation(deps.db, location, at).location.id);
    insertMember(deps.db, {
      clientId,
      userId,
      role: 'client',
      relation: null,
      locked: true,
      allRights: true,
      createdAt: at,
    });
    audit(deps, null, {
      userId,
      username: v.username,
      clientId,
      action: 'account.create',
      outcome: 'success',
      detail: 'client',
    });
    return { userId, clientId };
  })();
}

/** A contact person in a client's network. Rights start empty: the client ticks them (DESIGN §3). */
export async function createContactAccount(
  deps: { db: Db; clock: Clock; hasher: PasswordHasher },
  input: AccountInput & { clientId: number; relation: string },
  password: string,
  options: { mustChangePassword: boolean; allRights?: boolean },
): Promise<{ userId: number }> {
  const v = validate(deps.db, input);
  const hash = await deps.hasher.hash(password);
  return deps.db.transaction(() => {
    const at = deps.clock.now().toISOString();
    const userId = insertValidatedUser(deps.db, input, 'contact', hash, options.mustChangePassword, at);
    insertMember(deps.db, {
      clientId: input.clientId,
      userId,
      role: 'contact',
      relation: input.relation,
      locked: false,
      allRights: options.allRights ?? false,
      createdAt: at,
    });
    audit(deps, null, {
      userId,
      username: v.username,
      clientId: input.clientId,
      action: 'account.create',
      outcome: 'success',
      detail: 'contact',
    });
    return { userId };
  })();
}

/** A staff member of one location: he registers ward computers there and helps its residents with their first login. */
export async function createStaffAccount(
  deps: { db: Db; clock: Clock; hasher: PasswordHasher },
  input: AccountInput & { location: string },
  password: string,
  options: { mustChangePassword: boolean },
): Promise<{ userId: number; location: string; locationCreated: boolean }> {
  const v = validate(deps.db, input);
  const locationName = validLocation(input.location);
  const hash = await deps.hasher.hash(password);
  return deps.db.transaction(() => {
    const at = deps.clock.now().toISOString();
    const userId = insertValidatedUser(deps.db, input, 'staff', hash, options.mustChangePassword, at);
    const { location, created } = ensureLocation(deps.db, locationName, at);
    insertStaffMember(deps.db, userId, location.id);
    audit(deps, null, {
      userId,
      username: v.username,
      action: 'account.create',
      outcome: 'success',
      detail: `staff @ ${location.name}`,
    });
    return { userId, location: location.name, locationCreated: created };
  })();
}
