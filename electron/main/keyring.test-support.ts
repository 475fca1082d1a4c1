// A private, real keychain for tests: its own D-Bus session bus and a gnome-keyring daemon (Secret Service) with a
// fresh HOME, so tests never touch a developer's keyring and need no wrapper around the test command. Both processes
// are stopped by stop().
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PrivateKeyring {
  /** The environment that reaches this keyring: HOME and DBUS_SESSION_BUS_ADDRESS. */
  env: { HOME: string; XDG_RUNTIME_DIR: string; DBUS_SESSION_BUS_ADDRESS: string };
  stop(): Promise<void>;
}

function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start`)), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const eol = out.indexOf('\n');
      if (eol >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, eol).trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Waits until the Secret Service has its name on the bus (the daemon prints nothing in the foreground). */
async function secretServiceUp(env: PrivateKeyring['env']): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const owned = await new Promise<boolean>((resolve) => {
      const ask = spawn(
        'dbus-send',
        [
          '--session',
          '--print-reply',
          '--dest=org.freedesktop.DBus',
          '/org/freedesktop/DBus',
          'org.freedesktop.DBus.NameHasOwner',
          'string:org.freedesktop.secrets',
        ],
        { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] },
      );
      let out = '';
      ask.stdout.on('data', (d: Buffer) => (out += d.toString()));
      ask.once('exit', () => resolve(/boolean true/.test(out)));
    });
    if (owned) return;
    if (Date.now() > deadline) throw new Error('gnome-keyring-daemon did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startPrivateKeyring(): Promise<PrivateKeyring> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'keyring-'));
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--nopidfile', '--print-address=1'], {
    // stderr: only its complaint that it may not raise the file limit as root
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = await firstLine(bus, 'dbus-daemon');
  const env = { HOME: home, XDG_RUNTIME_DIR: home, DBUS_SESSION_BUS_ADDRESS: address };
  // --unlock reads the login keyring's password from stdin: a new keyring, created unlocked with it.
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  keyring.stdin!.end('pw');
  await secretServiceUp(env);
  return {
    env,
    async stop() {
      await stopProcess(keyring);
      await stopProcess(bus);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
