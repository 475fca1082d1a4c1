import type { Db } from '../open.ts';
import { flushAuditQueue } from './audit-log.ts';
import type { AccessLogEntry } from '../../../shared/api/access-log.ts';

/**
 * Audit actions on a client that are not "looking at or changing his data": reading this very list (it would fill
 * itself), the administrator's work and the account and sign-in events. Everything else that succeeded on the
 * client's id is shown, so the sections added later (messages.*, dossier.*, details.*, board.*) appear without a
 * change here.
 */
const NOT_CLIENT_DATA = [
  'access-log.*',
  'admin.*',
  'account.*',
  'login*',
  'logout*',
  'password.*',
  'device.*',
  'session.*',
] as const;

interface Row {
  at: string;
  user_id: number;
  display_name: string;
  action: string;
  role: AccessLogEntry['role'];
  relation: string | null;
}

/**
 * Successful reads and writes of one client's data in a period (both ends included), newest first. The filter is in
 * SQL so that the LIMIT counts only what is returned.
 */
export function listAccessLog(
  db: Db,
  clientId: number,
  from: string,
  to: string,
  limit: number,
): { entries: AccessLogEntry[]; truncated: boolean } {
  flushAuditQueue(db);
  // The indexed part of the log gives its newest matching rows (the index on (client_id, at) serves the order, so it
  // stops after limit + 1); the few rows not yet moved there are added; the two together are sorted once more.
  const match = `client_id = ? AND at >= ? AND at <= ? AND outcome = 'success'
    AND action GLOB '?*.?*' ${NOT_CLIENT_DATA.map(() => 'AND action NOT GLOB ?').join(' ')}`;
  const args = [clientId, from, to, ...NOT_CLIENT_DATA];
  const rows = db
    .prepare(
      `SELECT a.at, a.user_id, u.display_name, a.action, m.role, m.relation
       FROM (
         SELECT * FROM (
           SELECT id, at, user_id, client_id, action FROM audit_entries WHERE ${match}
           ORDER BY at DESC, id DESC LIMIT ?)
         UNION ALL
         SELECT id, at, user_id, client_id, action FROM audit_recent WHERE ${match}
       ) a
       JOIN users u ON u.id = a.user_id
       LEFT JOIN client_members m ON m.client_id = a.client_id AND m.user_id = a.user_id
       ORDER BY a.at DESC, a.id DESC
       LIMIT ?`,
    )
    .all(...args, limit + 1, ...args, limit + 1) as Row[];
  const entries = rows.slice(0, limit).map((r): AccessLogEntry => ({
    at: r.at,
    userId: r.user_id,
    userName: r.display_name,
    role: r.role,
    relation: r.relation,
    action: r.action,
  }));
  return { entries, truncated: rows.length > limit };
}
