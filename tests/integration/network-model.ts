// Model-based property test of the network's authorisation (issue 4 §1, §6 first bullet), driven by fast-check.
// Each fast-check run is a fresh world (portal, SMTP server, two clients and the people around them) and a fixed
// number of steps; fast-check draws, per step, a record of numbers, and the world reads them as its choices in the
// state it is in (which command, which actor, client, target, right, date…; an index modulo the options there are).
// The commands: invite, accept from the link or under Uitnodigingen, decline, grant and revoke single rights, set and
// clear an end date, let it pass (the clock crosses midnight), remove, resend, withdraw, a real write, a client
// switch. A plain model says what each command must answer and what the network looks like afterwards.
// After EVERY step the complete sweep runs: every signed-in user × every client × every route under
// /clients/:clientId (ROUTES: the reads, writes and id routes of Berichten, Afspraken, Dossier, Gegevens and the
// prikbord, Gebruikersbeheer and its invitations, "wie heeft mijn dossier bekeken"; the home screen's panels and the
// grid row by row by their content) plus /clients; refused is 403 or 404 as the model says. A test compares ROUTES
// with the routes the app's router has, so a new route cannot be left out. The sweep's and the commands' requests
// are dispatched in-process into the portal's real request listener (tests/helpers/inject.ts: the whole Koa
// pipeline, without the socket); sign-in goes over HTTP.
// No shrinking (endOnFailure): every attempt would replay a fresh world and hundreds of steps; the failure message
// has the command log up to the failing step instead, and the fast-check seed and path to replay that very run.
//
// The two worlds run as two test files (network-model-careyn.test.ts, network-model-svrz.test.ts), so vitest runs
// them side by side on two workers. Knobs: NETWORK_MODEL_SEED (fast-check's seed; the Careyn world uses it, the SVRZ
// world seed + 1), NETWORK_MODEL_STEPS (total steps, half in each world, in runs of at most RUN_STEPS),
// NETWORK_MODEL_PATH (the path printed on a failure: replays only that run; the message prints the command line).
import fc from 'fast-check';
import type Router from '@koa/router';
import { afterAll, expect, it } from 'vitest';
import { API_PREFIX, ApiPath } from '../../shared/api/paths.ts';
import { HomePath } from '../../shared/api/home.ts';
import { MessagePath } from '../../shared/api/messages.ts';
import { DossierPath } from '../../shared/api/dossier.ts';
import { BoardPath, DetailsPath } from '../../shared/api/details.ts';
import { AppointmentPath } from '../../shared/api/appointments.ts';
import { NetworkPath } from '../../shared/api/network.ts';
import { createContactAccount } from '../../server/accounts/create-account.ts';
import { createApp } from '../../server/http/app.ts';
import { silentLogger } from '../../server/log.ts';
import { setRights } from '../../server/db/repos/memberships.ts';
import { MINUTE, SECOND } from '../../server/clock.ts';
import {
  closeAll,
  GOOD_PASSWORD,
  signIn,
  startTestPortal,
  type HttpClient,
  type TestPortal,
} from '../helpers/portal.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { injector, type Answer, type Dispatch } from '../helpers/inject.ts';
import { at, invitationLinkFrom, PUBLIC_URL } from './network-world.ts';

const RIGHTS = ['messages', 'appointments', 'dossier', 'data', 'settings'] as const;
type Right = (typeof RIGHTS)[number];
type Rights = Record<Right, boolean>;
type Role = 'client' | 'representative' | 'contact';
const NONE: Rights = { messages: false, appointments: false, dossier: false, data: false, settings: false };
const ALL: Rights = { messages: true, appointments: true, dossier: true, data: true, settings: true };
/** Home panel key per section (server/home/panels.ts); Instellingen has no panel. */
const PANEL: Partial<Record<Right, string>> = {
  appointments: 'appointments',
  messages: 'messages',
  dossier: 'file',
  data: 'details',
};

const SEED = Number(process.env.NETWORK_MODEL_SEED ?? 20_261_122);
const STEPS = Number(process.env.NETWORK_MODEL_STEPS ?? 10_000);
const PATH = process.env.NETWORK_MODEL_PATH;
/** Steps per fast-check run (one fresh world each): long enough for deep states, short enough to keep the audit small. */
const RUN_STEPS = 1000;
/** Numbers drawn per step; the most a step reads is 11 (a change of two rights). */
const CHOICES_PER_STEP = 12;

// ---------------------------------------------------------------------------------------------------------------
// One step's choices: fast-check draws the numbers, the world reads them in order as it decides.

class Choices {
  private at = 0;
  constructor(private readonly xs: readonly number[]) {}
  private next(): number {
    if (this.at >= this.xs.length) throw new Error(`a step read more than its ${this.xs.length} choices`);
    return this.xs[this.at++]!;
  }
  /** 0 … n-1. */
  int(n: number): number {
    return this.next() % n;
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from nothing');
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() / 2 ** 31 < p;
  }
}
/** A run: per step CHOICES_PER_STEP numbers in 0 … 2^31-1, unbiased (fast-check's bias would skew the command mix). */
const runOf = (steps: number) =>
  fc.array(fc.array(fc.noBias(fc.nat()), { minLength: CHOICES_PER_STEP, maxLength: CHOICES_PER_STEP }), {
    minLength: steps,
    maxLength: steps,
  });

// ---------------------------------------------------------------------------------------------------------------
// Amsterdam calendar dates (the end date of access is the last day, through midnight Europe/Amsterdam).

const dateFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayOf = (ms: number): string => dateFmt.format(new Date(ms));
function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
/** The first instant (whole minute) of the next Amsterdam day after `ms`. */
function nextMidnight(ms: number): number {
  const today = dayOf(ms);
  let t = Math.floor(ms / MINUTE) * MINUTE;
  for (let step = 60 * MINUTE; step >= MINUTE; step /= 60) {
    while (dayOf(t + step) === today) t += step;
  }
  return t + MINUTE;
}

// ---------------------------------------------------------------------------------------------------------------
// The model.

interface Person {
  key: string;
  name: string;
  firstName: string;
  lastName: string;
  username: string;
  email: string;
  /** As typed in the invitation form, and as E.164 for the SMS. */
  mobile: string;
  e164: string;
  userId?: number;
  browser?: HttpClient;
  cookie?: string;
}
interface Member {
  role: Role;
  locked: boolean;
  rights: Rights;
  /** The last day of access (YYYY-MM-DD) or null. */
  until: string | null;
}
type InvStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';
interface Invitation {
  id: number;
  client: number;
  person: string;
  status: InvStatus;
  expiresAt: number;
}
interface ClientDef {
  owner: string;
  clientId: number;
}

class Model {
  now = 0;
  readonly members: Map<string, Member>[] = [];
  readonly invitations: Invitation[] = [];
  constructor(
    readonly delegate: boolean,
    readonly invitationDays: number,
  ) {}

  today(): string {
    return dayOf(this.now);
  }
  row(c: number, p: string): Member | undefined {
    return this.members[c]!.get(p);
  }
  /** The membership that gives access now (not past its end date). */
  active(c: number, p: string): Member | undefined {
    const m = this.row(c, p);
    return m && !(m.until !== null && this.today() > m.until) ? m : undefined;
  }
  rights(c: number, p: string): Rights | undefined {
    const m = this.active(c, p);
    if (!m) return undefined;
    return m.role === 'contact' ? m.rights : ALL;
  }
  /** 0 = may manage, else the refusal status of allowManage. */
  manageRefusal(c: number, p: string): 0 | 403 | 404 {
    const m = this.active(c, p);
    if (!m) return 404;
    if (!this.rights(c, p)!.settings) return 403;
    if (m.role === 'contact' && !this.delegate) return 403;
    return 0;
  }
  sectionStatus(c: number, p: string, s: Right, ok: number): number {
    const r = this.rights(c, p);
    return !r ? 404 : r[s] ? ok : 403;
  }
  invStatus(i: Invitation): InvStatus | 'expired' {
    return i.status === 'pending' && this.now >= i.expiresAt ? 'expired' : i.status;
  }
  lockedRow(m: Member): boolean {
    return m.locked || m.role !== 'contact';
  }
}

const json = (a: Answer): unknown => (a.text ? JSON.parse(a.text) : undefined);

// ---------------------------------------------------------------------------------------------------------------
// One world: a portal, an SMTP server, two clients and the people around them, and the model that mirrors them.

interface WorldOptions {
  label: string;
  env: Record<string, string>;
  delegate: boolean;
  seed: number;
  steps: number;
}

/** What a world's runs add up to: printed at the end, also when a run fails. */
interface Stats {
  runs: number;
  steps: number;
  sweeps: number;
  requests: number;
  ms: Record<string, number>;
  commands: Record<string, number>;
  outcomes: Record<string, number>;
}
const newStats = (): Stats => ({ runs: 0, steps: 0, sweeps: 0, requests: 0, ms: {}, commands: {}, outcomes: {} });

/** What a route needs: a section right, the right to manage the network, or being the client or representative. */
type Need = Right | 'manage' | 'owner';
/** An id that does not exist: a caller let through gets the route's own 404, one without the right 403 first. */
const NO_SUCH = {
  appointmentId: 999_999_999,
  threadId: 999_999_999,
  itemId: 999_999_999,
  planId: 999_999_999,
  postId: 999_999_999,
  reactionId: 999_999_999,
  photoId: 999_999_999,
  userId: 999_999_999,
  invitationId: 999_999_999,
};
/**
 * Every route under /clients/:clientId (the home screen and the grid aside), with what it needs and what a caller
 * it lets through gets from this probe: 200 for a read; 400 for a write with a body that fails validation (which
 * proves the access check came first, and writes nothing: the real writes are commands of their own); 404 for an
 * id that does not exist. Refused is 404 for someone outside the network, 403 for a member without the right.
 * A route added without a row here fails the test below that compares this table with the app's router.
 */
const ROUTES: readonly (readonly [method: string, template: string, body: unknown, need: Need, allowed: number])[] = [
  ['GET', AppointmentPath.list, undefined, 'appointments', 200],
  ['GET', AppointmentPath.upcoming, undefined, 'appointments', 200],
  ['POST', AppointmentPath.list, {}, 'appointments', 400],
  ['PATCH', AppointmentPath.one, {}, 'appointments', 400],
  ['DELETE', AppointmentPath.one, undefined, 'appointments', 404],
  ['GET', MessagePath.list, undefined, 'messages', 200],
  ['GET', MessagePath.recipients, undefined, 'messages', 200],
  ['POST', MessagePath.list, {}, 'messages', 400],
  ['GET', MessagePath.thread, undefined, 'messages', 404],
  ['POST', MessagePath.replies, {}, 'messages', 404],
  ['POST', MessagePath.unread, undefined, 'messages', 404],
  ['GET', DossierPath.overview, undefined, 'dossier', 200],
  ['GET', `${DossierPath.items}?from=2026-01-01&to=2026-12-31`, undefined, 'dossier', 200],
  ['GET', DossierPath.item, undefined, 'dossier', 404],
  ['GET', DossierPath.day, undefined, 'dossier', 200],
  ['POST', DossierPath.reports, {}, 'dossier', 400],
  ['GET', DossierPath.currentPlan, undefined, 'dossier', 200],
  ['GET', DossierPath.planHistory, undefined, 'dossier', 200],
  ['GET', DossierPath.plan, undefined, 'dossier', 404],
  ['GET', DetailsPath.details, undefined, 'data', 200],
  ['GET', DetailsPath.photo, undefined, 'data', 404],
  ['GET', DetailsPath.me, undefined, 'data', 200],
  ['POST', DetailsPath.mobile, {}, 'data', 400],
  ['POST', DetailsPath.mobileConfirm, {}, 'data', 400],
  ['POST', DetailsPath.email, {}, 'data', 400],
  ['GET', BoardPath.posts, undefined, 'data', 200],
  ['POST', BoardPath.posts, {}, 'data', 400],
  ['DELETE', BoardPath.post, undefined, 'data', 404],
  ['POST', BoardPath.reactions, {}, 'data', 400],
  ['DELETE', BoardPath.reaction, undefined, 'data', 404],
  ['POST', BoardPath.photos, {}, 'data', 400],
  ['GET', BoardPath.photo, undefined, 'data', 404],
  ['PATCH', NetworkPath.member.replace(':userId', ':self'), {}, 'manage', 400],
  ['DELETE', NetworkPath.member, undefined, 'manage', 404],
  ['GET', NetworkPath.invitations, undefined, 'manage', 200],
  ['POST', NetworkPath.invitations, {}, 'manage', 400],
  ['DELETE', NetworkPath.invitation, undefined, 'manage', 404],
  ['POST', NetworkPath.resend, undefined, 'manage', 404],
  ['GET', ApiPath.accessLog, undefined, 'owner', 200],
];

class ModelFailure extends Error {}

class World {
  tp!: TestPortal;
  smtp!: TestSmtp;
  m: Model;
  readonly people = new Map<string, Person>();
  readonly clients: ClientDef[] = [];
  readonly log: string[] = [];
  step = 0;
  /** Mails sent to each address so far, with the invitation each was for (invite and resend send one). */
  readonly mailsFor = new Map<string, number[]>();
  private call!: Dispatch;
  private readonly paths = new Map<string, string[]>();
  private accessLogDay = '';

  constructor(
    readonly o: WorldOptions,
    readonly stats: Stats,
  ) {
    this.m = new Model(o.delegate, Number(o.env.PORTAL_INVITATION_DAYS));
  }

  fail(msg: string): never {
    throw new ModelFailure(
      `${this.o.label}, run ${this.stats.runs}: ${msg}\n  at step ${this.step}; the commands so far:\n    ${this.log.join('\n    ')}`,
    );
  }

  person(key: string): Person {
    return this.people.get(key)!;
  }
  accounts(): Person[] {
    return [...this.people.values()].filter((p) => p.userId !== undefined);
  }
  byUserId(id: number): Person | undefined {
    return [...this.people.values()].find((p) => p.userId === id);
  }

  async setUp(): Promise<void> {
    this.smtp = await startSmtp();
    this.tp = await startTestPortal({ PORTAL_SMTP_URL: this.smtp.url, PORTAL_PUBLIC_URL: PUBLIC_URL, ...this.o.env });
    this.call = injector(this.tp.portal.handler, this.tp.url);
    // The model's time is the portal's: frozen between steps, so every date comparison is exact. It starts at
    // 23:40 in Amsterdam, so the first end date can pass without the sessions' 30 idle minutes running out.
    const start = nextMidnight(Date.now() + 2 * 24 * 60 * MINUTE) - 20 * MINUTE;
    this.m.now = start;
    // The day before the world began: the answer is the same 200/403/404 as for the last 30 days (access comes first),
    // but an empty list; the default period lists 500 rows of this very sweep's audit, which cost more (ms, growing
    // with the log) than all other routes of the sweep together.
    const day = { from: new Date(start - 24 * 60 * MINUTE).toISOString(), to: new Date(start).toISOString() };
    this.accessLogDay = `${ApiPath.accessLog}?${new URLSearchParams(day).toString()}`;
    Object.assign(this.tp.clock, { now: () => new Date(this.m.now) });
    expect(timeFmt.format(new Date(start))).toBe('23:40');

    const add = (key: string, first: string, last: string, mobile: string) => {
      const p: Person = {
        key,
        name: `${first} ${last}`,
        firstName: first,
        lastName: last,
        username: key,
        email: `${key}@example.nl`,
        mobile,
        e164: `+31${mobile.replace(/^0/, '')}`,
      };
      this.people.set(key, p);
      return p;
    };
    const truus = add('truus', 'Truus', 'van Dorp', '0612345001');
    const maria = add('maria', 'Maria', 'de Bruin', '0612345002');
    const vera = add('vera', 'Vera', 'van Dorp', '0612345003');
    const lot = add('lot', 'Lot', 'Jansen', '0612345004');
    add('xander', 'Xander', 'Bakker', '0612345005');
    add('yara', 'Yara', 'Visser', '0612345006');

    for (const p of [truus, maria]) {
      const u = await this.tp.createUser({ name: p.name, username: p.username, email: p.email, mobile: p.mobile });
      p.userId = u.userId;
      this.clients.push({ owner: p.key, clientId: u.clientId });
      this.m.members.push(new Map([[p.key, { role: 'client', locked: true, rights: ALL, until: null }]]));
    }
    const [A, B] = this.clients as [ClientDef, ClientDef];
    // Vera: Truus's legal representative (no route creates one; set as the admin would, like network-rights.test.ts).
    vera.userId = await this.contact(vera, A.clientId);
    this.tp.portal.db
      .prepare(`UPDATE client_members SET role = 'representative', locked = 1 WHERE user_id = ?`)
      .run(vera.userId);
    this.m.members[0]!.set('vera', { role: 'representative', locked: true, rights: ALL, until: null });
    // Lot: a contact of Maria registered in the EHR (locked), with Berichten, Dossier and Instellingen.
    lot.userId = await this.contact(lot, B.clientId);
    this.tp.portal.db.prepare(`UPDATE client_members SET locked = 1 WHERE user_id = ?`).run(lot.userId);
    const lotRights = { ...NONE, messages: true, dossier: true, settings: true };
    setRights(this.tp.portal.db, B.clientId, lot.userId, lotRights);
    this.m.members[1]!.set('lot', { role: 'contact', locked: true, rights: lotRights, until: null });

    for (const p of this.accounts()) await this.signIn(p);
  }

  /** Stops the portal and the SMTP server (those of a set-up that failed half-way stop in afterAll). */
  async close(): Promise<void> {
    await (this.tp as TestPortal | undefined)?.close();
    await (this.smtp as TestSmtp | undefined)?.stop();
  }

  private async contact(p: Person, clientId: number): Promise<number> {
    const { userId } = await createContactAccount(
      this.tp.portal.deps,
      { name: p.name, username: p.username, email: p.email, mobile: p.mobile, clientId, relation: 'Buur' },
      GOOD_PASSWORD,
      { mustChangePassword: false },
    );
    return userId;
  }

  async signIn(p: Person): Promise<void> {
    p.browser ??= this.tp.client();
    await signIn(this.tp, p.browser, { username: p.username, password: GOOD_PASSWORD, mobile: p.e164 });
    p.cookie = `cp_session=${p.browser.cookie('cp_session')}`;
  }

  async req(p: Person | null, method: string, path: string, body?: unknown): Promise<Answer> {
    this.stats.requests++;
    return this.call(method, path, p?.cookie, body);
  }

  expectStatus(what: string, a: Answer, want: number): void {
    if (a.status !== want) this.fail(`${what}: got ${a.status}, the model says ${want} (${a.text.slice(0, 200)})`);
    if (want >= 400 && want !== 410 && want !== 409) {
      const code = (json(a) as { error?: { code?: string } } | undefined)?.error?.code;
      if (!code) this.fail(`${what}: an error without a code: ${a.text.slice(0, 200)}`);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The check after every step.

  /** Every user × every client × every route, /clients per user, and the grid row by row. */
  async sweep(): Promise<void> {
    this.stats.sweeps++;
    const jobs: Promise<void>[] = [];
    for (const p of this.accounts()) {
      jobs.push(this.checkClientsList(p));
      for (let c = 0; c < this.clients.length; c++) jobs.push(this.checkRoutes(p, c));
    }
    await Promise.all(jobs);
  }

  async checkClientsList(p: Person): Promise<void> {
    const a = await this.req(p, 'GET', ApiPath.clients);
    this.expectStatus(`${p.key} GET /clients`, a, 200);
    const got = (json(a) as { clients: { id: number; role: Role; rights: Rights }[] }).clients
      .map((x) => ({ id: x.id, role: x.role, rights: x.rights }))
      .sort((x, y) => x.id - y.id);
    const want = this.clients
      .map((c, i) => ({ id: c.clientId, m: this.m.active(i, p.key), rights: this.m.rights(i, p.key) }))
      .filter((x) => x.m)
      .map((x) => ({ id: x.id, role: x.m!.role, rights: x.rights! }))
      .sort((x, y) => x.id - y.id);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      this.fail(`${p.key} GET /clients: got ${JSON.stringify(got)}, the model says ${JSON.stringify(want)}`);
    }
  }

  async checkHome(p: Person, c: number): Promise<void> {
    const clientId = this.clients[c]!.clientId;
    const a = await this.req(p, 'GET', at(HomePath.home, { clientId }));
    const r = this.m.rights(c, p.key);
    this.expectStatus(`${p.key} GET home of client ${c}`, a, r ? 200 : 404);
    if (!r) return;
    const got = Object.keys(json(a) as object).sort();
    const want = RIGHTS.filter((s) => r[s] && PANEL[s])
      .map((s) => PANEL[s]!)
      .sort();
    if (got.join() !== want.join()) this.fail(`${p.key} home of client ${c}: panels ${got}, the model says ${want}`);
  }

  async checkGrid(p: Person, c: number): Promise<void> {
    const clientId = this.clients[c]!.clientId;
    const a = await this.req(p, 'GET', at(NetworkPath.network, { clientId }));
    const refusal = this.m.manageRefusal(c, p.key);
    this.expectStatus(`${p.key} GET network of client ${c}`, a, refusal || 200);
    if (refusal) return;
    const body = json(a) as { settingsDelegable: boolean; rows: Record<string, unknown>[] };
    if (body.settingsDelegable !== this.m.delegate) this.fail(`settingsDelegable ${body.settingsDelegable}`);
    const got = body.rows
      .map((r) => {
        const who = this.byUserId(r.userId as number);
        return `${who?.key ?? `user${String(r.userId)}`} ${String(r.role)} locked=${String(r.locked)} ${rightsText(r.rights as Rights)} until=${String(r.accessUntil)} expired=${String(r.expired)} me=${String(r.me)}`;
      })
      .sort();
    const want = [...this.m.members[c]!.entries()]
      .map(([key, m]) => {
        const rights = m.role === 'contact' ? m.rights : ALL;
        const expired = m.until !== null && this.m.today() > m.until;
        return `${key} ${m.role} locked=${this.m.lockedRow(m)} ${rightsText(rights)} until=${String(m.until)} expired=${expired} me=${key === p.key}`;
      })
      .sort();
    if (got.join('\n') !== want.join('\n')) {
      this.fail(
        `grid of client ${c} as ${p.key}:\n      got  ${got.join('\n           ')}\n      want ${want.join('\n           ')}`,
      );
    }
  }

  /** Every route under /clients/:clientId but the home screen and the grid (checked by their content). */
  async checkRoutes(p: Person, c: number): Promise<void> {
    const m = this.m;
    const manage = m.manageRefusal(c, p.key);
    const owner = m.active(c, p.key);
    const paths = this.routePaths(c, p);
    await Promise.all([
      this.checkHome(p, c),
      this.checkGrid(p, c),
      ...ROUTES.map(async (route, i) => {
        const [method, template, body, need, allowed] = route;
        const want =
          need === 'manage'
            ? manage || allowed
            : need === 'owner'
              ? !owner
                ? 404
                : owner.role === 'contact'
                  ? 403
                  : allowed
              : m.sectionStatus(c, p.key, need, allowed);
        const a = await this.req(p, method, paths[i]!, body);
        this.expectStatus(`${p.key} ${method} ${template} of client ${c}`, a, want);
      }),
    ]);
  }

  /** The ROUTES' paths for client c as p asks them (his own row for the grid's PATCH), made once. */
  private routePaths(c: number, p: Person): string[] {
    const key = `${c} ${p.key}`;
    let paths = this.paths.get(key);
    if (!paths) {
      const params = { ...NO_SUCH, clientId: this.clients[c]!.clientId, self: p.userId! };
      paths = ROUTES.map(([, template]) => at(template === ApiPath.accessLog ? this.accessLogDay : template, params));
      this.paths.set(key, paths);
    }
    return paths;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Commands.

  /** The steps of one run, each with the complete sweep after it. */
  async run(steps: readonly (readonly number[])[]): Promise<void> {
    const add = (key: string, ms: number) => (this.stats.ms[key] = (this.stats.ms[key] ?? 0) + ms);
    let t = performance.now();
    await this.sweep();
    add('sweep', performance.now() - t);
    for (this.step = 1; this.step <= steps.length; this.step++) {
      this.m.now += SECOND;
      t = performance.now();
      const name = await this.command(new Choices(steps[this.step - 1]!));
      this.stats.steps++;
      this.stats.commands[name] = (this.stats.commands[name] ?? 0) + 1;
      add(name, performance.now() - t);
      t = performance.now();
      await this.sweep();
      add('sweep', performance.now() - t);
    }
  }

  note(line: string, outcome: number | string): void {
    this.log.push(`${this.step}. ${line} → ${outcome}`);
    if (this.log.length > 400) this.log.splice(0, this.log.length - 300, '…');
    const key = `${(line.split(' ')[1] ?? line).split('=')[0]!} ${outcome}`;
    this.stats.outcomes[key] = (this.stats.outcomes[key] ?? 0) + 1;
  }

  /** A random actor: often one who may manage the client (so changes happen), otherwise anyone signed in. */
  actorFor(g: Choices, c: number): Person {
    const managers = this.accounts().filter((p) => this.m.manageRefusal(c, p.key) === 0);
    return managers.length > 0 && g.chance(0.65) ? g.pick(managers) : g.pick(this.accounts());
  }

  async command(g: Choices): Promise<string> {
    const c = g.int(this.clients.length);
    const roll = g.int(100);
    if (roll < 13) return this.invite(g, c);
    if (roll < 17) return this.acceptNew(g);
    if (roll < 28) return this.decide(g);
    if (roll < 58) return this.grant(g, c);
    if (roll < 70) return this.endDate(g, c);
    if (roll < 77) return this.remove(g, c);
    if (roll < 83) return this.resendOrWithdraw(g, c);
    if (roll < 92) return this.write(g, c);
    if (roll < 99 || g.chance(0.75)) return this.clientSwitch(g);
    return this.expire();
  }

  async invite(g: Choices, c: number): Promise<string> {
    const actor = this.actorFor(g, c);
    const target = g.pick([...this.people.values()]);
    const clientId = this.clients[c]!.clientId;
    const a = await this.req(actor, 'POST', at(NetworkPath.invitations, { clientId }), {
      email: g.chance(0.2) ? `  ${target.email.toUpperCase()} ` : target.email,
      firstName: target.firstName,
      lastName: target.lastName,
      relation: 'Eerste relatie/contactpersoon',
      mobile: target.mobile,
    });
    let want: number = this.m.manageRefusal(c, actor.key);
    const pending = this.m.invitations.find((i) => i.client === c && i.person === target.key && i.status === 'pending');
    if (!want) {
      if (this.m.row(c, target.key)) want = 409;
      else if (pending && this.m.invStatus(pending) === 'pending') want = 409;
      else want = 201;
    }
    this.note(`${actor.key} invite ${target.key} to client ${c}`, a.status);
    this.expectStatus(`${actor.key} invites ${target.key} to client ${c}`, a, want);
    if (want === 201) {
      if (pending) pending.status = 'withdrawn';
      const body = json(a) as { id: number; status: string; expiresAt: string };
      const expiresAt = this.m.now + this.m.invitationDays * 24 * 60 * MINUTE;
      if (body.status !== 'pending' || Date.parse(body.expiresAt) !== expiresAt) this.fail(`invitation ${a.text}`);
      this.m.invitations.push({ id: body.id, client: c, person: target.key, status: 'pending', expiresAt });
      this.mailsFor.set(target.email, [...(this.mailsFor.get(target.email) ?? []), body.id]);
    }
    return 'invite';
  }

  /** A person without an account opens the newest link of one of his invitations and creates his account. */
  async acceptNew(g: Choices): Promise<string> {
    const options = this.m.invitations.filter((i) => this.person(i.person).userId === undefined);
    if (options.length === 0) return this.clientSwitch(g);
    const inv = g.pick(options);
    const p = this.person(inv.person);
    const token = await this.tokenOf(p, inv.id);
    const a = await this.req(null, 'POST', NetworkPath.acceptNew, {
      token,
      username: p.username,
      password: GOOD_PASSWORD,
    });
    const want = this.m.invStatus(inv) === 'pending' ? 201 : 410;
    this.note(`${p.key} accept-new invitation ${inv.id} (client ${inv.client})`, a.status);
    this.expectStatus(`${p.key} accepts invitation ${inv.id} from the link`, a, want);
    if (want === 201) {
      this.join(inv);
      const row = this.tp.portal.db.prepare('SELECT id FROM users WHERE username = ?').get(p.username) as {
        id: number;
      };
      p.userId = row.id;
      await this.signIn(p);
    }
    return 'accept-new';
  }

  private join(inv: Invitation): void {
    inv.status = 'accepted';
    if (!this.m.row(inv.client, inv.person)) {
      this.m.members[inv.client]!.set(inv.person, { role: 'contact', locked: false, rights: NONE, until: null });
    }
  }

  /** The token of the newest mail for this invitation (the link that works after a resend). */
  private async tokenOf(p: Person, invitationId: number): Promise<string> {
    const sent = this.mailsFor.get(p.email) ?? [];
    const index = sent.lastIndexOf(invitationId);
    await this.tp.deliver();
    const mine = () => this.smtp.mails.filter((m) => m.to.some((t) => t.toLowerCase() === p.email));
    if (mine().length < sent.length) {
      await this.smtp.waitForMail(() => mine().length >= sent.length, 10_000);
    }
    return invitationLinkFrom(mine()[index]!.text).token;
  }

  /** Accepteren / Weigeren under Uitnodigingen: usually one's own invitation, sometimes someone else's. */
  async decide(g: Choices): Promise<string> {
    if (this.m.invitations.length === 0) return this.invite(g, g.int(this.clients.length));
    const actor = g.pick(this.accounts());
    const own = this.m.invitations.filter((i) => i.person === actor.key);
    const inv = own.length > 0 && g.chance(0.8) ? g.pick(own) : g.pick(this.m.invitations);
    const decision = g.chance(0.8) ? 'accept' : 'decline';
    const path = at(NetworkPath[decision], { invitationId: inv.id });
    if (g.chance(0.3)) {
      // what Uitnodigingen lists: exactly the caller's open invitations
      const list = await this.req(actor, 'GET', NetworkPath.mine);
      const got = (json(list) as { invitations: { id: number }[] }).invitations.map((i) => i.id).sort((x, y) => x - y);
      const want = own.filter((i) => this.m.invStatus(i) === 'pending').map((i) => i.id);
      if (got.join() !== want.sort((x, y) => x - y).join()) this.fail(`${actor.key} Uitnodigingen ${got} vs ${want}`);
    }
    const a = await this.req(actor, 'POST', path);
    const want = inv.person !== actor.key ? 404 : this.m.invStatus(inv) === 'pending' ? 200 : 410;
    this.note(`${actor.key} ${decision} invitation ${inv.id} (client ${inv.client}, for ${inv.person})`, a.status);
    this.expectStatus(`${actor.key} ${decision}s invitation ${inv.id}`, a, want);
    if (want === 200) {
      if (decision === 'accept') this.join(inv);
      else inv.status = 'declined';
    }
    return decision;
  }

  /** A target in the grid: usually a row of this network, sometimes anyone with an account. */
  targetFor(g: Choices, c: number): Person {
    const rows = [...this.m.members[c]!.keys()].map((k) => this.person(k));
    return g.chance(0.9) ? g.pick(rows) : g.pick(this.accounts());
  }

  /** Which status a change of this row must get before its own rules: allowManage, then the row and its lock. */
  rowRefusal(c: number, actor: Person, target: Person): number {
    const refusal = this.m.manageRefusal(c, actor.key);
    if (refusal) return refusal;
    const row = this.m.row(c, target.key);
    if (!row) return 404;
    return this.m.lockedRow(row) ? 403 : 0;
  }

  async grant(g: Choices, c: number): Promise<string> {
    const actor = this.actorFor(g, c);
    const target = this.targetFor(g, c);
    const patch: Partial<Rights> = {};
    const n = g.chance(0.75) ? 1 : 2;
    for (let i = 0; i < n; i++) patch[g.pick(RIGHTS)] = g.chance(0.6);
    const clientId = this.clients[c]!.clientId;
    const a = await this.req(actor, 'PATCH', at(NetworkPath.member, { clientId, userId: target.userId! }), {
      rights: patch,
    });
    let want = this.rowRefusal(c, actor, target);
    if (!want && patch.settings === true && !this.m.delegate) want = 403;
    this.note(`${actor.key} rights ${rightsText(patch)} of ${target.key} in client ${c}`, a.status);
    this.expectStatus(`${actor.key} sets ${JSON.stringify(patch)} of ${target.key} in client ${c}`, a, want || 200);
    if (!want) {
      const row = this.m.row(c, target.key)!;
      row.rights = { ...row.rights, ...patch };
    }
    return 'rights';
  }

  async endDate(g: Choices, c: number): Promise<string> {
    const actor = this.actorFor(g, c);
    const target = this.targetFor(g, c);
    const today = this.m.today();
    const until = g.pick([today, today, addDays(today, 1), addDays(today, 2), null, null, addDays(today, -1)]);
    const clientId = this.clients[c]!.clientId;
    const a = await this.req(actor, 'PATCH', at(NetworkPath.member, { clientId, userId: target.userId! }), {
      accessUntil: until,
    });
    let want = this.rowRefusal(c, actor, target);
    if (!want && until !== null && until < today) want = 400;
    this.note(`${actor.key} until=${String(until)} of ${target.key} in client ${c}`, a.status);
    this.expectStatus(
      `${actor.key} sets the end date ${String(until)} of ${target.key} in client ${c}`,
      a,
      want || 200,
    );
    if (!want) this.m.row(c, target.key)!.until = until;
    return 'end-date';
  }

  /** The clock moves past the next midnight in Amsterdam: every end date of today passes. */
  async expire(): Promise<string> {
    const from = this.m.now;
    this.m.now = nextMidnight(from) + 2 * MINUTE;
    this.note(`clock +${Math.round((this.m.now - from) / MINUTE)} min to ${new Date(this.m.now).toISOString()}`, 'ok');
    // Past the 30 idle minutes every session has ended: everyone signs in again (the device is remembered).
    if (this.m.now - from > 25 * MINUTE) await Promise.all(this.accounts().map((p) => this.signIn(p)));
    return 'expire';
  }

  async remove(g: Choices, c: number): Promise<string> {
    const actor = this.actorFor(g, c);
    const target = this.targetFor(g, c);
    const clientId = this.clients[c]!.clientId;
    const a = await this.req(actor, 'DELETE', at(NetworkPath.member, { clientId, userId: target.userId! }));
    const want = this.rowRefusal(c, actor, target);
    this.note(`${actor.key} remove ${target.key} from client ${c}`, a.status);
    this.expectStatus(`${actor.key} removes ${target.key} from client ${c}`, a, want || 204);
    if (!want) {
      this.m.members[c]!.delete(target.key);
      for (const i of this.m.invitations) {
        if (i.client === c && i.person === target.key && i.status === 'pending') i.status = 'withdrawn';
      }
    }
    return 'remove';
  }

  async resendOrWithdraw(g: Choices, c: number): Promise<string> {
    if (this.m.invitations.length === 0) return this.invite(g, c);
    const actor = this.actorFor(g, c);
    const mine = this.m.invitations.filter((i) => i.client === c);
    const inv = mine.length > 0 && g.chance(0.85) ? g.pick(mine) : g.pick(this.m.invitations);
    const resend = g.chance(0.5);
    const clientId = this.clients[c]!.clientId;
    const path = at(resend ? NetworkPath.resend : NetworkPath.invitation, { clientId, invitationId: inv.id });
    const a = await this.req(actor, resend ? 'POST' : 'DELETE', path);
    let want: number = this.m.manageRefusal(c, actor.key);
    if (!want) want = inv.client !== c ? 404 : inv.status !== 'pending' ? 409 : resend ? 200 : 204;
    this.note(`${actor.key} ${resend ? 'resend' : 'withdraw'} invitation ${inv.id} via client ${c}`, a.status);
    this.expectStatus(`${actor.key} ${resend ? 'resends' : 'withdraws'} invitation ${inv.id} via client ${c}`, a, want);
    if (want === 200) {
      inv.expiresAt = this.m.now + this.m.invitationDays * 24 * 60 * MINUTE;
      const email = this.person(inv.person).email;
      this.mailsFor.set(email, [...(this.mailsFor.get(email) ?? []), inv.id]);
    }
    if (want === 204) inv.status = 'withdrawn';
    return resend ? 'resend' : 'withdraw';
  }

  /** A real write: an own appointment (Afspraken) or a post on the prikbord (Gegevens). */
  async write(g: Choices, c: number): Promise<string> {
    const actor = g.pick(this.accounts());
    const clientId = this.clients[c]!.clientId;
    const board = g.chance(0.5);
    const startsAt = this.m.now + 3 * 24 * 60 * MINUTE;
    const a = board
      ? await this.req(actor, 'POST', at(BoardPath.posts, { clientId }), { text: `Hoi ${this.step}` })
      : await this.req(actor, 'POST', at(ApiPath.appointments, { clientId }), {
          kind: 'visit',
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 60 * MINUTE).toISOString(),
          description: `Bezoek ${this.step}`,
        });
    const want = this.m.sectionStatus(c, actor.key, board ? 'data' : 'appointments', 201);
    this.note(`${actor.key} write ${board ? 'board post' : 'appointment'} in client ${c}`, a.status);
    this.expectStatus(`${actor.key} writes ${board ? 'a board post' : 'an appointment'} in client ${c}`, a, want);
    return 'write';
  }

  /** A user with two clients switches back and forth; each answer follows the client asked for. */
  async clientSwitch(g: Choices): Promise<string> {
    const multi = this.accounts().filter((p) => this.clients.filter((_, c) => this.m.active(c, p.key)).length > 1);
    const actor = multi.length > 0 ? g.pick(multi) : g.pick(this.accounts());
    const order = g.chance(0.5) ? [0, 1, 0] : [1, 0, 1];
    for (const c of order) {
      const clientId = this.clients[c]!.clientId;
      const section = g.pick(['messages', 'appointments', 'dossier', 'data'] as const);
      const path = {
        messages: MessagePath.list,
        appointments: ApiPath.appointments,
        dossier: DossierPath.overview,
        data: DetailsPath.details,
      }[section];
      const a = await this.req(actor, 'GET', at(path, { clientId }));
      this.expectStatus(
        `${actor.key} switches to client ${c}: ${section}`,
        a,
        this.m.sectionStatus(c, actor.key, section, 200),
      );
      await this.checkHome(actor, c);
    }
    this.note(`${actor.key} switch ${order.join('→')}`, 'ok');
    return 'switch';
  }
}

function rightsText(r: Partial<Rights>): string {
  return RIGHTS.filter((s) => s in r)
    .map((s) => `${s}=${r[s] ? 1 : 0}`)
    .join(',');
}

// ---------------------------------------------------------------------------------------------------------------

/** Runs of at most RUN_STEPS steps, together at least `steps`. */
function runsFor(steps: number): { numRuns: number; length: number } {
  const numRuns = Math.max(1, Math.ceil(steps / RUN_STEPS));
  return { numRuns, length: Math.ceil(steps / numRuns) };
}

/** Careyn lets the client delegate Instellingen; SVRZ does not (only client or representative manage). */
const WORLDS = {
  Careyn: {
    label: 'Careyn',
    env: { PORTAL_INVITATION_DAYS: '2' },
    delegate: true,
    seed: SEED,
    steps: Math.ceil(STEPS / 2),
  },
  SVRZ: {
    label: 'SVRZ',
    env: { PORTAL_ORG_PRESET: 'svrz', PORTAL_ORG_NAME: 'SVRZ', PORTAL_INVITATION_DAYS: '2' },
    delegate: false,
    seed: SEED + 1,
    steps: Math.floor(STEPS / 2),
  },
} satisfies Record<string, WorldOptions>;

function report(o: WorldOptions, stats: Stats, ms: number, cpuMs: number): string {
  const round = (_k: string, v: unknown) => (typeof v === 'number' ? Math.round(v) : v);
  const perSweep = stats.sweeps ? (stats.ms.sweep ?? 0) / stats.sweeps : 0;
  return (
    `${o.label}: seed ${o.seed}, ${stats.runs} runs, ${stats.steps} steps, ${stats.sweeps} sweeps ` +
    `(${perSweep.toFixed(1)} ms each), ${stats.requests} requests, ${ms} ms (${cpuMs} ms CPU)\n` +
    `  commands ${JSON.stringify(stats.commands)}\n  ms ${JSON.stringify(stats.ms, round)}\n` +
    `  outcomes ${JSON.stringify(stats.outcomes)}`
  );
}

/** The test that ROUTES has every route of the app under /clients/:clientId (registered by one of the two files). */
export function routeTableTest(): void {
  afterAll(closeAll);
  it('the sweep tries every route under /clients/:clientId that the app has', async () => {
    const tp = await startTestPortal();
    const app = createApp({ config: tp.config, deps: tp.portal.deps, log: silentLogger });
    const api = app.middleware.map((mw) => (mw as { router?: Router }).router).find((r) => r !== undefined)!;
    const prefix = `${API_PREFIX}/clients/:clientId/`;
    const served = api.stack.flatMap((layer) => {
      const path = String(layer.path);
      if (!path.startsWith(prefix)) return [];
      return layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${path.slice(API_PREFIX.length)}`);
    });
    const checked = [
      `GET ${HomePath.home}`,
      `GET ${NetworkPath.network}`,
      ...ROUTES.map(([method, template]) => `${method} ${template.split('?')[0]!.replace(':self', ':userId')}`),
    ];
    expect(served.length).toBeGreaterThan(30);
    expect([...new Set(checked)].sort()).toEqual([...new Set(served)].sort());
  });
}

/** One world's property: its runs, each a fresh world, with the complete sweep after every step. */
export function worldTest(world: keyof typeof WORLDS, file: string): void {
  afterAll(closeAll);
  const o: WorldOptions = WORLDS[world];
  const { numRuns, length } = runsFor(o.steps);
  it(`${o.label}: ${numRuns} × ${length} random steps (seed ${o.seed})`, async () => {
    const stats = newStats();
    const started = performance.now();
    const cpu = process.cpuUsage();
    let details: fc.RunDetails<[number[][]]>;
    try {
      details = await fc.check(
        fc.asyncProperty(runOf(length), async (steps) => {
          const t = performance.now();
          stats.runs++;
          const w = new World(o, stats);
          try {
            await w.setUp();
            stats.ms['set-up'] = (stats.ms['set-up'] ?? 0) + performance.now() - t;
            await w.run(steps);
          } finally {
            await w.close();
          }
        }),
        { seed: o.seed, endOnFailure: true, ...(PATH ? { path: PATH, numRuns: 1 } : { numRuns }) },
      );
    } finally {
      const used = process.cpuUsage(cpu);
      console.log(
        report(o, stats, Math.round(performance.now() - started), Math.round((used.user + used.system) / 1000)),
      );
    }
    if (details.failed) {
      const error = details.errorInstance;
      const env = `NETWORK_MODEL_SEED=${SEED}${STEPS === 10_000 ? '' : ` NETWORK_MODEL_STEPS=${STEPS}`}`;
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n` +
          `fast-check seed ${details.seed}, path "${details.counterexamplePath}"; replay this run with\n` +
          `  ${env} NETWORK_MODEL_PATH=${details.counterexamplePath} npx vitest run ${file}`,
        { cause: error },
      );
    }
    // Every step was executed (a replayed path is one run).
    expect(stats.steps).toBe(PATH ? length : numRuns * length);
  }, 1_800_000);
}
