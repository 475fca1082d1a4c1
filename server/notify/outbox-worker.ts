// Delivers the outbox with retries and exponential backoff. A delivery failure is recorded on the row and tried
// again later; it never reaches the user's request and never drops the message.
import { dueItems, markFailed, markSent, type MailPayload, type SmsPayload } from '../db/repos/outbox.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/open.ts';
import type { Logger } from '../log.ts';
import type { MailTransport, SmsTransport } from './transports.ts';

export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 60 * 60 * 1000;

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** attempts, BACKOFF_MAX_MS);
}

export interface OutboxWorker {
  /** Delivers what is due now; resolves with the number delivered. Never rejects. */
  tick(): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function createOutboxWorker(deps: {
  db: Db;
  clock: Clock;
  log: Logger;
  sms: SmsTransport;
  mail: MailTransport;
}): OutboxWorker {
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function deliverDue(): Promise<number> {
    let delivered = 0;
    for (const item of dueItems(deps.db, deps.clock.now().toISOString(), 50)) {
      try {
        if (item.channel === 'sms') await deps.sms.send(item.recipient, (item.payload as SmsPayload).body);
        else await deps.mail.send(item.recipient, item.payload as MailPayload);
        markSent(deps.db, item.id, deps.clock.now().toISOString());
        delivered++;
      } catch (err) {
        const next = new Date(deps.clock.now().getTime() + backoffMs(item.attempts));
        const message = err instanceof Error ? err.message : String(err);
        markFailed(deps.db, item.id, message, next.toISOString());
        deps.log.warn('outbox delivery failed; will retry', {
          id: item.id,
          channel: item.channel,
          attempts: item.attempts + 1,
          nextAttemptAt: next.toISOString(),
          error: message,
        });
      }
    }
    return delivered;
  }

  const tick = () => {
    // One delivery run at a time: a slow SMTP server must not make two runs send the same mail.
    running ??= deliverDue()
      .catch((err) => {
        deps.log.error('outbox run failed', { error: err instanceof Error ? err.message : String(err) });
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  return {
    tick,
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => void tick(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      if (running) await running;
    },
  };
}
