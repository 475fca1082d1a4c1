// Saving a new connection (server + mode): who may, and what happens. Saving restarts the app (app.relaunch + exit)
// instead of switching in place: the API proxy, the session partition, the kiosk window, the link allowlist and the
// renderer's stores all start from one connection, and a restart is the one way to be sure no part keeps the old
// server. Without Electron, so it is tested in plain Node (the IPC wiring is connection-ipc.ts).
import { z } from 'zod';
import { API_PREFIX, ApiPath } from '../../shared/api/paths.ts';
import type { ConnectionChoice, ConnectionSaveResult, ConnectionState, ServerCheck } from '../../shared/ipc.ts';
import { candidateOrigin, CHECK_TIMEOUT_MS, type CheckFetch } from './connection-check.ts';
import { isConfigured, writeSavedConnection } from './connection-config.ts';
import { IpcRejected } from './ipc-guard.ts';

export interface ConnectionIpcContext {
  state: ConnectionState;
  userDataDir: string;
  /** checkServer (connection-check.ts) with the session's fetch. */
  check: (address: string) => Promise<ServerCheck>;
  /** The portal session's fetch, its cookies included: tells main whose session the renderer has. */
  sessionFetch: CheckFetch;
  /** app.relaunch() + app.exit(0): called after the answer has gone back to the renderer. */
  relaunch: () => void;
}

const MeAnswer = z.object({ me: z.object({ kind: z.string() }) });

/**
 * Asks the current server itself whether this window's session is a staff member's: the renderer's word is not
 * enough, since on a ward computer anyone could otherwise point the shared PC at another server.
 */
export async function hasStaffSession(fetch: CheckFetch, serverOrigin: string): Promise<boolean> {
  try {
    const res = await fetch(`${serverOrigin}${API_PREFIX}${ApiPath.me}`, {
      method: 'GET',
      headers: { accept: 'application/json' },
      credentials: 'include',
      redirect: 'manual',
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    if (res.status !== 200) return false;
    const body = MeAnswer.safeParse(await res.json());
    return body.success && body.data.me.kind === 'staff';
  } catch {
    return false;
  }
}

/** Throws IpcRejected('not-allowed') when this choice (for `origin`) may not be saved now. */
export async function authoriseChange(
  ctx: Pick<ConnectionIpcContext, 'state' | 'sessionFetch'>,
  choice: ConnectionChoice,
  origin: string,
): Promise<void> {
  const { state } = ctx;
  if (state.serverLocked && origin !== state.serverOrigin) throw new IpcRejected('not-allowed');
  if (state.modeLocked && choice.mode !== state.mode) throw new IpcRejected('not-allowed');
  // A ward computer in use changes only under a staff login. Before its first connection nobody can sign in, so
  // the first-start page saves freely (IT presets the server in clientportaal.json where that matters).
  if (isConfigured(state) && state.mode === 'kiosk' && !(await hasStaffSession(ctx.sessionFetch, state.serverOrigin))) {
    throw new IpcRejected('not-allowed');
  }
}

export async function saveConnection(
  ctx: ConnectionIpcContext,
  choice: ConnectionChoice,
): Promise<ConnectionSaveResult> {
  const candidate = candidateOrigin(choice.server);
  if (!candidate.ok) return { saved: false, reason: candidate.reason };
  await authoriseChange(ctx, choice, candidate.origin);
  // Checked again here: what the renderer showed may be stale, and only a real portal server is ever saved.
  const check = await ctx.check(candidate.origin);
  if (!check.ok) return { saved: false, reason: check.reason };
  await writeSavedConnection(ctx.userDataDir, { server: check.origin, mode: choice.mode });
  // After this tick, so the renderer gets its answer before the process goes; the relaunch keeps the command line.
  setImmediate(ctx.relaunch);
  return { saved: true };
}
