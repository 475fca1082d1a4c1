import { describe, expect, it } from 'vitest';
import type { Bridge, ConnectionState } from '../../../shared/ipc.ts';
import { connectionNl } from '../i18n/connection.nl.ts';
import { FAILURE_KEYS, needsSetup, readConnection, saveErrorKey } from './connection.ts';

const state = (over: Partial<ConnectionState> = {}): ConnectionState => ({
  serverOrigin: 'https://careyn.nl',
  mode: 'personal',
  serverLocked: false,
  modeLocked: false,
  ...over,
});

describe('needsSetup', () => {
  it('is true in the desktop app until both server and mode are known; never in a browser', () => {
    expect(needsSetup(null)).toBe(false);
    expect(needsSetup(state())).toBe(false);
    expect(needsSetup(state({ serverOrigin: null }))).toBe(true);
    expect(needsSetup(state({ mode: null, serverLocked: true }))).toBe(true);
  });
});

describe('readConnection', () => {
  it('asks main; in a browser, or when main cannot say, there is nothing to set up', async () => {
    const bridge = (connection: Bridge['connection']) => ({ connection }) as Bridge;
    expect(await readConnection(bridge(async () => state({ mode: null })))).toMatchObject({ mode: null });
    expect(await readConnection(null)).toBeNull();
    expect(await readConnection(bridge(() => Promise.reject(new Error('No handler registered'))))).toBeNull();
    // An older fake or preload without the method.
    expect(await readConnection({} as Bridge)).toBeNull();
  });
});

describe('texts', () => {
  it('names every reason main gives, and a refused save', () => {
    const has = (key: string) =>
      key
        .split('.')
        .slice(1)
        .reduce<unknown>((n, k) => (n as never)?.[k], connectionNl);
    for (const key of Object.values(FAILURE_KEYS)) expect(typeof has(key), key).toBe('string');
    expect(
      saveErrorKey(new Error("Error invoking remote method 'app:connection.save': IpcRejected: not-allowed")),
    ).toBe('connection.errors.notAllowed');
    expect(saveErrorKey(new Error('boom'))).toBe('connection.errors.failed');
    expect(connectionNl.modes.kiosk).toBe('Afdelings-pc (kiosk)');
    expect(connectionNl.presetByIt).toBe('Ingesteld door uw IT-afdeling');
  });
});
