// Starts the real portal (Koa over node:http, a real SQLite file in a fresh temp dir) on 127.0.0.1:<free port>
// with an AdjustableClock, plus the helpers the integration tests share.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AdjustableClock } from '../../server/clock.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { startPortal, type Portal } from '../../server/start.ts';
import { silentLogger, type Logger } from '../../server/log.ts';
import { scryptHasher, type PasswordHasher } from '../../server/auth/passwords.ts';
import { createClientAccount, createContactAccount, createStaffAccount } from '../../server/accounts/create-account.ts';
import type { TwilioOptions } from '../../server/notify/transports.ts';
import { ApiPath } from '../../shared/api/paths.ts';
import { HttpClient, type Res } from './http-client.ts';
import { onClose } from './cleanup.ts';
import { flushAuditQueue } from '../../server/db/repos/audit-log.ts';
import type { Db } from '../../server/db/open.ts';

export { HttpClient, isApiError, type Res } from './http-client.ts';
export { closeAll } from './cleanup.ts';

/** N=2^14 instead of 2^17: the same code path, an eighth of the cost. Tests about hashing use the default. */
export const fastHasher: PasswordHasher = scryptHasher(14);

/** Passes the portal's password rules (length, zxcvbn score 3+, no username). */
export const GOOD_PASSWORD = 'Kastanjeboom-Regenjas-42';
export const OTHER_GOOD_PASSWORD = 'Fietsbel-Zeemeeuw-Dijk-77';

export interface StartTestPortalOptions {
  /** 'default' = the server's own scrypt parameters (as in production); otherwise fastHasher. */
  hasher?: PasswordHasher | 'default';
  twilioHttpClient?: TwilioOptions['httpClient'];
  /** Default false: tests deliver the outbox with tick(), so nothing happens behind their back. */
  runOutbox?: boolean;
  log?: Logger;
}

export interface TestPortal {
  portal: Portal;
  url: string;
  dataDir: string;
  config: Config;
  clock: AdjustableClock;
  hasher: PasswordHasher;
  /** A fresh browser. */
  client(headers?: Record<string, string>): HttpClient;
  /** Runs the outbox worker once (delivers SMS/mail that are due). */
  deliver(): Promise<number>;
  /** Delivers the outbox, then returns every SMS of the file transport. */
  sms(): Promise<SmsLine[]>;
  /** Delivers the outbox and returns the code of the newest SMS (to the given number, if given). */
  lastCode(to?: string): Promise<string>;
  advance(ms: number): void;
  createUser(o?: Partial<AccountSpec>): Promise<AccountSpec & { userId: number; clientId: number }>;
  close(): Promise<void>;
}

export interface AccountSpec {
  name: string;
  username: string;
  email: string;
  mobile: string;
  password: string;
  mustChangePassword: boolean;
}

export function makeTempDir(prefix = 'portal-it-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onClose(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function startTestPortal(
  envOverrides: Record<string, string | undefined> = {},
  opts: StartTestPortalOptions = {},
): Promise<TestPortal> {
  const dataDir = envOverrides.PORTAL_DATA_DIR ?? makeTempDir();
  const config = loadConfig({
    PORTAL_PORT: '0',
    PORTAL_HOST: '127.0.0.1',
    PORTAL_DATA_DIR: dataDir,
    PORTAL_ORG_NAME: 'Careyn',
    PORTAL_LOG_LEVEL: 'error',
    ...envOverrides,
  });
  const clock = new AdjustableClock();
  const hasher = opts.hasher === 'default' ? scryptHasher() : (opts.hasher ?? fastHasher);
  const portal = await startPortal(config, {
    log: opts.log ?? silentLogger,
    clock,
    hasher: opts.hasher === 'default' ? undefined : hasher,
    ...(opts.twilioHttpClient ? { twilioHttpClient: opts.twilioHttpClient } : {}),
    runOutbox: opts.runOutbox ?? false,
    runSync: false,
  });
  readersOfTheLogFlushFirst(portal.db);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await portal.close();
  };
  onClose(close);
  let seq = 0;
  const tp: TestPortal = {
    portal,
    url: portal.url,
    dataDir,
    config,
    clock,
    hasher: portal.deps.hasher,
    client: (headers) => new HttpClient(portal.url, headers),
    deliver: () => portal.outbox.tick(),
    async sms() {
      await portal.outbox.tick();
      return readSmsFile(dataDir);
    },
    async lastCode(to) {
      const lines = (await tp.sms()).filter((l) => !to || l.to === to);
      if (lines.length === 0) throw new Error('no SMS delivered');
      return codeFrom(lines.at(-1)!.body);
    },
    advance: (ms) => clock.advance(ms),
    async createUser(o = {}) {
      seq++;
      const spec: AccountSpec = {
        name: 'Truus van Dorp',
        username: `client${seq}`,
        email: `client${seq}@example.nl`,
        mobile: `+3161234567${seq % 10}`,
        password: GOOD_PASSWORD,
        mustChangePassword: false,
        ...o,
      };
      const created = await createClientAccount(
        { db: portal.db, clock, hasher: portal.deps.hasher },
        { name: spec.name, username: spec.username, email: spec.email, mobile: spec.mobile },
        spec.password,
        { mustChangePassword: spec.mustChangePassword },
      );
      return { ...spec, ...created };
    },
    close,
  };
  return tp;
}

export interface SmsLine {
  to: string;
  body: string;
  at: string;
}

/** The SMS of the file transport: one JSON object per line in <dataDir>/outbox/sms.jsonl. */
export function readSmsFile(dataDir: string): SmsLine[] {
  const file = path.join(dataDir, 'outbox', 'sms.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SmsLine);
}

/** The 6-digit code in an SMS text. */
export function codeFrom(body: string): string {
  const m = /\b(\d{6})\b/.exec(body);
  if (!m) throw new Error(`no 6-digit code in: ${body}`);
  return m[1]!;
}

/** A code that is certainly not `code` (for "wrong code" steps). */
export function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

export function login(c: HttpClient, username: string, password: string): Promise<Res> {
  return c.post(ApiPath.login, { username, password });
}

/**
 * Password, then the SMS code if asked (and the forced password change if asked): ends with a session.
 * Returns the final step's response.
 */
export async function signIn(
  tp: TestPortal,
  c: HttpClient,
  u: { username: string; password: string; mobile?: string },
  newPassword = OTHER_GOOD_PASSWORD,
): Promise<Res> {
  let res = await login(c, u.username, u.password);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  if (res.json.next === 'verify-device') {
    res = await c.post(ApiPath.verifyDevice, { code: await tp.lastCode(u.mobile) });
    if (res.status !== 200) throw new Error(`verify failed: ${res.status} ${res.text}`);
  }
  if (res.json.next === 'change-password') {
    res = await c.post(ApiPath.changePassword, { currentPassword: u.password, newPassword });
    if (res.status !== 200) throw new Error(`change failed: ${res.status} ${res.text}`);
  }
  if (res.json.next !== 'done') throw new Error(`unexpected step: ${res.text}`);
  return res;
}

/**
 * The server's readers of the audit log flush it first: the rows of the last event-loop turn may still be with the
 * maintenance worker, which writes them on its own connection (server/db/background-maintenance.ts). A test that
 * reads the log straight from the server's connection does the same, for every SELECT that names the log.
 */
function readersOfTheLogFlushFirst(db: Db): void {
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    if (/^\s*SELECT\b/i.test(source) && /\baudit_(log|recent|entries)\b/.test(source)) flushAuditQueue(db);
    return prepare(source);
  }) as Db['prepare'];
}

/** Counts rows of a table matching a WHERE clause, straight from the SQLite file the server uses. */
export function count(tp: TestPortal, table: string, where = '1=1', ...params: unknown[]): number {
  return (tp.portal.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n;
}

/** Annie van Dorp (mobile +31687654321, password GOOD_PASSWORD) as a new contact of a client: no rights yet. */
export async function createAnnie(tp: TestPortal, clientId: number): Promise<number> {
  const { userId } = await createContactAccount(
    tp.portal.deps,
    {
      name: 'Annie van Dorp',
      username: 'annie',
      email: 'annie@example.nl',
      mobile: '0687654321',
      clientId,
      relation: 'Eerste relatie/contactpersoon',
    },
    GOOD_PASSWORD,
    { mustChangePassword: false },
  );
  return userId;
}

/** Anna, a staff member of location De Linde (mobile +31611223344, password GOOD_PASSWORD), signed in. */
export async function signedInStaff(tp: TestPortal): Promise<HttpClient> {
  await createStaffAccount(
    { db: tp.portal.db, clock: tp.clock, hasher: tp.hasher },
    { name: 'Anna', username: 'anna', email: 'anna@example.nl', mobile: '0611223344', location: 'De Linde' },
    GOOD_PASSWORD,
    { mustChangePassword: false },
  );
  const staff = tp.client();
  await signIn(tp, staff, { username: 'anna', password: GOOD_PASSWORD, mobile: '+31611223344' });
  return staff;
}
