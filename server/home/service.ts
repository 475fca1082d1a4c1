// The home screen for a caller: one membership lookup, the panels his rights allow, one audit row naming them.
import { HttpError } from '../http/errors.ts';
import { findMembership } from '../db/repos/memberships.ts';
import { logFor, type Caller } from '../auth/caller.ts';
import { PANEL_PROVIDERS } from './panels.ts';
import type { HomeResponse } from '../../shared/api/home.ts';

export function homeForCaller(c: Caller): HomeResponse {
  const membership = findMembership(c.deps.db, c.clientId, c.auth.user.id);
  if (!membership) {
    logFor(c, { action: 'home.access', resource: 'home', outcome: 'denied', detail: 'not-a-member' });
    throw new HttpError(404, 'not_found', 'No such client');
  }
  const out: Record<string, unknown> = {};
  const shown: string[] = [];
  for (const p of PANEL_PROVIDERS) {
    if (!membership.rights[p.section]) continue;
    out[p.key] = p.load(c);
    shown.push(p.key);
  }
  logFor(c, { action: 'home.read', resource: `home:${shown.join(',') || 'none'}`, outcome: 'success' });
  return out as HomeResponse;
}
