import { describe, expect, it } from 'vitest';
import { ArgsError, DEFAULT_IDLE_MINUTES, parseLaunchArgs, parseServerOrigin, toServerOrigin } from './args.ts';

describe('parseLaunchArgs', () => {
  it('names no server and no kiosk when the switches are absent (the connection comes from elsewhere)', () => {
    expect(parseLaunchArgs(['.'])).toEqual({
      serverOrigin: null,
      kiosk: false,
      idleMinutes: DEFAULT_IDLE_MINUTES,
    });
  });

  it('reads --server URL, --server=URL and --kiosk among foreign switches', () => {
    expect(parseLaunchArgs(['.', '--no-sandbox', '--server', 'https://pluryn.example.nl/pad', '--kiosk'])).toEqual({
      serverOrigin: 'https://pluryn.example.nl',
      kiosk: true,
      idleMinutes: 5,
    });
    expect(parseLaunchArgs(['--server=http://localhost:9000']).serverOrigin).toBe('http://localhost:9000');
  });

  it('reads the idle time of a ward computer: --idle-minutes N or =N, 1 to 60 minutes', () => {
    expect(parseLaunchArgs(['--kiosk', '--idle-minutes', '10']).idleMinutes).toBe(10);
    expect(parseLaunchArgs(['--idle-minutes=1']).idleMinutes).toBe(1);
    for (const bad of [
      ['--idle-minutes'],
      ['--idle-minutes', '0'],
      ['--idle-minutes=61'],
      ['--idle-minutes=2.5'],
      ['--idle-minutes=x'],
    ]) {
      expect(() => parseLaunchArgs(bad), bad.join(' ')).toThrow(ArgsError);
    }
  });

  it('refuses --server without a value', () => {
    expect(() => parseLaunchArgs(['--server'])).toThrow(ArgsError);
    expect(() => parseLaunchArgs(['--server', '--kiosk'])).toThrow(ArgsError);
  });
});

describe('toServerOrigin', () => {
  it('accepts https anywhere and http on loopback only', () => {
    expect(toServerOrigin('https://careyn.example.nl:8443/')).toBe('https://careyn.example.nl:8443');
    expect(toServerOrigin('http://127.0.0.1:8470')).toBe('http://127.0.0.1:8470');
    expect(toServerOrigin('http://[::1]:8470')).toBe('http://[::1]:8470');
    expect(() => toServerOrigin('http://192.168.1.10:8470')).toThrow(ArgsError);
    expect(() => toServerOrigin('http://127.0.0.1.evil.nl')).toThrow(ArgsError);
  });

  it('says which rule an address breaks', () => {
    expect(parseServerOrigin('https://x.nl/a')).toEqual({ ok: true, origin: 'https://x.nl' });
    expect(parseServerOrigin('http://x.nl')).toMatchObject({ ok: false, reason: 'not-https' });
    expect(parseServerOrigin('ftp://x.nl')).toMatchObject({ ok: false, reason: 'invalid-url' });
    expect(parseServerOrigin('geen url')).toMatchObject({ ok: false, reason: 'invalid-url' });
  });

  it('refuses other schemes, credentials and garbage', () => {
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://x.nl', 'https://u:p@x.nl', 'geen url']) {
      expect(() => toServerOrigin(bad), bad).toThrow(ArgsError);
    }
  });
});
