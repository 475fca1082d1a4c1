// Checks a server address typed on the first-start page before anything is saved: the same origin rules as
// `--server` (args.ts), then the server's public info (GET /api/v1/info) must answer like a Cliëntportaal server.
// Main does this, not the renderer: the renderer may only talk to app://portal, and it cannot show a remote logo
// (CSP img-src 'self' data: blob:), so the logo comes back as a data: URL.
import { z } from 'zod';
import { API_PREFIX, ApiPath } from '../../shared/api/paths.ts';
import type { ServerCheck } from '../../shared/ipc.ts';
import { parseServerOrigin, type ServerOriginResult } from './args.ts';

export type CheckFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface CheckServerOptions {
  /** Electron: the portal session's fetch (system proxy and certificate store, like the app's later calls). */
  fetch: CheckFetch;
  /** Per request; a server that does not answer in time counts as unreachable. */
  timeoutMs?: number;
}

export const CHECK_TIMEOUT_MS = 8000;
/** Far more than any info answer; a larger one is not from our server. */
const MAX_INFO_BYTES = 64 * 1024;
/** A logo is shown 40 px high: half a megabyte is plenty, and more would bloat the IPC answer. */
export const MAX_LOGO_BYTES = 512 * 1024;
/** The types the server's logo route sends (server/config.ts LOGO_TYPES). */
const LOGO_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml']);

/** Only the fields the first-start page uses; the rest of PublicInfo may grow without breaking old apps. */
const InfoAnswer = z.object({
  organisationName: z.string().trim().min(1).max(200),
  logoUrl: z.string().nullable(),
});

/** People type "portaal.careyn.nl": without a scheme the address means https, the only one a remote portal has. */
export function candidateOrigin(address: string): ServerOriginResult {
  const trimmed = address.trim();
  return parseServerOrigin(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
}

class TooLarge extends Error {}

/** The body, refused past `max` bytes without reading the rest (a wrong server might stream anything). */
async function readLimited(res: Response, max: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw new TooLarge();
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function get(o: CheckServerOptions, url: string, accept: string): Promise<Response> {
  return o.fetch(url, {
    method: 'GET',
    headers: { accept },
    // No cookies: this server is not chosen yet. A redirect would lead to a server other than the one typed.
    credentials: 'omit',
    redirect: 'manual',
    signal: AbortSignal.timeout(o.timeoutMs ?? CHECK_TIMEOUT_MS),
  });
}

function mediaType(res: Response): string {
  return (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The logo as a data: URL, or null: a missing or odd logo is no reason to refuse the server (the name shows). */
async function fetchLogo(o: CheckServerOptions, origin: string): Promise<string | null> {
  try {
    const res = await get(o, `${origin}${API_PREFIX}${ApiPath.infoLogo}`, 'image/*');
    const type = mediaType(res);
    if (res.status !== 200 || !LOGO_TYPES.has(type)) {
      await res.body?.cancel();
      return null;
    }
    const bytes = await readLimited(res, MAX_LOGO_BYTES);
    return bytes.byteLength ? `data:${type};base64,${Buffer.from(bytes).toString('base64')}` : null;
  } catch {
    return null;
  }
}

export async function checkServer(address: string, o: CheckServerOptions): Promise<ServerCheck> {
  const candidate = candidateOrigin(address);
  if (!candidate.ok) return { ok: false, reason: candidate.reason };
  const { origin } = candidate;

  let res: Response;
  try {
    res = await get(o, `${origin}${API_PREFIX}${ApiPath.info}`, 'application/json');
  } catch {
    // DNS failure, refused connection, bad certificate, timeout: all "cannot reach it" to the user.
    return { ok: false, reason: 'unreachable' };
  }
  let json: unknown;
  try {
    if (res.status !== 200 || mediaType(res) !== 'application/json') {
      await res.body?.cancel();
      return { ok: false, reason: 'not-portal' };
    }
    json = JSON.parse(new TextDecoder().decode(await readLimited(res, MAX_INFO_BYTES)));
  } catch (err) {
    // A body cut off by the timeout is a slow server; anything else in the body is not our server.
    return { ok: false, reason: err instanceof TooLarge || err instanceof SyntaxError ? 'not-portal' : 'unreachable' };
  }
  const info = InfoAnswer.safeParse(json);
  if (!info.success) return { ok: false, reason: 'not-portal' };
  const logo = info.data.logoUrl === null ? null : await fetchLogo(o, origin);
  return { ok: true, origin, organisationName: info.data.organisationName, logo };
}
