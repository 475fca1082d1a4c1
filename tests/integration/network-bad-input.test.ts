// Bad input on every route of the network and invitations: 400 with field details and nothing changed, never a 500;
// a stranger meets his 404 before any validation. Random bodies (fast-check) shaped like each route's body, with
// the ones the schema would accept filtered out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { z } from 'zod';
import {
  AcceptNewBody,
  CreateInvitationBody,
  InvitationTokenBody,
  NetworkPath,
  UpdateMemberBody,
} from '../../shared/api/network.ts';
import { EmptyBody } from '../../shared/api/auth.ts';
import {
  closeAll,
  createAnnie,
  GOOD_PASSWORD,
  isApiError,
  signIn,
  type HttpClient,
  type Res,
} from '../helpers/portal.ts';
import { ANNIE, at, invite, networkWorld, type World } from './network-world.ts';

let w: World;
let annieId: number;
let invitationId: number;
let token: string;
let stranger: HttpClient;

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: () => string;
  schema: z.ZodType | null;
  /** Keys of the body schema (random bodies are built around them). */
  keys: string[];
  /** A route under /clients/:clientId: a stranger gets 404 whatever he sends. */
  clientScoped: boolean;
}

const ROUTES: Record<string, Route> = {
  'GET network': {
    method: 'GET',
    path: () => at(NetworkPath.network, { clientId: w.truus.clientId }),
    schema: null,
    keys: [],
    clientScoped: true,
  },
  'PATCH member': {
    method: 'PATCH',
    path: () => at(NetworkPath.member, { clientId: w.truus.clientId, userId: annieId }),
    schema: UpdateMemberBody,
    keys: ['rights', 'accessUntil'],
    clientScoped: true,
  },
  'DELETE member': {
    method: 'DELETE',
    path: () => at(NetworkPath.member, { clientId: w.truus.clientId, userId: annieId }),
    schema: EmptyBody,
    keys: [],
    clientScoped: true,
  },
  'POST invitations': {
    method: 'POST',
    path: () => at(NetworkPath.invitations, { clientId: w.truus.clientId }),
    schema: CreateInvitationBody,
    keys: ['email', 'firstName', 'lastName', 'relation', 'mobile'],
    clientScoped: true,
  },
  'POST resend': {
    method: 'POST',
    path: () => at(NetworkPath.resend, { clientId: w.truus.clientId, invitationId }),
    schema: EmptyBody,
    keys: [],
    clientScoped: true,
  },
  'DELETE invitation': {
    method: 'DELETE',
    path: () => at(NetworkPath.invitation, { clientId: w.truus.clientId, invitationId }),
    schema: EmptyBody,
    keys: [],
    clientScoped: true,
  },
  'POST lookup': {
    method: 'POST',
    path: () => NetworkPath.lookup,
    schema: InvitationTokenBody,
    keys: ['token'],
    clientScoped: false,
  },
  'POST accept-new': {
    method: 'POST',
    path: () => NetworkPath.acceptNew,
    schema: AcceptNewBody,
    keys: ['token', 'username', 'password'],
    clientScoped: false,
  },
  'POST accept': {
    method: 'POST',
    path: () => at(NetworkPath.accept, { invitationId }),
    schema: EmptyBody,
    keys: [],
    clientScoped: false,
  },
  'POST decline': {
    method: 'POST',
    path: () => at(NetworkPath.decline, { invitationId }),
    schema: EmptyBody,
    keys: [],
    clientScoped: false,
  },
};
const WITH_BODY = Object.keys(ROUTES).filter((k) => ROUTES[k]!.schema !== null);

const TABLES = ['users', 'client_members', 'invitations', 'outbox', 'sessions'];
function snapshot(): string {
  return JSON.stringify(TABLES.map((t) => w.tp.portal.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
}

beforeAll(async () => {
  w = await networkWorld();
  annieId = await createAnnie(w.tp, w.truus.clientId);
  ({ id: invitationId, token } = await invite(w, { ...ANNIE, email: 'kees@example.nl' }));
  await w.tp.createUser({ name: 'Maria de Bruin', username: 'maria', mobile: '0611111111' });
  stranger = w.tp.client();
  await signIn(w.tp, stranger, { username: 'maria', password: GOOD_PASSWORD, mobile: '+31611111111' });
});
afterAll(closeAll);

function send(c: HttpClient, r: Route, body: unknown, path = r.path()): Promise<Res> {
  return c.send(r.method, path, body);
}

function expect400(res: Res): void {
  expect(res.status, res.text).toBe(400);
  expect(isApiError(res.json), res.text).toBe(true);
  expect(res.json.error.code).toBe('validation_failed');
  expect(Array.isArray(res.json.error.details.fields), res.text).toBe(true);
}

describe('network routes: bad input', () => {
  it.each(WITH_BODY)('%s: random bad bodies are 400 with field details and change nothing', async (k) => {
    const r = ROUTES[k]!;
    const before = snapshot();
    const anyValue = fc.oneof(
      fc.jsonValue(),
      fc.string({ maxLength: 300 }),
      fc.constantFrom<unknown>('', ' ', '06-12345678', '020-1234567', 'a@b.nl', token, '2026-02-30', { messages: 1 }),
    );
    const shaped = fc.record(Object.fromEntries(r.keys.map((f) => [f, anyValue])), { requiredKeys: [] });
    const withExtra = fc
      .tuple(shaped, fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue(), { maxKeys: 2 }))
      .map(([a, b]) => ({ ...b, ...a }));
    const body = fc.oneof(fc.jsonValue(), shaped, withExtra).filter((b) => !r.schema!.safeParse(b).success);
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        // a JSON null or a bare value is still a body; undefined would be "no body", which is valid for some routes
        const res = await send(w.truusC, r, b === undefined ? null : b);
        expect400(res);
      }),
      { numRuns: 60, seed: 4120 },
    );
    expect(snapshot()).toBe(before);
  });

  it.each(WITH_BODY)('%s: invalid JSON is 400', async (k) => {
    const r = ROUTES[k]!;
    const res = await w.truusC.send(r.method, r.path(), undefined, {
      raw: '{"a":',
      headers: { 'content-type': 'application/json' },
    });
    expect400(res);
  });

  it('a stranger gets 404 before any validation, whatever he sends', async () => {
    const before = snapshot();
    for (const [k, r] of Object.entries(ROUTES).filter(([, r]) => r.clientScoped)) {
      for (const body of [undefined, { nonsense: true }, 42]) {
        const res = await send(stranger, r, r.method === 'GET' ? undefined : body);
        expect(res.status, `${k}: ${res.text}`).toBe(404);
      }
    }
    expect(snapshot()).toBe(before);
  });

  it('malformed ids in the path are 400 naming the parameter', async () => {
    const bad = ['0', '-1', 'abc', '1.5', '99999999999999'];
    for (const id of bad) {
      for (const [path, param] of [
        [at(NetworkPath.network, { clientId: id }), 'clientId'],
        [at(NetworkPath.member, { clientId: w.truus.clientId, userId: id }), 'userId'],
        [at(NetworkPath.invitation, { clientId: w.truus.clientId, invitationId: id }), 'invitationId'],
        [at(NetworkPath.accept, { invitationId: id }), 'invitationId'],
      ] as const) {
        const method = path.includes('/network/') || path.includes('/invitations/') ? 'DELETE' : 'GET';
        const res: Res = await w.truusC.send(path.includes('/me/') ? 'POST' : method, path, undefined);
        expect400(res);
        expect(res.json.error.details.fields[0].path).toBe(param);
      }
    }
  });

  it('an unknown member or invitation is 404, never a 500', async () => {
    const res = [
      await w.truusC.send('PATCH', at(NetworkPath.member, { clientId: w.truus.clientId, userId: 9999 }), {
        rights: {},
      }),
      await w.truusC.send('DELETE', at(NetworkPath.member, { clientId: w.truus.clientId, userId: 9999 }), undefined),
      await w.truusC.post(at(NetworkPath.resend, { clientId: w.truus.clientId, invitationId: 9999 })),
      await w.truusC.post(at(NetworkPath.accept, { invitationId: 9999 })),
      await w.tp.client().post(NetworkPath.lookup, { token: 'B'.repeat(43) }),
    ];
    expect(res.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
  });
});
