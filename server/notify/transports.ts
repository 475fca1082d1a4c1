// Where the outbox delivers to. Each transport throws on failure; the worker retries later.
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import twilio from 'twilio';
import type { Logger } from '../log.ts';
import type { MailPayload } from '../db/repos/outbox.ts';

export interface SmsTransport {
  send(to: string, body: string): Promise<void>;
}
export interface MailTransport {
  send(to: string, mail: MailPayload): Promise<void>;
}

/** Demo and development: each SMS as one JSON line in sms.jsonl, and on the console so a person can read the code. */
export function fileSms(outboxDir: string, now: () => Date, log: Logger): SmsTransport {
  const file = path.join(outboxDir, 'sms.jsonl');
  return {
    async send(to, body) {
      await fs.promises.mkdir(outboxDir, { recursive: true });
      const line = JSON.stringify({ to, body, at: now().toISOString() });
      await fs.promises.appendFile(file, line + '\n', { mode: 0o600 });
      // Printed on purpose: in the demo the console is the phone. Never used with PORTAL_SMS=twilio.
      log.info('sms (demo, not sent)', { to, body });
    },
  };
}

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  from: string | null;
  messagingServiceSid: string | null;
  /** Replaces the HTTP client (tests point it at a local endpoint). */
  httpClient?: InstanceType<typeof twilio.RequestClient>;
}

export function twilioSms(o: TwilioOptions): SmsTransport {
  const client = twilio(o.accountSid, o.authToken, {
    ...(o.httpClient ? { httpClient: o.httpClient } : {}),
    autoRetry: false,
  });
  return {
    async send(to, body) {
      await client.messages.create({
        to,
        body,
        ...(o.messagingServiceSid ? { messagingServiceSid: o.messagingServiceSid } : { from: o.from! }),
      });
    },
  };
}

export function smtpMail(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(to, mail) {
      await transporter.sendMail({ from, to, subject: mail.subject, text: mail.text });
    },
  };
}

/** Demo and development: each mail as an .eml file under outbox/mail/, built by nodemailer exactly as it would send it. */
export function fileMail(outboxDir: string, from: string): MailTransport {
  const dir = path.join(outboxDir, 'mail');
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let seq = 0;
  return {
    async send(to, mail) {
      const info = await transporter.sendMail({ from, to, subject: mail.subject, text: mail.text });
      await fs.promises.mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${++seq}.eml`;
      await fs.promises.writeFile(path.join(dir, name), info.message as Buffer, { mode: 0o600 });
    },
  };
}
