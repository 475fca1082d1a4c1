import { describe, expect, it } from 'vitest';
import { authFixture } from '../test-support/auth-fixture.ts';
import { login, resendCode, verifyDevice, loginState } from './sign-in.ts';
import { authenticate } from './sessions.ts';
import { changePassword } from './password-flows.ts';
import { DAY, MINUTE, SECOND } from '../clock.ts';
import { HttpError } from '../http/errors.ts';

const PASSWORD = 'Zonnebloem-Truus-1947';

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof HttpError) return e.code;
    throw e;
  }
  return 'ok';
}

/** Signs in on a new device through the SMS step; returns the device secret. */
async function signInWithSms(f: ReturnType<typeof authFixture>) {
  const r = await login(f.deps, { username: 'truus', password: PASSWORD }, f.meta());
  expect(r.step.next).toBe('verify-device');
  const done = verifyDevice(f.deps, r.loginToken!, f.smsCodes().at(-1)!, f.meta());
  expect(done.step.next).toBe('done');
  return done;
}

describe('device verification by SMS', () => {
  it('asks for an SMS code at the first login and remembers the device afterwards', async () => {
    const f = authFixture();
    await f.createTruus();
    const first = await signInWithSms(f);
    expect(first.deviceSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await login(
      f.deps,
      { username: 'truus', password: PASSWORD },
      f.meta({ deviceSecrets: [first.deviceSecret!] }),
    );
    expect(again.step.next).toBe('done');
    expect(f.smsCodes()).toHaveLength(1);
  });

  it('asks again on a device it has not seen', async () => {
    const f = authFixture();
    await f.createTruus();
    await signInWithSms(f);
    const other = await login(f.deps, { username: 'truus', password: PASSWORD }, f.meta({ deviceSecrets: [] }));
    expect(other.step.next).toBe('verify-device');
  });

  it('asks again after more than 90 days without login, not at 89 days', async () => {
    const f = authFixture();
    await f.createTruus();
    const { deviceSecret } = await signInWithSms(f);
    f.clock.advance(89 * DAY);
    const at89 = await login(
      f.deps,
      { username: 'truus', password: PASSWORD },
      f.meta({ deviceSecrets: [deviceSecret!] }),
    );
    expect(at89.step.next).toBe('done');
    f.clock.advance(90 * DAY + SECOND);
    const at179 = await login(
      f.deps,
      { username: 'truus', password: PASSWORD },
      f.meta({ deviceSecrets: [deviceSecret!] }),
    );
    expect(at179.step.next).toBe('verify-device');
  });

  it('a code works 5 minutes and only once', async () => {
    const f = authFixture();
    await f.createTruus();
    const r = await login(f.deps, { username: 'truus', password: PASSWORD }, f.meta());
    f.clock.advance(5 * MINUTE);
    expect(await codeOf(() => verifyDevice(f.deps, r.loginToken!, f.smsCodes()[0]!, f.meta()))).toBe('code_expired');

    const r2 = await login(f.deps, { username: 'truus', password: PASSWORD }, f.meta());
    f.clock.advance(5 * MINUTE - SECOND);
    const code = f.smsCodes().at(-1)!;
    expect(verifyDevice(f.deps, r2.loginToken!, code, f.meta()).step.next).toBe('done');
    expect(await codeOf(() => verifyDevice(f.deps, r2.loginToken!, code, f.meta()))).toBe('login_expired');
  });

  it('allows at most 5 tries per code, then refuses even the right one', async () => {
    const f = authFixture();
    await f.createTruus();
    const r = await login(f.deps, { username: 'truus', password: PASSWORD }, f.meta());
    const right = f.smsCodes()[0]!;
    const wrong = right === '000000' ? '111111' : '000000';
    const left: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      try {
        verifyDevice(f.deps, r.loginToken!, wrong, f.meta());
      } catch (e) {
        left.push((e as HttpError).details?.attemptsLeft);
      }
    }
    expect(left).toEqual([4, 3, 2, 1]);
    expect(await codeOf(() => verifyDevice(f.deps, r.loginToken!, wrong, f.meta()))).toBe('code_tries_exceeded');
    expect(await codeOf(() => verifyDevice(f.deps, r.loginToken!, right, f.meta()))).toBe('code_tries_exceeded');
  });

  it('binds a code to its own login attempt', async () => {
    const f = authFixture();
    await f.createTruus();
    const a = await login(f.deps, { username: 'truus', password: PASSWORD }, f.meta());
    f.clock.advance(61 * SECOND);
    const b = await login(f.deps, { username: 'truus', password: PASSWORD }, f.meta());
    const [codeA, codeB] = f.smsCodes();
    if (codeA !== codeB) {
      expect(await codeOf(() => verifyDevice(f.deps, b.loginToken!, codeA!, f.meta()))).toBe('invalid_code');
    }
    expect(verifyDevice(f.deps, a.loginToken!, codeA!, f.meta()).step.next).toBe('done');
  });

  it('resends not sooner than 60 seconds and at most 5 codes an hour', async () => {
    const f = authFixture();
    await f.createTruus();
    const r = await login(f.deps, { username: 'truus', password: PASSWORD }, f.meta());
    expect(await codeOf(() => resendCode(f.deps, r.loginToken!, f.meta()))).toBe('resend_too_soon');
    for (let i = 0; i < 4; i++) {
      f.clock.advance(60 * SECOND);
      resendCode(f.deps, r.loginToken!, f.meta());
    }
    expect(f.smsCodes()).toHaveLength(5);
    f.clock.advance(60 * SECOND);
    expect(await codeOf(() => resendCode(f.deps, r.loginToken!, f.meta()))).toBe('too_many_codes');
    // Only the newest code counts after a resend.
    const codes = f.smsCodes();
    if (codes[0] !== codes[4]) {
      expect(await codeOf(() => verifyDevice(f.deps, r.loginToken!, codes[0]!, f.meta()))).toBe('invalid_code');
    }
    expect(loginState(f.deps, r.loginToken!).next).toBe('verify-device');
  });
});

describe('first login with a temporary password', () => {
  it('goes SMS → Wachtwoord wijzigen → done, and keeps only this device trusted', async () => {
    const f = authFixture();
    await f.createTruus(true);
    const r = await login(f.deps, { username: 'truus', password: PASSWORD }, f.meta());
    const v = verifyDevice(f.deps, r.loginToken!, f.smsCodes()[0]!, f.meta());
    expect(v.step.next).toBe('change-password');
    expect(
      await codeOf(
        changePassword(
          f.deps,
          { loginToken: r.loginToken!, sessionToken: null },
          { currentPassword: PASSWORD, newPassword: 'kort' },
          f.meta(),
        ),
      ),
    ).toBe('weak_password');
    expect(
      await codeOf(
        changePassword(
          f.deps,
          { loginToken: r.loginToken!, sessionToken: null },
          { currentPassword: 'fout-wachtwoord', newPassword: 'blauwe-fiets-regen-7' },
          f.meta(),
        ),
      ),
    ).toBe('wrong_current_password');
    const done = await changePassword(
      f.deps,
      { loginToken: r.loginToken!, sessionToken: null },
      { currentPassword: PASSWORD, newPassword: 'blauwe-fiets-regen-7' },
      f.meta(),
    );
    expect(done.step.next).toBe('done');
    expect(authenticate(f.deps, done.session!.token, f.meta()).user.mustChangePassword).toBe(false);
    const next = await login(
      f.deps,
      { username: 'truus', password: 'blauwe-fiets-regen-7' },
      f.meta({ deviceSecrets: [v.deviceSecret!] }),
    );
    expect(next.step.next).toBe('done');
  });
});

describe('sessions', () => {
  it('end after 30 idle minutes, and after 12 hours whatever the activity', async () => {
    const f = authFixture();
    await f.createTruus();
    const { session } = await signInWithSms(f);
    f.clock.advance(29 * MINUTE);
    authenticate(f.deps, session!.token, f.meta());
    f.clock.advance(29 * MINUTE);
    authenticate(f.deps, session!.token, f.meta());
    f.clock.advance(30 * MINUTE);
    expect(await codeOf(() => authenticate(f.deps, session!.token, f.meta()))).toBe('session_expired');
    expect(await codeOf(() => authenticate(f.deps, session!.token, f.meta()))).toBe('unauthenticated');

    const second = await signInWithSms(f);
    for (let i = 0; i < 48; i++) {
      f.clock.advance(15 * MINUTE);
      if (i < 47) authenticate(f.deps, second.session!.token, f.meta());
    }
    expect(await codeOf(() => authenticate(f.deps, second.session!.token, f.meta()))).toBe('session_expired');
  });
});
