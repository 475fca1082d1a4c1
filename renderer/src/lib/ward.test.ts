import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/ipc.ts';
import type { WardStatus } from '../../../shared/api/ward.ts';
import { wardState } from './ward.ts';

const info = (mode: AppInfo['mode']): AppInfo => ({
  version: '0.1.0',
  platform: 'linux',
  mode,
  idleLogoutSeconds: mode === 'kiosk' ? 300 : null,
});
const registered: WardStatus = { registered: true, location: 'De Linde', label: 'Huiskamer' };

describe('wardState', () => {
  it('a browser or a personal install is no ward computer, and the server is not asked', async () => {
    let asked = 0;
    const ask = async () => (asked++, registered);
    expect(await wardState(ask, null)).toEqual({ kiosk: false });
    expect(await wardState(ask, { appInfo: async () => info('personal') })).toEqual({ kiosk: false });
    expect(await wardState(ask, { appInfo: () => Promise.reject(new Error('ipc')) })).toEqual({ kiosk: false });
    expect(asked).toBe(0);
  });

  it('in kiosk mode the server says whether the computer is registered; a failed call is "unknown"', async () => {
    const kiosk = { appInfo: async () => info('kiosk') };
    expect(await wardState(async () => registered, kiosk)).toEqual({ kiosk: true, status: registered });
    expect(await wardState(async () => ({ registered: false }), kiosk)).toEqual({
      kiosk: true,
      status: { registered: false },
    });
    expect(await wardState(() => Promise.reject(new Error('network')), kiosk)).toEqual({ kiosk: true, status: null });
  });
});
