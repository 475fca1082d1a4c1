import { describe, expect, it } from 'vitest';
import { routeNameForStep, safeRedirect, tokenFromHash } from './auth-flow.ts';
import { RouteName } from '../router/names.ts';

describe('routeNameForStep', () => {
  it('maps every sign-in step to its page', () => {
    const verification = { maskedMobile: '06******78', codeExpiresAt: '', resendAvailableAt: '' };
    expect(routeNameForStep({ next: 'verify-device', verification })).toBe(RouteName.verifyDevice);
    expect(routeNameForStep({ next: 'change-password' })).toBe(RouteName.changePassword);
    expect(
      routeNameForStep({
        next: 'done',
        me: { id: 1, username: 'truus', displayName: 'Truus van Dorp', kind: 'client' },
        session: { idleExpiresAt: '', absoluteExpiresAt: '' },
      }),
    ).toBe(RouteName.home);
  });
});

describe('safeRedirect', () => {
  it('accepts same-origin paths', () => {
    expect(safeRedirect('/dossier')).toBe('/dossier');
    expect(safeRedirect('/berichten?x=1#y')).toBe('/berichten?x=1#y');
  });
  it.each([
    ['//evil.example/x'],
    ['https://evil.example'],
    ['/\\evil.example'],
    ['javascript:alert(1)'],
    [''],
    [undefined],
    [['/dossier']],
    ['/a\nb'],
  ])('refuses %j', (value) => {
    expect(safeRedirect(value)).toBeNull();
  });
  it('refuses sign-in pages', () => {
    expect(safeRedirect('/inloggen?terug=/x', ['/inloggen'])).toBeNull();
  });
});

describe('tokenFromHash', () => {
  const token = 'A'.repeat(22) + '_-' + 'z09'.repeat(6) + 'b';
  it('reads a 43-character base64url token', () => {
    expect(token).toHaveLength(43);
    expect(tokenFromHash(`#token=${token}`)).toBe(token);
    expect(tokenFromHash(`token=${token}`)).toBe(token);
  });
  it('refuses anything else', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=short')).toBeNull();
    expect(tokenFromHash(`#token=${token}x`)).toBeNull();
    expect(tokenFromHash(`#token=${token.slice(0, 42)}+`)).toBeNull();
    expect(tokenFromHash(`#other=${token}`)).toBeNull();
  });
});
