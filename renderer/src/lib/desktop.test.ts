import { describe, expect, it } from 'vitest';
import type { Bridge, DeviceTrust } from '../../../shared/ipc.ts';
import { endDesktopSession, notRememberedKey, signedOutNotice } from './desktop.ts';
import { nl } from '../i18n/nl.ts';

const bridge = (answer: () => Promise<DeviceTrust>): Bridge => ({
  appInfo: () => Promise.reject(new Error('unused')),
  openExternal: () => Promise.reject(new Error('unused')),
  deviceTrust: answer,
  endSession: () => Promise.resolve(false),
  connection: () => Promise.reject(new Error('unused')),
  checkServer: () => Promise.reject(new Error('unused')),
  saveConnection: () => Promise.reject(new Error('unused')),
});

describe('notRememberedKey', () => {
  it('says nothing in a browser, or where the keychain works', async () => {
    expect(await notRememberedKey(null)).toBeNull();
    expect(await notRememberedKey(bridge(async () => ({ canRemember: true })))).toBeNull();
    expect(await notRememberedKey(bridge(() => Promise.reject(new Error('ipc'))))).toBeNull();
  });

  it('names the reason: a ward computer, or no keychain on this computer', async () => {
    const kiosk = await notRememberedKey(bridge(async () => ({ canRemember: false, reason: 'kiosk' })));
    const none = await notRememberedKey(bridge(async () => ({ canRemember: false, reason: 'no-keychain' })));
    expect(kiosk).toBe('verify.notRemembered.kiosk');
    expect(none).toBe('verify.notRemembered.noKeychain');
    expect(nl.verify.notRemembered.noKeychain).toContain('sms-code');
  });
});

describe('endDesktopSession', () => {
  it('asks main to clear the session, and never fails the sign-out', async () => {
    let asked = 0;
    const reasons: string[] = [];
    const b = {
      ...bridge(async () => ({ canRemember: true })),
      endSession: async (reason: string) => (asked++, reasons.push(reason), true),
    };
    await endDesktopSession('idle', b);
    expect(asked).toBe(1);
    expect(reasons).toEqual(['idle']);
    await expect(
      endDesktopSession('logout', { ...b, endSession: () => Promise.reject(new Error('ipc')) }),
    ).resolves.toBeUndefined();
    await expect(endDesktopSession('logout', null)).resolves.toBeUndefined();
  });
});

describe('signedOutNotice', () => {
  it('names why a ward computer started afresh, and gives the address without the parameter', () => {
    expect(signedOutNotice('app://portal/?uitgelogd=idle')).toEqual({
      notice: 'notices.idleLoggedOut',
      address: '/',
    });
    expect(signedOutNotice('app://portal/inloggen?uitgelogd=logout&terug=%2Fdossier#x')).toEqual({
      notice: 'notices.loggedOut',
      address: '/inloggen?terug=%2Fdossier#x',
    });
    expect(signedOutNotice('app://portal/?uitgelogd=toString')).toEqual({ notice: null, address: '/' });
    expect(signedOutNotice('app://portal/inloggen')).toBeNull();
    expect(nl.notices.idleLoggedOut).toContain('automatisch uitgelogd');
  });
});
