// Gebruikersbeheer and invitations through the real UI (issue 4 §2, §3, §4, §6), the Careyn example of manual 002 §7:
// Truus van Dorp adds Annie van Dorp by e-mail; the invitation arrives at a real SMTP server on 127.0.0.1; Annie
// creates her account from the link and passes the SMS; she sees no panel until Truus ticks Afspraken, then only
// Mijn afspraken; she cannot open Gebruikersbeheer; Truus removes her and her next request finds no access. Then
// Annie, now with an account, is invited by two clients, accepts under Uitnodigingen and switches between them.
// Its own portal server (started here, not by the fixture), because it needs PORTAL_SMTP_URL at start-up.
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectAccessible, expectAccessibleAtAllSizes } from './axe.ts';
import { startPortalServer, type PortalServer } from './portal-server.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';

test.describe.configure({ mode: 'serial' });

const NO_ACCESS = 'U heeft geen toegang tot dit onderdeel.';
const PANELS = ['Mijn afspraken', 'Mijn berichten', 'Mijn dossier', 'Mijn gegevens'];
const PASSWORD = {
  truus: 'Zonnebloem-veld-1947',
  gerrit: 'Klaproos-akker-1945',
  annie: 'Tulpenveld-zomer-1972',
} as const;

let portal: PortalServer;
let smtp: TestSmtp;
const temporary: Record<string, string> = {};
/** Signed-in browser contexts kept for the second test (the clients stay signed in). */
const contexts: Record<string, { context: BrowserContext; page: Page }> = {};

test.beforeAll(async () => {
  smtp = await startSmtp();
  portal = await startPortalServer({ PORTAL_SMTP_URL: smtp.url });
  for (const [name, username, mobile] of [
    ['Truus van Dorp', 'truus', '0612345678'],
    ['Gerrit van Dorp', 'gerrit', '0611223344'],
  ] as const) {
    const out = await portal.admin(
      'client:create',
      ...['--name', name, '--username', username, '--email', `${username}@example.nl`, '--mobile', mobile],
    );
    temporary[username] = /Tijdelijk wachtwoord[^:]*: (\S+)/.exec(out)![1]!;
  }
});
test.afterAll(async () => {
  for (const c of Object.values(contexts)) await c.context.close();
  await portal?.stop();
  await smtp?.stop();
});

async function newPage(browser: Browser, key: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  contexts[key] = { context, page };
  return page;
}

/** Username + password, then the SMS code from the portal's outbox. */
async function signIn(page: Page, username: string, password: string): Promise<void> {
  const before = portal.sms().length;
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill(username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('heading', { name: 'Apparaat verificatie' })).toBeVisible();
  await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
  await page.getByRole('button', { name: 'Code controleren' }).click();
}

/** A client created by staff: temporary password, SMS, then Wachtwoord wijzigen. */
async function firstSignIn(page: Page, username: 'truus' | 'gerrit', name: string): Promise<void> {
  await page.goto(`${portal.url}/inloggen`);
  await signIn(page, username, temporary[username]!);
  await expect(page.getByRole('heading', { name: 'Wachtwoord wijzigen' })).toBeVisible();
  await page.getByLabel('Huidig wachtwoord', { exact: true }).fill(temporary[username]!);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(PASSWORD[username]);
  await page.getByLabel('Herhaal nieuw wachtwoord', { exact: true }).fill(PASSWORD[username]);
  await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${name}` })).toBeVisible();
}

async function openUserMenu(page: Page, name: string) {
  await page.getByRole('banner').getByRole('button', { name }).click();
}

async function openNetwork(page: Page, name: string): Promise<void> {
  await openUserMenu(page, name);
  await page.getByRole('link', { name: 'Gebruikersbeheer' }).click();
  await expect(page).toHaveURL(/\/gebruikersbeheer$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Gebruikersbeheer' })).toBeVisible();
}

/** Gebruiker toevoegen: e-mail first, then the other fields, Toevoegen. */
async function addUser(
  page: Page,
  email: string,
  rest: { first: string; last: string; relation: string; mobile: string },
) {
  await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gebruiker toevoegen' });
  await dialog.getByLabel('E-mailadres').fill(email);
  await expect(dialog.getByLabel('Voornaam')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Toevoegen' }).click();
  await dialog.getByLabel('Voornaam').fill(rest.first);
  await dialog.getByLabel('Achternaam').fill(rest.last);
  await dialog.getByLabel('Relatie tot de cliënt').fill(rest.relation);
  await dialog.getByLabel('Mobiel nummer').fill(rest.mobile);
  await dialog.getByRole('button', { name: 'Toevoegen' }).click();
  return dialog;
}

/** The invitation link (`…/uitnodiging#token=…`) of the newest mail to `to` that arrived after `after` mails. */
async function invitationLink(to: string, after: number): Promise<string> {
  const mail = await smtp.waitForMail((m) => smtp.mails.indexOf(m) >= after && m.to.includes(to), 15_000);
  expect(mail.subject).toContain('Uitnodiging');
  const m = /(https?:\/\/\S+\/uitnodiging#token=[A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!m) throw new Error(`no invitation link in mail:\n${mail.text}`);
  return m[1]!;
}

async function expectPanels(page: Page, visible: string[]): Promise<void> {
  for (const panel of PANELS) {
    if (visible.includes(panel)) await expect(page.getByRole('heading', { name: panel })).toBeVisible();
    else await expect(page.getByRole('heading', { name: panel })).toHaveCount(0);
  }
}

const row = (page: Page, name: string) => page.locator(`[data-testid="network-row"][data-name="${name}"]`);
const box = (page: Page, section: string, name: string) =>
  page.getByRole('checkbox', { name: `${section} voor ${name}` });

test('Truus invites Annie, gives and takes Afspraken, and removes her (Careyn example)', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const truus = await newPage(browser, 'truus');
  await firstSignIn(truus, 'truus', 'Truus van Dorp');
  await openNetwork(truus, 'Truus van Dorp');

  // Only Truus herself, as "Cliënt", with every right and the lock: no Verwijderen.
  await expect(row(truus, 'Truus van Dorp')).toContainText('Cliënt');
  await expect(row(truus, 'Truus van Dorp').getByRole('img', { name: /Slotje/ })).toBeVisible();
  for (const s of ['Berichten', 'Afspraken', 'Dossier', 'Gegevens', 'Instellingen']) {
    await expect(box(truus, s, 'Truus van Dorp')).toBeChecked();
    await expect(box(truus, s, 'Truus van Dorp')).toBeDisabled();
  }
  await row(truus, 'Truus van Dorp')
    .getByRole('button', { name: /Truus van Dorp/ })
    .click();
  const details = truus.getByRole('dialog', { name: 'Truus van Dorp' });
  await expect(details).toContainText('slotje');
  await expect(details.getByRole('button', { name: 'Verwijderen' })).toHaveCount(0);
  await expectAccessible(truus, 'Gegevens van een persoon met slotje');
  await details.getByRole('button', { name: 'Sluiten' }).click();

  // Gebruiker toevoegen: an invalid address, then a landline: clear messages under the field; nothing is sent.
  await truus.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
  const add = truus.getByRole('dialog', { name: 'Gebruiker toevoegen' });
  await add.getByLabel('E-mailadres').fill('annie@');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(add.getByText('Vul een geldig e-mailadres in.')).toBeVisible();
  await expect(add.getByLabel('Voornaam')).toHaveCount(0);
  await add.getByLabel('E-mailadres').fill('annie@example.nl');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(add.getByLabel('Voornaam')).toBeVisible();
  await expectAccessibleAtAllSizes(truus, 'Gebruiker toevoegen', (size) => testInfo.outputPath(`add-user-${size}.png`));
  await add.getByLabel('Voornaam').fill('Annie');
  await add.getByLabel('Achternaam').fill('van Dorp');
  await add.getByLabel('Relatie tot de cliënt').fill('Eerste relatie/contactpersoon');
  await add.getByLabel('Mobiel nummer').fill('020-1234567');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(add.getByText('Vul een Nederlands mobiel nummer in (06-…).', { exact: false })).toBeVisible();
  const mailsBefore = smtp.mails.length;
  await add.getByLabel('Mobiel nummer').fill('06-87654321');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(add).toBeHidden();
  await expect(truus.getByTestId('snackbar')).toContainText('Annie van Dorp krijgt een uitnodiging per e-mail.');
  const invitation = truus.locator('[data-testid="invitation"][data-email="annie@example.nl"]');
  await expect(invitation).toContainText('Verstuurd, nog niet geaccepteerd');
  await expect(invitation).toContainText('Geldig tot');

  // A second invitation to the same address is refused clearly.
  await truus.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
  await add.getByLabel('E-mailadres').fill('Annie@example.nl');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(add.getByText('Er staat al een uitnodiging open voor dit e-mailadres.')).toBeVisible();
  await add.getByRole('button', { name: 'Annuleren' }).click();
  await expect(add).toBeHidden();

  // The mail at the real SMTP server; Annie opens the link on her own device.
  const link = await invitationLink('annie@example.nl', mailsBefore);
  const annie = await newPage(browser, 'annie');
  await annie.goto(link);
  await expect(annie.getByRole('heading', { level: 1, name: 'Uitnodiging' })).toBeVisible();
  await expect(annie.getByText('U bent uitgenodigd voor het portaal van Truus van Dorp.')).toBeVisible();
  await expect(annie.getByText('De uitnodiging is voor annie@example.nl.')).toBeVisible();
  expect(new URL(annie.url()).hash).toBe('');
  await expectAccessibleAtAllSizes(annie, 'Uitnodiging accepteren', (size) =>
    testInfo.outputPath(`invitation-${size}.png`),
  );
  await annie.getByLabel('Gebruikersnaam', { exact: true }).fill('annie');
  await annie.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD.annie);
  await annie.getByLabel('Herhaal wachtwoord', { exact: true }).fill(PASSWORD.annie);
  await annie.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(annie.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  await expect(annie.getByText('Uw account is aangemaakt.', { exact: false })).toBeVisible();

  // The link works once.
  const reuse = await browser.newContext();
  const reused = await reuse.newPage();
  await reused.goto(link);
  await expect(reused.getByText('Deze uitnodiging is al gebruikt of ingetrokken.')).toBeVisible();
  await expectAccessible(reused, 'Uitnodiging al gebruikt');
  await reuse.close();

  // Annie signs in: the SMS goes to the number Truus entered; no panel yet; no Gebruikersbeheer.
  await signIn(annie, 'annie', PASSWORD.annie);
  expect(portal.sms().at(-1)!.to).toBe('+31687654321');
  await expect(annie.getByRole('heading', { level: 1, name: 'Welkom, Annie van Dorp' })).toBeVisible();
  await expect(
    annie.getByText('U heeft nog geen toegang tot onderdelen van het portaal van Truus van Dorp.', { exact: false }),
  ).toBeVisible();
  await expectPanels(annie, []);
  await openUserMenu(annie, 'Annie van Dorp');
  await expect(annie.getByRole('link', { name: 'Instellingen' })).toBeVisible();
  await expect(annie.getByRole('link', { name: 'Gebruikersbeheer' })).toHaveCount(0);
  await annie.keyboard.press('Escape');
  await annie.goto(`${portal.url}/gebruikersbeheer`);
  await expect(annie.getByRole('heading', { level: 1, name: 'Gebruikersbeheer' })).toBeVisible();
  await expect(annie.getByText(NO_ACCESS)).toBeVisible();
  await expect(annie.getByTestId('network-row')).toHaveCount(0);
  await expectAccessibleAtAllSizes(annie, 'Gebruikersbeheer zonder toegang');

  // Truus sees Annie in the grid (alphabetical), without rights; the invitation is accepted.
  await truus.reload();
  await expect(truus.getByTestId('network-row')).toHaveCount(2);
  expect(await truus.getByTestId('network-row').evaluateAll((rows) => rows.map((r) => r.dataset.name))).toEqual([
    'Annie van Dorp',
    'Truus van Dorp',
  ]);
  await expect(row(truus, 'Annie van Dorp')).toContainText('Eerste relatie/contactpersoon');
  await expect(row(truus, 'Annie van Dorp').getByRole('img', { name: /Slotje/ })).toHaveCount(0);
  for (const s of ['Berichten', 'Afspraken', 'Dossier', 'Gegevens', 'Instellingen']) {
    await expect(box(truus, s, 'Annie van Dorp')).not.toBeChecked();
    await expect(box(truus, s, 'Annie van Dorp')).toBeEnabled();
  }
  await expect(invitation).toContainText('Geaccepteerd');

  // Tick Afspraken: saved at once with a confirmation; Ongedaan maken restores it; tick again.
  await box(truus, 'Afspraken', 'Annie van Dorp').check();
  const snackbar = truus.getByTestId('snackbar');
  await expect(snackbar).toContainText('Afspraken aangezet voor Annie van Dorp.');
  await snackbar.getByRole('button', { name: 'Ongedaan maken' }).click();
  await expect(snackbar).toContainText('De wijziging is ongedaan gemaakt.');
  await expect(box(truus, 'Afspraken', 'Annie van Dorp')).not.toBeChecked();
  await truus.reload();
  await expect(box(truus, 'Afspraken', 'Annie van Dorp')).not.toBeChecked();
  await box(truus, 'Afspraken', 'Annie van Dorp').check();
  await expect(truus.getByTestId('snackbar')).toContainText('Afspraken aangezet voor Annie van Dorp.');
  await truus.reload();
  await expect(box(truus, 'Afspraken', 'Annie van Dorp')).toBeChecked();
  await expectAccessibleAtAllSizes(truus, 'Gebruikersbeheer', (size) => testInfo.outputPath(`network-${size}.png`));

  // At phone size: one card per person, the rights as switches, still usable.
  await truus.setViewportSize({ width: 390, height: 844 });
  await expect(truus.getByTestId('network-cards')).toBeVisible();
  const annieBerichten = row(truus, 'Annie van Dorp').getByRole('checkbox', { name: 'Berichten voor Annie van Dorp' });
  await expect(annieBerichten).not.toBeChecked();
  await expect(
    row(truus, 'Annie van Dorp').getByRole('checkbox', { name: 'Afspraken voor Annie van Dorp' }),
  ).toBeChecked();
  const size = await row(truus, 'Annie van Dorp').locator('.v-selection-control').first().boundingBox();
  expect(size!.height).toBeGreaterThanOrEqual(48);
  await truus.setViewportSize({ width: 1024, height: 768 });

  // Annie, after a reload: only Mijn afspraken.
  await annie.goto(portal.url);
  await expect(annie.getByRole('heading', { level: 1, name: 'Welkom, Annie van Dorp' })).toBeVisible();
  await expectPanels(annie, ['Mijn afspraken']);
  await annie.goto(`${portal.url}/afspraken`);
  await expect(annie.getByRole('heading', { level: 1, name: 'Mijn afspraken' })).toBeVisible();
  await expect(annie.getByText(NO_ACCESS)).toHaveCount(0);
  await annie.goto(`${portal.url}/gebruikersbeheer`);
  await expect(annie.getByText(NO_ACCESS)).toBeVisible();

  // Truus removes Annie: click the name → Verwijderen → Ja.
  await row(truus, 'Annie van Dorp').getByRole('button', { name: 'Annie van Dorp' }).click();
  const annieDetails = truus.getByRole('dialog', { name: 'Annie van Dorp' });
  await expect(annieDetails).toContainText('Afspraken');
  await expectAccessibleAtAllSizes(truus, 'Gegevens van een contactpersoon', (s) =>
    testInfo.outputPath(`member-${s}.png`),
  );
  await annieDetails.getByRole('button', { name: 'Verwijderen' }).click();
  const confirm = truus.getByRole('dialog', { name: 'Verwijderen' });
  await expect(confirm).toContainText('Weet u zeker dat u Annie van Dorp wilt verwijderen');
  await expectAccessible(truus, 'Verwijderen bevestigen');
  await confirm.getByRole('button', { name: 'Ja' }).click();
  await expect(truus.getByTestId('snackbar')).toContainText('Annie van Dorp is verwijderd.');
  await expect(truus.getByTestId('network-row')).toHaveCount(1);

  // Annie's next request: no access any more.
  await annie.goto(`${portal.url}/afspraken`);
  await expect(annie.getByText(NO_ACCESS)).toBeVisible();
  await annie.goto(portal.url);
  await expectPanels(annie, []);
});

test('Annie, with an account, accepts two invitations under Uitnodigingen and switches clients', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const truus = contexts.truus!.page;
  const gerrit = await newPage(browser, 'gerrit');
  await firstSignIn(gerrit, 'gerrit', 'Gerrit van Dorp');
  await openNetwork(gerrit, 'Gerrit van Dorp');

  // Gerrit invites Annie; Truus invites her again. Her account exists already.
  const before = smtp.mails.length;
  const dialog = await addUser(gerrit, 'annie@example.nl', {
    first: 'Annie',
    last: 'van Dorp',
    relation: 'Dochter',
    mobile: '06 87654321',
  });
  await expect(dialog).toBeHidden();
  const link = await invitationLink('annie@example.nl', before);
  await openNetwork(truus, 'Truus van Dorp');
  await expect(
    await addUser(truus, 'annie@example.nl', {
      first: 'Annie',
      last: 'van Dorp',
      relation: 'Eerste relatie/contactpersoon',
      mobile: '0687654321',
    }),
  ).toBeHidden();

  // Someone already in the network: the server's reason under the e-mail field.
  const self = await addUser(truus, 'truus@example.nl', {
    first: 'Truus',
    last: 'van Dorp',
    relation: 'Cliënt',
    mobile: '0612345678',
  });
  await expect(self.getByText('Iemand met dit e-mailadres hoort al bij het netwerk van de cliënt.')).toBeVisible();
  await self.getByRole('button', { name: 'Annuleren' }).click();

  // Resend and withdraw work on an open invitation (a third one, to someone else).
  await expect(
    await addUser(truus, 'kees@example.nl', {
      first: 'Kees',
      last: 'van Dorp',
      relation: 'Zoon',
      mobile: '0611223355',
    }),
  ).toBeHidden();
  const kees = truus.locator('[data-testid="invitation"][data-email="kees@example.nl"]');
  const sent = smtp.mails.length;
  await kees.getByRole('button', { name: 'Opnieuw versturen' }).click();
  await expect(truus.getByTestId('snackbar')).toContainText('De uitnodiging voor Kees van Dorp is opnieuw verstuurd.');
  await invitationLink('kees@example.nl', sent);
  await kees.getByRole('button', { name: 'Intrekken' }).click();
  await truus.getByRole('dialog', { name: 'Uitnodiging intrekken' }).getByRole('button', { name: 'Ja' }).click();
  await expect(truus.getByTestId('snackbar')).toContainText('De uitnodiging voor Kees van Dorp is ingetrokken.');
  await expect(kees).toHaveCount(0);

  // The link tells Annie to sign in and accept under Uitnodigingen.
  const annie = contexts.annie!.page;
  await contexts.annie!.context.clearCookies();
  await annie.goto(link);
  await expect(annie.getByText('U bent uitgenodigd voor het portaal van Gerrit van Dorp.')).toBeVisible();
  await expect(annie.getByText('Er bestaat al een account met dit e-mailadres.', { exact: false })).toBeVisible();
  await expectAccessible(annie, 'Uitnodiging voor een bestaand account');
  // Someone who shares the address may create an own account instead (in another tab; nothing is submitted).
  const shared = await contexts.annie!.context.newPage();
  await shared.goto(link);
  await shared.getByRole('button', { name: 'Eigen account aanmaken' }).click();
  await expect(shared.getByLabel('Gebruikersnaam')).toBeFocused();
  await expect(shared.getByRole('button', { name: 'Account aanmaken' })).toBeVisible();
  await shared.close();
  await annie.getByRole('link', { name: 'Inloggen', exact: true }).click();
  await signIn(annie, 'annie', PASSWORD.annie);
  await expect(annie.getByRole('heading', { level: 1, name: 'Uitnodigingen' })).toBeVisible();
  await expect(annie.getByTestId('my-invitation')).toHaveCount(2);
  await expectAccessibleAtAllSizes(annie, 'Uitnodigingen', (size) => testInfo.outputPath(`my-invitations-${size}.png`));
  await annie.getByRole('button', { name: 'Uitnodiging voor het portaal van Gerrit van Dorp accepteren' }).click();
  await expect(
    annie.getByText('U heeft de uitnodiging geaccepteerd. U ziet nu het portaal van Gerrit van Dorp.'),
  ).toBeVisible();
  await annie.getByRole('button', { name: 'Uitnodiging voor het portaal van Truus van Dorp accepteren' }).click();
  await expect(annie.getByText('U ziet nu het portaal van Truus van Dorp.', { exact: false })).toBeVisible();
  await expect(annie.getByText('U heeft geen openstaande uitnodigingen.')).toBeVisible();

  // Both clients in the switcher; Truus's portal is shown now; switch to Gerrit and back.
  const switcher = annie.getByRole('button', { name: /Cliënt kiezen/ });
  await expect(switcher).toContainText('Portaal van Truus van Dorp');
  await annie.getByRole('link', { name: 'Terug naar het startscherm' }).click();
  await expectPanels(annie, []);
  await switcher.click();
  const menu = annie.getByRole('menu', { name: 'Cliënt kiezen' });
  await menu.getByRole('menuitemradio', { name: 'Gerrit van Dorp' }).click();
  await expect(switcher).toContainText('Portaal van Gerrit van Dorp');
  await expect(
    annie.getByText('U heeft nog geen toegang tot onderdelen van het portaal van Gerrit van Dorp.', { exact: false }),
  ).toBeVisible();

  // Gerrit gives her Berichten: she sees it in his portal only.
  await gerrit.reload();
  await box(gerrit, 'Berichten', 'Annie van Dorp').check();
  await expect(gerrit.getByTestId('snackbar')).toContainText('Berichten aangezet voor Annie van Dorp.');
  // An end date of access ("Toegang tot"), shown in the grid.
  const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await row(gerrit, 'Annie van Dorp').getByRole('button', { name: 'Annie van Dorp' }).click();
  const annieAtGerrit = gerrit.getByRole('dialog', { name: 'Annie van Dorp' });
  await annieAtGerrit.getByLabel('Toegang tot').fill(until);
  await annieAtGerrit.getByRole('button', { name: 'Einddatum opslaan' }).click();
  await expect(annieAtGerrit.getByText('De einddatum is opgeslagen.')).toBeVisible();
  await annieAtGerrit.getByRole('button', { name: 'Sluiten' }).click();
  const [y, mo, d] = until.split('-').map(Number) as [number, number, number];
  const untilText = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(y, mo - 1, d),
  );
  await expect(row(gerrit, 'Annie van Dorp')).toContainText(`Toegang tot ${untilText}`);

  await annie.reload();
  await expect(switcher).toContainText('Portaal van Gerrit van Dorp');
  await expectPanels(annie, ['Mijn berichten']);
  await switcher.click();
  await menu.getByRole('menuitemradio', { name: 'Truus van Dorp' }).click();
  await expect(switcher).toContainText('Portaal van Truus van Dorp');
  await expectPanels(annie, []);
});
