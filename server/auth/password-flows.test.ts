import { describe, expect, it } from 'vitest';
import { authFixture } from '../test-support/auth-fixture.ts';
import { checkResetLink, forgotPassword, resetPassword } from './password-flows.ts';
import { login, verifyDevice } from './sign-in.ts';
import { authenticate } from './sessions.ts';
import { HttpError } from '../http/errors.ts';
import { MINUTE, SECOND } from '../clock.ts';

function mailTokens(f: ReturnType<typeof authFixture>): string[] {
  return (
    f.deps.db.prepare(`SELECT payload FROM outbox WHERE channel = 'mail' ORDER BY id`).all() as { payload: string }[]
  )
    .map((r) => /#token=([A-Za-z0-9_-]{43})/.exec(r.payload)?.[1])
    .filter((t): t is string => !!t);
}

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as HttpError).code;
  }
  return 'ok';
}

describe('Wachtwoord vergeten', () => {
  it('sends a link only when username and e-mail match, answering the same either way', async () => {
    const f = authFixture();
    await f.createTruus();
    forgotPassword(f.deps, { username: 'truus', email: 'andere@example.nl' }, f.meta());
    forgotPassword(f.deps, { username: 'niemand', email: 'truus@example.nl' }, f.meta());
    expect(mailTokens(f)).toHaveLength(0);
    forgotPassword(f.deps, { username: 'TRUUS', email: 'Truus@Example.nl' }, f.meta());
    expect(mailTokens(f)).toHaveLength(1);
  });

  it('a link works 5 minutes', async () => {
    const f = authFixture();
    await f.createTruus();
    forgotPassword(f.deps, { username: 'truus', email: 'truus@example.nl' }, f.meta());
    const [token] = mailTokens(f);
    f.clock.advance(5 * MINUTE - SECOND);
    expect(errorCode(() => checkResetLink(f.deps, token!))).toBe('ok');
    f.clock.advance(SECOND);
    expect(errorCode(() => checkResetLink(f.deps, token!))).toBe('link_expired');
  });

  it('works once, ends all sessions and devices, so the next login needs the SMS', async () => {
    const f = authFixture();
    await f.createTruus();
    const first = await login(f.deps, { username: 'truus', password: 'Zonnebloem-Truus-1947' }, f.meta());
    const signedIn = verifyDevice(f.deps, first.loginToken!, f.smsCodes()[0]!, f.meta());
    forgotPassword(f.deps, { username: 'truus', email: 'truus@example.nl' }, f.meta());
    const [token] = mailTokens(f);
    await resetPassword(f.deps, { token: token!, username: 'truus', newPassword: 'groene-tram-naar-huis' }, f.meta());
    expect(errorCode(() => authenticate(f.deps, signedIn.session!.token, f.meta()))).toBe('unauthenticated');
    expect(errorCode(() => checkResetLink(f.deps, token!))).toBe('link_invalid');
    const again = await login(
      f.deps,
      { username: 'truus', password: 'groene-tram-naar-huis' },
      f.meta({ deviceSecrets: [signedIn.deviceSecret!] }),
    );
    expect(again.step.next).toBe('verify-device');
    const subjects = (
      f.deps.db.prepare(`SELECT payload FROM outbox WHERE channel = 'mail'`).all() as { payload: string }[]
    ).map((r) => JSON.parse(r.payload).subject as string);
    expect(subjects.some((s) => s.startsWith('Uw wachtwoord is gewijzigd'))).toBe(true);
  });

  it('sends at most 3 reset mails an hour', async () => {
    const f = authFixture();
    await f.createTruus();
    for (let i = 0; i < 5; i++) forgotPassword(f.deps, { username: 'truus', email: 'truus@example.nl' }, f.meta());
    expect(mailTokens(f)).toHaveLength(3);
  });
});
