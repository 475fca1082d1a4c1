// A signed-in request on behalf of one client: what every client-data use case (agenda, messages, dossier,
// gegevens) receives from its route. The section check and the audit row go through here, so no use case can
// forget either.
import { audit, type AuditInput } from '../audit/audit.ts';
import { requireSection } from './access.ts';
import { parse } from '../http/validate.ts';
import { ClientIdParams } from '../../shared/api/clients.ts';
import type { Section } from '../../shared/sections.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';
import type { Authenticated } from './sessions.ts';
import type { Membership } from '../db/repos/memberships.ts';

export interface Caller {
  deps: AuthDeps;
  auth: Authenticated;
  meta: RequestMeta;
  clientId: number;
}

/**
 * Request input arrives as a thunk: it is parsed only after the access check, so a stranger or a member without the
 * right gets 404/403, never validation details about a client he may not see.
 */
export type Input<T> = () => T;

/** The Caller of a route under /clients/:clientId (the id is parsed, so a malformed one is a 400 before anything). */
export function callerOf(
  deps: AuthDeps,
  ctx: { state: { auth: Authenticated; meta: RequestMeta }; params: Record<string, string> },
): Caller {
  return { deps, auth: ctx.state.auth, meta: ctx.state.meta, clientId: parse(ClientIdParams, ctx.params).clientId };
}

/** 404 for a stranger, 403 without the section right (both audited); the membership otherwise. */
export function allowSection(c: Caller, section: Section, resource: string): Membership {
  return requireSection(c.deps, c.auth, c.clientId, section, c.meta, resource);
}

/** One audit row for this caller and client (NEN 7513). Inside a write's transaction it commits with the write. */
export function logFor(c: Caller, e: Omit<AuditInput, 'userId' | 'username' | 'clientId'>): void {
  audit(c.deps, c.meta, { userId: c.auth.user.id, username: c.auth.user.username, clientId: c.clientId, ...e });
}
