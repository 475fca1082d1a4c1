// Command-line switches of the desktop app. Parsed without Electron so the rules are unit-tested; an invalid value
// stops the app with a message instead of silently talking to the wrong server.
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8470';

export interface LaunchOptions {
  /** Origin of the portal server (scheme://host[:port]), the only place the renderer may connect to. */
  serverOrigin: string;
  /** Shared ward computer: fullscreen kiosk window, no devtools, in-memory session. */
  kiosk: boolean;
}

export class ArgsError extends Error {}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Accepts `--server URL` and `--server=URL`, plus `--kiosk`. Unknown switches are ignored because Chromium and the
 * OS (e.g. macOS `-psn_...`) add their own.
 */
export function parseLaunchArgs(argv: readonly string[]): LaunchOptions {
  let server: string | undefined;
  let kiosk = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--kiosk') kiosk = true;
    else if (arg === '--server') {
      server = argv[i + 1];
      if (server === undefined || server.startsWith('--')) throw new ArgsError('--server verwacht een URL');
      i++;
    } else if (arg?.startsWith('--server=')) server = arg.slice('--server='.length);
  }
  return { serverOrigin: toServerOrigin(server ?? DEFAULT_SERVER_URL), kiosk };
}

/**
 * Plain http is only accepted for a server on this machine: passwords, SMS codes and the device secret must not
 * cross a network unencrypted.
 */
export function toServerOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ArgsError(`Ongeldige server-URL: ${value}`);
  }
  if (url.username || url.password) throw new ArgsError('De server-URL mag geen gebruikersnaam of wachtwoord bevatten');
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url.origin;
  throw new ArgsError(`De server-URL moet https gebruiken (http alleen voor deze computer): ${value}`);
}
