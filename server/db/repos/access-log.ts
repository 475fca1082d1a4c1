import type { Db } from '../open.ts';
import { flushAuditQueue } from './audit-log.ts';
import type { AccessLogEntry } from '../../../shared/api/access-log.ts';

/** The audit actions that count as looking at or changing client data, per section: `<section>.<verb>`. */
const SECTION_ACTION = /^(appointments|messages|dossier|data)\.(read|create|update|delete)$/;

interface Row {
  at: string;
  user_id: number;
  display_name: string;
  action: string;
  role: AccessLogEntry['role'];
  relation: string | null;
}

/**
 * Successful reads and writes of one client's data in a period (both ends included), newest first. The section
 * filter is in SQL so that the LIMIT counts only what is returned.
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
         AND (a.action GLOB 'appointments.*' OR a.action GLOB 'messages.*' OR a.action GLOB 'dossier.*'
              OR a.action GLOB 'data.*')
       ORDER BY a.at DESC, a.id DESC
       LIMIT ?`,
    )
    .all(clientId, from, to, limit + 1) as Row[];
  const entries: AccessLogEntry[] = [];
  for (const r of rows.slice(0, limit)) {
    const m = SECTION_ACTION.exec(r.action);
    if (!m) continue;
    entries.push({
      at: r.at,
      userId: r.user_id,
      userName: r.display_name,
      role: r.role,
      relation: r.relation,
      section: m[1] as AccessLogEntry['section'],
      action: m[2] as AccessLogEntry['action'],
    });
  }
  return { entries, truncated: rows.length > limit };
}
