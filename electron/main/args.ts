// Command-line switches of the desktop app. Parsed without Electron so the rules are unit-tested; an invalid value
// stops the app with a message instead of silently talking to the wrong server.
// There is no default server: without `--server` the server comes from IT's clientportaal.json, the user's saved
// choice or the first-start page (connection-config.ts).

export interface LaunchOptions {
  /** `--server`: origin of the portal server (scheme://host[:port]); null when not given. */
  serverOrigin: string | null;
  /** `--kiosk`: shared ward computer (fullscreen kiosk window, no devtools, in-memory session). False: not given. */
  kiosk: boolean;
  /** Kiosk: minutes without input before the resident is signed out (`--idle-minutes`, 1–60; default 5). */
  idleMinutes: number;
}

export const DEFAULT_IDLE_MINUTES = 5;

export class ArgsError extends Error {}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Accepts `--server URL` and `--server=URL`, `--kiosk` and `--idle-minutes N` (or `=N`). Unknown switches are ignored because Chromium and the
 * OS (e.g. macOS `-psn_...`) add their own.
 */
export function parseLaunchArgs(argv: readonly string[]): LaunchOptions {
  let server: string | undefined;
  let kiosk = false;
  let idle: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--kiosk') kiosk = true;
    else if (arg === '--idle-minutes') idle = argv[++i] ?? '';
    else if (arg?.startsWith('--idle-minutes=')) idle = arg.slice('--idle-minutes='.length);
    else if (arg === '--server') {
      server = argv[i + 1];
      if (server === undefined || server.startsWith('--')) throw new ArgsError('--server verwacht een URL');
      i++;
    } else if (arg?.startsWith('--server=')) server = arg.slice('--server='.length);
  }
  return {
    serverOrigin: server === undefined ? null : toServerOrigin(server),
    kiosk,
    idleMinutes: toIdleMinutes(idle),
  };
}

function toIdleMinutes(value: string | undefined): number {
  if (value === undefined) return DEFAULT_IDLE_MINUTES;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 60)
    throw new ArgsError('--idle-minutes verwacht een aantal minuten van 1 tot 60');
  return n;
}

export type ServerOriginResult =
  { ok: true; origin: string } | { ok: false; reason: 'invalid-url' | 'not-https'; message: string };

/**
 * Plain http is only accepted for a server on this machine: passwords, SMS codes and the device secret must not
 * cross a network unencrypted. The reason lets the first-start page say which rule a typed address breaks.
 */
export function parseServerOrigin(value: string): ServerOriginResult {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'invalid-url', message: `Ongeldige server-URL: ${value}` };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      reason: 'invalid-url',
      message: 'De server-URL mag geen gebruikersnaam of wachtwoord bevatten',
    };
  }
  if (url.protocol === 'https:') return { ok: true, origin: url.origin };
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return { ok: true, origin: url.origin };
  if (url.protocol === 'http:') {
    return {
      ok: false,
      reason: 'not-https',
      message: `De server-URL moet https gebruiken (http alleen voor deze computer): ${value}`,
    };
  }
  return { ok: false, reason: 'invalid-url', message: `De server-URL moet met https:// beginnen: ${value}` };
}

/** As parseServerOrigin, throwing ArgsError with the Dutch message (command line, config files). */
export function toServerOrigin(value: string): string {
  const result = parseServerOrigin(value);
  if (!result.ok) throw new ArgsError(result.message);
  return result.origin;
}
