// "Mijn gegevens" over HTTP with the real server: EHR data and contacts, photos (headers, metadata stripped, who
// may see them), own mobile and e-mail changes, the Prikbord (paging, mood, own deletes), the home panel, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { closeAll, count, otherCode, type TestPortal } from '../helpers/portal.ts';
import { detailsWorld, onlyRights, paths, smallJpeg, upload, type DetailsWorld } from './details-world.ts';

let w: DetailsWorld;
let p: ReturnType<typeof paths>;
beforeAll(async () => {
  w = await detailsWorld({ PORTAL_ORG_PRESET: 'svrz', PORTAL_ORG_NAME: 'SVRZ' });
  p = paths(w.truus.clientId);
  onlyRights(w, w.annie.userId, ['data']);
});
afterAll(closeAll);

const lastMail = (tp: TestPortal) =>
  JSON.parse(
    (
      tp.portal.db.prepare(`SELECT payload FROM outbox WHERE channel = 'mail' ORDER BY id DESC LIMIT 1`).get() as {
        payload: string;
      }
    ).payload,
  ) as { subject: string; text: string };

describe('personal data and contacts', () => {
  it('shows the EHR data read-only with syncedUntil and the contacts alphabetically (Dutch collation)', async () => {
    const res = await w.annie.c.get(p.details);
    expect(res.status).toBe(200);
    expect(res.json.person).toMatchObject({
      name: 'Truus van Dorp',
      birthDate: '1947-03-12',
      clientNumber: '100234',
      location: 'De Zonnebloem',
      photoUrl: `/api/v1${p.photo}`,
    });
    expect(res.json.syncedUntil).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(res.json.contacts.map((c: { name: string }) => c.name)).toEqual([
      'Annie van Dorp',
      'bert Jansen',
      'Érik Bakker',
      'Willem de Vries',
    ]);
  });

  it('serves the central photo privately, with its type and nosniff', async () => {
    const res = await fetch(w.truus.c.url(p.photo), {
      headers: { cookie: `cp_session=${w.truus.c.cookie('cp_session')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(w.truus.c.url(p.photo))).status).toBe(401);
  });

  it('has no 405 or 500 for writes to the read-only EHR data', async () => {
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const res = await w.truus.c.send(method, p.details, { name: 'X' });
      expect(res.status).toBeLessThan(500);
      expect([404, 405]).toContain(res.status);
    }
  });
});

describe('own mobile number', () => {
  it('sends a code to the NEW number and changes it only after the code', async () => {
    const res = await w.annie.c.post(p.mobile, { mobile: '06-22 33 44 55' });
    expect(res.status, res.text).toBe(200);
    expect(res.json.sentTo).toBe('06******55');
    expect((await w.annie.c.get(p.me)).json.mobile).toBe('+31687654321');
    const code = await w.tp.lastCode('+31622334455');
    const wrong = await w.annie.c.post(p.mobileConfirm, { code: otherCode(code) });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatchObject({ code: 'invalid_code', details: { attemptsLeft: 4 } });
    const ok = await w.annie.c.post(p.mobileConfirm, { code });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.mobile).toBe('+31622334455');
    const notice = w.tp.portal.db
      .prepare(`SELECT recipient, payload FROM outbox WHERE channel = 'mail' ORDER BY id DESC LIMIT 1`)
      .get() as { recipient: string; payload: string };
    expect(notice.recipient).toBe('annie@example.nl');
    expect(JSON.parse(notice.payload).subject).toContain('mobiele nummer is gewijzigd');
    // used once only
    expect((await w.annie.c.post(p.mobileConfirm, { code })).json.error.code).toBe('code_expired');
  });

  it('refuses landlines and the current number; the code expires after 5 minutes and allows 5 tries', async () => {
    const landline = await w.truus.c.post(p.mobile, { mobile: '033-4567890' });
    expect(landline.status).toBe(400);
    expect(landline.json.error.details.fields).toEqual([{ path: 'mobile', code: 'not_mobile', message: 'not_mobile' }]);
    expect((await w.truus.c.post(p.mobile, { mobile: '0612345678' })).json.error.details.fields[0].code).toBe(
      'same_as_current',
    );
    await w.truus.c.post(p.mobile, { mobile: '0699999999' });
    const code = await w.tp.lastCode('+31699999999');
    w.tp.advance(5 * 60_000);
    expect((await w.truus.c.post(p.mobileConfirm, { code })).json.error.code).toBe('code_expired');
    await w.truus.c.post(p.mobile, { mobile: '0699999998' });
    const code2 = await w.tp.lastCode('+31699999998');
    for (let i = 0; i < 4; i++) await w.truus.c.post(p.mobileConfirm, { code: otherCode(code2) });
    expect((await w.truus.c.post(p.mobileConfirm, { code: otherCode(code2) })).json.error.code).toBe(
      'code_tries_exceeded',
    );
    expect((await w.truus.c.post(p.mobileConfirm, { code: code2 })).json.error.code).toBe('code_tries_exceeded');
    expect((await w.truus.c.get(p.me)).json.mobile).toBe('+31612345678');
  });
});

describe('own e-mail address', () => {
  it('mails a link (256-bit token, from the public URL) to the new address; the link confirms once', async () => {
    const res = await w.annie.c.post(p.email, { email: ' annie.nieuw@example.nl ' });
    expect(res.status, res.text).toBe(200);
    expect((await w.annie.c.get(p.me)).json).toMatchObject({
      email: 'annie@example.nl',
      pendingEmail: 'annie.nieuw@example.nl',
    });
    const recipient = w.tp.portal.db
      .prepare(`SELECT recipient FROM outbox WHERE channel = 'mail' ORDER BY id DESC LIMIT 1`)
      .get() as { recipient: string };
    expect(recipient.recipient).toBe('annie.nieuw@example.nl');
    const mail = lastMail(w.tp);
    const m = /(\S+)\/gegevens\/e-mail-bevestigen#token=([A-Za-z0-9_-]+)/.exec(mail.text)!;
    expect(m[1]).toBe(w.tp.config.publicUrl);
    expect(m[2]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(count(w.tp, 'contact_changes', 'secret_hash = ?', m[2])).toBe(0); // stored hashed only
    const fresh = w.tp.client(); // the mail may be opened anywhere: the token is the proof
    const ok = await fresh.post('/details/email/confirm', { token: m[2] });
    expect(ok.status, ok.text).toBe(200);
    expect((await w.annie.c.get(p.me)).json).toMatchObject({ email: 'annie.nieuw@example.nl', pendingEmail: null });
    const notice = w.tp.portal.db
      .prepare(`SELECT recipient, payload FROM outbox WHERE channel = 'mail' ORDER BY id DESC LIMIT 1`)
      .get() as { recipient: string; payload: string };
    expect(notice.recipient).toBe('annie@example.nl'); // the OLD address hears about it
    expect(JSON.parse(notice.payload).subject).toContain('e-mailadres is gewijzigd');
    expect((await fresh.post('/details/email/confirm', { token: m[2] })).json.error.code).toBe('link_invalid');
    expect((await fresh.post('/details/email/confirm', { token: 'x'.repeat(43) })).json.error.code).toBe(
      'link_invalid',
    );
  });

  it('refuses a malformed address with a field error', async () => {
    const res = await w.annie.c.post(p.email, { email: 'geen-adres' });
    expect(res.status).toBe(400);
    expect(res.json.error.details.fields[0]).toMatchObject({ path: 'email', code: 'invalid_email' });
  });
});

describe('the Prikbord', () => {
  it('a photo post with a smiley by Truus, a reaction by Annie visible to Truus; EXIF/GPS never stored', async () => {
    const withGps = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#3080c0' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Telefoonmerk' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 0/1' } })
      .toBuffer();
    // declared as PNG: the real format decides
    const up = await upload(w.truus.c, p.photos, withGps, 'image/png');
    expect(up.status, up.text).toBe(201);
    const { photoId, photoUrl } = up.json as { photoId: number; photoUrl: string };
    const stored = w.tp.portal.db.prepare('SELECT data, mime FROM board_photos WHERE id = ?').get(photoId) as {
      data: Buffer;
      mime: string;
    };
    expect(stored.mime).toBe('image/jpeg');
    expect((await sharp(stored.data).metadata()).exif).toBeUndefined();
    expect(stored.data.includes(Buffer.from('Telefoonmerk'))).toBe(false);
    // before posting only the uploader sees it
    expect((await w.annie.c.get(p.boardPhoto(photoId))).status).toBe(404);
    const post = await w.truus.c.post(p.posts, { text: 'Vandaag lekker in de tuin gezeten.', photoId, mood: 'happy' });
    expect(post.status, post.text).toBe(201);
    expect(post.json).toMatchObject({ mood: 'happy', photoUrl, mine: true, reactions: [] });
    const served = await fetch(w.annie.c.url(photoUrl), {
      headers: { cookie: `cp_session=${w.annie.c.cookie('cp_session')}` },
    });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toBe('private, no-store');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const reaction = await w.annie.c.post(p.reactions(post.json.id), { text: 'Wat fijn, mam!' });
    expect(reaction.status).toBe(201);
    const board = (await w.truus.c.get(p.posts)).json;
    expect(board.posts[0]).toMatchObject({
      id: post.json.id,
      author: { name: 'Truus van Dorp' },
      reactions: [{ text: 'Wat fijn, mam!', author: { name: 'Annie van Dorp' }, mine: false }],
    });
    // a photo belongs to one post
    expect((await w.truus.c.post(p.posts, { text: 'Nog eens', photoId })).status).toBe(400);
  });

  it('refuses a smiley from a contact, other formats and oversized photos', async () => {
    const mood = await w.annie.c.post(p.posts, { text: 'Hoi', mood: 'happy' });
    expect(mood.json.error.details.fields[0]).toMatchObject({ path: 'mood', code: 'not_allowed' });
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const n = count(w.tp, 'board_photos');
    const bad = await upload(w.annie.c, p.photos, gif, 'image/jpeg');
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { details: { fields: unknown[] } } }).error.details.fields[0]).toMatchObject({
      path: 'photo',
      code: 'unsupported_type',
    });
    const big = await upload(w.annie.c, p.photos, Buffer.alloc(5 * 1024 * 1024 + 10, 1));
    expect(big.status).toBe(400);
    expect(big.text).toContain('too_large');
    expect(count(w.tp, 'board_photos')).toBe(n);
  });

  it("pages newest first; deleting: own post yes, another's post 403; own reaction yes, another's 403", async () => {
    for (let i = 0; i < 22; i++) await w.annie.c.post(p.posts, { text: `Bericht ${i}` });
    const first = (await w.truus.c.get(p.posts)).json;
    expect(first.posts).toHaveLength(20);
    expect(first.posts[0].text).toBe('Bericht 21');
    const second = (await w.truus.c.get(`${p.posts}?before=${first.nextBefore}`)).json;
    expect(second.posts[0].text).toBe('Bericht 1');
    const annies = first.posts[0].id as number;
    expect((await w.truus.c.send('DELETE', p.post(annies), undefined)).status).toBe(403);
    const r = (await w.truus.c.post(p.reactions(annies), { text: 'Leuk' })).json.id as number;
    expect((await w.annie.c.send('DELETE', p.reaction(annies, r), undefined)).status).toBe(403);
    expect((await w.truus.c.send('DELETE', p.reaction(annies, r), undefined)).status).toBe(204);
    expect((await w.annie.c.send('DELETE', p.post(annies), undefined)).status).toBe(204);
    expect((await w.annie.c.send('DELETE', p.post(annies), undefined)).status).toBe(404);
    expect((await w.truus.c.get(p.posts)).json.posts[0].text).toBe('Bericht 20');
  });

  it('the home panel shows the name, photo and the newest post', async () => {
    const home = (await w.annie.c.get(`/clients/${w.truus.clientId}/home`)).json;
    expect(home.details).toMatchObject({
      name: 'Truus van Dorp',
      photoUrl: `/api/v1${p.photo}`,
      newestPost: { author: 'Annie van Dorp', textStart: 'Bericht 20', mood: null, hasPhoto: false },
      syncedUntil: expect.any(String),
    });
    onlyRights(w, w.annie.userId, ['appointments']);
    expect((await w.annie.c.get(`/clients/${w.truus.clientId}/home`)).json.details).toBeUndefined();
    onlyRights(w, w.annie.userId, ['data']);
  });
});

describe('bad input and audit', () => {
  it('bad bodies are 400 with the field named, never 500, and change nothing', async () => {
    const before = count(w.tp, 'board_posts') + count(w.tp, 'board_reactions');
    const cases: Array<[string, unknown, string]> = [
      [p.posts, {}, 'text'],
      [p.posts, { text: 'x'.repeat(1001) }, 'text'],
      [p.posts, { text: 'Hoi', extra: 1 }, ''],
      [p.posts, { text: 'Hoi', mood: 'boos' }, 'mood'],
      [p.posts, { text: 'Hoi', photoId: 'abc' }, 'photoId'],
      [p.posts, { text: 'Hoi', photoId: 999999 }, 'photoId'],
      [p.reactions(1), { text: '' }, 'text'],
      [p.reactions(1), { text: 'x'.repeat(501) }, 'text'],
      [p.mobile, { mobile: 12 }, 'mobile'],
      [p.mobileConfirm, { code: '12ab56' }, 'code'],
      [p.email, {}, 'email'],
    ];
    for (const [path, body, field] of cases) {
      const res = await w.truus.c.post(path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}: ${res.text}`).toBe(400);
      expect(res.json.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    expect((await w.truus.c.get(`${p.posts}?before=-1`)).status).toBe(400);
    expect((await w.truus.c.get(`/clients/${w.truus.clientId}/board/posts/abc/reactions`)).status).toBeLessThan(500);
    expect((await w.truus.c.send('DELETE', `/clients/${w.truus.clientId}/board/posts/abc`, undefined)).status).toBe(
      400,
    );
    expect(count(w.tp, 'board_posts') + count(w.tp, 'board_reactions')).toBe(before);
  });

  it('an image body sent to a JSON route is a 400, not a 500 (only the photo route reads image bodies)', async () => {
    const jpeg = await smallJpeg();
    for (const path of [p.posts, p.mobile, '/auth/login']) {
      const res = await upload(w.truus.c, path, jpeg);
      expect(res.status, `${path}: ${res.text}`).toBe(400);
    }
    const png = await upload(w.truus.c, p.photos, jpeg, 'application/octet-stream');
    expect(png.status).toBe(415);
  });

  it('audits every read and write with the client and the resource', async () => {
    const start = (w.tp.portal.db.prepare('SELECT MAX(id) AS id FROM audit_log').get() as { id: number }).id;
    await w.annie.c.get(p.details);
    await w.annie.c.get(p.posts);
    const id = (await w.annie.c.post(p.posts, { text: 'Audit' })).json.id as number;
    await w.annie.c.post(p.reactions(id), { text: 'Ja' });
    await w.annie.c.send('DELETE', p.post(id), undefined);
    const rows = w.tp.portal.db
      .prepare('SELECT action, resource, outcome, client_id AS clientId FROM audit_log WHERE id > ? ORDER BY id')
      .all(start);
    expect(rows).toEqual([
      { action: 'details.read', resource: 'details', outcome: 'success', clientId: w.truus.clientId },
      { action: 'board.read', resource: 'board', outcome: 'success', clientId: w.truus.clientId },
      { action: 'board.post.create', resource: `board-post:${id}`, outcome: 'success', clientId: w.truus.clientId },
      expect.objectContaining({ action: 'board.reaction.create', outcome: 'success' }),
      { action: 'board.post.delete', resource: `board-post:${id}`, outcome: 'success', clientId: w.truus.clientId },
    ]);
  });
});

it('the small JPEG helper is a real JPEG', async () => {
  expect((await sharp(await smallJpeg()).metadata()).format).toBe('jpeg');
});
