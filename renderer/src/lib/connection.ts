// The desktop app's connection as the renderer sees it (main decides; see electron/main/connection-config.ts).
// In a browser there is no bridge and nothing to set up: the page's own server is the connection.
import type { Bridge, ConnectionState, ServerCheckFailure } from '../../../shared/ipc.ts';
import { desktopBridge } from './desktop.ts';

/** Null in a browser, and when main cannot say (an older main without the channel): then the app runs as it is. */
export async function readConnection(bridge: Bridge | null = desktopBridge()): Promise<ConnectionState | null> {
  if (!bridge) return null;
  try {
    return await bridge.connection();
  } catch {
    return null;
  }
}

/** True when main has no server or no mode yet: every page then goes to the first-start page. */
export function needsSetup(state: ConnectionState | null): boolean {
  return state !== null && (state.serverOrigin === null || state.mode === null);
}

export const FAILURE_KEYS: Record<ServerCheckFailure, string> = {
  'invalid-url': 'connection.errors.invalidUrl',
  'not-https': 'connection.errors.notHttps',
  unreachable: 'connection.errors.unreachable',
  'not-portal': 'connection.errors.notPortal',
};

/**
 * A refused save: main rejects with IpcRejected('not-allowed') when a ward computer has no staff session (or a
 * locked field differs). Electron passes only the message across ("Error invoking remote method …: not-allowed").
 */
export function saveErrorKey(error: unknown): string {
  return /not-allowed/.test(String(error)) ? 'connection.errors.notAllowed' : 'connection.errors.failed';
}
