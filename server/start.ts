// Composition root: builds the database, services, outbox worker and HTTP server from a Config. Used by main.ts
// and by the integration tests, which start the real thing on a free port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdjustableClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { openDatabase, type Db } from './db/open.ts';
import { startBackgroundMaintenance } from './db/background-maintenance.ts';
import { loadOrCreateServerSecret } from './auth/crypto.ts';
import { scryptHasher, type PasswordHasher } from './auth/passwords.ts';
import { createApp } from './http/app.ts';
import { createOutboxWorker, type OutboxWorker } from './notify/outbox-worker.ts';
import {
  fileMail,
  fileSms,
  smtpMail,
  twilioSms,
  type MailTransport,
  type SmsTransport,
  type TwilioOptions,
} from './notify/transports.ts';
import { flushAuditQueue } from './db/repos/audit-log.ts';
import { configuredAdapter } from './sync/adapters.ts';
import { startSyncScheduler } from './sync/scheduler.ts';
import type { Logger } from './log.ts';
import type { AuthDeps } from './auth/deps.ts';

export interface Portal {
  url: string;
  /** The Koa app's request listener that the server runs: tests may dispatch requests into it in-process. */
  handler: http.RequestListener;
  db: Db;
  deps: AuthDeps;
  outbox: OutboxWorker;
  clock: Clock;
  close(): Promise<void>;
}

export interface StartOptions {
  log: Logger;
  clock?: AdjustableClock;
  hasher?: PasswordHasher;
  /** For tests: the Twilio client's HTTP client, pointed at a local endpoint. */
  twilioHttpClient?: TwilioOptions['httpClient'];
  /** Set false to deliver the outbox only by calling outbox.tick(). */
  runOutbox?: boolean;
  /** Set false to sync with the EHR only when called (tests): no schedule. */
  runSync?: boolean;
}

export function buildTransports(
  config: Config,
  clock: Clock,
  log: Logger,
  twilioHttpClient?: TwilioOptions['httpClient'],
): {
  sms: SmsTransport;
  mail: MailTransport;
} {
  const sms =
    config.sms.kind === 'twilio'
      ? twilioSms({ ...config.sms, ...(twilioHttpClient ? { httpClient: twilioHttpClient } : {}) })
      : fileSms(config.outboxDir, () => clock.now(), log);
  const mail = config.smtpUrl ? smtpMail(config.smtpUrl, config.mailFrom) : fileMail(config.outboxDir, config.mailFrom);
  return { sms, mail };
}

export async function startPortal(config: Config, o: StartOptions): Promise<Portal> {
  const clock = o.clock ?? new AdjustableClock();
  const db = openDatabase(config.dbFile);
  const maintenance = startBackgroundMaintenance(db, o.log);
  const deps: AuthDeps = {
    db,
    clock,
    hasher: o.hasher ?? scryptHasher(),
    serverSecret: loadOrCreateServerSecret(config.dataDir),
    config,
  };
  // Computed now, not at the first unknown-user login, which would otherwise answer measurably slower.
  void deps.hasher.dummyHash;
  const outbox = createOutboxWorker({
    db,
    clock,
    log: o.log,
    ...buildTransports(config, clock, o.log, o.twilioHttpClient),
  });
  const app = createApp({ config, deps, log: o.log, ...(config.testHooks ? { testClock: clock } : {}) });
  const handler = app.callback();
  const server = http.createServer(handler);
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  if (o.runOutbox !== false) outbox.start(config.outboxIntervalMs);
  const adapter = configuredAdapter(config, clock, db);
  const sync =
    adapter && o.runSync !== false
      ? startSyncScheduler({
          deps: { db, clock },
          adapter,
          pullCron: config.organisation.syncPullCron,
          pushCron: config.organisation.syncPushCron,
          log: o.log,
        })
      : null;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    handler,
    db,
    deps,
    outbox,
    clock,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sync?.stop();
      await outbox.stop();
      flushAuditQueue(db);
      await maintenance.stop();
      db.close();
    },
  };
}
