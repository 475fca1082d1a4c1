import { describe, expect, it } from 'vitest';
import { canToggle, formatCalendarDate, looksLikeEmail, roleLabel, usernameProblem } from './network.ts';

const t = (k: string) => k;

describe('Gebruikersbeheer rules in the renderer', () => {
  it('names a row by role, or by the recorded relation for a contact', () => {
    expect(roleLabel({ role: 'client', relation: null }, t)).toBe('network.roles.client');
    expect(roleLabel({ role: 'representative', relation: 'Zoon' }, t)).toBe('network.roles.representative');
    expect(roleLabel({ role: 'contact', relation: 'Eerste relatie/contactpersoon' }, t)).toBe(
      'Eerste relatie/contactpersoon',
    );
    expect(roleLabel({ role: 'contact', relation: ' ' }, t)).toBe('network.roles.contact');
  });

  it('never lets a locked row change, and Instellingen only when delegable', () => {
    expect(canToggle({ locked: true }, 'messages', true)).toBe(false);
    expect(canToggle({ locked: false }, 'messages', false)).toBe(true);
    expect(canToggle({ locked: false }, 'settings', false)).toBe(false);
    expect(canToggle({ locked: false }, 'settings', true)).toBe(true);
  });

  it('checks e-mail and username lightly before sending', () => {
    expect(looksLikeEmail(' annie@example.nl ')).toBe(true);
    expect(looksLikeEmail('annie@')).toBe(false);
    expect(usernameProblem('')).toBe('required');
    expect(usernameProblem('an')).toBe('username_too_short');
    expect(usernameProblem('annie van dorp')).toBe('invalid_username');
    expect(usernameProblem('annie.vandorp')).toBeNull();
  });

  it('formats a last day of access without shifting it by the time zone', () => {
    expect(formatCalendarDate('2027-03-31', 'nl-NL')).toBe('31 maart 2027');
  });
});
