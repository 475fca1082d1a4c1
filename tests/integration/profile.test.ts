// Profile and devices over HTTP with the real server (issue 4 §5): preferences round trip and bad input, the own
// photo (square, re-encoded, no EXIF; who may see it), the devices list and revoking one or all (the next login there
// needs the SMS again), and that a password change makes another device verify again. All writes are audited.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import {
  closeAll,
  count,
  createAnnie,
  login,
  signIn,
  startTestPortal,
  GOOD_PASSWORD,
  OTHER_GOOD_PASSWORD,
  type HttpClient,
  type Res,
  type TestPortal,
} from '../helpers/portal.ts';
import { ApiPath } from '../../shared/api/paths.ts';
import { insertDevice } from '../../server/db/repos/devices.ts';

let tp: TestPortal;
let truus: { userId: number; clientId: number };
let annieId: number;
let maria: { userId: number };
beforeAll(async () => {
  tp = await startTestPortal();
  truus = await tp.createUser({ name: 'Truus van Dorp', username: 'truus', mobile: '0612345678' });
  maria = await tp.createUser({ name: 'Maria de Bruin', username: 'maria', mobile: '0611111111' });
  annieId = await createAnnie(tp, truus.clientId);
});
afterAll(closeAll);
// Each test signs in several browsers: past the hour the SMS limit (5 codes per user per hour) starts again.
beforeEach(() => tp.advance(61 * 60_000));

const TRUUS = { username: 'truus', password: GOOD_PASSWORD, mobile: '+31612345678' };

async function browser(u: { username: string; password: string; mobile: string }): Promise<HttpClient> {
  const c = tp.client();
  await signIn(tp, c, u);
  return c;
}

/** A binary request with the browser's session cookie (HttpClient sends JSON only). */
async function sendImage(c: HttpClient, method: string, path: string, body: Buffer, type: string): Promise<Res> {
  const res = await fetch(c.url(path), {
    method,
    headers: { cookie: `cp_session=${c.cookie('cp_session') ?? ''}`, 'content-type': type },
    body: new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

async function getImage(c: HttpClient, path: string): Promise<{ status: number; type: string | null; data: Buffer }> {
  const res = await fetch(c.url(path), { headers: { cookie: `cp_session=${c.cookie('cp_session') ?? ''}` } });
  return { status: res.status, type: res.headers.get('content-type'), data: Buffer.from(await res.arrayBuffer()) };
}

const audits = (action: string) => count(tp, 'audit_log', 'action = ?', action);

describe('preferences', () => {
  it('default to Dutch, normal text and no e-mail, and round-trip a change', async () => {
    const c = await browser(TRUUS);
    const first = await c.get('/me/preferences');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toContain('no-store');
    expect(first.json).toEqual({
      preferences: { language: 'nl', largeText: false, emailOnNewMessage: false },
      photoUrl: null,
    });
    const before = audits('preferences.change');
    const changed: Res = await c.send('PATCH', '/me/preferences', { language: 'en', largeText: true });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.preferences).toEqual({ language: 'en', largeText: true, emailOnNewMessage: false });
    expect(audits('preferences.change')).toBe(before + 1);
    // stored: another browser of the same user sees them
    const again = await (await browser(TRUUS)).get('/me/preferences');
    expect(again.json.preferences).toEqual({ language: 'en', largeText: true, emailOnNewMessage: false });
    await c.send('PATCH', '/me/preferences', { language: 'nl', largeText: false });
  });

  it('bad input is a 400 with field details and changes nothing', async () => {
    const c = await browser(TRUUS);
    const before = (await c.get('/me/preferences')).json;
    const auditsBefore = audits('preferences.change');
    const cases: Array<[unknown, string]> = [
      [{ language: 'de' }, 'language'],
      [{ largeText: 'ja' }, 'largeText'],
      [{ emailOnNewMessage: 1 }, 'emailOnNewMessage'],
      [{ language: 'en', colour: 'red' }, ''],
      [{}, ''],
    ];
    for (const [body, path] of cases) {
      const res: Res = await c.send('PATCH', '/me/preferences', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('validation_failed');
      expect(res.json.error.details.fields.length).toBeGreaterThan(0);
      if (path) expect(res.json.error.details.fields[0].path).toBe(path);
    }
    expect((await c.get('/me/preferences')).json).toEqual(before);
    expect(audits('preferences.change')).toBe(auditsBefore);
  });

  it('needs a session', async () => {
    const anon = tp.client();
    for (const [method, path] of [
      ['GET', '/me/preferences'],
      ['PATCH', '/me/preferences'],
      ['GET', '/me/devices'],
      ['DELETE', '/me/devices'],
      ['DELETE', '/me/devices/1'],
      ['DELETE', '/me/photo'],
      ['GET', `/users/${truus.userId}/photo`],
    ] as const) {
      const res = await anon.send(method, path, method === 'PATCH' ? { language: 'en' } : undefined);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    const put = await sendImage(anon, 'PUT', '/me/photo', Buffer.from('x'), 'image/jpeg');
    expect(put.status).toBe(401);
  });
});

describe('own photo', () => {
  async function phoneJpeg(): Promise<Buffer> {
    return sharp({ create: { width: 600, height: 300, channels: 3, background: '#3c8c50' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'Telefoonmerk', Model: 'X1' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '5/1 7/1 0/1' },
      })
      .toBuffer();
  }

  it('is cropped square, re-encoded without EXIF, shown to network members, 404 to strangers', async () => {
    const annie = await browser({ username: 'annie', password: GOOD_PASSWORD, mobile: '+31687654321' });
    const res = await sendImage(annie, 'PUT', '/me/photo', await phoneJpeg(), 'image/jpeg');
    expect(res.status, res.text).toBe(200);
    expect(res.json.photoUrl).toMatch(new RegExp(`^/api/v1/users/${annieId}/photo\\?v=\\d+$`));
    const stored = tp.portal.db.prepare('SELECT data, mime FROM user_photos WHERE user_id = ?').get(annieId) as {
      data: Buffer;
      mime: string;
    };
    const meta = await sharp(stored.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 256, 256]);
    expect(meta.exif).toBeUndefined();
    expect(stored.data.includes(Buffer.from('Telefoonmerk'))).toBe(false);
    expect(count(tp, 'audit_log', `action = 'profile.photo.upload' AND user_id = ?`, annieId)).toBe(1);
    expect((await annie.get('/me/preferences')).json.photoUrl).toBe(res.json.photoUrl);

    // Truus shares a client with Annie: she sees it; Maria does not (the same 404 as for no photo at all)
    const truusC = await browser(TRUUS);
    const seen = await getImage(truusC, res.json.photoUrl);
    expect(seen.status).toBe(200);
    expect(seen.type).toBe('image/jpeg');
    expect(seen.data.equals(stored.data)).toBe(true);
    const mariaC = await browser({ username: 'maria', password: GOOD_PASSWORD, mobile: '+31611111111' });
    expect((await getImage(mariaC, `/users/${annieId}/photo`)).status).toBe(404);
    expect((await getImage(truusC, `/users/${maria.userId}/photo`)).status).toBe(404);

    // removing it
    const removed = await annie.send('DELETE', '/me/photo', undefined);
    expect(removed.status).toBe(204);
    expect((await getImage(truusC, `/users/${annieId}/photo`)).status).toBe(404);
    expect((await annie.get('/me/preferences')).json.photoUrl).toBeNull();
  });

  it('refuses other formats and oversized files with field details, keeping the old photo', async () => {
    const c = await browser(TRUUS);
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    expect((await sendImage(c, 'PUT', '/me/photo', png, 'image/png')).status).toBe(200);
    const before = tp.portal.db.prepare('SELECT data FROM user_photos WHERE user_id = ?').get(truus.userId);
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    const bad = await sendImage(c, 'PUT', '/me/photo', gif, 'image/jpeg');
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.fields).toEqual([
      { path: 'photo', code: 'unsupported_type', message: 'unsupported_type' },
    ]);
    const wrongType = await sendImage(c, 'PUT', '/me/photo', png, 'image/gif');
    expect(wrongType.status).toBe(415);
    const big = await sendImage(c, 'PUT', '/me/photo', Buffer.alloc(5 * 1024 * 1024 + 1, 1), 'image/jpeg');
    expect(big.status).toBe(400);
    expect(big.json.error.details.fields[0].code).toBe('too_large');
    expect(tp.portal.db.prepare('SELECT data FROM user_photos WHERE user_id = ?').get(truus.userId)).toEqual(before);
  });
});

describe('Mijn apparaten', () => {
  it('lists remembered devices with name, type, first and last use, marking this one', async () => {
    const a = await browser(TRUUS);
    const res = await a.get('/me/devices');
    expect(res.status).toBe(200);
    const mine = res.json.devices.filter((d: { current: boolean }) => d.current);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ name: expect.stringContaining('Chrome'), type: 'browser' });
    expect(mine[0].firstUsedAt).toMatch(/^\d{4}-/);
    expect(mine[0].lastUsedAt >= mine[0].firstUsedAt).toBe(true);
  });

  it('lists a ward computer as a kiosk device (the type a registered ward PC gets) and can revoke it', async () => {
    const a = await browser(TRUUS);
    const at = tp.clock.now().toISOString();
    const kioskId = insertDevice(tp.portal.db, {
      userId: truus.userId,
      secretHash: 'k'.repeat(64),
      kind: 'kiosk',
      label: 'Afdeling De Linde',
      at,
    });
    const listed = (await a.get('/me/devices')).json.devices as Array<{ id: number; type: string; name: string }>;
    expect(listed.find((d) => d.id === kioskId)).toMatchObject({ type: 'kiosk', name: 'Afdeling De Linde' });
    expect((await a.send('DELETE', `/me/devices/${kioskId}`, undefined)).status).toBe(204);
    const after = (await a.get('/me/devices')).json.devices as Array<{ id: number }>;
    expect(after.map((d) => d.id)).not.toContain(kioskId);
  });

  it('last use follows the use of a session from the device, not only its sign-in', async () => {
    const a = await browser(TRUUS);
    const current = async () =>
      (
        (await a.get('/me/devices')).json.devices as Array<{
          current: boolean;
          firstUsedAt: string;
          lastUsedAt: string;
        }>
      ).find((d) => d.current)!;
    const signedIn = await current();
    tp.advance(20 * 60_000);
    const before = tp.clock.now().getTime();
    expect((await a.get(ApiPath.me)).status).toBe(200);
    const after = tp.clock.now().getTime();
    tp.advance(5 * 1000);
    const used = await current();
    expect(used.firstUsedAt).toBe(signedIn.firstUsedAt);
    expect(Date.parse(used.lastUsedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(used.lastUsedAt)).toBeLessThanOrEqual(after);
  });

  it('revoking one device ends its session; its next login asks for the SMS; not someone else’s device', async () => {
    const a = await browser(TRUUS);
    const b = await browser(TRUUS);
    const list = (await a.get('/me/devices')).json.devices as Array<{ id: number; current: boolean }>;
    const bId = (await b.get('/me/devices')).json.devices.find((d: { current: boolean }) => d.current).id;
    expect(list.map((d) => d.id)).toContain(bId);
    // Annie cannot revoke Truus's device: the same 404 as an unknown one
    const annie = await browser({ username: 'annie', password: GOOD_PASSWORD, mobile: '+31687654321' });
    expect((await annie.send('DELETE', `/me/devices/${bId}`, undefined)).status).toBe(404);
    expect((await a.send('DELETE', '/me/devices/abc', undefined)).status).toBe(400);
    const revoked = count(tp, 'audit_log', `action = 'device.revoke' AND outcome = 'success'`);

    expect((await a.send('DELETE', `/me/devices/${bId}`, undefined)).status).toBe(204);
    expect((await a.get('/me/devices')).json.devices.map((d: { id: number }) => d.id)).not.toContain(bId);
    expect((await b.get('/me/preferences')).status).toBe(401);
    expect((await login(b, 'truus', GOOD_PASSWORD)).json.next).toBe('verify-device');
    // a itself is still trusted
    await a.post(ApiPath.logout, {});
    expect((await login(a, 'truus', GOOD_PASSWORD)).json.next).toBe('done');
    expect(count(tp, 'audit_log', `action = 'device.revoke' AND outcome = 'success'`)).toBe(revoked + 1);
  });

  it('revoking all: the other sessions end, this one stays, and every next login (here too) needs the SMS', async () => {
    const a = await browser(TRUUS);
    const b = await browser(TRUUS);
    const res: Res = await a.send('DELETE', '/me/devices', undefined);
    expect(res.status, res.text).toBe(200);
    expect(res.json.revoked).toBeGreaterThanOrEqual(2);
    expect((await a.get('/me/devices')).json.devices).toEqual([]);
    expect((await a.get('/me/preferences')).status).toBe(200);
    expect((await b.get('/me/preferences')).status).toBe(401);
    await a.post(ApiPath.logout, {});
    expect((await login(a, 'truus', GOOD_PASSWORD)).json.next).toBe('verify-device');
    expect((await login(b, 'truus', GOOD_PASSWORD)).json.next).toBe('verify-device');
    expect(count(tp, 'audit_log', `action = 'device.revoke-all'`)).toBe(1);
  });
});

describe('changing the password (existing endpoint)', () => {
  it('keeps this device trusted; another device needs the SMS at its next login', async () => {
    const u = await tp.createUser({ name: 'Kees Bakker', username: 'kees', mobile: '0611223344' });
    const creds = { username: 'kees', password: GOOD_PASSWORD, mobile: '+31611223344' };
    const here = await browser(creds);
    const other = await browser(creds);
    const changed = await here.post(ApiPath.changePassword, {
      currentPassword: GOOD_PASSWORD,
      newPassword: OTHER_GOOD_PASSWORD,
    });
    expect(changed.status, changed.text).toBe(200);
    expect((await here.get('/me/preferences')).status).toBe(200);
    expect((await other.get('/me/preferences')).status).toBe(401);
    expect((await login(other, 'kees', OTHER_GOOD_PASSWORD)).json.next).toBe('verify-device');
    await here.post(ApiPath.logout, {});
    expect((await login(here, 'kees', OTHER_GOOD_PASSWORD)).json.next).toBe('done');
    expect((await here.get('/me/devices')).json.devices).toHaveLength(1);
    expect(u.userId).toBeGreaterThan(0);
  });
});
