// checkServer against a real HTTP server on 127.0.0.1 (node:http, free port) that plays a portal server, a wrong
// server and a silent one. The real portal server is used in tests/integration/desktop-connection.test.ts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { candidateOrigin, checkServer, MAX_LOGO_BYTES } from './connection-check.ts';

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const json =
  (body: unknown, status = 200): Route =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
const INFO = { organisationName: 'Careyn', supportEmail: 'x@careyn.nl', logoUrl: '/api/v1/info/logo' };

let routes: Record<string, Route> = {};
let requests: Array<{ url: string }> = [];
let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '' });
    const route = routes[req.url ?? ''];
    if (route) return route(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  routes = {};
  requests = [];
});

const check = (address: string, timeoutMs = 2000) => checkServer(address, { fetch: (u, i) => fetch(u, i), timeoutMs });

describe('checkServer', () => {
  it('returns the organisation name and the logo as a data: URL', async () => {
    routes['/api/v1/info'] = json(INFO);
    routes['/api/v1/info/logo'] = (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    expect(await check(`${origin}/een/pad?x=1`)).toEqual({
      ok: true,
      origin,
      organisationName: 'Careyn',
      logo: `data:image/png;base64,${PNG.toString('base64')}`,
    });
    expect(requests.map((r) => r.url)).toEqual(['/api/v1/info', '/api/v1/info/logo']);
  });

  it('asks without cookies and follows no redirect (Electron: the session must not leak to a candidate)', async () => {
    routes['/api/v1/info'] = json(INFO);
    const inits: RequestInit[] = [];
    await checkServer(origin, { fetch: (u, i) => (inits.push(i), fetch(u, i)) });
    expect(inits).toHaveLength(2);
    for (const init of inits) expect(init).toMatchObject({ method: 'GET', credentials: 'omit', redirect: 'manual' });
    expect(inits[0]!.signal).toBeInstanceOf(AbortSignal);
  });

  it('accepts a server without a logo, or with a logo that cannot be shown', async () => {
    routes['/api/v1/info'] = json({ ...INFO, logoUrl: null });
    expect(await check(origin)).toMatchObject({ ok: true, logo: null });
    expect(requests).toHaveLength(1);

    routes['/api/v1/info'] = json(INFO);
    expect(await check(origin)).toMatchObject({ ok: true, organisationName: 'Careyn', logo: null });
    routes['/api/v1/info/logo'] = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<b>x</b>');
    expect(await check(origin)).toMatchObject({ ok: true, logo: null });
    const huge = Buffer.alloc(MAX_LOGO_BYTES + 1);
    routes['/api/v1/info/logo'] = (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(huge);
    expect(await check(origin)).toMatchObject({ ok: true, logo: null });
  });

  it('calls a server that answers otherwise "not a Cliëntportaal server"', async () => {
    const wrong: Route[] = [
      (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Welkom</html>'),
      json({ name: 'Iets anders' }),
      json({ ...INFO, organisationName: '' }),
      json(INFO, 500),
      (_req, res) => res.writeHead(302, { location: 'https://elders.nl/' }).end(),
      (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{ geen json'),
      (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(70_000)}"`),
    ];
    for (const route of wrong) {
      routes['/api/v1/info'] = route;
      expect(await check(origin)).toEqual({ ok: false, reason: 'not-portal' });
    }
    // Nothing at /api/v1/info at all.
    delete routes['/api/v1/info'];
    expect(await check(origin)).toEqual({ ok: false, reason: 'not-portal' });
  });

  it('calls a closed port or a server that does not answer in time unreachable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedOrigin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    expect(await check(closedOrigin)).toEqual({ ok: false, reason: 'unreachable' });

    routes['/api/v1/info'] = () => undefined; // never answers
    expect(await check(origin, 200)).toEqual({ ok: false, reason: 'unreachable' });
  });

  it('refuses an address the app would not use, without any request', async () => {
    expect(await check('http://192.168.1.10:8470')).toEqual({ ok: false, reason: 'not-https' });
    for (const bad of ['ftp://x.nl', 'https://u:p@x.nl', 'https://geen adres', 'file:///etc/passwd', '']) {
      expect(await check(bad), bad).toEqual({ ok: false, reason: 'invalid-url' });
    }
    expect(requests).toEqual([]);
  });
});

describe('candidateOrigin', () => {
  it('reads an address without a scheme as https', () => {
    expect(candidateOrigin(' portaal.careyn.nl/ ')).toEqual({ ok: true, origin: 'https://portaal.careyn.nl' });
    expect(candidateOrigin('HTTPS://Portaal.Careyn.NL:8443')).toEqual({
      ok: true,
      origin: 'https://portaal.careyn.nl:8443',
    });
    expect(candidateOrigin('http://localhost:8470')).toEqual({ ok: true, origin: 'http://localhost:8470' });
  });
});
