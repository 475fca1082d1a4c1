// The renderer's API calls in the desktop app. The renderer (served from app://portal/) calls /api/v1/… on its own
// origin, as in a browser; the main process forwards each call to the organisation's server with the session's
// fetch (its cookie jar keeps the HttpOnly sign-in cookies, out of the renderer's reach). Here the device secret of
// the OS keychain joins the sign-in (DESIGN §5): sent with the password of the user it belongs to, taken from the
// server's answer after a correct SMS code and stored, and removed from every answer before the renderer sees it.
// In kiosk mode (a shared ward computer) no resident's device is remembered.
import {
  API_PREFIX,
  ApiPath,
  DEVICE_SECRET_HEADER,
  WARD_COMPUTER_HEADER,
  WARD_COMPUTER_SECRET_HEADER,
} from '../../shared/api/paths.ts';
import { ErrorCode } from '../../shared/api/errors.ts';
import type { DeviceSecretStore } from './device-secret-store.ts';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface ApiProxyOptions {
  /** The organisation's server, e.g. https://careyn.mijncaress.example */
  serverOrigin: string;
  /** The session's fetch (Electron's session.fetch: the session's cookies go along). */
  fetch: Fetch;
  secrets: DeviceSecretStore;
  /** False on a ward computer: residents share it, so no one's device is remembered. */
  rememberDevices: boolean;
  /**
   * A ward computer (kiosk): every call carries the computer's own secret from the keychain (once a staff member has
   * registered it), so the server knows it as the ward computer of its location.
   */
  wardComputer?: boolean;
}

/** Request headers passed on to the server; cookies come from the session, the Origin is main's own (none). */
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'user-agent'];

const LOGIN = API_PREFIX + ApiPath.login;
const WARD_COMPUTER = API_PREFIX + ApiPath.wardComputer;

function usernameOf(body: ArrayBuffer | undefined): string | null {
  if (!body) return null;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(body)) as { username?: unknown };
    return typeof parsed.username === 'string' && parsed.username.trim() ? parsed.username : null;
  } catch {
    return null;
  }
}

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

function nextStepOf(body: ArrayBuffer): string | null {
  try {
    const step = JSON.parse(new TextDecoder().decode(body)) as { next?: unknown };
    return typeof step.next === 'string' ? step.next : null;
  } catch {
    return null;
  }
}

function keychainUnavailable(): Response {
  const error = { code: ErrorCode.keychainUnavailable, message: 'This computer has no working keychain' };
  return new Response(JSON.stringify({ error }), { status: 503, headers: { 'content-type': 'application/json' } });
}

export function createApiProxy(o: ApiProxyOptions): (request: Request) => Promise<Response> {
  const origin = new URL(o.serverOrigin).origin;
  /** Whose sign-in is under way: the username of the last password step of this window. */
  let signingIn: string | null = null;
  /** The ward computer's secret, read from the keychain once (undefined: not read yet). */
  let wardSecret: string | null | undefined;
  const currentWardSecret = async () => (wardSecret ??= await o.secrets.loadWardComputer(origin));

  return async (request) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) return new Response(null, { status: 404 });
    const headers = new Headers();
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();

    let sentSecret = false;
    if (request.method === 'POST' && url.pathname === LOGIN) {
      signingIn = usernameOf(body);
      const secret = signingIn && o.rememberDevices ? await o.secrets.load(origin, signingIn) : null;
      if (secret) {
        headers.set(DEVICE_SECRET_HEADER, secret);
        sentSecret = true;
      }
    }

    const ward = o.wardComputer ? await currentWardSecret() : null;
    if (ward) headers.set(WARD_COMPUTER_HEADER, ward);

    const answer = await o.fetch(origin + url.pathname + url.search, {
      method: request.method,
      headers,
      ...(body ? { body } : {}),
      // Electron: the session's cookies go along and the answer's are kept (not set: none are sent).
      credentials: 'include',
      redirect: 'manual',
    });
    const issued = answer.headers.get(DEVICE_SECRET_HEADER);
    const wardIssued = answer.headers.get(WARD_COMPUTER_SECRET_HEADER);
    const out = new Headers(answer.headers);
    out.delete(DEVICE_SECRET_HEADER);
    out.delete(WARD_COMPUTER_SECRET_HEADER);
    out.delete('set-cookie');
    const text = await answer.arrayBuffer();

    if (o.wardComputer && url.pathname === WARD_COMPUTER && answer.ok) {
      // A staff member registered this computer (again) or ended its registration.
      if (request.method === 'POST' && wardIssued) {
        const saved = await o.secrets.saveWardComputer(origin, wardIssued);
        // Without a keychain the computer cannot prove itself later: say so rather than show "registered".
        if (!saved.stored) return keychainUnavailable();
        wardSecret = wardIssued;
      } else if (request.method === 'DELETE') {
        await o.secrets.forgetWardComputer(origin);
        wardSecret = null;
      }
    }

    if (issued && signingIn && o.rememberDevices) await o.secrets.save(origin, signingIn, issued);
    // The server asks for an SMS code although a secret went along: it no longer knows this device (revoked).
    if (sentSecret && answer.ok && signingIn && nextStepOf(text) === 'verify-device') {
      await o.secrets.forget(origin, signingIn);
    }
    const noBody = request.method === 'HEAD' || NULL_BODY_STATUS.has(answer.status);
    return new Response(noBody ? null : text, {
      status: answer.status,
      statusText: answer.statusText,
      headers: out,
    });
  };
}
