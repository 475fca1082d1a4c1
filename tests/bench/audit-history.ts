// The audit log of a portal that has been in use for a while: 100 visits over the past year by every member of every
// client. Without it the benchmark would start on the nearly empty log of a fresh database, where the rows of many
// users share an index page, and every run would start on the log its predecessors left: the cost of moving new
// rows into the indexed part (background-maintenance.ts) depends on how spread out the log's index pages are.
import type { Db } from '../../server/db/open.ts';

const VISITS_PER_MEMBER = 100;
const MINUTES_PER_YEAR = 365 * 24 * 60;

export function ensureAuditHistory(db: Db): number {
  const members = (db.prepare('SELECT COUNT(*) AS n FROM client_members').get() as { n: number }).n;
  const wanted = members * VISITS_PER_MEMBER;
  const present = (db.prepare('SELECT COUNT(*) AS n FROM audit_entries').get() as { n: number }).n;
  if (present >= wanted) return 0;
  return db.transaction(() => {
    // Through audit_recent, which hands out the ids, then moved as the background worker moves rows.
    const added = db
      .prepare(
        `WITH RECURSIVE visit(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM visit WHERE i < ?)
         INSERT INTO audit_recent (at, user_id, username, client_id, action, resource, outcome, ip, device)
         SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now', printf('-%d minutes', (visit.i * 5233 + m.user_id * 7919) % ?)),
                m.user_id, u.username, m.client_id, 'home.read', 'home', 'success', '127.0.0.1', 'browser; history'
         FROM client_members m JOIN users u ON u.id = m.user_id, visit`,
      )
      .run(VISITS_PER_MEMBER, MINUTES_PER_YEAR).changes;
    db.exec(`INSERT INTO audit_entries (id, at, user_id, username, client_id, acting_for, action, resource, outcome, ip,
               device, detail)
             SELECT id, at, user_id, username, client_id, acting_for, action, resource, outcome, ip, device, detail
             FROM audit_recent;
             DELETE FROM audit_recent;`);
    return added;
  })();
}
