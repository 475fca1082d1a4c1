// Starts the real portal server (`tsx server/main.ts`) for end-to-end tests: its own data directory, a free port,
// file SMS/mail outbox, fast outbox delivery and the test clock hook. Stopped and cleaned up by the fixture.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

export interface PortalServer {
  url: string;
  dataDir: string;
  /** Runs `npm run admin -- …` against this server's data directory; resolves with stdout. */
  admin(...args: string[]): Promise<string>;
  /** The SMS messages written so far (outbox/sms.jsonl). */
  sms(): Array<{ to: string; body: string; at: string }>;
  /** Waits until there are more than `count` SMS messages and returns the newest code. */
  nextCode(count: number): Promise<string>;
  /** The e-mails written so far (raw .eml text), oldest first. */
  mails(): string[];
  waitForMail(count: number): Promise<string>;
  advanceClock(seconds: number): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function poll<T>(fn: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `extraEnv` sets further PORTAL_* variables for one spec (e.g. PORTAL_ORG_LOGO, or PORTAL_ORG_PRESET=svrz for the prikbord smileys); the fixture passes none. */
export async function startPortalServer(extraEnv: Record<string, string> = {}): Promise<PortalServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORTAL_PORT: String(port),
    PORTAL_HOST: '127.0.0.1',
    PORTAL_DATA_DIR: dataDir,
    PORTAL_PUBLIC_URL: url,
    PORTAL_SMS: 'file',
    PORTAL_OUTBOX_INTERVAL_MS: '100',
    PORTAL_TEST_HOOKS: '1',
    PORTAL_LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  // A developer's own SMTP server must not receive test mail; a spec that wants a real one passes it in extraEnv.
  if (!('PORTAL_SMTP_URL' in extraEnv)) delete (env as Record<string, string | undefined>).PORTAL_SMTP_URL;
  const child: ChildProcess = spawn(TSX, ['server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  try {
    await poll(
      () => {
        if (child.exitCode !== null) throw new Error(`portal server exited: ${output}`);
        return output.includes('draait op') ? true : undefined;
      },
      'the portal server to start',
      30_000,
    );
  } catch (err) {
    // A server that did not come up is stopped and its data directory removed: no caller has a stop() for it.
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }

  const smsFile = path.join(dataDir, 'outbox', 'sms.jsonl');
  const mailDir = path.join(dataDir, 'outbox', 'mail');
  const sms = () =>
    fs.existsSync(smsFile)
      ? fs
          .readFileSync(smsFile, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [];
  const mails = () =>
    fs.existsSync(mailDir)
      ? fs
          .readdirSync(mailDir)
          .sort()
          .map((f) => fs.readFileSync(path.join(mailDir, f), 'utf8'))
      : [];

  return {
    url,
    dataDir,
    async admin(...args) {
      const { stdout } = await run(TSX, ['server/cli/admin.ts', ...args], { cwd: ROOT, env });
      return stdout;
    },
    sms,
    async nextCode(count) {
      const list = await poll(() => (sms().length > count ? sms() : undefined), 'an SMS');
      return /\b(\d{6})\b/.exec(list.at(-1)!.body)![1]!;
    },
    mails,
    async waitForMail(count) {
      const list = await poll(() => (mails().length > count ? mails() : undefined), 'an e-mail');
      return list.at(-1)!;
    },
    async advanceClock(seconds) {
      const r = await fetch(`${url}/api/v1/test/clock/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ seconds }),
      });
      if (!r.ok) throw new Error(`clock hook failed: ${r.status}`);
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The reset link from a raw e-mail (quoted-printable soft breaks and =3D undone). */
export function resetLinkFrom(eml: string): string {
  const text = eml.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const m = /(https?:\/\/\S+\/wachtwoord-herstellen#token=[A-Za-z0-9_-]{43})/.exec(text);
  if (!m) throw new Error('no reset link in mail');
  return m[1]!;
}
