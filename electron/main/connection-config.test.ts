import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConnectionFileError,
  isConfigured,
  loadConnection,
  presetFilePath,
  readPresetFile,
  readSavedConnection,
  resolveConnection,
  savedFilePath,
  writeSavedConnection,
} from './connection-config.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-connection-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function writeFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('presetFilePath', () => {
  it('is beside the program on Windows and Linux', () => {
    expect(presetFilePath('C:\\Program Files\\Cliëntportaal\\Cliëntportaal.exe', 'win32', {})).toBe(
      'C:\\Program Files\\Cliëntportaal\\clientportaal.json',
    );
    expect(presetFilePath('/opt/Cliëntportaal/clientportaal', 'linux', {})).toBe(
      '/opt/Cliëntportaal/clientportaal.json',
    );
  });

  it('is beside the .AppImage file, not in its temporary mount', () => {
    expect(
      presetFilePath('/tmp/.mount_clientXYZ/clientportaal', 'linux', { APPIMAGE: '/home/zorg/Apps/cp.AppImage' }),
    ).toBe('/home/zorg/Apps/clientportaal.json');
  });

  it('is beside the .app bundle on macOS (inside it would break the signature)', () => {
    expect(presetFilePath('/Applications/Cliëntportaal.app/Contents/MacOS/Cliëntportaal', 'darwin', {})).toBe(
      '/Applications/clientportaal.json',
    );
    // Not in a bundle (a development run): beside the program as elsewhere.
    expect(presetFilePath('/repo/node_modules/electron/dist/electron', 'darwin', {})).toBe(
      '/repo/node_modules/electron/dist/clientportaal.json',
    );
  });
});

describe('resolveConnection', () => {
  const none = { serverOrigin: null, kiosk: false };

  it('has nothing without switches, preset or saved choice: the first-start page asks', () => {
    const state = resolveConnection({ switches: none, preset: null, saved: null });
    expect(state).toEqual({ serverOrigin: null, mode: null, serverLocked: false, modeLocked: false });
    expect(isConfigured(state)).toBe(false);
  });

  it('takes the user’s saved choice, changeable', () => {
    expect(
      resolveConnection({ switches: none, preset: null, saved: { server: 'https://careyn.nl', mode: 'kiosk' } }),
    ).toEqual({ serverOrigin: 'https://careyn.nl', mode: 'kiosk', serverLocked: false, modeLocked: false });
  });

  it('lets IT’s preset file win over the saved choice, and locks what it sets', () => {
    const saved = { server: 'https://elders.nl', mode: 'personal' } as const;
    expect(resolveConnection({ switches: none, preset: { server: 'https://svrz.nl' }, saved })).toEqual({
      serverOrigin: 'https://svrz.nl',
      mode: 'personal',
      serverLocked: true,
      modeLocked: false,
    });
    // Only the mode preset: the server is still the user's.
    expect(resolveConnection({ switches: none, preset: { mode: 'kiosk' }, saved: null })).toEqual({
      serverOrigin: null,
      mode: 'kiosk',
      serverLocked: false,
      modeLocked: true,
    });
  });

  it('lets the switches win over everything', () => {
    const state = resolveConnection({
      switches: { serverOrigin: 'https://pluryn.nl', kiosk: true },
      preset: { server: 'https://svrz.nl', mode: 'personal' },
      saved: { server: 'https://elders.nl', mode: 'personal' },
    });
    expect(state).toEqual({ serverOrigin: 'https://pluryn.nl', mode: 'kiosk', serverLocked: true, modeLocked: true });
  });

  it('reads `--server` without `--kiosk` as personal unless a mode is chosen elsewhere (not a lock)', () => {
    const switches = { serverOrigin: 'http://127.0.0.1:8470', kiosk: false };
    expect(resolveConnection({ switches, preset: null, saved: null })).toEqual({
      serverOrigin: 'http://127.0.0.1:8470',
      mode: 'personal',
      serverLocked: true,
      modeLocked: false,
    });
    expect(resolveConnection({ switches, preset: { mode: 'kiosk' }, saved: null }).mode).toBe('kiosk');
    expect(resolveConnection({ switches, preset: null, saved: { server: 'https://x.nl', mode: 'kiosk' } }).mode).toBe(
      'kiosk',
    );
  });
});

describe('readPresetFile', () => {
  it('is null when IT placed none', () => {
    expect(readPresetFile(path.join(tempDir(), 'clientportaal.json'))).toBeNull();
  });

  it('reads server (as an origin) and mode, also with a BOM, either may be left out', () => {
    const dir = tempDir();
    const file = writeFile(dir, 'a.json', '\uFEFF{ "server": " https://careyn.example.nl/portaal ", "mode": "kiosk" }');
    expect(readPresetFile(file)).toEqual({ server: 'https://careyn.example.nl', mode: 'kiosk' });
    expect(readPresetFile(writeFile(dir, 'b.json', '{"mode":"personal"}'))).toEqual({ mode: 'personal' });
    expect(readPresetFile(writeFile(dir, 'c.json', '{}'))).toEqual({});
  });

  it('explains in Dutch what is wrong, naming the file', () => {
    const dir = tempDir();
    const cases: Array<[string, RegExp]> = [
      ['{ "server": ', /is geen geldige JSON/],
      ['{ "server": "http://10.0.0.5" }', /server: De server-URL moet https gebruiken/],
      ['{ "server": "geen adres" }', /server: Ongeldige server-URL/],
      ['{ "mode": "afdeling" }', /mode: kies "personal" of "kiosk"/],
      ['{ "sever": "https://x.nl" }', /onbekende instelling "sever"/],
      ['["https://x.nl"]', /klopt niet/],
    ];
    for (const [text, message] of cases) {
      const file = writeFile(dir, 'clientportaal.json', text);
      let error: unknown;
      try {
        readPresetFile(file);
      } catch (err) {
        error = err;
      }
      expect(error, text).toBeInstanceOf(ConnectionFileError);
      expect((error as Error).message, text).toMatch(message);
      expect((error as Error).message).toContain(file);
      expect((error as Error).message).toMatch(/^Het instellingenbestand van uw IT-afdeling/);
    }
  });

  it('reports an unreadable file instead of treating it as absent', () => {
    const dir = tempDir();
    // A directory where the file should be: reading fails with something other than "does not exist".
    fs.mkdirSync(path.join(dir, 'clientportaal.json'));
    expect(() => readPresetFile(path.join(dir, 'clientportaal.json'))).toThrow(/kan niet worden gelezen/);
  });
});

describe('saved connection', () => {
  it('round-trips through connection.json, replacing the old file without leaving a temporary one', async () => {
    const dir = path.join(tempDir(), 'userData-not-yet-created');
    expect(readSavedConnection(dir)).toBeNull();
    await writeSavedConnection(dir, { server: 'https://careyn.nl', mode: 'personal' });
    await writeSavedConnection(dir, { server: 'https://svrz.nl', mode: 'kiosk' });
    expect(readSavedConnection(dir)).toEqual({ server: 'https://svrz.nl', mode: 'kiosk' });
    expect(fs.readdirSync(dir)).toEqual(['connection.json']);
    expect(JSON.parse(fs.readFileSync(savedFilePath(dir), 'utf8'))).toEqual({
      version: 1,
      server: 'https://svrz.nl',
      mode: 'kiosk',
    });
    if (process.platform !== 'win32') expect(fs.statSync(savedFilePath(dir)).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged or foreign file', () => {
    const dir = tempDir();
    for (const text of [
      '{',
      '{"server":"https://x.nl","mode":"kiosk"}',
      '{"version":1,"server":"ftp://x","mode":"kiosk"}',
    ]) {
      writeFile(dir, 'connection.json', text);
      expect(() => readSavedConnection(dir), text).toThrow(/^De opgeslagen verbinding/);
    }
  });
});

describe('loadConnection', () => {
  const switches = { serverOrigin: null, kiosk: false };

  it('combines IT’s preset and the saved choice', async () => {
    const userData = tempDir();
    const presetFile = writeFile(tempDir(), 'clientportaal.json', '{"mode":"kiosk"}');
    await writeSavedConnection(userData, { server: 'https://careyn.nl', mode: 'personal' });
    expect(loadConnection({ switches, presetFile, userDataDir: userData })).toEqual({
      state: { serverOrigin: 'https://careyn.nl', mode: 'kiosk', serverLocked: false, modeLocked: true },
      savedProblem: null,
    });
  });

  it('asks again when the saved choice is damaged, and says so', () => {
    const userData = tempDir();
    writeFile(userData, 'connection.json', 'kapot');
    const loaded = loadConnection({ switches, presetFile: path.join(userData, 'none.json'), userDataDir: userData });
    expect(loaded.state.serverOrigin).toBeNull();
    expect(loaded.savedProblem).toBeInstanceOf(ConnectionFileError);
  });

  it('stops at a damaged preset file (IT must fix it)', () => {
    const presetFile = writeFile(tempDir(), 'clientportaal.json', '{"server":"http://intranet"}');
    expect(() => loadConnection({ switches, presetFile, userDataDir: tempDir() })).toThrow(ConnectionFileError);
  });
});
