// The home screen for a caller: one membership lookup, the panels his rights allow, one audit row naming them.
// The answer is served from the panel cache while the client's data version, the caller's view and the time allow.
import { HttpError } from '../http/errors.ts';
import type { Membership } from '../db/repos/memberships.ts';
import { membershipOf } from '../auth/membership-cache.ts';
import { logFor, type Caller } from '../auth/caller.ts';
import { PANEL_PROVIDERS } from './panels.ts';
import { cachedHome, storeHome, type CachedHome } from './panel-cache.ts';

/** The home screen as UTF-8 JSON (what the route sends): built, or taken from the cache when nothing changed. */
export function homeJsonForCaller(c: Caller): Buffer {
  const membership = membershipOf(c.deps.db, c.auth, c.clientId, c.deps.clock.now());
  if (!membership) {
    logFor(c, { action: 'home.access', resource: 'home', outcome: 'denied', detail: 'not-a-member' });
    throw new HttpError(404, 'not_found', 'No such client');
  }
  const now = c.deps.clock.now().getTime();
  const want = { dataVersion: membership.dataVersion, viewKey: viewKeyOf(c, membership), now };
  const home = cachedHome(c.deps.db, c.clientId, c.auth.user.id, want) ?? buildHome(c, membership, want.viewKey, now);
  logFor(c, { action: 'home.read', resource: `home:${home.shown}`, outcome: 'success' });
  return home.body;
}

const VIEWER_KINDS = ['client', 'contact', 'staff'] as const;

/**
 * What, besides the data, decides the answer, as one number: a bit per panel the rights show, and the kind of user
 * (staff see appointments redacted).
 */
function viewKeyOf(c: Caller, m: Membership): number {
  let key = VIEWER_KINDS.indexOf(c.auth.user.kind) + 1;
  for (const p of PANEL_PROVIDERS) key = key * 2 + (m.rights[p.section] ? 1 : 0);
  return key;
}

function buildHome(c: Caller, membership: Membership, viewKey: number, now: number): CachedHome {
  const out: Record<string, unknown> = {};
  const shown: string[] = [];
  let validUntil = Number.POSITIVE_INFINITY;
  for (const p of PANEL_PROVIDERS) {
    if (!membership.rights[p.section]) continue;
    const panel = p.load(c);
    out[p.key] = panel;
    shown.push(p.key);
    const at = p.changesAt?.(panel);
    if (at) validUntil = Math.min(validUntil, Date.parse(at));
  }
  const entry: CachedHome = {
    // The version read before building: a change committed meanwhile by another process makes the next visit rebuild.
    dataVersion: membership.dataVersion,
    viewKey,
    builtAt: now,
    validUntil,
    shown: shown.join(',') || 'none',
    body: Buffer.from(JSON.stringify(out)),
  };
  storeHome(c.deps.db, c.clientId, c.auth.user.id, entry);
  return entry;
}
