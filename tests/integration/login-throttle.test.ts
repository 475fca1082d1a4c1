// Wrong passwords (DESIGN §7): one answer for unknown user and wrong password, throttling per account and per
// address, and the admin's unlock.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import { SECOND } from '../../server/clock.ts';
import { runAdmin } from '../../server/cli/admin.ts';
import { closeAll, count, login, startTestPortal, type Res } from '../helpers/portal.ts';

afterEach(closeAll);

describe('wrong credentials', () => {
  it('unknown user and wrong password get the same status, body and similar timing (default hasher)', async () => {
    const tp = await startTestPortal({}, { hasher: 'default' });
    await tp.createUser({ username: 'truus' });
    const c = tp.client();
    await login(c, 'niemand-warmup', 'x'); // builds the dummy hash once
    // The fastest of two tries each, so a scheduling hiccup on a busy machine does not decide the comparison.
    const wrongMs: number[] = [];
    const unknownMs: number[] = [];
    const answers: Res[] = [];
    for (let i = 0; i < 2; i++) {
      let t = performance.now();
      answers.push(await login(c, 'truus', 'Verkeerd-Wachtwoord-1'));
      wrongMs.push(performance.now() - t);
      t = performance.now();
      answers.push(await login(c, 'niemand', 'Verkeerd-Wachtwoord-1'));
      unknownMs.push(performance.now() - t);
    }
    const [wrong, unknown] = answers as [Res, Res];
    expect(answers[2]!.json).toEqual(wrong.json);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
    expect(wrong.json.error.code).toBe('invalid_credentials');
    expect(unknown.headers.get('content-length')).toBe(wrong.headers.get('content-length'));
    // Both pay for a real scrypt verification: an unknown user is not answered in a fraction of the time.
    const [w, u] = [Math.min(...wrongMs), Math.min(...unknownMs)];
    expect(u).toBeGreaterThan(w * 0.25);
    expect(w).toBeGreaterThan(u * 0.25);
    expect(c.cookie('cp_login')).toBeUndefined();
  });

  it('locks an account after 5 failures with Retry-After, and lets it in again after the delay', async () => {
    const tp = await startTestPortal();
    const u = await tp.createUser({ username: 'annie' });
    const c = tp.client();
    for (let i = 0; i < 5; i++) expect((await login(c, 'annie', `fout-${i}`)).status).toBe(401);
    // Locked now: even the right password is refused, with the time to wait.
    let res = await login(c, 'annie', u.password);
    expect(res.status).toBe(429);
    expect(res.json.error.code).toBe('too_many_attempts');
    const retry = res.json.error.details.retryAfterSeconds as number;
    expect(retry).toBeGreaterThanOrEqual(55);
    expect(retry).toBeLessThanOrEqual(60);
    expect(res.headers.get('retry-after')).toBe(String(retry));
    // Case and spaces do not make another account key.
    expect((await login(c, ' ANNIE ', u.password)).status).toBe(429);
    // Another user from the same address is not affected (5 < 20 per address).
    const other = await tp.createUser({ username: 'kees' });
    expect((await login(tp.client(), 'kees', other.password)).status).toBe(200);

    tp.advance(30 * SECOND);
    expect((await login(c, 'annie', u.password)).status).toBe(429);
    tp.advance(31 * SECOND);
    res = await login(c, 'annie', u.password);
    expect(res.status).toBe(200);
    expect(res.json.next).toBe('verify-device');
  });

  it('the delay grows after more failures', async () => {
    const tp = await startTestPortal();
    await tp.createUser({ username: 'annie' });
    const c = tp.client();
    for (let i = 0; i < 5; i++) await login(c, 'annie', `fout-${i}`);
    tp.advance(61 * SECOND);
    expect((await login(c, 'annie', 'fout-5')).status).toBe(401);
    const res = await login(c, 'annie', 'fout-6');
    expect(res.status).toBe(429);
    expect(res.json.error.details.retryAfterSeconds).toBeGreaterThan(60);
    expect(res.json.error.details.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it('throttles unknown usernames exactly like real ones', async () => {
    const tp = await startTestPortal();
    await tp.createUser({ username: 'annie' });
    const c = tp.client();
    const real: number[] = [];
    const ghost: number[] = [];
    for (let i = 0; i < 6; i++) real.push((await login(c, 'annie', `fout-${i}`)).status);
    for (let i = 0; i < 6; i++) ghost.push((await login(c, 'spook', `fout-${i}`)).status);
    expect(real).toEqual([401, 401, 401, 401, 401, 429]);
    expect(ghost).toEqual(real);
    const a = await login(c, 'annie', 'x');
    const g = await login(c, 'spook', 'x');
    expect(g.json).toEqual(a.json);
    expect(g.headers.get('retry-after')).toBe(a.headers.get('retry-after'));
  });

  it('throttles an address after 20 failures across usernames', async () => {
    const tp = await startTestPortal();
    const u = await tp.createUser({ username: 'truus' });
    const c = tp.client();
    // 5 usernames × 4 failures: no single account reaches its limit.
    for (let n = 0; n < 5; n++) {
      for (let i = 0; i < 4; i++) expect((await login(c, `gebruiker${n}`, `fout-${i}`)).status).toBe(401);
    }
    const res = await login(c, 'truus', u.password);
    expect(res.status).toBe(429);
    expect(res.json.error.code).toBe('too_many_attempts');
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    tp.advance(61 * SECOND);
    expect((await login(c, 'truus', u.password)).status).toBe(200);
  });

  it('user:unlock (admin CLI) lifts the account lock', async () => {
    const tp = await startTestPortal();
    const u = await tp.createUser({ username: 'annie' });
    const c = tp.client();
    for (let i = 0; i < 5; i++) await login(c, 'annie', `fout-${i}`);
    expect((await login(c, 'annie', u.password)).status).toBe(429);

    const saved = process.env.PORTAL_DATA_DIR;
    process.env.PORTAL_DATA_DIR = tp.dataDir;
    const out: string[] = [];
    try {
      await runAdmin(['user:unlock', '--username', 'annie'], (s) => out.push(s));
    } finally {
      if (saved === undefined) delete process.env.PORTAL_DATA_DIR;
      else process.env.PORTAL_DATA_DIR = saved;
    }
    expect(out.join('\n')).toContain('annie kan weer inloggen');
    expect(count(tp, 'audit_log', "action = 'admin.unlock' AND username = 'annie'")).toBe(1);
    const res = await login(c, 'annie', u.password);
    expect(res.status).toBe(200);
    expect(res.json.next).toBe('verify-device');
  });

  it('a successful login resets the failure count of the account', async () => {
    const tp = await startTestPortal();
    const u = await tp.createUser({ username: 'annie' });
    const c = tp.client();
    for (let i = 0; i < 4; i++) await login(c, 'annie', `fout-${i}`);
    expect((await login(c, 'annie', u.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(c, 'annie', `fout-${i}`)).status).toBe(401);
    expect((await login(c, 'annie', u.password)).status).toBe(200);
    expect((await c.get(ApiPath.loginState)).json.next).toBe('verify-device');
  });
});
