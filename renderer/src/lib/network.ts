// Pure rules of Gebruikersbeheer in the renderer: who sees the menu entry, what a row is called, which boxes can
// change. The server decides in the end (403); these only keep the screen from offering what it would refuse.
import type { ClientAccess } from '../../../shared/api/clients.ts';
import type { NetworkRow } from '../../../shared/api/network.ts';
import { Section, SECTIONS, type Rights } from '../../../shared/sections.ts';

/** The grid's columns in the manual's order: Berichten, Afspraken, Dossier, Gegevens, Instellingen. */
export const GRID_COLUMNS: readonly Section[] = SECTIONS;

/** Does the user get "Gebruikersbeheer" in his menu? The server says so per client (role, right, organisation). */
export function mayManage(client: Pick<ClientAccess, 'mayManage'> | null | undefined): boolean {
  return client?.mayManage === true;
}

/** "Cliënt", "Wettelijk vertegenwoordiger" (i18n keys) or the recorded relation ("Eerste relatie/contactpersoon"). */
export function roleLabel(row: Pick<NetworkRow, 'role' | 'relation'>, t: (key: string) => string): string {
  if (row.role === 'client') return t('network.roles.client');
  if (row.role === 'representative') return t('network.roles.representative');
  return row.relation?.trim() || t('network.roles.contact');
}

/** May this box be changed? Locked rows never; Instellingen of a contact only when the organisation allows it. */
export function canToggle(row: Pick<NetworkRow, 'locked'>, section: Section, settingsDelegable: boolean): boolean {
  if (row.locked) return false;
  return section !== Section.settings || settingsDelegable;
}

/** The row with one right changed (for an optimistic tick, undone when the server refuses). */
export function withRight<T extends { rights: Rights }>(row: T, section: Section, value: boolean): T {
  return { ...row, rights: { ...row.rights, [section]: value } };
}

/** A very light check before the other fields appear; the server checks the address properly. */
export function looksLikeEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());
}

/** The username rules of AcceptNewBody, checked before sending so the message is about the username. */
export function usernameProblem(s: string): 'required' | 'username_too_short' | 'invalid_username' | null {
  const v = s.trim();
  if (v === '') return 'required';
  if (v.length < 3) return 'username_too_short';
  if (v.length > 64 || !/^[a-zA-Z0-9._-]+$/.test(v)) return 'invalid_username';
  return null;
}

/** "2027-03-31" → "31 maart 2027": a calendar date, so formatted in UTC to keep the day whatever the zone. */
export function formatCalendarDate(ymd: string, locale: string): string {
  const d = new Date(`${ymd}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return ymd;
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}
