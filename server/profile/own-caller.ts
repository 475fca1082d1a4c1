// A signed-in request about the user himself (/me/...): no client, so no section right; the session is the check.
import { audit, type AuditInput } from '../audit/audit.ts';
import type { AuthDeps, RequestMeta } from '../auth/deps.ts';
import type { Authenticated } from '../auth/sessions.ts';

export interface OwnCaller {
  deps: AuthDeps;
  auth: Authenticated;
  meta: RequestMeta;
}

/** One audit row for the caller; inside a write's transaction it commits with the write. */
export function logOwn(c: OwnCaller, e: Omit<AuditInput, 'userId' | 'username'>): void {
  audit(c.deps, c.meta, { userId: c.auth.user.id, username: c.auth.user.username, ...e });
}
