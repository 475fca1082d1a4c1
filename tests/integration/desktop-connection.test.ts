// The desktop app's first-start check (electron/main/connection-check.ts) and the staff test of a ward computer's
// connection change (connection-save.ts) against the real portal server: its public info, its logo, its /auth/me.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cookie } from '../../shared/api/paths.ts';
import { solidPng } from '../../server/appointments/solid-png.ts';
import { checkServer, type CheckFetch } from '../../electron/main/connection-check.ts';
import { hasStaffSession } from '../../electron/main/connection-save.ts';
import { closeAll, makeTempDir, signIn, startTestPortal, type TestPortal } from '../helpers/portal.ts';

let withLogo: TestPortal;
let logo: Buffer;

beforeAll(async () => {
  logo = solidPng(8, [0x1d, 0x4f, 0x91]);
  const file = path.join(makeTempDir('portal-logo-'), 'logo.png');
  fs.writeFileSync(file, logo);
  withLogo = await startTestPortal({ PORTAL_ORG_NAME: 'Zorggroep Noord', PORTAL_ORG_LOGO: file });
});
afterAll(closeAll);

const plainFetch: CheckFetch = (url, init) => fetch(url, init);

describe('checkServer against the portal server', () => {
  it('finds the organisation and brings its logo as a data: URL', async () => {
    expect(await checkServer(`${withLogo.url}/inloggen`, { fetch: plainFetch })).toEqual({
      ok: true,
      origin: withLogo.url,
      organisationName: 'Zorggroep Noord',
      logo: `data:image/png;base64,${logo.toString('base64')}`,
    });
  });

  it('finds an organisation without a logo', async () => {
    const tp = await startTestPortal();
    expect(await checkServer(tp.url, { fetch: plainFetch })).toEqual({
      ok: true,
      origin: tp.url,
      organisationName: 'Careyn',
      logo: null,
    });
  });
});

describe('hasStaffSession against the portal server', () => {
  it('is false without a session and for a client’s session', async () => {
    expect(await hasStaffSession(plainFetch, withLogo.url)).toBe(false);
    const user = await withLogo.createUser({ username: 'truus' });
    const browser = withLogo.client();
    await signIn(withLogo, browser, user);
    const session = browser.cookie(Cookie.session);
    expect(session).toBeTruthy();
    // What Electron's session.fetch does with `credentials: 'include'`: the window's cookies go along.
    const withCookies: CheckFetch = (url, init) =>
      fetch(url, { ...init, headers: { ...(init.headers as object), cookie: `${Cookie.session}=${session}` } });
    // The cookie is a live session (so the false below is about the kind, not a missing session).
    const me = await withCookies(`${withLogo.url}/api/v1/auth/me`, {});
    expect(((await me.json()) as { me: { kind: string } }).me.kind).toBe('client');
    expect(await hasStaffSession(withCookies, withLogo.url)).toBe(false);
  });
});
