// Authorisation for client data (DESIGN §7): deny by default. A user outside the client's network gets 404, so
// the answer does not even reveal that the client exists; a member without the section right gets 403. Both are
// written to the audit log as refused access.
import { HttpError } from '../http/errors.ts';
import { audit } from '../audit/audit.ts';
import type { Membership } from '../db/repos/memberships.ts';
import { membershipOf } from './membership-cache.ts';
import type { Section } from '../../shared/sections.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';
import type { Authenticated } from './sessions.ts';

export function requireSection(
  deps: AuthDeps,
  auth: Authenticated,
  clientId: number,
  section: Section,
  meta: RequestMeta,
  resource: string,
): Membership {
  const membership = membershipOf(deps.db, auth, clientId, deps.clock.now());
  if (!membership || !membership.rights[section]) {
    audit(deps, meta, {
      userId: auth.user.id,
      username: auth.user.username,
      clientId,
      action: `${section}.access`,
      resource,
      outcome: 'denied',
      detail: membership ? 'no-right' : 'not-a-member',
    });
    if (!membership) throw new HttpError(404, 'not_found', 'No such client');
    throw new HttpError(403, 'forbidden', 'No access to this section');
  }
  return membership;
}
