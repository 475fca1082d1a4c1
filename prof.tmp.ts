import { openDatabase } from './server/db/open.ts';
import { systemClock } from './server/clock.ts';
import { homeForCaller } from './server/home/service.ts';
import { authenticate } from './server/auth/sessions.ts';
import { randomSessions } from './tests/bench/sessions.ts';
const db = openDatabase('./.portal-data/bench-1000x5/portal.sqlite');
const sessions = randomSessions(db, 1000, 200);
const deps: any = { db, clock: systemClock };
const meta = { ip: '127.0.0.1', userAgent: 'x', deviceSecrets: [], deviceKind: 'browser' as const };
function time(name: string, fn: (i: number) => void, n = 5000) {
  const t = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  console.log(name, (((performance.now() - t) / n) * 1000).toFixed(1), 'µs');
}
time('auth', (i) => authenticate(deps, sessions[i % 200]!.token, meta));
time('home', (i) => {
  const s = sessions[i % 200]!;
  const auth = authenticate(deps, s.token, meta);
  homeForCaller({ deps, auth, meta, clientId: s.clientId });
});
time('audit only', () => db.prepare("INSERT INTO audit_log (at, action, outcome) VALUES ('x','y','success')").run());
import { upcomingPanel } from './server/appointments/service.ts';
import { findMembership } from './server/db/repos/memberships.ts';
import { withoutFsync } from './server/db/open.ts';
import { listUpcoming, lastSyncedAt } from './server/db/repos/appointments.ts';
const auths = sessions.map((s) => ({ s, auth: authenticate(deps, s.token, meta) }));
time('upcomingPanel', (i) => {
  const { s, auth } = auths[i % 200]!;
  upcomingPanel({ deps, auth, meta, clientId: s.clientId });
});
time('listUpcoming', (i) => {
  listUpcoming(db, auths[i % 200]!.s.clientId, new Date().toISOString(), 4);
});
time('lastSynced', (i) => {
  lastSyncedAt(db, auths[i % 200]!.s.clientId);
});
time('membership', (i) => {
  const { s, auth } = auths[i % 200]!;
  findMembership(db, s.clientId, auth.user.id);
});
time('audit NORMAL', () =>
  withoutFsync(db, () => db.prepare("INSERT INTO audit_log (at, action, outcome) VALUES ('x','y','success')").run()),
);
