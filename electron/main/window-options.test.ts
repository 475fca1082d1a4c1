import { describe, expect, it } from 'vitest';
import { buildWindowOptions, KIOSK_PARTITION } from './window-options.ts';

describe('buildWindowOptions', () => {
  it('keeps the Electron security checklist flags in every mode', () => {
    for (const kiosk of [false, true]) {
      const web = buildWindowOptions({ kiosk, preloadPath: '/p.cjs', allowDevTools: true }).webPreferences;
      expect(web).toMatchObject({
        preload: '/p.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
    }
  });

  it('personal mode: normal window on the persistent default session', () => {
    const opts = buildWindowOptions({ kiosk: false, preloadPath: '/p.cjs', allowDevTools: false });
    expect(opts.kiosk).toBeUndefined();
    expect(opts.webPreferences?.partition).toBeUndefined();
    expect(opts.webPreferences?.devTools).toBe(false);
    expect(opts.minWidth).toBeGreaterThanOrEqual(1024);
  });

  it('kiosk mode: fullscreen kiosk, no devtools, in-memory partition', () => {
    const opts = buildWindowOptions({ kiosk: true, preloadPath: '/p.cjs', allowDevTools: true });
    expect(opts).toMatchObject({ kiosk: true, fullscreen: true });
    expect(opts.webPreferences?.devTools).toBe(false);
    expect(opts.webPreferences?.partition).toBe(KIOSK_PARTITION);
    expect(KIOSK_PARTITION.startsWith('persist:')).toBe(false);
  });
});
