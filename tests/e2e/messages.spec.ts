// Mijn berichten through the real UI (issue 3, §3 panel, §4 Berichten, §8 "sending a message to two people who both
// see it"): Truus writes to Annie and Kees, both see it unread (bold, with a count) and then read; a reply shows up
// for the sender; mark unread; the phone layout; a contact without the Berichten right sees neither panel nor page.
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { expectAccessibleAtAllSizes } from './axe.ts';
import type { PortalServer } from './portal-server.ts';

test.use({ portalFor: 'messages' });

const NO_ACCESS = 'U heeft geen toegang tot dit onderdeel.';
const USERS = {
  truus: { password: 'Zonnebloem-Truus-1947', name: 'Truus van Dorp' },
  annie: { password: 'Tulpenveld-Annie-1972', name: 'Annie van Dorp' },
  kees: { password: 'Windmolen-Kees-1975', name: 'Kees van Dorp' },
} as const;
type Username = keyof typeof USERS;

async function signIn(browser: Browser, portal: PortalServer, username: Username): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${portal.url}/inloggen`);
  const before = portal.sms().length;
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill(username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(USERS[username].password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  // Generous waits: four helpers share two cores, and a cold first page load can take more than ten seconds.
  await expect(page.getByRole('heading', { name: 'Apparaat verificatie' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
  await page.getByRole('button', { name: 'Code controleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${USERS[username].name}` })).toBeVisible({
    timeout: 30_000,
  });
  return page;
}

const threadItem = (page: Page, subject: string) => page.getByTestId('thread-item').filter({ hasText: subject });

test.beforeAll(async ({ portal }) => {
  await portal.admin('demo:seed');
});

// Other spec files may share this server: leave Annie as the demo made her (no rights).
test.afterAll(async ({ portal }) => {
  await portal.admin('member:rights', '--client', 'truus', '--username', 'annie', '--sections', 'geen');
});

test('a contact without the Berichten right sees no panel and no page', async ({ portal, browser }, testInfo) => {
  await portal.admin('member:rights', '--client', 'truus', '--username', 'annie', '--sections', 'afspraken');
  const page = await signIn(browser, portal, 'annie');
  await expect(page.getByRole('heading', { name: 'Mijn afspraken' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Mijn berichten' })).toHaveCount(0);
  await page.goto(`${portal.url}/berichten`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn berichten' })).toBeVisible();
  await expect(page.getByText(NO_ACCESS)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nieuw bericht' })).toHaveCount(0);
  await expectAccessibleAtAllSizes(page, 'Berichten zonder recht', (s) => testInfo.outputPath(`no-access-${s}.png`));
  await page.context().close();
});

test('Truus writes to Annie and Kees; both see it, a reply reaches Truus', async ({ portal, browser }, testInfo) => {
  // Three sign-ins and six axe runs on a shared machine: more than the default 90 s.
  test.setTimeout(420_000);
  await portal.admin('member:rights', '--client', 'truus', '--username', 'annie', '--sections', 'berichten');

  // Truus: the panel shows the newest message and the unread count.
  const truus = await signIn(browser, portal, 'truus');
  const panel = truus.getByRole('link', { name: /Mijn berichten/ });
  await expect(panel).toContainText('1 ongelezen bericht');
  await expect(panel).toContainText('Dochter komt eten');
  await expect(panel).toContainText('Ik kom morgen om 18:00 uur eten.');
  await expect(panel).toContainText('bijgewerkt tot');
  await truus.screenshot({ path: testInfo.outputPath('home-desktop.png'), fullPage: true });
  await truus.setViewportSize({ width: 390, height: 844 });
  await truus.screenshot({ path: testInfo.outputPath('home-phone.png'), fullPage: true });
  await truus.setViewportSize({ width: 1024, height: 768 });
  await panel.click();
  await expect(truus).toHaveURL(/\/berichten$/);
  await expect(truus.getByRole('heading', { level: 1, name: 'Mijn berichten' })).toBeVisible();
  await expect(threadItem(truus, 'Dochter komt eten')).toHaveClass(/unread/);
  await expect(threadItem(truus, 'De wond')).toContainText('Zorgteam');
  await expectAccessibleAtAllSizes(truus, 'Berichten', (s) => testInfo.outputPath(`messages-${s}.png`));

  // Nieuw bericht to Annie and Kees (first: the dialog is checked for contrast with nothing behind it).
  await truus.getByRole('button', { name: 'Nieuw bericht' }).click();
  const dialog = truus.getByRole('dialog', { name: 'Nieuw bericht' });
  await expect(dialog.getByRole('checkbox', { name: /Annie van Dorp/ })).toBeVisible();
  await expectAccessibleAtAllSizes(truus, 'Nieuw bericht', (s) => testInfo.outputPath(`new-${s}.png`));
  await dialog.getByRole('button', { name: 'Verzenden' }).click();
  await expect(dialog.getByText('Kies minstens één ontvanger.')).toBeVisible();
  await dialog.getByRole('checkbox', { name: /Annie van Dorp/ }).check();
  await dialog.getByRole('checkbox', { name: /Kees van Dorp/ }).check();
  await dialog.getByLabel('Onderwerp').fill('Zondag koffie');
  await dialog.getByLabel('Bericht').fill('Komen jullie zondag koffie drinken?\nIk heb taart.');
  await dialog.getByRole('button', { name: 'Verzenden' }).click();
  await expect(dialog).toHaveCount(0);
  const thread = truus.getByTestId('thread');
  await expect(thread.getByRole('heading', { name: 'Zondag koffie' })).toBeVisible();
  await expect(thread).toContainText('Met: Annie van Dorp, Kees van Dorp');
  await expect(threadItem(truus, 'Zondag koffie')).not.toHaveClass(/unread/);

  // Opening another conversation: oldest first with author and time; it becomes read.
  await threadItem(truus, 'De wond').click();
  await expect(thread.getByRole('heading', { name: 'De wond' })).toBeVisible();
  const msgs = thread.getByTestId('message');
  await expect(msgs.first()).toContainText('Maria de Bruin (Zorgteam)');
  await expect(msgs.first()).toContainText('De wond heeft zich goed hersteld.');
  await expect(msgs.nth(1)).toContainText('Dank u wel, Maria.');
  await expect(thread.getByText('Wordt bij de volgende synchronisatie')).toHaveCount(0); // the demo's sync has run
  await expectAccessibleAtAllSizes(truus, 'Gesprek', (s) => testInfo.outputPath(`thread-${s}.png`));

  // Annie and Kees: unread (bold, "1 nieuw"), then read after opening. Kees replies.
  for (const who of ['annie', 'kees'] as const) {
    const page = await signIn(browser, portal, who);
    const p = page.getByRole('link', { name: /Mijn berichten/ });
    await expect(p).toContainText('Zondag koffie');
    await expect(p).toContainText('Truus van Dorp');
    await p.click();
    const item = threadItem(page, 'Zondag koffie');
    await expect(item).toHaveClass(/unread/);
    await expect(item.getByTestId('unread-badge')).toHaveText('1 nieuw');
    await item.click();
    await expect(page.getByTestId('thread')).toContainText('Ik heb taart.');
    await expect(item).not.toHaveClass(/unread/);
    await expect(item.getByTestId('unread-badge')).toHaveCount(0);
    if (who === 'kees') {
      await page.getByLabel('Uw antwoord').fill('Gezellig, ik kom!');
      await page.getByRole('button', { name: 'Beantwoorden' }).click();
      await expect(page.getByTestId('message').last()).toContainText('Gezellig, ik kom!');
      await expect(page.getByTestId('message').last()).toContainText('U');
    }
    await page.context().close();
  }

  // Truus sees the reply, unread first; after reading she marks it unread again.
  await truus.reload();
  const item = threadItem(truus, 'Zondag koffie');
  await expect(item).toHaveClass(/unread/);
  await expect(truus.getByTestId('thread-item').first()).toContainText('Zondag koffie');
  await item.click();
  await expect(truus.getByTestId('message').last()).toContainText('Kees van Dorp');
  await expect(truus.getByTestId('message').last()).toContainText('Gezellig, ik kom!');
  await expect(item).not.toHaveClass(/unread/);
  await truus.getByRole('button', { name: 'Markeer als ongelezen' }).click();
  await expect(item).toHaveClass(/unread/);
  await expect(item.getByTestId('unread-badge')).toHaveText('1 nieuw');

  // Phone size: the list, then the conversation with a back button.
  await truus.setViewportSize({ width: 390, height: 844 });
  await item.click();
  await expect(truus.getByTestId('thread')).toBeVisible();
  await expect(truus.getByTestId('thread-item')).toHaveCount(0);
  await truus.screenshot({ path: testInfo.outputPath('phone-thread.png'), fullPage: true });
  await truus.getByRole('button', { name: 'Terug naar alle berichten' }).click();
  await expect(threadItem(truus, 'Zondag koffie')).toBeVisible();
  await expect(truus.getByTestId('thread')).toHaveCount(0);
  await truus.screenshot({ path: testInfo.outputPath('phone-list.png'), fullPage: true });
  await truus.context().close();
});
