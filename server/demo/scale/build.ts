// `demo:seed --clients N --years Y`: a large, realistic database for benchmarks and load tests. Clients get a login
// (schaal-0001 …) and two contacts with every right; each feature's seeder fills its tables. One shared password
// hash keeps it fast (hashing thousands of passwords would take longer than all the data). Re-running continues
// where an earlier run stopped, so an interrupted build is not lost.
import { insertUser } from '../../db/repos/users.ts';
import { insertClient, insertMember } from '../../db/repos/clients.ts';
import { upsertStaffMember } from '../../db/repos/staff-members.ts';
import { solidPng } from '../../appointments/solid-png.ts';
import { FIRST_NAMES, LAST_NAMES, STAFF_ROLES } from './names.ts';
import { pick, seededRng } from './random.ts';
import { SCALE_SEEDERS } from './seeders.ts';
import type { ScaleClient, ScaleSeeder, ScaleWorld } from './types.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/open.ts';
import type { PasswordHasher } from '../../auth/passwords.ts';

export const SCALE_PASSWORD = 'Schaal-Demo-Wachtwoord-2026';
export const SCALE_CONTACTS_PER_CLIENT = 2;
const STAFF_COUNT = 60;
/** Clients per transaction: large enough that commits do not dominate, small enough to show progress. */
const BATCH = 10;

export interface ScaleOptions {
  clients: number;
  years: number;
  seed?: number;
  /** Called after every batch. */
  progress?: (p: ScaleProgress) => void;
  seeders?: ReadonlyArray<{ name: string; seed: ScaleSeeder }>;
}

export interface ScaleProgress {
  done: number;
  total: number;
  rows: number;
}

export interface ScaleResult extends ScaleProgress {
  skipped: number;
}

export const scaleUsername = (n: number) => `schaal-${String(n).padStart(4, '0')}`;
const contactUsername = (n: number, k: number) => `${scaleUsername(n)}-c${k}`;
/** A unique valid Dutch mobile number per generated user. */
const mobileFor = (n: number, k: number) => `+316${String(n * 10 + k).padStart(8, '0')}`;

export async function buildScaleDemo(
  deps: { db: Db; clock: Clock; hasher: PasswordHasher },
  o: ScaleOptions,
): Promise<ScaleResult> {
  const { db } = deps;
  const seeders = o.seeders ?? SCALE_SEEDERS;
  const now = deps.clock.now();
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - o.years);
  const rng = seededRng(o.seed ?? 20261124);
  const hash = await deps.hasher.hash(SCALE_PASSWORD);
  const at = now.toISOString();
  const world: ScaleWorld = { db, rng, now, from, staff: seedStaff(db, at) };

  const existing = new Set(
    (
      db.prepare("SELECT username FROM users WHERE username GLOB 'schaal-[0-9][0-9][0-9][0-9]'").all() as Array<{
        username: string;
      }>
    ).map((r) => r.username),
  );
  let rows = 0;
  let skipped = 0;
  for (let start = 1; start <= o.clients; start += BATCH) {
    db.transaction(() => {
      for (let n = start; n < Math.min(start + BATCH, o.clients + 1); n++) {
        if (existing.has(scaleUsername(n))) {
          skipped++;
          continue;
        }
        const client = createNetwork(db, n, hash, at, rng);
        for (const s of seeders) rows += s.seed(world, client);
      }
    })();
    o.progress?.({ done: Math.min(start + BATCH - 1, o.clients), total: o.clients, rows });
  }
  return { done: o.clients, total: o.clients, rows, skipped };
}

function seedStaff(db: Db, at: string): Array<{ id: number; name: string }> {
  const rng = seededRng(7);
  const staff: Array<{ id: number; name: string }> = [];
  for (let i = 0; i < STAFF_COUNT; i++) {
    const name = `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`;
    const colour = [Math.floor(rng() * 200), Math.floor(rng() * 200), Math.floor(rng() * 200)] as const;
    const id = upsertStaffMember(db, {
      displayName: name,
      role: pick(rng, STAFF_ROLES),
      photo: i % 3 === 0 ? null : { data: solidPng(48, colour), type: 'image/png' },
      source: 'demo-scale',
      externalId: `staff-${i}`,
      syncedAt: at,
    });
    staff.push({ id, name });
  }
  return staff;
}

function createNetwork(db: Db, n: number, hash: string, at: string, rng: () => number): ScaleClient {
  const last = pick(rng, LAST_NAMES);
  const clientName = `${pick(rng, FIRST_NAMES)} ${last}`;
  const user = (username: string, name: string, k: number, kind: 'client' | 'contact') =>
    insertUser(db, {
      username,
      displayName: name,
      email: `${username}@example.nl`,
      mobile: mobileFor(n, k),
      kind,
      passwordHash: hash,
      mustChangePassword: false,
      createdAt: at,
    });
  const clientUserId = user(scaleUsername(n), clientName, 0, 'client');
  const clientId = insertClient(db, clientUserId, clientName, at);
  insertMember(db, {
    clientId,
    userId: clientUserId,
    role: 'client',
    relation: null,
    locked: true,
    allRights: true,
    createdAt: at,
  });
  const contactUserIds: number[] = [];
  for (let k = 1; k <= SCALE_CONTACTS_PER_CLIENT; k++) {
    const id = user(contactUsername(n, k), `${pick(rng, FIRST_NAMES)} ${last}`, k, 'contact');
    insertMember(db, {
      clientId,
      userId: id,
      role: 'contact',
      relation: k === 1 ? 'Eerste relatie/contactpersoon' : 'Familie',
      locked: false,
      allRights: true,
      createdAt: at,
    });
    contactUserIds.push(id);
  }
  return { clientId, clientUserId, clientName, contactUserIds };
}
