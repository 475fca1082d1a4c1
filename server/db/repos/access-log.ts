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
  const rows = db
    .prepare(
      `SELECT a.at, a.user_id, u.display_name, a.action, m.role, m.relation
       FROM audit_log a
       JOIN users u ON u.id = a.user_id
       LEFT JOIN client_members m ON m.client_id = a.client_id AND m.user_id = a.user_id
       WHERE a.client_id = ? AND a.at >= ? AND a.at <= ? AND a.outcome = 'success'
         AND a.action GLOB '?*.?*' ${NOT_CLIENT_DATA.map(() => 'AND a.action NOT GLOB ?').join(' ')}
       ORDER BY a.at DESC, a.id DESC
       LIMIT ?`,
    )
    .all(clientId, from, to, ...NOT_CLIENT_DATA, limit + 1) as Row[];
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
