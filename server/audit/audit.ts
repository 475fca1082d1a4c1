// Writes NEN 7513 audit entries with the request's address and device filled in.
import { appendAudit, queueAudit, type AuditEntry } from '../db/repos/audit-log.ts';
import type { AuthDeps, RequestMeta } from '../auth/deps.ts';

export type AuditInput = Pick<AuditEntry, 'action' | 'outcome'> & Partial<Omit<AuditEntry, 'action' | 'outcome'>>;

/**
 * Inside a transaction the row commits (durably) with the change it describes, or not at all. On its own, which is
 * the case for every read of client data, it joins the queue that is written at the end of this event-loop turn
 * (see queueAudit): one commit per read would cost more than the read.
 */
export function audit(deps: Pick<AuthDeps, 'db' | 'clock'>, meta: RequestMeta | null, e: AuditInput): void {
  const entry = toEntry(deps, meta, e);
  if (deps.db.inTransaction) appendAudit(deps.db, entry);
  else queueAudit(deps.db, entry);
}

function toEntry(deps: Pick<AuthDeps, 'db' | 'clock'>, meta: RequestMeta | null, e: AuditInput): AuditEntry {
  return {
    at: deps.clock.now().toISOString(),
    userId: e.userId ?? null,
    username: e.username ?? null,
    clientId: e.clientId ?? null,
    actingFor: e.actingFor ?? null,
    action: e.action,
    resource: e.resource ?? null,
    outcome: e.outcome,
    ip: e.ip ?? meta?.ip ?? null,
    device: e.device ?? (meta ? describeDevice(meta) : null),
    detail: e.detail ?? null,
  };
}

function describeDevice(meta: RequestMeta): string {
  const ua = meta.userAgent ? meta.userAgent.slice(0, 200) : 'unknown';
  return `${meta.deviceKind}; ${ua}`;
}
