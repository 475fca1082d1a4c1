// Serves the built renderer over app://portal/ (see app-origin.ts for why not file://), with the CSP on every response.
import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { API_PREFIX } from '../../shared/api/paths.ts';
import { APP_SCHEME, isAppUrl } from './app-origin.ts';
import { contentTypeFor, resolveAssetPath } from './asset-path.ts';
import { appResponseHeaders } from './csp.ts';

function isApiCall(url: string): boolean {
  return isAppUrl(url) && new URL(url).pathname.startsWith(`${API_PREFIX}/`);
}

/** Must run before `app` is ready: privileges cannot be added to a scheme later. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin and relative URLs; secure: counts as a secure context like https.
      // No bypassCSP, no corsEnabled, no service workers: nothing the renderer needs.
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

/**
 * Protocol handlers are per session, so the kiosk's in-memory partition needs its own registration. Calls under
 * /api/ go to `api` (the proxy to the server, api-proxy.ts); everything else is a file of the renderer.
 */
export function serveRenderer(ses: Session, rendererDir: string, api: (request: Request) => Promise<Response>): void {
  const headers = appResponseHeaders();
  ses.protocol.handle(APP_SCHEME, async (request) => {
    if (isApiCall(request.url)) return api(request);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers });
    }
    const lookup = resolveAssetPath(rendererDir, request.url);
    if (lookup.kind === 'bad-request') return new Response(null, { status: 400, headers });
    if (lookup.kind === 'forbidden') return new Response(null, { status: 403, headers });
    if (lookup.kind === 'not-found') return new Response(null, { status: 404, headers });
    try {
      const body = await readFile(lookup.file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...headers, 'Content-Type': contentTypeFor(lookup.file) },
      });
    } catch {
      return new Response(null, { status: 404, headers });
    }
  });
}
