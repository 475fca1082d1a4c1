// Signed-in sessions for random generated clients and contacts, made with the server's own session code (the SMS
// step is not what the benchmark measures).
import { startSession } from '../../server/auth/sessions.ts';
import { findUserByUsername } from '../../server/db/repos/users.ts';
import { listMembershipsOfUser } from '../../server/db/repos/memberships.ts';
import { scaleUsername } from '../../server/demo/scale/build.ts';
import { seededRng } from '../../server/demo/scale/random.ts';
import { systemClock } from '../../server/clock.ts';
import type { Db } from '../../server/db/open.ts';

export interface BenchSession {
  token: string;
  clientId: number;
  username: string;
}

export function randomSessions(
  db: Db,
  clients: number,
  count: number,
  o: { clientOnly?: boolean } = {},
): BenchSession[] {
  const rng = seededRng(o.clientOnly ? 7 : 99);
  const deps = { db, clock: systemClock };
  const meta = { ip: '127.0.0.1', userAgent: 'bench', deviceSecrets: [], deviceKind: 'browser' as const };
  return db.transaction(() => {
    const out: BenchSession[] = [];
    for (let i = 0; i < count; i++) {
      const n = 1 + Math.floor(rng() * clients);
      // a third of the visits by a contact, the rest by the client himself
      const username = !o.clientOnly && rng() < 0.33 ? `${scaleUsername(n)}-c1` : scaleUsername(n);
      const user = findUserByUsername(db, username);
      if (!user) throw new Error(`${username} is missing: rebuild with --fresh`);
      const clientId = listMembershipsOfUser(db, user.id, new Date())[0]!.clientId;
      out.push({ token: startSession(deps, user, null, meta).token, clientId, username });
    }
    return out;
  })();
}
