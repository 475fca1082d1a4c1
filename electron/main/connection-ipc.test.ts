import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcChannel, type ConnectionState, type ServerCheck } from '../../shared/ipc.ts';

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }));
const { ipcMain } = await import('electron');
const { registerConnectionHandlers } = await import('./connection-ipc.ts');
const { hasStaffSession, saveConnection } = await import('./connection-save.ts');
const { readSavedConnection } = await import('./connection-config.ts');
type Ctx = Parameters<typeof saveConnection>[0];

const CAREYN = 'https://careyn.example.nl';
const SVRZ = 'https://svrz.example.nl';
const found = (origin: string): ServerCheck => ({ ok: true, origin, organisationName: 'Org', logo: null });
const state = (over: Partial<ConnectionState> = {}): ConnectionState => ({
  serverOrigin: null,
  mode: null,
  serverLocked: false,
  modeLocked: false,
  ...over,
});
/** The server's /auth/me for this window's session: 401, or a user of that kind. */
const meAs = (kind: 'staff' | 'client' | null) =>
  vi.fn(async () =>
    kind
      ? Response.json({ me: { id: 1, username: 'x', displayName: 'X', kind } })
      : new Response(null, { status: 401 }),
  );

let userDataDir: string;
beforeEach(() => {
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-connection-ipc-'));
});
afterEach(() => fs.rmSync(userDataDir, { recursive: true, force: true }));

function context(s: ConnectionState, over: Partial<Ctx> = {}): Ctx {
  return {
    state: s,
    userDataDir,
    check: vi.fn(async (address: string) => found(new URL(address).origin)),
    sessionFetch: meAs(null),
    relaunch: vi.fn(),
    ...over,
  };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('saveConnection', () => {
  it('first start: checks the server again, writes connection.json and restarts after answering', async () => {
    const ctx = context(state());
    await expect(saveConnection(ctx, { server: `${CAREYN}/`, mode: 'personal' })).resolves.toEqual({ saved: true });
    expect(ctx.check).toHaveBeenCalledWith(CAREYN);
    expect(readSavedConnection(userDataDir)).toEqual({ server: CAREYN, mode: 'personal' });
    expect(ctx.relaunch).not.toHaveBeenCalled();
    await tick();
    expect(ctx.relaunch).toHaveBeenCalledTimes(1);
  });

  it('saves nothing for a server that fails main’s own check', async () => {
    const ctx = context(state(), { check: vi.fn(async () => ({ ok: false, reason: 'not-portal' }) as const) });
    await expect(saveConnection(ctx, { server: CAREYN, mode: 'kiosk' })).resolves.toEqual({
      saved: false,
      reason: 'not-portal',
    });
    await expect(saveConnection(ctx, { server: 'http://10.0.0.1', mode: 'kiosk' })).resolves.toEqual({
      saved: false,
      reason: 'not-https',
    });
    await tick();
    expect(readSavedConnection(userDataDir)).toBeNull();
    expect(ctx.relaunch).not.toHaveBeenCalled();
  });

  it('refuses to change what IT locked, and allows the rest', async () => {
    const locked = context(state({ serverOrigin: SVRZ, serverLocked: true }));
    await expect(saveConnection(locked, { server: CAREYN, mode: 'personal' })).rejects.toThrow('not-allowed');
    await expect(saveConnection(locked, { server: SVRZ, mode: 'kiosk' })).resolves.toEqual({ saved: true });

    const mode = context(state({ mode: 'kiosk', modeLocked: true }));
    await expect(saveConnection(mode, { server: CAREYN, mode: 'personal' })).rejects.toThrow('not-allowed');
    await expect(saveConnection(mode, { server: CAREYN, mode: 'kiosk' })).resolves.toEqual({ saved: true });
  });

  it('on a ward computer in use: only under a staff login, as the server itself says', async () => {
    const ward = state({ serverOrigin: CAREYN, mode: 'kiosk' });
    for (const kind of [null, 'client'] as const) {
      const ctx = context(ward, { sessionFetch: meAs(kind) });
      await expect(saveConnection(ctx, { server: SVRZ, mode: 'kiosk' })).rejects.toThrow('not-allowed');
      expect(ctx.check).not.toHaveBeenCalled();
    }
    const staff = context(ward, { sessionFetch: meAs('staff') });
    await expect(saveConnection(staff, { server: SVRZ, mode: 'kiosk' })).resolves.toEqual({ saved: true });
    expect(staff.sessionFetch).toHaveBeenCalledWith(
      `${CAREYN}/api/v1/auth/me`,
      expect.objectContaining({ credentials: 'include', method: 'GET' }),
    );
    expect(readSavedConnection(userDataDir)).toEqual({ server: SVRZ, mode: 'kiosk' });
  });

  it('a personal install changes freely; a ward computer not yet connected too (nobody can sign in yet)', async () => {
    const personal = context(state({ serverOrigin: CAREYN, mode: 'personal' }));
    await expect(saveConnection(personal, { server: SVRZ, mode: 'kiosk' })).resolves.toEqual({ saved: true });
    const firstStart = context(state({ mode: 'kiosk', modeLocked: true }));
    await expect(saveConnection(firstStart, { server: SVRZ, mode: 'kiosk' })).resolves.toEqual({ saved: true });
    expect(firstStart.sessionFetch).not.toHaveBeenCalled();
  });
});

describe('hasStaffSession', () => {
  it('is false when the server cannot be asked or answers oddly', async () => {
    expect(
      await hasStaffSession(
        vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
        CAREYN,
      ),
    ).toBe(false);
    expect(
      await hasStaffSession(
        vi.fn(async () => new Response('<html>')),
        CAREYN,
      ),
    ).toBe(false);
    expect(
      await hasStaffSession(
        vi.fn(async () => Response.json({ me: null })),
        CAREYN,
      ),
    ).toBe(false);
  });
});

describe('registerConnectionHandlers', () => {
  const trusted = { senderFrame: { url: 'app://portal/', parent: null } };
  const untrusted = { senderFrame: { url: 'https://evil.nl/', parent: null } };
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const ctx = context(state({ serverOrigin: CAREYN, mode: 'personal', serverLocked: true }));
  vi.mocked(ipcMain.handle).mockImplementation((channel, fn) => void handlers.set(channel, fn as never));
  registerConnectionHandlers(ctx);

  it('answers the state and a check to our page only', async () => {
    await expect(handlers.get(IpcChannel.connectionGet)!(trusted)).resolves.toEqual(ctx.state);
    await expect(handlers.get(IpcChannel.connectionGet)!(untrusted)).rejects.toThrow('untrusted-sender');
    await expect(handlers.get(IpcChannel.connectionCheck)!(trusted, CAREYN)).resolves.toEqual(found(CAREYN));
  });

  it('parses every argument', async () => {
    const save = handlers.get(IpcChannel.connectionSave)!;
    for (const args of [
      [],
      [{ server: CAREYN }],
      [{ server: CAREYN, mode: 'admin' }],
      [{ server: CAREYN, mode: 'kiosk', locked: false }],
      [{ server: 'x'.repeat(3000), mode: 'kiosk' }],
    ]) {
      await expect(save(trusted, ...args), JSON.stringify(args)).rejects.toThrow('invalid-arguments');
    }
    await expect(handlers.get(IpcChannel.connectionCheck)!(trusted, 42)).rejects.toThrow('invalid-arguments');
    await expect(handlers.get(IpcChannel.connectionCheck)!(trusted, '  ')).rejects.toThrow('invalid-arguments');
  });
});
