// Runs main's start-up against a fake `electron` module and checks the wiring the pure-logic tests cannot see:
// what is registered before `ready`, which IPC channels exist, the window and the navigation rules.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcChannel } from '../../shared/ipc.ts';
import { fakeSession } from './electron-fake.test-support.ts';

type Listener = (...args: unknown[]) => unknown;

/** app.getPath('userData') of the fake: a fresh directory per test (connection.json lives there). */
let userData = '';
beforeEach(() => {
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-main-userdata-'));
});
afterEach(() => fs.rmSync(userData, { recursive: true, force: true }));

function makeElectron(opts: { gotLock: boolean }) {
  const appListeners = new Map<string, Listener>();
  const windows: { options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn> }[] = [];
  const defaultSession = fakeSession();
  const kioskSession = fakeSession();
  const order: string[] = [];
  const electron = {
    order,
    windows,
    appListeners,
    defaultSession,
    kioskSession,
    app: {
      requestSingleInstanceLock: vi.fn(() => opts.gotLock),
      enableSandbox: vi.fn(() => void order.push('enableSandbox')),
      on: vi.fn((event: string, fn: Listener) => void appListeners.set(event, fn)),
      whenReady: vi.fn(() => {
        order.push('whenReady');
        return Promise.resolve();
      }),
      getVersion: () => '0.1.0',
      getPath: vi.fn((name: string) => (name === 'userData' ? userData : os.tmpdir())),
      relaunch: vi.fn(),
      isPackaged: false,
      quit: vi.fn(),
      exit: vi.fn(),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(() => void order.push('registerSchemes')) },
    session: { defaultSession, fromPartition: vi.fn(() => kioskSession) },
    ipcMain: { handle: vi.fn() },
    shell: { openExternal: vi.fn(async () => undefined) },
    dialog: { showErrorBox: vi.fn() },
    BrowserWindow: class {
      loadURL = vi.fn(async () => undefined);
      once = vi.fn();
      on = vi.fn();
      constructor(readonly options: Record<string, unknown>) {
        windows.push(this);
      }
    },
  };
  return electron;
}

let electron: ReturnType<typeof makeElectron>;

async function startMain(gotLock = true) {
  vi.resetModules();
  electron = makeElectron({ gotLock });
  vi.doMock('electron', () => electron);
  await import('./index.ts');
  // Let the whenReady().then(...) continuation run.
  await new Promise((resolve) => setImmediate(resolve));
}

/** Main started with these switches (`electron . …`). */
async function startMainWith(...switches: string[]) {
  const argv = process.argv;
  process.argv = [argv[0]!, '.', ...switches];
  try {
    await startMain();
  } finally {
    process.argv = argv;
  }
}

/** Main started as on a ward computer (`--kiosk` on the command line). */
const startKioskMain = () => startMainWith('--kiosk');

const trusted = { senderFrame: { url: 'app://portal/', parent: null } };
const untrusted = { senderFrame: { url: 'https://evil.nl/', parent: null } };

function ipcHandler(channel: string): (event: unknown, ...args: unknown[]) => Promise<unknown> {
  const call = electron.ipcMain.handle.mock.calls.find(([c]) => c === channel);
  if (!call) throw new Error(`no handler for ${channel}`);
  return call[1] as never;
}

describe('main start-up', () => {
  beforeEach(() => startMain());

  it('sets up sandbox and scheme privileges before ready', () => {
    expect(electron.order.slice(0, 3)).toEqual(['enableSandbox', 'registerSchemes', 'whenReady']);
  });

  it('registers exactly the IPC channels of shared/ipc.ts', () => {
    const channels = electron.ipcMain.handle.mock.calls.map(([c]) => c).sort();
    expect(channels).toEqual(Object.values(IpcChannel).sort());
  });

  it('answers app info to our page only', async () => {
    await expect(ipcHandler(IpcChannel.appInfo)(trusted)).resolves.toEqual({
      version: '0.1.0',
      platform: process.platform,
      mode: 'personal',
      idleLogoutSeconds: null,
    });
    await expect(ipcHandler(IpcChannel.appInfo)(untrusted)).rejects.toThrow('untrusted-sender');
  });

  it('opens no external link that is not allowlisted', async () => {
    await expect(ipcHandler(IpcChannel.openExternal)(trusted, 'https://evil.nl/')).rejects.toThrow('not-allowed');
    await expect(ipcHandler(IpcChannel.openExternal)(trusted, 'file:///etc/passwd')).rejects.toThrow(
      'invalid-arguments',
    );
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('tells our page only whether the device is remembered: never on a ward computer (--kiosk)', async () => {
    await startKioskMain();
    await expect(ipcHandler(IpcChannel.deviceTrust)(trusted)).resolves.toEqual({ canRemember: false, reason: 'kiosk' });
    await expect(ipcHandler(IpcChannel.deviceTrust)(untrusted)).rejects.toThrow('untrusted-sender');
    await expect(ipcHandler(IpcChannel.appInfo)(trusted)).resolves.toMatchObject({
      mode: 'kiosk',
      idleLogoutSeconds: 300,
    });
  });

  it('after a sign-out on a ward computer clears its session and loads the app afresh; a personal install keeps it', async () => {
    await expect(ipcHandler(IpcChannel.endSession)(trusted, 'logout')).resolves.toBe(false);
    expect(electron.defaultSession.clearStorageData).not.toHaveBeenCalled();
    await startKioskMain();
    await expect(ipcHandler(IpcChannel.endSession)(untrusted, 'logout')).rejects.toThrow('untrusted-sender');
    for (const bad of [[], ['weg'], ['idle', 'extra'], [{ reason: 'idle' }]]) {
      await expect(ipcHandler(IpcChannel.endSession)(trusted, ...bad)).rejects.toThrow('invalid-arguments');
    }
    expect(electron.kioskSession.clearStorageData).not.toHaveBeenCalled();
    await expect(ipcHandler(IpcChannel.endSession)(trusted, 'logout')).resolves.toBe(true);
    expect(electron.kioskSession.clearStorageData).toHaveBeenCalledTimes(1);
    expect(electron.kioskSession.clearCache).toHaveBeenCalledTimes(1);
    // The fresh start says why: the page's own notice is gone with the reload.
    expect(electron.windows.at(-1)!.loadURL).toHaveBeenLastCalledWith('app://portal/?uitgelogd=logout');
    await ipcHandler(IpcChannel.endSession)(trusted, 'idle');
    expect(electron.windows.at(-1)!.loadURL).toHaveBeenLastCalledWith('app://portal/?uitgelogd=idle');
  });

  it('opens one sandboxed window on app://portal/ with the built preload', () => {
    expect(electron.windows).toHaveLength(1);
    const [win] = electron.windows;
    const web = win!.options.webPreferences as Record<string, unknown>;
    expect(web).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String(web.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(win!.loadURL).toHaveBeenCalledWith('app://portal/');
    expect(electron.defaultSession.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('denies every permission request and check', () => {
    const request = electron.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as Listener;
    const callback = vi.fn();
    request({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    const check = electron.defaultSession.setPermissionCheckHandler.mock.calls[0]![0] as Listener;
    expect(check({}, 'notifications', 'app://portal', {})).toBe(false);
  });

  it('denies navigation, new windows and webviews in every web contents', () => {
    const listeners = new Map<string, Listener>();
    let openHandler: Listener = () => undefined;
    const contents = {
      on: (event: string, fn: Listener) => void listeners.set(event, fn),
      setWindowOpenHandler: (fn: Listener) => void (openHandler = fn),
    };
    electron.appListeners.get('web-contents-created')!({}, contents);

    const nav = { url: 'https://evil.nl/', preventDefault: vi.fn() };
    listeners.get('will-navigate')!(nav);
    expect(nav.preventDefault).toHaveBeenCalled();
    const attach = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(attach);
    expect(attach.preventDefault).toHaveBeenCalled();
    expect(openHandler({ url: 'https://evil.nl/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('second instance', () => {
  it('quits without a window when another instance holds the lock', async () => {
    await startMain(false);
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
  });
});

describe('connection at start-up', () => {
  const apiCall = (ses: ReturnType<typeof fakeSession>) =>
    ses.handlers.get('app')!(new Request('app://portal/api/v1/auth/me'));

  it('without any server still serves the renderer, answers API calls itself with 503 not_configured', async () => {
    await startMain();
    await expect(ipcHandler(IpcChannel.connectionGet)(trusted)).resolves.toEqual({
      serverOrigin: null,
      mode: null,
      serverLocked: false,
      modeLocked: false,
    });
    expect(electron.windows[0]!.loadURL).toHaveBeenCalledWith('app://portal/');
    const res = await apiCall(electron.defaultSession);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'not_configured' } });
    expect(electron.defaultSession.fetch).not.toHaveBeenCalled();
  });

  it('with `--server` forwards API calls to that server, the server locked', async () => {
    await startMainWith('--server', 'https://careyn.example.nl');
    await expect(ipcHandler(IpcChannel.connectionGet)(trusted)).resolves.toEqual({
      serverOrigin: 'https://careyn.example.nl',
      mode: 'personal',
      serverLocked: true,
      modeLocked: false,
    });
    await apiCall(electron.defaultSession);
    expect(electron.defaultSession.fetch).toHaveBeenCalledWith(
      'https://careyn.example.nl/api/v1/auth/me',
      expect.anything(),
    );
  });

  it('starts as the user saved it: a ward computer gets the kiosk window and its in-memory session', async () => {
    fs.writeFileSync(
      path.join(userData, 'connection.json'),
      JSON.stringify({ version: 1, server: 'https://svrz.example.nl', mode: 'kiosk' }),
    );
    await startMain();
    expect(electron.session.fromPartition).toHaveBeenCalled();
    expect(electron.windows[0]!.options).toMatchObject({ kiosk: true });
    await expect(ipcHandler(IpcChannel.appInfo)(trusted)).resolves.toMatchObject({ mode: 'kiosk' });
    await apiCall(electron.kioskSession);
    expect(electron.kioskSession.fetch).toHaveBeenCalledWith(
      'https://svrz.example.nl/api/v1/auth/me',
      expect.anything(),
    );
  });

  it('a damaged saved choice: says so in Dutch and shows the first-start page', async () => {
    fs.writeFileSync(path.join(userData, 'connection.json'), '{ kapot');
    await startMain();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Cliëntportaal',
      expect.stringMatching(/De opgeslagen verbinding .* is geen geldige JSON[\s\S]*Kies de organisatie opnieuw/),
    );
    expect(electron.app.exit).not.toHaveBeenCalled();
    await expect(ipcHandler(IpcChannel.connectionGet)(trusted)).resolves.toMatchObject({ serverOrigin: null });
  });

  it('a damaged preset file of IT: a Dutch dialog and a clean stop, no window', async () => {
    const programDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-program-'));
    fs.writeFileSync(path.join(programDir, 'clientportaal.json'), '{ "server": "http://intranet.zorg.local" }');
    const execPath = process.execPath;
    process.execPath = path.join(programDir, 'clientportaal');
    try {
      await expect(startMain()).rejects.toThrow(/moet https gebruiken/);
    } finally {
      process.execPath = execPath;
      fs.rmSync(programDir, { recursive: true, force: true });
    }
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Cliëntportaal',
      expect.stringMatching(/^Het instellingenbestand van uw IT-afdeling[\s\S]*Vraag uw IT-afdeling/),
    );
    expect(electron.app.exit).toHaveBeenCalledWith(2);
    expect(electron.windows).toHaveLength(0);
  });

  it('saving restarts the app on the new connection', async () => {
    await startMain();
    electron.defaultSession.fetch.mockImplementation(async (url: string) =>
      url.endsWith('/api/v1/info')
        ? Response.json({ organisationName: 'Careyn', logoUrl: null })
        : new Response(null, { status: 404 }),
    );
    await expect(ipcHandler(IpcChannel.connectionCheck)(trusted, 'careyn.example.nl')).resolves.toEqual({
      ok: true,
      origin: 'https://careyn.example.nl',
      organisationName: 'Careyn',
      logo: null,
    });
    await expect(
      ipcHandler(IpcChannel.connectionSave)(trusted, { server: 'careyn.example.nl', mode: 'personal' }),
    ).resolves.toEqual({ saved: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(electron.app.relaunch).toHaveBeenCalledTimes(1);
    expect(electron.app.exit).toHaveBeenCalledWith(0);
    expect(JSON.parse(fs.readFileSync(path.join(userData, 'connection.json'), 'utf8'))).toMatchObject({
      server: 'https://careyn.example.nl',
      mode: 'personal',
    });
  });
});
