// Gebruikersbeheer over time, through the real UI and the test clock (issue 4): an existing user (Annie, in Truus's
// network) invited by a second client sees the notice on her home screen and accepts under Uitnodigingen; an end
// date of access set by Truus for Kees holds through his last day and ends at midnight in Amsterdam: the grid says
// "verlopen" and his next request finds no access; an invitation link older than the validity (14 days) says it has
// expired, offers no account form, shows as Verlopen in Truus's list and works again after Opnieuw versturen.
// The tests share one server and run in order: the clock only moves forward, and the last two move it by a day and
// by two weeks. After such a jump the 30-minute idle limit has ended every session, so people sign in again (their
// device is remembered: no SMS the second time).
import type { Browser, Page } from '@playwright/test';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { expectAccessible, expectAccessibleAtAllSizes } from './axe.ts';
import type { PortalServer } from './portal-server.ts';

test.use({ portalFor: 'network-expiry' });
test.describe.configure({ mode: 'serial' });

const SHOTS = path.resolve(import.meta.dirname, '../../.tmp');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1024, height: 768 };
const NO_ACCESS = 'U heeft geen toegang tot dit onderdeel.';
const PASSWORD: Record<string, string> = {
  truus: 'Zonnebloem-Truus-1947',
  annie: 'Tulpenveld-Annie-1972',
  kees: 'Windmolen-Kees-1975',
  gerrit: 'Klaproos-akker-1945',
  jan: 'Kievitsbloem-polder-1980',
};
const NAME: Record<string, string> = {
  truus: 'Truus van Dorp',
  annie: 'Annie van Dorp',
  kees: 'Kees van Dorp',
  gerrit: 'Gerrit van Dorp',
};

let gerritTemporary = '';
/** How far the server's clock runs ahead of this process's (the clock hook only moves it forward). */
let offsetMs = 0;
/** Browsers kept from one test to the next: a remembered device signs in again without an SMS. */
const pages: Record<string, Page> = {};

test.beforeAll(async ({ portal }) => {
  await portal.admin('demo:seed');
  const out = await portal.admin(
    'client:create',
    ...['--name', 'Gerrit van Dorp', '--username', 'gerrit', '--email', 'gerrit@example.nl'],
    ...['--mobile', '0622334455'],
  );
  gerritTemporary = /Tijdelijk wachtwoord[^:]*: (\S+)/.exec(out)![1]!;
});
test.afterAll(async () => {
  for (const page of Object.values(pages)) await page.context().close();
});

async function pageFor(browser: Browser, who: string, viewport = DESKTOP): Promise<Page> {
  if (!pages[who]) {
    const context = await browser.newContext({ viewport });
    pages[who] = await context.newPage();
  }
  return pages[who];
}

/** Username + password; the SMS code when this browser is not remembered yet. Ends on the home screen. */
async function signIn(page: Page, portal: PortalServer, who: string, sms: boolean): Promise<void> {
  if (!/\/inloggen/.test(page.url())) await page.goto(`${portal.url}/inloggen`);
  const before = portal.sms().length;
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill(who);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD[who]!);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  if (sms) {
    await expect(page.getByRole('heading', { name: 'Apparaat verificatie' })).toBeVisible();
    await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
    await page.getByRole('button', { name: 'Code controleren' }).click();
  }
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${NAME[who]}` })).toBeVisible();
}

/** After a jump of the clock: the next page load finds the session ended and asks to sign in again. */
async function signInAgain(page: Page, portal: PortalServer, who: string): Promise<void> {
  await page.goto(portal.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  await signIn(page, portal, who, false);
}

async function openNetwork(page: Page, who: string): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: NAME[who] }).click();
  await page.getByRole('link', { name: 'Gebruikersbeheer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gebruikersbeheer' })).toBeVisible();
  await expect(page.getByTestId('network-row').first()).toBeVisible();
}

/** Gebruiker toevoegen: the e-mail address, Toevoegen, the other fields, Toevoegen. */
async function addUser(page: Page, email: string, first: string, last: string, relation: string, mobile: string) {
  await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gebruiker toevoegen' });
  await dialog.getByLabel('E-mailadres').fill(email);
  await dialog.getByRole('button', { name: 'Toevoegen' }).click();
  await dialog.getByLabel('Voornaam').fill(first);
  await dialog.getByLabel('Achternaam').fill(last);
  await dialog.getByLabel('Relatie tot de cliënt').fill(relation);
  await dialog.getByLabel('Mobiel nummer').fill(mobile);
  await dialog.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('snackbar')).toContainText(`${first} ${last} krijgt een uitnodiging per e-mail.`);
}

/** The invitation link of a raw e-mail from the file outbox (quoted-printable soft breaks and =3D undone). */
function invitationLinkFrom(eml: string): string {
  const text = eml.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const m = /(https?:\/\/\S+\/uitnodiging#token=[A-Za-z0-9_-]{43})/.exec(text);
  if (!m) throw new Error(`no invitation link in mail:\n${text}`);
  return m[1]!;
}

async function advance(portal: PortalServer, ms: number): Promise<void> {
  await portal.advanceClock(Math.ceil(ms / 1000));
  offsetMs += Math.ceil(ms / 1000) * 1000;
}
const serverNow = () => new Date(Date.now() + offsetMs);

const AMSTERDAM = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  ...{ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
});
function inAmsterdam(at: Date): { date: string; time: string } {
  const p = Object.fromEntries(AMSTERDAM.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}
function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
/** The instant the Amsterdam calendar day `ymd` ends: midnight of the next day, in winter or in summer time. */
function endOfAmsterdamDay(ymd: string): Date {
  const next = addDays(ymd, 1);
  for (const hours of [1, 2]) {
    const t = new Date(Date.parse(`${next}T00:00:00Z`) - hours * 3_600_000);
    const local = inAmsterdam(t);
    if (local.date === next && local.time === '00:00') return t;
  }
  throw new Error(`no midnight after ${ymd}`);
}
const longDate = (ymd: string) =>
  new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${ymd}T12:00:00Z`),
  );

const row = (page: Page, name: string) => page.locator(`[data-testid="network-row"][data-name="${name}"]`);

test('Annie, already in Truus’s network, sees the invitation of Gerrit on her home screen and accepts it', async ({
  portal,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  // Gerrit, a second client created by staff, signs in for the first time and invites Annie's address.
  const gerrit = await pageFor(browser, 'gerrit');
  await gerrit.goto(`${portal.url}/inloggen`);
  const before = portal.sms().length;
  await gerrit.getByLabel('Gebruikersnaam', { exact: true }).fill('gerrit');
  await gerrit.getByLabel('Wachtwoord', { exact: true }).fill(gerritTemporary);
  await gerrit.getByRole('button', { name: 'Inloggen' }).click();
  await gerrit.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
  await gerrit.getByRole('button', { name: 'Code controleren' }).click();
  await expect(gerrit.getByRole('heading', { name: 'Wachtwoord wijzigen' })).toBeVisible();
  await gerrit.getByLabel('Huidig wachtwoord', { exact: true }).fill(gerritTemporary);
  await gerrit.getByLabel('Nieuw wachtwoord', { exact: true }).fill(PASSWORD.gerrit!);
  await gerrit.getByLabel('Herhaal nieuw wachtwoord', { exact: true }).fill(PASSWORD.gerrit!);
  await gerrit.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect(gerrit.getByRole('heading', { level: 1, name: 'Welkom, Gerrit van Dorp' })).toBeVisible();
  await openNetwork(gerrit, 'gerrit');
  const mails = portal.mails().length;
  await addUser(gerrit, 'annie@example.nl', 'Annie', 'van Dorp', 'Dochter', '06 87654321');
  expect(await portal.waitForMail(mails)).toContain('annie@example.nl');

  // Annie signs in on her phone the ordinary way: the home screen tells her about the invitation, above Truus's portal.
  const annie = await pageFor(browser, 'annie', PHONE);
  await signIn(annie, portal, 'annie', true);
  const notice = annie.getByTestId('invitations-notice');
  await expect(notice).toContainText('U heeft een uitnodiging voor het portaal van een cliënt.');
  await expect(
    annie.getByText('U heeft nog geen toegang tot onderdelen van het portaal van Truus van Dorp.', { exact: false }),
  ).toBeVisible();
  await expectAccessibleAtAllSizes(annie, 'Startscherm met uitnodiging', (size) =>
    testInfo.outputPath(`home-invitation-${size}.png`),
  );

  // The notice leads to Uitnodigingen, where she accepts; the client switcher then holds both clients.
  await notice.getByRole('link', { name: 'Uitnodigingen bekijken' }).click();
  await expect(annie).toHaveURL(/\/uitnodigingen$/);
  await expect(annie.getByRole('heading', { level: 1, name: 'Uitnodigingen' })).toBeVisible();
  const invitation = annie.getByTestId('my-invitation');
  await expect(invitation).toHaveCount(1);
  await expect(invitation).toContainText('Portaal van Gerrit van Dorp');
  await expect(invitation).toContainText('Uitgenodigd door Gerrit van Dorp als Dochter');
  await expectAccessible(annie, 'Uitnodigingen (telefoon)');
  await annie.getByRole('button', { name: 'Uitnodiging voor het portaal van Gerrit van Dorp accepteren' }).click();
  await expect(
    annie.getByText('U heeft de uitnodiging geaccepteerd. U ziet nu het portaal van Gerrit van Dorp.'),
  ).toBeVisible();
  await expect(annie.getByText('U heeft geen openstaande uitnodigingen.')).toBeVisible();
  await annie.getByRole('link', { name: 'Terug naar het startscherm' }).click();
  await expect(annie.getByRole('heading', { level: 1, name: 'Welkom, Annie van Dorp' })).toBeVisible();
  await expect(annie.getByTestId('invitations-notice')).toHaveCount(0);
  await expect(annie.getByRole('button', { name: /Cliënt kiezen/ })).toContainText('Portaal van Gerrit van Dorp');
  await expect(
    annie.getByText('U heeft nog geen toegang tot onderdelen van het portaal van Gerrit van Dorp.', { exact: false }),
  ).toBeVisible();

  // Gerrit's grid lists her now, and his invitation says Geaccepteerd.
  await gerrit.reload();
  await expect(row(gerrit, 'Annie van Dorp')).toContainText('Dochter');
  await expect(gerrit.locator('[data-testid="invitation"][data-email="annie@example.nl"]')).toContainText(
    'Geaccepteerd',
  );
});

test('an end date of access: Kees keeps access through that day and loses it at midnight; the grid says verlopen', async ({
  portal,
  browser,
}) => {
  test.setTimeout(180_000);
  const kees = await pageFor(browser, 'kees');
  await signIn(kees, portal, 'kees', true);
  await expect(kees.getByRole('heading', { name: 'Mijn berichten' })).toBeVisible();

  // Truus gives Kees an end date: tomorrow, the last day he has access.
  const truus = await pageFor(browser, 'truus');
  await signIn(truus, portal, 'truus', true);
  await openNetwork(truus, 'truus');
  const lastDay = addDays(inAmsterdam(serverNow()).date, 1);
  await row(truus, 'Kees van Dorp').getByRole('button', { name: 'Kees van Dorp' }).click();
  const details = truus.getByRole('dialog', { name: 'Kees van Dorp' });
  await details.getByLabel('Toegang tot').fill(lastDay);
  await details.getByRole('button', { name: 'Einddatum opslaan' }).click();
  await expect(details.getByText('De einddatum is opgeslagen.')).toBeVisible();
  await details.getByRole('button', { name: 'Sluiten' }).click();
  await expect(row(truus, 'Kees van Dorp')).toContainText(`Toegang tot ${longDate(lastDay)}`);

  // The clock moves to 23:50 on that last day. Both sign in again; Kees still has Mijn berichten.
  const end = endOfAmsterdamDay(lastDay);
  await advance(portal, end.getTime() - 10 * 60_000 - serverNow().getTime());
  expect(inAmsterdam(serverNow())).toEqual({ date: lastDay, time: expect.stringMatching(/^23:(49|5\d)$/) });
  await signInAgain(kees, portal, 'kees');
  await kees.getByRole('link', { name: /Mijn berichten/ }).click();
  await expect(kees.getByRole('heading', { level: 1, name: 'Mijn berichten' })).toBeVisible();
  await expect(kees.getByRole('button', { name: 'Nieuw bericht' })).toBeVisible();
  await expect(kees.getByText(NO_ACCESS)).toHaveCount(0);
  // A second tab stays open on his home screen over midnight (used by the next test).
  pages.keesOpenTab = await kees.context().newPage();
  await pages.keesOpenTab.goto(portal.url);
  await expect(pages.keesOpenTab.getByRole('heading', { name: 'Mijn berichten' })).toBeVisible();
  await signInAgain(truus, portal, 'truus');
  await openNetwork(truus, 'truus');
  await expect(row(truus, 'Kees van Dorp')).toContainText(`Toegang tot ${longDate(lastDay)}`);
  await expect(row(truus, 'Kees van Dorp').getByText('verlopen', { exact: true })).toHaveCount(0);

  // Fifteen minutes later it is the next day: Kees, still signed in, finds no access on his next request.
  await advance(portal, 15 * 60_000);
  await kees.reload();
  await expect(kees.getByRole('heading', { level: 1, name: 'Mijn berichten' })).toBeVisible();
  await expect(kees.getByText(NO_ACCESS)).toBeVisible();
  await expect(kees.getByRole('button', { name: 'Nieuw bericht' })).toHaveCount(0);
  await expectAccessible(kees, 'Mijn berichten na de einddatum');
  await kees.goto(portal.url);
  await expect(kees.getByRole('heading', { level: 1, name: 'Welkom, Kees van Dorp' })).toBeVisible();
  await expect(kees.getByRole('heading', { name: 'Mijn berichten' })).toHaveCount(0);
  await expect(
    kees.getByText('U heeft op dit moment geen toegang tot het portaal van een cliënt.', { exact: false }),
  ).toBeVisible();
  await expectAccessibleAtAllSizes(kees, 'Startscherm na de einddatum', (size) =>
    path.join(SHOTS, `expired-contact-home-${size}.png`),
  );
  // On a phone the top bar shows his first name, not a cut-off "Kees va…"; the button still says who he is.
  await kees.setViewportSize(PHONE);
  await expect(kees.getByTestId('top-bar-name')).toHaveText('Kees');
  await expect(kees.getByRole('banner').getByRole('button', { name: 'Kees van Dorp' })).toBeVisible();
  await kees.setViewportSize(DESKTOP);
  await expect(kees.getByTestId('top-bar-name')).toHaveText('Kees van Dorp');

  // Truus's grid: Kees's row says verlopen instead of the end date, at desktop and at phone size.
  await truus.reload();
  const keesRow = row(truus, 'Kees van Dorp');
  await expect(keesRow.getByText('verlopen', { exact: true })).toBeVisible();
  await expect(keesRow).not.toContainText('Toegang tot');
  await expect(keesRow).toContainText(`laatste dag ${longDate(lastDay)}`);
  await expect(row(truus, 'Annie van Dorp').getByText('verlopen', { exact: true })).toHaveCount(0);
  await expectAccessibleAtAllSizes(truus, 'Gebruikersbeheer met een verlopen contactpersoon', (size) =>
    path.join(SHOTS, `network-expired-row-${size}.png`),
  );
  await truus.setViewportSize(PHONE);
  await expect(truus.getByTestId('network-cards')).toBeVisible();
  await expect(row(truus, 'Kees van Dorp').getByText('verlopen', { exact: true })).toBeVisible();
  await truus.setViewportSize(DESKTOP);
});

test('after midnight, a tab opened before it says "no access" on the next click too', async () => {
  // The page loaded while Kees still had access; the server's refusal makes the renderer load the rights again.
  const tab = pages.keesOpenTab!;
  await tab.getByRole('link', { name: /Mijn berichten/ }).click();
  await expect(tab.getByRole('heading', { level: 1, name: 'Mijn berichten' })).toBeVisible();
  await expect(tab.getByText(NO_ACCESS)).toBeVisible({ timeout: 5_000 });
  await expect(tab.getByRole('button', { name: 'Nieuw bericht' })).toHaveCount(0);
});

test('an invitation link past its 14 days says it has expired; Truus sees Verlopen and sends it again', async ({
  portal,
  browser,
}) => {
  test.setTimeout(180_000);
  const truus = pages.truus!;
  await truus.goto(portal.url);
  await openNetwork(truus, 'truus');
  const mails = portal.mails().length;
  await addUser(truus, 'jan@example.nl', 'Jan', 'de Vries', 'Buurman', '06 55667788');
  const oldLink = invitationLinkFrom(await portal.waitForMail(mails));
  const invitation = truus.locator('[data-testid="invitation"][data-email="jan@example.nl"]');
  await expect(invitation).toContainText('Verstuurd, nog niet geaccepteerd');

  // Fourteen days and a minute later Jan opens the link on his phone: a clear message and no account form.
  await advance(portal, 14 * 86_400_000 + 60_000);
  let jan = await pageFor(browser, 'jan', PHONE);
  await jan.goto(oldLink);
  await expect(jan.getByRole('heading', { level: 1, name: 'Uitnodiging' })).toBeVisible();
  await expect(
    jan.getByText('Deze uitnodiging is verlopen. Vraag de cliënt om een nieuwe uitnodiging.', { exact: true }),
  ).toBeVisible();
  expect(new URL(jan.url()).hash).toBe('');
  await expect(jan.getByLabel('Gebruikersnaam')).toHaveCount(0);
  await expect(jan.getByRole('button', { name: 'Account aanmaken' })).toHaveCount(0);
  await expectAccessibleAtAllSizes(jan, 'Verlopen uitnodiging', (size) =>
    path.join(SHOTS, `invitation-expired-${size}.png`),
  );

  // Truus signs in again: the invitation says Verlopen, with the date, and can be sent again.
  await signInAgain(truus, portal, 'truus');
  await openNetwork(truus, 'truus');
  await expect(invitation.getByTestId('status')).toHaveText('Verlopen');
  await expect(invitation).toContainText('Verlopen op');
  await expect(invitation).not.toContainText('Geldig tot');
  await expectAccessibleAtAllSizes(truus, 'Gebruikersbeheer met een verlopen uitnodiging', (size) =>
    path.join(SHOTS, `network-expired-invitation-${size}.png`),
  );
  const resent = portal.mails().length;
  await invitation.getByRole('button', { name: 'Uitnodiging voor Jan de Vries opnieuw versturen' }).click();
  await expect(truus.getByTestId('snackbar')).toContainText('De uitnodiging voor Jan de Vries is opnieuw verstuurd.');
  await expect(invitation.getByTestId('status')).toHaveText('Verstuurd, nog niet geaccepteerd');
  await expect(invitation).toContainText('Geldig tot');
  const newLink = invitationLinkFrom(await portal.waitForMail(resent));
  expect(newLink).not.toBe(oldLink);

  // The old link stays unusable (in a new tab, as a mail program opens it); the new one opens the account form,
  // also pasted into that same tab, where only the address's #fragment changes; Jan creates his account.
  const tab = await jan.context().newPage();
  await jan.close();
  jan = tab;
  await jan.goto(oldLink);
  await expect(jan.getByText('Deze uitnodiging kan niet (meer) worden gebruikt.', { exact: false })).toBeVisible();
  await expect(jan.getByLabel('Gebruikersnaam')).toHaveCount(0);
  await jan.goto(newLink);
  await expect(jan.getByText('U bent uitgenodigd voor het portaal van Truus van Dorp.')).toBeVisible();
  await expect(jan.getByText('Deze uitnodiging kan niet (meer) worden gebruikt.', { exact: false })).toHaveCount(0);
  expect(new URL(jan.url()).hash).toBe('');
  await jan.getByLabel('Gebruikersnaam', { exact: true }).fill('jan');
  await jan.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD.jan!);
  await jan.getByLabel('Herhaal wachtwoord', { exact: true }).fill(PASSWORD.jan!);
  await jan.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(jan.getByText('Uw account is aangemaakt.', { exact: false })).toBeVisible();
  await truus.reload();
  await expect(row(truus, 'Jan de Vries')).toContainText('Buurman');
  await expect(invitation.getByTestId('status')).toHaveText('Geaccepteerd');
});
