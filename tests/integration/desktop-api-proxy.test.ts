// The desktop app's API proxy (electron/main/api-proxy.ts) against the real server and a real keychain (keytar on a
// private gnome-keyring): the renderer's calls go to app://portal/api/v1/…, main forwards them with the session's
// cookies; after the SMS code the device secret is in the keychain and never in an answer to the renderer; the next
// sign-in on a fresh session needs no SMS; a revoked device is forgotten; a ward computer remembers no one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX, ApiPath, DEVICE_SECRET_HEADER, WARD_COMPUTER_SECRET_HEADER } from '../../shared/api/paths.ts';
import { createApiProxy, type Fetch } from '../../electron/main/api-proxy.ts';
import {
  DeviceSecretStore,
  KEYCHAIN_SERVICE,
  NO_KEYCHAIN,
  wardComputerAccount,
  type KeychainBackend,
} from '../../electron/main/device-secret-store.ts';
import { createClientAccount, createStaffAccount } from '../../server/accounts/create-account.ts';
import { startPrivateKeyring, type PrivateKeyring } from '../../electron/main/keyring.test-support.ts';
import { closeAll, GOOD_PASSWORD, startTestPortal, type TestPortal } from '../helpers/portal.ts';

const ELECTRON_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Cliëntportaal/0.1.0 Chrome/140.0.0.0 Electron/45.0.0 Safari/537.36';

let keyring: PrivateKeyring;
let keytar: KeychainBackend;
let tp: TestPortal;
let origin: string;

beforeAll(async () => {
  keyring = await startPrivateKeyring();
  Object.assign(process.env, keyring.env);
  keytar = (await import('keytar')).default;
  tp = await startTestPortal();
  origin = new URL(tp.url).origin;
  await tp.createUser({ username: 'truus', mobile: '0612345678' });
});
afterAll(async () => {
  await closeAll();
  await keyring?.stop();
});

/** An Electron session as far as the proxy sees it: fetch with a cookie jar (HttpOnly cookies stay in here). */
function sessionFetch(): { fetch: Fetch; cookies: Map<string, string> } {
  const cookies = new Map<string, string>();
  const fetchWithJar: Fetch = async (url, init) => {
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1);
      if (value) cookies.set(pair.slice(0, eq), value);
      else cookies.delete(pair.slice(0, eq));
    }
    return res;
  };
  return { fetch: fetchWithJar, cookies };
}

/** A window of the app: its proxy and what the renderer sends through it. */
function appWindow(rememberDevices = true, o: { wardComputer?: boolean; keychain?: KeychainBackend } = {}) {
  const session = sessionFetch();
  const proxy = createApiProxy({
    serverOrigin: tp.url,
    fetch: session.fetch,
    secrets: new DeviceSecretStore(o.keychain ?? keytar),
    rememberDevices,
    wardComputer: o.wardComputer ?? false,
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await proxy(
      new Request(`app://portal${API_PREFIX}${path}`, {
        method,
        headers: {
          'user-agent': ELECTRON_UA,
          origin: 'app://portal',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
  };
  return { call, session, proxy };
}

const stored = (username: string) => keytar.getPassword(KEYCHAIN_SERVICE, `${origin} ${username}`);

describe('the desktop app signs in through the API proxy', () => {
  it('after the SMS code the device secret is in the keychain, not in any answer to the renderer', async () => {
    const w = appWindow();
    const login = await w.call('POST', ApiPath.login, { username: 'Truus', password: GOOD_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.json.next).toBe('verify-device');
    const verify = await w.call('POST', ApiPath.verifyDevice, { code: await tp.lastCode() });
    expect(verify.status).toBe(200);
    expect(verify.json.next).toBe('done');
    expect(verify.headers.get(DEVICE_SECRET_HEADER)).toBeNull();
    expect(verify.headers.get('set-cookie')).toBeNull();
    expect(JSON.stringify(verify.json)).not.toContain(w.session.cookies.get('cp_device')!);
    // The keychain entry is the secret the server knows this device by (the same as its device cookie).
    expect(await stored('truus')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await stored('truus')).toBe(w.session.cookies.get('cp_device'));
    expect((await w.call('GET', ApiPath.me)).status).toBe(200);
    const devices = (await w.call('GET', '/me/devices')).json.devices as Array<{ type: string; current: boolean }>;
    expect(devices.find((d) => d.current)?.type).toBe('desktop');
  });

  it('the next start (a fresh session, no cookies) signs in without an SMS: the keychain remembers', async () => {
    const sent = (await tp.sms()).length;
    const w = appWindow();
    const login = await w.call('POST', ApiPath.login, { username: 'truus', password: GOOD_PASSWORD });
    expect(login.json.next).toBe('done');
    expect((await tp.sms()).length).toBe(sent);
    expect((await w.call('GET', ApiPath.me)).status).toBe(200);
  });

  it('a revoked device is forgotten: the SMS again, then a new secret', async () => {
    const w = appWindow();
    expect((await w.call('POST', ApiPath.login, { username: 'truus', password: GOOD_PASSWORD })).json.next).toBe(
      'done',
    );
    const before = await stored('truus');
    expect((await w.call('DELETE', '/me/devices')).status).toBe(200);

    const next = appWindow();
    const login = await next.call('POST', ApiPath.login, { username: 'truus', password: GOOD_PASSWORD });
    expect(login.json.next).toBe('verify-device');
    expect(await stored('truus')).toBeNull();
    await next.call('POST', ApiPath.verifyDevice, { code: await tp.lastCode() });
    const renewed = await stored('truus');
    expect(renewed).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(renewed).not.toBe(before);
  });

  it('on a ward computer (kiosk) no resident’s device is remembered', async () => {
    tp.advance(61 * 60_000); // a new hour of the SMS limit
    await tp.createUser({ username: 'gerrit', mobile: '0622334455' });
    const ward = appWindow(false);
    expect((await ward.call('POST', ApiPath.login, { username: 'gerrit', password: GOOD_PASSWORD })).json.next).toBe(
      'verify-device',
    );
    const verify = await ward.call('POST', ApiPath.verifyDevice, { code: await tp.lastCode('+31622334455') });
    expect(verify.json.next).toBe('done');
    expect(verify.headers.get(DEVICE_SECRET_HEADER)).toBeNull();
    expect(await stored('gerrit')).toBeNull();
  });

  it('forwards only the API: other app:// paths never reach the server', async () => {
    const w = appWindow();
    let asked = 0;
    const counting = createApiProxy({
      serverOrigin: tp.url,
      fetch: (url, init) => {
        asked++;
        return w.session.fetch(url, init);
      },
      secrets: new DeviceSecretStore(keytar),
      rememberDevices: true,
    });
    for (const url of [
      'app://portal/index.html',
      `app://portal${API_PREFIX}/../../etc/passwd`,
      'app://portal/api/v2/x',
    ]) {
      expect((await counting(new Request(url))).status, url).toBe(404);
    }
    expect(asked).toBe(0);
    expect((await counting(new Request(`app://portal${API_PREFIX}${ApiPath.health}`))).status).toBe(200);
    expect(asked).toBe(1);
  });
});

describe('a ward computer through the API proxy', () => {
  const wardEntry = () => keytar.getPassword(KEYCHAIN_SERVICE, wardComputerAccount(tp.url));
  const kiosk = (keychain?: KeychainBackend) =>
    appWindow(false, { wardComputer: true, ...(keychain ? { keychain } : {}) });

  async function signInStaff(w: ReturnType<typeof appWindow>) {
    expect((await w.call('POST', ApiPath.login, { username: 'anna', password: GOOD_PASSWORD })).json.next).toBe(
      'verify-device',
    );
    const done = await w.call('POST', ApiPath.verifyDevice, { code: await tp.lastCode('+31611223344') });
    expect(done.json.next).toBe('done');
  }

  it('a staff member registers it: the secret goes to the keychain; every later call of the kiosk carries it', async () => {
    tp.advance(61 * 60_000);
    const deps = { db: tp.portal.db, clock: tp.clock, hasher: tp.hasher };
    const person = { email: 'x@example.nl', mobile: '0611223344' };
    await createStaffAccount(deps, { ...person, name: 'Anna', username: 'anna', location: 'De Linde' }, GOOD_PASSWORD, {
      mustChangePassword: false,
    });
    await createClientAccount(
      deps,
      { ...person, name: 'Bep', username: 'bep', mobile: '0699999999' },
      'Tijdelijk-Wachtwoord-2026',
      {
        mustChangePassword: true,
        location: 'De Linde',
      },
    );
    const w = kiosk();
    expect((await w.call('GET', ApiPath.wardComputer)).json).toEqual({ registered: false });
    await signInStaff(w);
    const reg = await w.call('POST', ApiPath.wardComputer, { label: 'Huiskamer' });
    expect(reg.status).toBe(201);
    expect(reg.json).toEqual({ registered: true, location: 'De Linde', label: 'Huiskamer' });
    expect(reg.headers.get(WARD_COMPUTER_SECRET_HEADER)).toBeNull();
    const secret = await wardEntry();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(reg.json)).not.toContain(secret!);
    // The same window knows it at once; a fresh start reads it from the keychain.
    expect((await w.call('GET', ApiPath.wardComputer)).json.registered).toBe(true);
    const next = kiosk();
    expect((await next.call('GET', ApiPath.wardComputer)).json.label).toBe('Huiskamer');
    // So a resident's first login can be confirmed by staff here.
    const start = await next.call('POST', ApiPath.assistedLogin, {
      username: 'bep',
      password: 'Tijdelijk-Wachtwoord-2026',
    });
    expect(start.json).toEqual({ next: 'staff-confirm', location: 'De Linde' });
    // A personal install on the same computer never presents it.
    expect((await appWindow(true).call('GET', ApiPath.wardComputer)).json).toEqual({ registered: false });
  });

  it('ending the registration forgets the secret; without a keychain the registration is refused as unkept', async () => {
    const w = kiosk();
    tp.advance(61 * 60_000);
    await signInStaff(w);
    expect((await w.call('DELETE', ApiPath.wardComputer)).status).toBe(200);
    expect(await wardEntry()).toBeNull();
    expect((await w.call('GET', ApiPath.wardComputer)).json).toEqual({ registered: false });

    const none = kiosk(NO_KEYCHAIN);
    tp.advance(61 * 60_000);
    await signInStaff(none);
    const reg = await none.call('POST', ApiPath.wardComputer, { label: 'Huiskamer' });
    expect(reg.status).toBe(503);
    expect(reg.json.error.code).toBe('keychain_unavailable');
    expect(reg.headers.get(WARD_COMPUTER_SECRET_HEADER)).toBeNull();
  });
});
