// Writes NEN 7513 audit entries with the request's address and device filled in.
import { appendAudit, type AuditEntry } from '../db/repos/audit-log.ts';
import { withoutFsync } from '../db/open.ts';
import type { AuthDeps, RequestMeta } from '../auth/deps.ts';

export type AuditInput = Pick<AuditEntry, 'action' | 'outcome'> & Partial<Omit<AuditEntry, 'action' | 'outcome'>>;

/**
 * Inside a transaction the row commits (durably) with the change it describes. On its own, which is the case for
 * every read of client data, it is written without an fsync: one per request would cap the portal at a few hundred
 * requests per second, and the row still survives a crash of the process (see withoutFsync).
 */
export function audit(deps: Pick<AuthDeps, 'db' | 'clock'>, meta: RequestMeta | null, e: AuditInput): void {
  if (deps.db.inTransaction) append(deps, meta, e);
  else withoutFsync(deps.db, () => append(deps, meta, e));
}

function append(deps: Pick<AuthDeps, 'db' | 'clock'>, meta: RequestMeta | null, e: AuditInput): void {
  appendAudit(deps.db, {
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
  });
}

function describeDevice(meta: RequestMeta): string {
  const ua = meta.userAgent ? meta.userAgent.slice(0, 200) : 'unknown';
  return `${meta.deviceKind}; ${ua}`;
}
