import { describe, expect, it } from 'vitest';
import { authFixture } from '../test-support/auth-fixture.ts';
import { login } from './sign-in.ts';
import { lockDurationMs } from './throttle.ts';
import { HttpError } from '../http/errors.ts';
import { MINUTE, SECOND } from '../clock.ts';

async function attempt(f: ReturnType<typeof authFixture>, username: string, password: string, ip = '192.0.2.10') {
  try {
    await login(f.deps, { username, password }, f.meta({ ip }));
    return { status: 200 };
  } catch (e) {
    const h = e as HttpError;
    return { status: h.status, code: h.code, retry: h.details?.retryAfterSeconds as number | undefined };
  }
}

describe('login throttling', () => {
  it('doubles the delay after 5 failures, capped at an hour', () => {
    expect([4, 5, 6, 7, 11, 12, 30].map((n) => lockDurationMs(n, 5) / MINUTE)).toEqual([0, 1, 2, 4, 60, 60, 60]);
  });

  it('locks an account after 5 wrong passwords and tells when to retry', async () => {
    const f = authFixture();
    await f.createTruus();
    for (let i = 0; i < 5; i++) expect((await attempt(f, 'truus', 'verkeerd')).code).toBe('invalid_credentials');
    const locked = await attempt(f, 'truus', 'Zonnebloem-Truus-1947');
    expect(locked).toMatchObject({ status: 429, code: 'too_many_attempts', retry: 60 });
    f.clock.advance(30 * SECOND);
    expect((await attempt(f, 'truus', 'Zonnebloem-Truus-1947')).retry).toBe(30);
    f.clock.advance(30 * SECOND);
    expect((await attempt(f, 'truus', 'Zonnebloem-Truus-1947')).status).toBe(200);
  });

  it('treats an unknown username exactly like a known one', async () => {
    const f = authFixture();
    await f.createTruus();
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(await attempt(f, 'truus', 'verkeerd', '192.0.2.1'));
      unknown.push(await attempt(f, 'niemand', 'verkeerd', '192.0.2.2'));
    }
    expect(unknown).toEqual(known);
  });

  it('throttles an address that tries many usernames', async () => {
    const f = authFixture();
    for (let i = 0; i < 20; i++) expect((await attempt(f, `user${i}`, 'x', '198.51.100.7')).status).toBe(401);
    expect((await attempt(f, 'someone-new', 'x', '198.51.100.7')).status).toBe(429);
    expect((await attempt(f, 'someone-new', 'x', '198.51.100.8')).status).toBe(401);
  });
});
