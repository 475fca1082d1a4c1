// The device-secret store against a real keychain: keytar on a private gnome-keyring (its own D-Bus session, fresh
// HOME; keyring.test-support.ts). And a computer without a Secret Service, in a child process whose bus does not exist.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeviceSecretStore,
  KEYCHAIN_SERVICE,
  keychainAccount,
  loadKeychain,
  NO_KEYCHAIN,
  wardComputerAccount,
  type KeychainBackend,
} from './device-secret-store.ts';
import { startPrivateKeyring, type PrivateKeyring } from './keyring.test-support.ts';

const SECRET_A = 'A'.repeat(42) + 'a';
const SECRET_B = 'b_-'.repeat(14) + 'Z';
const CARE = 'https://careyn.mijncaress.example';
const OTHER = 'https://svrz.mijncaress.example:8443';

let keyring: PrivateKeyring;
let keytar: KeychainBackend;
let store: DeviceSecretStore;

beforeAll(async () => {
  keyring = await startPrivateKeyring();
  // libsecret reads the bus address when keytar first connects: this (forked) test process's own bus from here on.
  Object.assign(process.env, keyring.env);
  keytar = (await import('keytar')).default;
  store = new DeviceSecretStore(keytar);
});
afterAll(async () => {
  await keyring?.stop();
});

describe('keychainAccount', () => {
  it('is the server origin and the username as the server compares it', () => {
    expect(keychainAccount('https://careyn.mijncaress.example/portaal/', ' Truus ')).toBe(`${CARE} truus`);
    expect(keychainAccount(`${OTHER}/`, 'truus')).toBe(`${OTHER} truus`);
    expect(() => keychainAccount(CARE, '  ')).toThrow();
    expect(() => keychainAccount('geen url', 'truus')).toThrow();
  });
});

describe('DeviceSecretStore on a real keychain', () => {
  it('says the keychain works, stores a secret under the app id and reads it back', async () => {
    expect(await store.available()).toBe(true);
    expect(await store.save(CARE, 'truus', SECRET_A)).toEqual({ stored: true });
    expect(await store.load(CARE, 'TRUUS')).toBe(SECRET_A);
    // In the keychain itself: service = the app id, account = origin + username.
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, `${CARE} truus`)).toBe(SECRET_A);
  });

  it('keeps two users of one computer apart, and the same username at two servers', async () => {
    await store.save(CARE, 'annie', SECRET_B);
    await store.save(OTHER, 'truus', SECRET_B);
    expect(await store.load(CARE, 'truus')).toBe(SECRET_A);
    expect(await store.load(CARE, 'annie')).toBe(SECRET_B);
    expect(await store.load(OTHER, 'truus')).toBe(SECRET_B);
    expect(await store.load(CARE, 'kees')).toBeNull();
  });

  it('a new secret replaces the old one; forgetting removes only that entry', async () => {
    await store.save(CARE, 'truus', SECRET_B);
    expect(await store.load(CARE, 'truus')).toBe(SECRET_B);
    expect(await store.forget(CARE, 'truus')).toBe(true);
    expect(await store.load(CARE, 'truus')).toBeNull();
    expect(await store.forget(CARE, 'truus')).toBe(false);
    expect(await store.load(OTHER, 'truus')).toBe(SECRET_B);
    expect(await store.load(CARE, 'annie')).toBe(SECRET_B);
  });

  it('stores only what looks like a device secret, and never sends back a damaged entry', async () => {
    await expect(store.save(CARE, 'gerrit', 'too-short')).rejects.toThrow('not a device secret');
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, `${CARE} gerrit`)).toBeNull();
    await keytar.setPassword(KEYCHAIN_SERVICE, `${CARE} gerrit`, 'iets anders dan een geheim');
    expect(await store.load(CARE, 'gerrit')).toBeNull();
  });
});

describe('the ward computer secret', () => {
  it('is one entry per server beside the users, which no username can name', async () => {
    expect(wardComputerAccount(`${CARE}/portaal/`)).toBe(`${CARE} #ward-computer`);
    await store.save(CARE, 'truus', SECRET_A);
    expect(await store.saveWardComputer(CARE, SECRET_B)).toEqual({ stored: true });
    expect(await store.loadWardComputer(CARE)).toBe(SECRET_B);
    expect(await store.loadWardComputer(OTHER)).toBeNull();
    expect(await store.load(CARE, 'truus')).toBe(SECRET_A);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, `${CARE} #ward-computer`)).toBe(SECRET_B);
    expect(await store.forgetWardComputer(CARE)).toBe(true);
    expect(await store.loadWardComputer(CARE)).toBeNull();
    expect(await store.load(CARE, 'truus')).toBe(SECRET_A);
    await expect(store.saveWardComputer(CARE, 'not a secret')).rejects.toThrow();
    expect(await new DeviceSecretStore(NO_KEYCHAIN).saveWardComputer(CARE, SECRET_B)).toEqual({
      stored: false,
      reason: 'no-keychain',
    });
  });
});

describe('without keytar (its native build missing)', () => {
  it('loadKeychain uses keytar when it loads, and otherwise a keychain that stores and reads nothing', async () => {
    const lazy = new DeviceSecretStore(loadKeychain());
    expect(await lazy.available()).toBe(true);
    expect(await lazy.load(CARE, 'annie')).toBe(SECRET_B);
    const missing = loadKeychain(() => Promise.reject(new Error("Cannot find module 'keytar'")));
    for (const none of [new DeviceSecretStore(NO_KEYCHAIN), new DeviceSecretStore(missing)]) {
      expect(await none.available()).toBe(false);
      expect(await none.save(CARE, 'truus', SECRET_A)).toEqual({ stored: false, reason: 'no-keychain' });
      expect(await none.load(CARE, 'truus')).toBeNull();
      expect(await none.forget(CARE, 'truus')).toBe(false);
    }
  });
});

describe('a computer without a keychain (no Secret Service)', () => {
  it('says so, keeps nothing (not in a file either) and reads nothing', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'no-keyring-'));
    try {
      const script = `
        const keytar = (await import('keytar')).default;
        const { DeviceSecretStore } = await import(${JSON.stringify(path.resolve(import.meta.dirname, 'device-secret-store.ts'))});
        const store = new DeviceSecretStore(keytar);
        const out = {
          available: await store.available(),
          save: await store.save('${CARE}', 'truus', '${SECRET_A}'),
          load: await store.load('${CARE}', 'truus'),
          forget: await store.forget('${CARE}', 'truus'),
        };
        console.log(JSON.stringify(out));`;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: {
          PATH: process.env.PATH,
          HOME: home,
          XDG_RUNTIME_DIR: home,
          DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(home, 'no-bus')}`,
        },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual({
        available: false,
        save: { stored: false, reason: 'no-keychain' },
        load: null,
        forget: false,
      });
      const written = fs.readdirSync(home, { recursive: true }).map(String);
      expect(written.filter((f) => fs.statSync(path.join(home, f)).isFile())).toEqual([]);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
