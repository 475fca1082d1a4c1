// Shared set-up of the network and invitation tests: a portal with a real SMTP server and a public URL, Truus as
// the client, and helpers to invite by the API and take the token from the mail that arrives.
import { expect } from 'vitest';
import { NetworkPath } from '../../shared/api/network.ts';
import {
  GOOD_PASSWORD,
  signIn,
  startTestPortal,
  type HttpClient,
  type Res,
  type TestPortal,
} from '../helpers/portal.ts';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../helpers/smtp.ts';

export const PUBLIC_URL = 'https://careyn.mijncaress.example';

/** A path template with its :params filled in. */
export function at(template: string, params: Record<string, number | string>): string {
  return template.replace(/:(\w+)/g, (_, k: string) => String(params[k]));
}

export function patch(c: HttpClient, path: string, body?: unknown): Promise<Res> {
  return c.send('PATCH', path, body);
}
export function del(c: HttpClient, path: string, body?: unknown): Promise<Res> {
  return c.send('DELETE', path, body);
}

export interface World {
  tp: TestPortal;
  smtp: TestSmtp;
  truus: Awaited<ReturnType<TestPortal['createUser']>>;
  /** Truus, signed in. */
  truusC: HttpClient;
}

export async function networkWorld(env: Record<string, string> = {}): Promise<World> {
  const smtp = await startSmtp();
  const tp = await startTestPortal({ PORTAL_SMTP_URL: smtp.url, PORTAL_PUBLIC_URL: PUBLIC_URL, ...env });
  const truus = await tp.createUser({
    name: 'Truus van Dorp',
    username: 'truus',
    email: 'truus@example.nl',
    mobile: '0612345678',
  });
  const truusC = tp.client();
  await signIn(tp, truusC, { username: 'truus', password: GOOD_PASSWORD, mobile: '+31612345678' });
  return { tp, smtp, truus, truusC };
}

export const ANNIE = {
  email: 'annie@example.nl',
  firstName: 'Annie',
  lastName: 'van Dorp',
  relation: 'Eerste relatie/contactpersoon',
  mobile: '06-87654321',
};

/** The token of an invitation link in a mail text (`<public url>/uitnodiging#token=…`). */
export function invitationLinkFrom(text: string): { link: string; token: string } {
  const m = /(\S+\/uitnodiging#token=([A-Za-z0-9_-]{43}))/.exec(text);
  if (!m) throw new Error(`no invitation link in mail:\n${text}`);
  return { link: m[1]!, token: m[2]! };
}

/** Delivers the outbox and waits for the next mail to this address. */
export async function nextMailTo(w: World, email: string, after: number): Promise<ReceivedMail> {
  await w.tp.deliver();
  const key = email.trim().toLowerCase();
  return w.smtp.waitForMail((m) => w.smtp.mails.indexOf(m) >= after && m.to.some((t) => t.toLowerCase() === key));
}

/** Invites by the API as `c` (Truus by default) and returns the invitation and the token from its mail. */
export async function invite(
  w: World,
  body: Record<string, unknown> = ANNIE,
  c: HttpClient = w.truusC,
  clientId = w.truus.clientId,
): Promise<{ id: number; token: string; mail: ReceivedMail }> {
  const before = w.smtp.mails.length;
  const res = await c.post(at(NetworkPath.invitations, { clientId }), body);
  expect(res.status, res.text).toBe(201);
  const mail = await nextMailTo(w, String(body.email), before);
  return { id: res.json.id, token: invitationLinkFrom(mail.text).token, mail };
}

/** A new person accepts from the link and signs in (SMS to the invited mobile); returns the signed-in client. */
export async function acceptAsNew(w: World, token: string, username: string, mobile: string): Promise<HttpClient> {
  const res = await w.tp.client().post(NetworkPath.acceptNew, { token, username, password: GOOD_PASSWORD });
  expect(res.status, res.text).toBe(201);
  const c = w.tp.client();
  await signIn(w.tp, c, { username, password: GOOD_PASSWORD, mobile });
  return c;
}
