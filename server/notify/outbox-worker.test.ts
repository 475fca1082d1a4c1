import { describe, expect, it } from 'vitest';
import { FixedClock } from '../clock.ts';
import { openDatabase } from '../db/open.ts';
import { enqueue, pendingCount } from '../db/repos/outbox.ts';
import { silentLogger } from '../log.ts';
import { backoffMs, createOutboxWorker } from './outbox-worker.ts';
import type { MailTransport, SmsTransport } from './transports.ts';

function setup(failFirst: number) {
  const db = openDatabase(':memory:');
  const clock = new FixedClock();
  const sent: string[] = [];
  let failures = failFirst;
  const sms: SmsTransport = {
    async send(to, body) {
      if (failures-- > 0) throw new Error('twilio down');
      sent.push(`${to}:${body}`);
    },
  };
  const mail: MailTransport = {
    async send(to, m) {
      sent.push(`${to}:${m.subject}`);
    },
  };
  const worker = createOutboxWorker({ db, clock, log: silentLogger, sms, mail });
  return { db, clock, sent, worker };
}

describe('outbox worker', () => {
  it('backs off exponentially up to an hour', () => {
    expect([0, 1, 2, 3].map(backoffMs)).toEqual([5000, 10000, 20000, 40000]);
    expect(backoffMs(20)).toBe(60 * 60 * 1000);
  });

  it('retries a failed delivery after the backoff and never drops it', async () => {
    const { db, clock, sent, worker } = setup(2);
    enqueue(db, {
      channel: 'sms',
      recipient: '+31612345678',
      payload: { body: 'code 123456' },
      at: clock.now().toISOString(),
    });
    expect(await worker.tick()).toBe(0);
    expect(await worker.tick()).toBe(0); // not due yet: the backoff holds it back
    clock.advance(5000);
    expect(await worker.tick()).toBe(0); // second failure
    const row = db.prepare('SELECT attempts, last_error FROM outbox').get() as { attempts: number; last_error: string };
    expect(row).toEqual({ attempts: 2, last_error: 'twilio down' });
    clock.advance(10_000);
    expect(await worker.tick()).toBe(1);
    expect(sent).toEqual(['+31612345678:code 123456']);
    expect(pendingCount(db)).toBe(0);
  });

  it('blanks the payload once delivered, so codes do not stay in the database', async () => {
    const { db, clock, worker } = setup(0);
    enqueue(db, {
      channel: 'sms',
      recipient: '+31612345678',
      payload: { body: 'code 654321' },
      at: clock.now().toISOString(),
    });
    await worker.tick();
    const row = db.prepare('SELECT status, payload FROM outbox').get() as { status: string; payload: string };
    expect(row.status).toBe('sent');
    expect(row.payload).not.toContain('654321');
  });

  it('runs one delivery at a time', async () => {
    const { db, clock, sent, worker } = setup(0);
    enqueue(db, {
      channel: 'mail',
      recipient: 'a@example.nl',
      payload: { subject: 'S', text: 'T' },
      at: clock.now().toISOString(),
    });
    const [a, b] = await Promise.all([worker.tick(), worker.tick()]);
    expect(a + b).toBe(2); // both callers share the one run: one delivery, reported to each
    expect(sent).toHaveLength(1);
  });
});
