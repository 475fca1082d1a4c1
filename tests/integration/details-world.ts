// The shared world of the details integration tests: Truus (client) with EHR data and contacts, Annie (contact),
// Maria (another client: a stranger to Truus), all signed in; helpers for raw photo uploads and rights.
import sharp from 'sharp';
import { setRights } from '../../server/db/repos/memberships.ts';
import { upsertClientContact, upsertClientDetails } from '../../server/db/repos/client-details.ts';
import { solidPng } from '../../server/appointments/solid-png.ts';
import { createAnnie, signIn, startTestPortal, GOOD_PASSWORD, type TestPortal } from '../helpers/portal.ts';
import type { HttpClient, Res } from '../helpers/http-client.ts';
import type { Rights } from '../../shared/sections.ts';

export interface DetailsWorld {
  tp: TestPortal;
  truus: { userId: number; clientId: number; c: HttpClient };
  annie: { userId: number; c: HttpClient };
  maria: { userId: number; clientId: number; c: HttpClient };
}

export async function detailsWorld(env: Record<string, string> = {}): Promise<DetailsWorld> {
  const tp = await startTestPortal(env);
  const t = await tp.createUser({ name: 'Truus van Dorp', username: 'truus', mobile: '0612345678' });
  const m = await tp.createUser({ name: 'Maria de Bruin', username: 'maria', mobile: '0611111111' });
  const annieId = await createAnnie(tp, t.clientId);
  const browser = async (username: string, mobile: string) => {
    const c = tp.client();
    await signIn(tp, c, { username, password: GOOD_PASSWORD, mobile });
    return c;
  };
  const db = tp.portal.db;
  const syncedAt = tp.clock.now().toISOString();
  upsertClientDetails(db, {
    clientId: t.clientId,
    fullName: 'Truus van Dorp',
    birthDate: '1947-03-12',
    address: 'Dorpsstraat 12',
    postalCode: '3811 AB',
    city: 'Amersfoort',
    phone: '033-4567890',
    clientNumber: '100234',
    location: 'De Zonnebloem',
    ward: 'Afdeling 2',
    photo: { data: solidPng(16, [10, 20, 30]), type: 'image/png' },
    source: 'test-ehr',
    externalId: 'client-1',
    syncedAt,
  });
  const contacts: Array<[string, string]> = [
    ['Willem de Vries', 'Zoon'],
    ['Annie van Dorp', 'Dochter'],
    ['Érik Bakker', 'Buurman'],
    ['bert Jansen', 'Huisarts'],
  ];
  contacts.forEach(([name, relation], i) =>
    upsertClientContact(db, {
      clientId: t.clientId,
      name,
      relation,
      phone: '0612345670',
      email: null,
      source: 'test-ehr',
      externalId: `contact-${i}`,
      syncedAt,
    }),
  );
  return {
    tp,
    truus: { userId: t.userId, clientId: t.clientId, c: await browser('truus', '+31612345678') },
    annie: { userId: annieId, c: await browser('annie', '+31687654321') },
    maria: { userId: m.userId, clientId: m.clientId, c: await browser('maria', '+31611111111') },
  };
}

/** Sets exactly the given rights (all others off) for a member of Truus's network. */
export function onlyRights(w: DetailsWorld, userId: number, on: Array<keyof Rights>): void {
  const all: Array<keyof Rights> = ['messages', 'appointments', 'dossier', 'data', 'settings'];
  setRights(w.tp.portal.db, w.truus.clientId, userId, Object.fromEntries(all.map((s) => [s, on.includes(s)])));
}

/** A binary upload with the browser's cookies (HttpClient sends strings only). */
export async function upload(c: HttpClient, path: string, body: Buffer, type = 'image/jpeg'): Promise<Res> {
  const cookie = ['cp_session'].map((n) => `${n}=${c.cookie(n) ?? ''}`).join('; ');
  const res = await fetch(c.url(path), {
    method: 'POST',
    headers: { cookie, 'content-type': type },
    body: new Uint8Array(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export async function smallJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 20, height: 10, channels: 3, background: '#c83232' } })
    .jpeg()
    .toBuffer();
}

export const paths = (clientId: number | string) => ({
  details: `/clients/${clientId}/details`,
  photo: `/clients/${clientId}/details/photo`,
  me: `/clients/${clientId}/details/me`,
  mobile: `/clients/${clientId}/details/me/mobile`,
  mobileConfirm: `/clients/${clientId}/details/me/mobile/confirm`,
  email: `/clients/${clientId}/details/me/email`,
  posts: `/clients/${clientId}/board/posts`,
  post: (id: number) => `/clients/${clientId}/board/posts/${id}`,
  reactions: (id: number) => `/clients/${clientId}/board/posts/${id}/reactions`,
  reaction: (id: number, r: number) => `/clients/${clientId}/board/posts/${id}/reactions/${r}`,
  photos: `/clients/${clientId}/board/photos`,
  boardPhoto: (id: number) => `/clients/${clientId}/board/photos/${id}`,
});
