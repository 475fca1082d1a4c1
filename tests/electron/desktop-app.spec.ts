// The desktop app end to end (issue 5): the real Electron binary runs the built app (out/, electron-vite build)
// against the real portal server with demo data, started on a free 127.0.0.1 port; the SMS code comes from the
// server's outbox. A personal install (sign in with the SMS code, home screen, sign out with the question) and a ward
// computer (--kiosk: a kiosk window, and after the sign-out a login screen with nothing of the resident left).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { startPortalServer, type PortalServer } from '../e2e/portal-server.ts';
import { KEYCHAIN_SERVICE, keychainAccount } from '../../electron/main/device-secret-store.ts';
import { KIOSK_PARTITION } from '../../electron/main/window-options.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The Electron binary that `npm install` put in node_modules/electron/dist, or null. Not `require('electron')`: when
 * the binary is missing that starts a download.
 */
function electronBinary(): string | null {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const binary = path.join(dist, relative);
  return fs.existsSync(binary) ? binary : null;
}

const ELECTRON = electronBinary();

test.skip(
  ELECTRON === null,
  'No Electron binary in node_modules/electron/dist: it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD ' +
    '(it cannot be downloaded on this machine). Run `npm run test:electron` where Electron can be installed.',
);

const TRUUS = { username: 'truus', password: 'Zonnebloem-Truus-1947', name: 'Truus van Dorp' };

let portal: PortalServer;

test.beforeAll(async () => {
  portal = await startPortalServer();
  await portal.admin('demo:seed');
});

test.afterAll(async () => {
  await portal?.stop();
});

interface DesktopApp {
  app: ElectronApplication;
  page: Page;
  /** The profile directory the app was started with. */
  userData: string;
  close(): Promise<void>;
}

async function launchDesktopApp(...extraArgs: string[]): Promise<DesktopApp> {
  // A profile of its own: no cookies or saved choices of a developer's real install, and no clash with its
  // single-instance lock.
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-electron-'));
  const args = ['out/main/index.js', '--server', portal.url, `--user-data-dir=${userData}`, ...extraArgs];
  // Chromium refuses its sandbox to root (CI containers); elsewhere the app runs with it, as installed.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const app = await _electron.launch({ executablePath: ELECTRON!, args, cwd: ROOT, timeout: 60_000 });
  const page = await app.firstWindow();
  return {
    app,
    page,
    userData,
    async close() {
      await app.close();
      fs.rmSync(userData, { recursive: true, force: true });
    },
  };
}

async function signIn(page: Page, expectNotice?: RegExp): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Inloggen' })).toBeVisible();
  const smsBefore = portal.sms().length;
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill(TRUUS.username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(TRUUS.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('heading', { name: 'Apparaat verificatie' })).toBeVisible();
  if (expectNotice) await expect(page.getByTestId('not-remembered')).toContainText(expectNotice);
  await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(smsBefore));
  await page.getByRole('button', { name: 'Code controleren' }).click();
}

async function expectHome(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${TRUUS.name}` })).toBeVisible();
  for (const panel of ['Mijn afspraken', 'Mijn berichten', 'Mijn dossier', 'Mijn gegevens']) {
    await expect(page.getByRole('heading', { name: panel })).toBeVisible();
  }
  await expect(page.getByRole('banner')).toContainText(TRUUS.name);
}

/** Uitloggen asks first: Nee keeps the resident signed in, Ja signs out. */
async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Weet u zeker dat u wilt uitloggen?');
  await dialog.getByRole('button', { name: 'Nee' }).click();
  await expect(dialog).toBeHidden();
  await expectHome(page);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Ja' }).click();
  await expect(page.getByRole('heading', { name: 'Inloggen' })).toBeVisible();
}

/** The server's answer to "who am I", asked the way the renderer asks: app://portal/api/… through main's proxy. */
async function meStatus(page: Page): Promise<number> {
  return page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
}

test('personal install: sign in with the SMS code, the home screen, sign out after the question', async () => {
  const desktop = await launchDesktopApp();
  try {
    const { app, page } = desktop;
    expect(fs.realpathSync(await app.evaluate(({ app: main }) => main.getPath('userData')))).toBe(
      fs.realpathSync(desktop.userData),
    );
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isKiosk())).toBe(false);
    // The renderer comes from the app's own scheme, never from file:// or the server.
    expect(new URL(page.url()).protocol).toBe('app:');
    expect(await page.evaluate(() => typeof (window as unknown as { bridge?: unknown }).bridge)).toBe('object');

    await signIn(page);
    await expectHome(page);
    expect(await meStatus(page)).toBe(200);

    await signOut(page);
    expect(await meStatus(page)).toBe(401);
  } finally {
    await desktop.close();
    // Where a keychain works the app remembered this device for the test server's origin; the next run uses another
    // port, so the entry would only linger.
    try {
      const keytar = (await import('keytar')).default;
      await keytar.deletePassword(KEYCHAIN_SERVICE, keychainAccount(portal.url, TRUUS.username));
    } catch {
      // No keychain (or keytar not built): nothing was stored.
    }
  }
});

test('ward computer (--kiosk): a kiosk window, and after the sign-out a clean login screen', async () => {
  const desktop = await launchDesktopApp('--kiosk');
  try {
    const { app, page } = desktop;
    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) => {
          const win = BrowserWindow.getAllWindows()[0]!;
          return { kiosk: win.isKiosk(), fullScreen: win.isFullScreen() || win.isKiosk() };
        }),
      )
      .toEqual({ kiosk: true, fullScreen: true });

    await signIn(page, /Dit is een computer van de afdeling/);
    await expectHome(page);

    await signOut(page);
    // Main cleared the in-memory session and loaded the app afresh: empty fields, no cookie, no storage, and the
    // server knows no session.
    await expect(page.getByLabel('Gebruikersnaam', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('Wachtwoord', { exact: true })).toHaveValue('');
    await expect(page.getByText(TRUUS.name)).toHaveCount(0);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    const cookies = await app.evaluate(
      async ({ session }, partition) => (await session.fromPartition(partition).cookies.get({})).length,
      KIOSK_PARTITION,
    );
    expect(cookies).toBe(0);
    expect(await meStatus(page)).toBe(401);
    // Still the kiosk window: a sign-out never drops the ward computer out of kiosk mode.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isKiosk())).toBe(true);
  } finally {
    await desktop.close();
  }
});
